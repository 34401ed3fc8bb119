import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { emailDrafts } from './paths.ts';
import { languageFolder } from '../i18n/languages.ts';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Communication } from '../model/content.ts';
import type { Playbook } from '../model/playbook.ts';

// Email drafts (admin/emails/<id>.eml): one MIME message per communication, multipart/alternative with the plain
// text and HTML bodies, built by nodemailer's MailComposer. `X-Unsent: 1` makes Outlook open the file as a draft
// ready to address and send. The Date header is the intended send date (never the clock), the Message-ID is derived
// from the tenant and the message id, and the MIME boundaries are derived from the content: the same input gives
// the same bytes.

export { EMAILS_DIR } from './paths.ts';

/** Local time written in the Date header of each draft (the send date has no time of its own). */
export const DRAFT_SEND_TIME = '09:00';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 5322 date-time for a local date and time in an IANA time zone, with that zone's offset on that day. */
export function rfc5322Date(isoDate: string, time: string, timeZone: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`;
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  return `${weekday}, ${String(day).padStart(2, '0')} ${MONTHS[month - 1]!} ${year} ${time}:00 ${offset}`;
}

export function messageIdFor(slug: string, id: string): string {
  return `<${id}@${slug}.mfa-playbook>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function htmlDocument(message: Communication, locale: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(message.subject)}</title>`,
    '</head>',
    '<body>',
    message.html,
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

function sendLabel(message: Communication): string {
  return message.sendDate ?? 'on demand';
}

/**
 * The MIME bytes of one draft: the message as sent, or (`language`) one staff language's own version of it when each
 * language gets its own message.
 */
export async function renderEmailDraft(playbook: Playbook, sent: Communication, language: string | null = null): Promise<Uint8Array> {
  const { organisation, timeZone } = playbook;
  const version = language === null ? null : sent.languages?.find((entry) => entry.language === language);
  if (language !== null && !version) throw new Error(`The message "${sent.id}" has no ${language} version`);
  const message: Communication = version ? { ...sent, ...version } : sent;
  const html = htmlDocument(message, message.language);
  const boundary = createHash('sha256')
    .update(JSON.stringify([organisation.slug, message.id, message.subject, message.text, html]))
    .digest('hex')
    .slice(0, 24);
  const headers: Record<string, string> = {
    'X-Unsent': '1',
    'X-MFA-Playbook-Send-Date': sendLabel(message),
    'X-MFA-Playbook-Status': message.status,
    'X-MFA-Playbook-Audience': message.audienceLabel,
  };
  if (message.condition) headers['X-MFA-Playbook-Condition'] = message.condition;
  const composer = new MailComposer({
    from: { name: message.from.name, address: message.from.email },
    subject: message.subject,
    // A template without a send date carries the plan date; its X-MFA-Playbook-Send-Date says "on demand".
    date: rfc5322Date(message.sendDate ?? playbook.meta.asOf, DRAFT_SEND_TIME, timeZone),
    messageId: messageIdFor(organisation.slug, version ? `${message.id}.${languageFolder(version.language)}` : message.id),
    text: message.text,
    html,
    headers,
    baseBoundary: boundary,
    newline: 'win',
  });
  const bytes = await composer.compile().build();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** admin/emails/<id>.eml (admin/emails/<language>/<id>.eml per staff language) for every communication, in the model's order. */
export async function renderEmailDrafts(playbook: Playbook): Promise<{ path: string; bytes: Uint8Array }[]> {
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const message of playbook.communications) {
    for (const draft of emailDrafts(playbook, message)) files.push({ path: draft.path, bytes: await renderEmailDraft(playbook, message, draft.language) });
  }
  return files;
}
