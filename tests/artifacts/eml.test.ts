import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageIdFor, renderEmailDraft, renderEmailDrafts, rfc5322Date } from '../../src/artifacts/eml.ts';
import { communicationIds, type Communication } from '../../src/model/content.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { communication, decode } from './helpers.ts';

const example = examplePlaybook();
const hostile = hostilePlaybook();

async function parse(bytes: Uint8Array): Promise<ParsedMail> {
  return simpleParser(Buffer.from(bytes));
}

/**
 * RFC 2047 decoding of a custom header, which mailparser leaves encoded (it decodes the headers it knows).
 * UTF-8 Q and B words only: what nodemailer writes.
 */
function decodeWords(value: string): string {
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = () => {
    if (bytes.length) out.push(new TextDecoder().decode(new Uint8Array(bytes.splice(0))));
  };
  const pattern = /=\?UTF-8\?([QB])\?([^?]*)\?=|([^=]+|=)/gi;
  for (const match of value.matchAll(pattern)) {
    if (match[1]?.toUpperCase() === 'Q') {
      const text = match[2]!.replace(/_/g, ' ');
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '=') {
          bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(text.charCodeAt(i));
      }
    } else if (match[1]?.toUpperCase() === 'B') {
      bytes.push(...Buffer.from(match[2]!, 'base64'));
    } else if (!/^\s+$/.test(match[3]!) || bytes.length === 0) {
      flush();
      out.push(match[3]!);
    }
  }
  flush();
  return out.join('');
}

/** The headers of the top-level part only (before the first blank line). */
function topHeaders(raw: string): string {
  return raw.slice(0, raw.indexOf('\r\n\r\n'));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('an email draft', () => {
  const message = communication();

  it('is a multipart/alternative MIME message with the text and HTML bodies, subject and sender', async () => {
    const bytes = await renderEmailDraft(example, message);
    const raw = decode(bytes);
    expect(topHeaders(raw)).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    expect(raw.includes('\r\n')).toBe(true);
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/\n/);

    const mail = await parse(bytes);
    expect(mail.subject).toBe(message.subject);
    expect(mail.text!.trimEnd()).toBe(message.text);
    expect(mail.html).toContain(message.html);
    expect(mail.html).toContain(`<title>${message.subject}</title>`);
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.from!.value).toEqual([{ name: message.from.name, address: message.from.email }]);
    expect(mail.to).toBeUndefined();
    expect(mail.attachments).toEqual([]);
  });

  it('is marked unsent so Outlook opens it as a draft', async () => {
    const mail = await parse(await renderEmailDraft(example, message));
    expect(mail.headers.get('x-unsent')).toBe('1');
  });

  it('is dated on the intended send date in the tenant time zone, with the plan metadata', async () => {
    const mail = await parse(await renderEmailDraft(example, message));
    // 09:00 in London in January is 09:00 UTC.
    expect(mail.date!.toISOString()).toBe('2027-01-13T09:00:00.000Z');
    expect(mail.headers.get('x-mfa-playbook-send-date')).toBe('2027-01-13');
    expect(mail.headers.get('x-mfa-playbook-status')).toBe('scheduled');
    expect(mail.headers.get('x-mfa-playbook-audience')).toBe('All staff');
    expect(mail.messageId).toBe(messageIdFor(example.organisation.slug, 'announcement'));
    expect(mail.messageId).toBe('<announcement@northgate-engineering-ltd.mfa-playbook>');
  });

  it('writes the local offset of the send day, summer time included', () => {
    expect(rfc5322Date('2027-01-13', '09:00', 'Europe/London')).toBe('Wed, 13 Jan 2027 09:00:00 +0000');
    expect(rfc5322Date('2027-07-01', '09:00', 'Europe/London')).toBe('Thu, 01 Jul 2027 09:00:00 +0100');
    expect(rfc5322Date('2027-03-31', '09:00', 'Europe/Zurich')).toBe('Wed, 31 Mar 2027 09:00:00 +0200');
    expect(rfc5322Date('2027-01-04', '09:00', 'America/New_York')).toBe('Mon, 04 Jan 2027 09:00:00 -0500');
    expect(rfc5322Date('2027-01-04', '09:00', 'Asia/Kolkata')).toBe('Mon, 04 Jan 2027 09:00:00 +0530');
  });

  it('carries the plan date for a template without a send date, and says it is sent on demand', async () => {
    const template = communication({ id: 'no-smartphone', sendDate: null, sendDay: null, status: 'conditional', condition: 'When someone has no smartphone' });
    const mail = await parse(await renderEmailDraft(example, template));
    expect(mail.date!.toISOString()).toBe(`${example.meta.asOf}T09:00:00.000Z`);
    expect(mail.headers.get('x-mfa-playbook-send-date')).toBe('on demand');
    expect(mail.headers.get('x-mfa-playbook-status')).toBe('conditional');
    expect(mail.headers.get('x-mfa-playbook-condition')).toBe('When someone has no smartphone');
  });

  it('is byte-identical from one build to the next, whatever the clock', async () => {
    const first = decode(await renderEmailDraft(example, message));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2033-05-05T05:05:05Z'));
    const second = decode(await renderEmailDraft(examplePlaybook(), message));
    vi.useRealTimers();
    expect(second).toBe(first);
    expect(first).not.toContain('2033');
    // The boundaries depend on the content, so two different messages do not share them.
    const other = decode(await renderEmailDraft(example, communication({ id: 'reminder', subject: 'Reminder' })));
    const boundary = (raw: string) => /boundary="([^"]+)"/.exec(raw)![1];
    expect(boundary(other)).not.toBe(boundary(first));
  });

  it('keeps hostile text intact and encoded', async () => {
    const nasty = communication({
      subject: `Sign-in change at ${hostile.organisation.name}: set it up by 23 March; it takes 5 minutes — really`,
      from: { name: hostile.people.itLead.name + ', IT', email: hostile.people.itLead.email },
      audienceLabel: 'Alle Mitarbeitenden & "Partner" <alle>',
      text: `Grüezi ${hostile.organisation.name}\n\nLine two with a lone dot:\n.\nEnd with =3D and ünïcödé.`,
      html: '<p>Grüezi &lt;script&gt;alert(1)&lt;/script&gt; &amp; "Sons"</p>',
    });
    const bytes = await renderEmailDraft(hostile, nasty);
    const raw = decode(bytes);
    // Headers are 7-bit: non-ASCII words are encoded (RFC 2047).
    expect(topHeaders(raw)).not.toMatch(/[^\x00-\x7f]/);
    const mail = await parse(bytes);
    // The HTML part holds the already-escaped fragment and an escaped title; no live markup comes from a name.
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt;');
    expect(mail.subject).toBe(nasty.subject);
    expect(mail.text!.trimEnd()).toBe(nasty.text);
    expect(mail.html).toContain(nasty.html);
    expect(mail.from!.value).toEqual([{ name: nasty.from.name, address: nasty.from.email }]);
    expect(decodeWords(String(mail.headers.get('x-mfa-playbook-audience')))).toBe(nasty.audienceLabel);
    expect(mail.date!.toISOString()).toBe('2027-01-13T08:00:00.000Z');
  });
});

