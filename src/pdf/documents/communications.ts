import type { Playbook } from '../../model/playbook.ts';
import { COMMUNICATION_STATUS_LABEL, UNDATED_MESSAGE_LABEL } from '../../model/communication-status.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument } from '../layout/index.ts';
import { adminDocumentOptions, shortDate } from './common.ts';

// admin/communications.pdf: every message of the rollout with its send date, in send order, the
// templates used on demand at the end.

export async function renderCommunications(playbook: Playbook, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, locale } = playbook;
  const doc = await LayoutDocument.create(
    fonts,
    adminDocumentOptions(playbook, { title: 'MFA rollout communications', subject: `Messages of the MFA rollout at ${organisation.name}, with their send dates` }),
  );
  const messages = [...playbook.communications].sort((a, b) => (a.sendDate ?? '9999-99-99').localeCompare(b.sendDate ?? '9999-99-99') || (a.sendDay ?? 0) - (b.sendDay ?? 0));

  doc.paragraph('MFA rollout communications', { size: 20, weight: 'bold', spaceAfter: 2, role: 'H1' });
  doc.paragraph(organisation.name, { size: 12, color: colors.accent, weight: 'bold', spaceAfter: 10 });
  if (messages.length === 0) {
    doc.paragraph('The messages of this rollout have not been written yet.', { color: colors.muted, weight: 'italic' });
    return doc.save();
  }

  doc.heading('Schedule', { anchor: 'schedule' });
  doc.table(
    [
      { header: 'Send date', width: 1.3 },
      { header: 'Message', width: 2.4 },
      { header: 'To', width: 1.6 },
      { header: 'Status', width: 1.6 },
    ],
    messages.map((message) => [
      message.sendDate ? shortDate(message.sendDate, locale) : UNDATED_MESSAGE_LABEL,
      [{ text: message.title, bold: true }],
      message.audienceLabel,
      COMMUNICATION_STATUS_LABEL[message.status],
    ]),
    { zebra: true },
  );
  doc.heading('Messages', { level: 2, bookmark: false });
  doc.contents(
    messages.map((message) => ({ anchor: `message-${message.id}`, title: `${message.sendDate ? shortDate(message.sendDate, locale) : UNDATED_MESSAGE_LABEL} — ${message.title}` })),
    9.5,
  );

  messages.forEach((message) => {
    doc.pageBreak();
    doc.heading(message.title, { anchor: `message-${message.id}` });
    doc.table(
      [
        { header: 'Field', width: 1 },
        { header: 'Value', width: 4 },
      ],
      [
        ['Send', message.sendDate ? `${shortDate(message.sendDate, locale)}${message.sendDay !== null ? ` (day ${message.sendDay})` : ''}` : UNDATED_MESSAGE_LABEL],
        ['Status', [COMMUNICATION_STATUS_LABEL[message.status], message.condition, message.decisionNote].filter(Boolean).join(' — ')],
        ['To', message.audienceLabel],
        ['From', `${message.from.name} <${message.from.email}>`],
        ['Subject', [{ text: message.subject, bold: true }]],
      ],
      { plain: true, size: 9.5 },
    );
    doc.heading('Email', { level: 3, bookmark: false });
    for (const paragraph of message.text.split(/\n{2,}/)) {
      if (paragraph.trim()) doc.paragraph(paragraph.trim(), { size: 10, spaceAfter: 6 });
    }
    if (message.teams.trim()) {
      doc.heading('Teams post', { level: 3, bookmark: false });
      doc.callout(message.teams.trim(), { size: 9.5 });
    }
    if (message.banner.trim()) {
      doc.heading('Intranet banner', { level: 3, bookmark: false });
      doc.callout(message.banner.trim(), { size: 9.5, fill: colors.okLight });
    }
  });
  return doc.save();
}
