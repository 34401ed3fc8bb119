import type { Checklist } from '../../model/content.ts';
import type { Playbook } from '../../model/playbook.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument } from '../layout/index.ts';
import { dateRange, adminDocumentOptions, FieldNames, shortDate } from './common.ts';
import { ownerName } from '../../model/names.ts';

// admin/checklists.pdf: every phase checklist with a real checkbox and an evidence field per item,
// fillable in a browser or in Acrobat. Field names are stable: "<phase>.<item>.done" and
// "<phase>.<item>.evidence", plus "<phase>.signoff.name" / ".date" for each phase.

/** The checklists of the model, or, while they are not written yet, one per phase from the dated tasks. */
export function checklistsOf(playbook: Playbook): Checklist[] {
  if (playbook.checklists.length > 0) return playbook.checklists;
  return playbook.schedule.phases.map((phase) => ({
    id: `checklist-${phase.id}`,
    phase: phase.id,
    title: phase.title,
    items: playbook.schedule.tasks
      .filter((task) => task.phase === phase.id)
      .map((task) => ({ id: task.id, text: `${task.title}. ${task.action}`, owner: task.owner, due: task.date, evidence: task.evidence, pass: '' })),
  }));
}

/** "prepare.break-glass-accounts" in phase "prepare" → "break-glass-accounts". */
export function itemKey(phase: string, itemId: string): string {
  return itemId.startsWith(`${phase}.`) ? itemId.slice(phase.length + 1) : itemId;
}

export async function renderChecklists(playbook: Playbook, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, locale, schedule } = playbook;
  const doc = await LayoutDocument.create(fonts, {
    ...adminDocumentOptions(playbook, { title: 'MFA rollout checklists', subject: `Phase checklists with evidence for the MFA rollout at ${organisation.name}` }),
    fillable: true,
  });
  const checklists = checklistsOf(playbook);
  const names = new FieldNames();

  doc.paragraph('MFA rollout checklists', { size: 20, weight: 'bold', spaceAfter: 2, role: 'H1' });
  doc.paragraph(organisation.name, { size: 12, color: colors.accent, weight: 'bold', spaceAfter: 8 });
  doc.paragraph(
    'Tick each item when it is done and note where the evidence is kept (a file name, a ticket or a link). The fields can be filled in a browser or in Acrobat and saved; a printed copy works with a pen. The person responsible for the phase signs it off at the end.',
    { size: 9.5, color: colors.muted },
  );
  const phaseTitle = new Map(schedule.phases.map((phase) => [phase.id, phase]));
  doc.contents(
    checklists.map((checklist) => ({ anchor: checklist.id, title: checklistHeading(checklist, phaseTitle.get(checklist.phase), locale) })),
    9.5,
  );

  for (const checklist of checklists) {
    const phase = phaseTitle.get(checklist.phase);
    doc.heading(checklistHeading(checklist, phase, locale), { anchor: checklist.id, outlineTitle: checklist.title });
    if (checklist.items.length === 0) {
      doc.paragraph('No items in this checklist.', { color: colors.muted, weight: 'italic' });
      continue;
    }
    for (const item of checklist.items) {
      const key = itemKey(checklist.phase, item.id);
      const doneName = names.take(checklist.phase, key, 'done');
      const evidenceName = names.take(checklist.phase, key, 'evidence');
      const textX = doc.left + 22;
      const textWidth = doc.contentWidth - 22;
      const meta = `Due ${shortDate(item.due, locale)} · ${ownerName(playbook.people, item.owner)}`;
      // Measure first, then draw the whole item as one block so it never splits across pages.
      const measure = doc.canvas();
      const textHeight = measure.wrapHeight([{ text: item.text, bold: true }], textWidth, 9.5, 13);
      const passHeight = item.pass ? measure.wrapHeight(`Pass: ${item.pass}`, textWidth, 8.5, 11.5) : 0;
      const evidenceHint = item.evidence ? measure.wrapHeight(`Evidence: ${item.evidence}`, textWidth, 8.5, 11.5) : 0;
      const fieldHeight = 30;
      const height = textHeight + 14 + passHeight + evidenceHint + fieldHeight + 6;
      doc.block(
        height,
        (canvas, top) => {
          canvas.checkbox(doneName, `Done: ${item.text}`, doc.left + 2, top - 14, 12);
          let y = top;
          y -= canvas.textBox([{ text: item.text, bold: true }], textX, y, textWidth, { size: 9.5, lineHeight: 13 });
          canvas.text(meta, textX, y - 10, { size: 8.5, color: colors.accent });
          y -= 14;
          if (item.pass) y -= canvas.textBox([{ text: 'Pass: ', bold: true }, { text: item.pass }], textX, y, textWidth, { size: 8.5, lineHeight: 11.5, color: colors.muted });
          if (item.evidence)
            y -= canvas.textBox([{ text: 'Evidence: ', bold: true }, { text: item.evidence }], textX, y, textWidth, { size: 8.5, lineHeight: 11.5, color: colors.muted });
          canvas.textField(evidenceName, `Where the evidence is kept: ${item.text}`, textX, y - fieldHeight + 2, textWidth, fieldHeight - 4, { multiline: true, fontSize: 9 });
          canvas.line(doc.left, top - height - 3, doc.right, top - height - 3, { color: colors.rule, width: 0.4 });
        },
        8,
      );
    }
    // Sign-off of the phase.
    const signName = names.take(checklist.phase, 'signoff', 'name');
    const signDate = names.take(checklist.phase, 'signoff', 'date');
    doc.block(
      44,
      (canvas, top) => {
        canvas.text(`${checklist.title}: checked and complete`, doc.left, top - 10, { size: 9.5, weight: 'bold' });
        const nameWidth = doc.contentWidth * 0.6;
        canvas.text('Name', doc.left, top - 22, { size: 8, color: colors.muted });
        canvas.textField(signName, `${checklist.title}: name of the person signing off`, doc.left, top - 44, nameWidth, 20);
        canvas.text('Date', doc.left + nameWidth + 10, top - 22, { size: 8, color: colors.muted });
        canvas.textField(signDate, `${checklist.title}: date of sign-off`, doc.left + nameWidth + 10, top - 44, doc.contentWidth - nameWidth - 10, 20);
      },
      12,
    );
  }
  return doc.save();
}

function checklistHeading(checklist: Checklist, phase: { title: string; startDate: string; endDate: string } | undefined, locale: string): string {
  return phase ? `${checklist.title} — ${dateRange(phase.startDate, phase.endDate, locale)}` : checklist.title;
}
