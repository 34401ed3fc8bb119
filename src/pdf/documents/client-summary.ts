import type { Playbook } from '../../model/playbook.ts';
import { rateAgainstTarget, RISK_LABELS, tenantStanding } from '../../model/portfolio.ts';
import { milestoneList } from '../../model/schedule.ts';
import { planItemState } from '../../model/state.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline } from '../layout/index.ts';
import { documentOptions, longDate, personLabel, shortDate } from './common.ts';
import { OWNER_ROLE_LABEL } from '../../model/names.ts';

// clients/<slug>-summary.pdf: one to two pages a provider sends to the client's management: where the
// rollout stands on the plan date, the key dates, what is late and what is asked of them. Every figure and
// state comes from the model (tenantStanding, planItemState); this module only lays them out.

export const CLIENT_SUMMARY_LABEL = 'Confidential — management';

export async function renderClientSummary(playbook: Playbook, today: string, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, locale, schedule, people } = playbook;
  const standing = tenantStanding(playbook, today);
  const doc = await LayoutDocument.create(
    fonts,
    documentOptions({
      title: 'MFA rollout summary',
      subject: `Where the MFA rollout of ${organisation.name} stands on ${today}: key dates, what is late and what is asked of management`,
      organisation: organisation.name,
      author: personLabel(people.itLead),
      locale,
      pageSize: playbook.pageSize,
      planDate: today,
      planVersion: playbook.meta.planVersion,
      label: CLIENT_SUMMARY_LABEL,
      shortTitle: 'MFA rollout summary',
      compact: true,
    }),
  );

  doc.paragraph('MFA rollout summary', { size: 12, color: colors.accent, weight: 'bold', spaceAfter: 2 });
  doc.paragraph(organisation.name, { size: 20, weight: 'bold', spaceAfter: 4, role: 'H1' });
  doc.paragraph(`On ${longDate(today, locale)}. Plan version ${playbook.meta.planVersion}, prepared by ${personLabel(people.itLead)}.`, { size: 9.5, color: colors.muted });

  doc.heading('Where it stands');
  const enforcement = schedule.milestones.enforcement;
  const countdown =
    standing.daysToEnforcement > 0 ? `in ${standing.daysToEnforcement} days` : standing.daysToEnforcement === 0 ? 'today' : `${-standing.daysToEnforcement} days ago`;
  doc.table(
    [
      { header: 'Item', width: 1.5 },
      { header: 'Value', width: 4 },
    ],
    [
      ['Phase', standing.phase],
      ['Enforcement', `${longDate(standing.enforcementDate, locale)} at ${enforcement.time} (${countdown})`],
      ['Registration', `${rateAgainstTarget(standing)}${standing.rate ? `, measured ${shortDate(standing.rate.date, locale)}` : ''}`],
      ['Risk', [{ text: RISK_LABELS[standing.risk.level], bold: true }, { text: standing.risk.reasons.length > 0 ? ` — ${standing.risk.reasons.join('; ')}` : ' — on track' }]],
      ['Exemptions and exceptions', `${standing.openEntries} in force, ${standing.reviewsDue.length} due for review, ${standing.expired.length} expired`],
    ],
    { plain: true, size: 9.5 },
  );

  doc.heading('Key dates');
  doc.table(
    [
      { header: 'Date', width: 1.3 },
      { header: 'Milestone', width: 3 },
      { header: 'State', width: 1.3 },
    ],
    milestoneList(schedule.milestones)
      .sort((a, b) => a.date.localeCompare(b.date) || a.day - b.day)
      .map((milestone) => [shortDate(milestone.date, locale), milestone.title, planItemState(milestone, today).label]),
    { size: 9, zebra: true },
  );

  doc.heading('Late or due for review');
  const late: Inline[] = [
    ...standing.overdueChecks.map((check): Inline => `${check.text} (due ${shortDate(check.due, locale)}, ${check.state.label.toLowerCase()})`),
    ...[...standing.expired, ...standing.reviewsDue].map((entry): Inline => `${entry.item}, owner ${entry.owner}: ${entry.label.toLowerCase()}`),
  ];
  if (late.length === 0) doc.paragraph('Nothing is late and no review is due.', { color: colors.muted });
  else doc.list(late, { size: 9 });

  doc.heading('Asked of management');
  const asked = schedule.tasks
    .filter((task) => (task.owner === 'approver' || task.owner === 'sponsor') && (task.repeatsUntil ?? task.date) >= today)
    .sort((a, b) => a.date.localeCompare(b.date));
  if (asked.length === 0) doc.paragraph('Nothing more is asked of the approver or the sponsor in this plan.', { color: colors.muted });
  else
    doc.list(
      asked.map((task): Inline => [{ text: `${shortDate(task.date, locale)}, ${OWNER_ROLE_LABEL[task.owner]} (${task.ownerName}): `, bold: true }, { text: task.title }]),
      { size: 9 },
    );
  doc.paragraph(`Questions: ${personLabel(people.itLead)}, ${people.itLead.email}.`, { size: 9, color: colors.muted });
  return doc.save();
}