describe('the drafts of a playbook', () => {
  function withMessages(playbook: Playbook, messages: Communication[]): Playbook {
    return { ...playbook, communications: messages };
  }

  it('are admin/emails/<id>.eml, one per communication, whose content matches the model', async () => {
    const messages = communicationIds.map((id, index) =>
      communication({
        id,
        subject: `Subject ${index}: ${id}`,
        text: `Body of ${id}`,
        html: `<p>Body of ${id}</p>`,
        sendDate: index % 3 === 0 ? null : `2027-01-${String(11 + index).padStart(2, '0')}`,
      }),
    );
    const files = await renderEmailDrafts(withMessages(example, messages));
    expect(files.map((file) => file.path)).toEqual(communicationIds.map((id) => `admin/emails/${id}.eml`));
    for (const [index, file] of files.entries()) {
      const mail = await parse(file.bytes);
      expect(mail.subject).toBe(messages[index]!.subject);
      expect(mail.text!.trimEnd()).toBe(messages[index]!.text);
      expect(mail.headers.get('x-unsent')).toBe('1');
    }
  });

  it('cover every communication of the example model, with its subject, bodies and send date', async () => {
    const files = await renderEmailDrafts(example);
    expect(files.map((file) => file.path)).toEqual(example.communications.map((message) => `admin/emails/${message.id}.eml`));
    for (const [index, file] of files.entries()) {
      const message = example.communications[index]!;
      const mail = await parse(file.bytes);
      expect(mail.subject).toBe(message.subject);
      expect(mail.text!.trimEnd()).toBe(message.text.trimEnd());
      expect(mail.html).toContain(message.html);
      expect(mail.headers.get('x-unsent')).toBe('1');
      expect(mail.headers.get('x-mfa-playbook-send-date')).toBe(message.sendDate ?? 'on demand');
      if (message.sendDate) expect(rfc5322Date(message.sendDate, '09:00', example.timeZone)).toContain(message.sendDate.slice(0, 4));
    }
  });
});
