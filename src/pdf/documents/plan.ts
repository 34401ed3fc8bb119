import { COMMUNICATION_STATUS_LABEL, UNDATED_MESSAGE_LABEL } from '../../model/communication-status.ts';
import type { Playbook } from '../../model/playbook.ts';
import { METHOD_DESCRIPTION, OWNER_ROLE_LABEL, ownerName } from '../../model/names.ts';
import { APPROVAL_CHOICES, RISK_LEVEL_LABEL } from '../../model/sign-off.ts';
import { milestoneList } from '../../model/schedule.ts';
import { entriesToAct, EXCEPTION_KIND_LABELS, riskRegister, type RegisterEntry } from '../../model/register.ts';
import { countWord } from '../../shared/format.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline } from '../layout/index.ts';
import { nowrap, dateRange, adminDocumentOptions, FieldNames, longDate, percent, personLabel, shortDate } from './common.ts';
import { choiceRow, labelledField } from './form-blocks.ts';
import { renderProgress } from './progress.ts';
import { drawTimeline } from './timeline.ts';
import { renderWaves } from './waves.ts';
import { renderVersionHistory } from './revisions.ts';

// admin/plan.pdf: the plan the manager reads, approves and signs.

const SECTIONS = [
  { anchor: 'summary', title: 'Executive summary' },
  { anchor: 'timeline', title: 'Timeline' },
  { anchor: 'phases', title: 'Phases and tasks' },
  { anchor: 'communications', title: 'Communications schedule' },
  { anchor: 'risks', title: 'Risks and mitigations' },
  { anchor: 'success', title: 'Success criteria' },
  { anchor: 'exceptions', title: 'Exceptions and decisions' },
  { anchor: 'sources', title: 'Sources' },
  { anchor: 'signoff', title: 'Approval and sign-off' },
] as const;

type SectionAnchor = (typeof SECTIONS)[number]['anchor'] | 'progress' | 'waves';

/** The plan's sections in order: with evidence, "Progress" follows the executive summary. */
function sectionsFor(playbook: Playbook): { anchor: SectionAnchor; title: string }[] {
  const sections: { anchor: SectionAnchor; title: string }[] = [...SECTIONS];
  if (playbook.evidence !== null) sections.splice(1, 0, { anchor: 'progress', title: 'Progress' });
  // A plan in waves: the waves and the helpdesk forecast follow the timeline.
  if (playbook.waves) sections.splice(sections.findIndex((section) => section.anchor === 'timeline') + 1, 0, { anchor: 'waves', title: 'Waves and helpdesk forecast' });
  return sections;
}

export function currentState(playbook: Playbook): string {
  if (playbook.current.securityDefaults) return 'security defaults';
  if (playbook.current.perUserMfa) return 'per-user MFA';
  return 'no organisation-wide MFA';
}

export async function renderPlan(playbook: Playbook, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, schedule, locale, people } = playbook;
  const doc = await LayoutDocument.create(fonts, {
    ...adminDocumentOptions(playbook, {
      title: 'MFA rollout plan',
      subject: `Multifactor authentication rollout for ${organisation.name}: timeline, tasks, communications, risks, success criteria and sign-off`,
    }),
    fillable: true,
  });
  const enforcementTime = schedule.milestones.enforcement.time;
  const sections = sectionsFor(playbook);
  const n = (anchor: SectionAnchor) => sections.findIndex((section) => section.anchor === anchor) + 1;

  // ---- cover -------------------------------------------------------------------------------
  doc.spacer(36);
  doc.paragraph('MFA rollout plan', { size: 13, color: colors.accent, weight: 'bold', spaceAfter: 4 });
  doc.paragraph(organisation.name, { size: 24, weight: 'bold', spaceAfter: 8, role: 'H1' });
  doc.paragraph(
    `Multifactor authentication required by Conditional Access for all ${organisation.userCount} users, replacing ${currentState(playbook)}. For approval by ${personLabel(people.approver)}.`,
    { size: 11, color: colors.muted, spaceAfter: 16 },
  );
  doc.table(
    [
      { header: 'Item', width: 1.3 },
      { header: 'Value', width: 3 },
    ],
    [
      ['Plan date', longDate(playbook.meta.planVersionDate, locale)],
      ['Plan version', playbook.meta.planVersion],
      ['Prepared by', personLabel(people.itLead)],
      ['Approver', personLabel(people.approver)],
      ['Sponsor', personLabel(people.sponsor)],
      ['Start', longDate(schedule.startDate, locale)],
      ['Enforcement', [{ text: `${longDate(schedule.enforcementDate, locale)} at ${enforcementTime}`, bold: true }]],
      ['Finish', longDate(schedule.endDate, locale)],
    ],
    { plain: true, size: 10, spaceAfter: 22 },
  );
  doc.heading('Contents', { level: 2, bookmark: false });
  doc.contents(sections.map((section, index) => ({ anchor: section.anchor, title: `${index + 1}. ${section.title}` })));
  doc.pageBreak();

  // ---- 1. summary ------------------------------------------------------------------------
  doc.heading(`${n('summary')}. Executive summary`, { anchor: 'summary', outlineTitle: 'Executive summary' });
  const rate = playbook.current.registrationRate;
  doc.paragraph(
    `${organisation.name} will require multifactor authentication (MFA) of every user signing in to Microsoft 365, through a Conditional Access policy. People are asked for the second check now and then (on a new device, in a new session, after a while), not at every sign-in. ` +
      `Today the organisation relies on ${currentState(playbook)}${rate !== null ? `, and the configuration gives ${percent(rate)} of users as already registered (the date of that count is not recorded)` : ''}. ` +
      `The rollout runs from ${longDate(schedule.startDate, locale)} to ${longDate(schedule.endDate, locale)} in five phases.`,
  );
  doc.paragraph([
    { text: 'Enforcement: ' },
    { text: `${longDate(schedule.enforcementDate, locale)} at ${enforcementTime}`, bold: true },
    {
      text: `. From then on every account needs MFA to sign in. Staff use ${METHOD_DESCRIPTION[playbook.method]}. The registration window closes on ${shortDate(schedule.registrationDeadline, locale)}; the target is ${playbook.thresholds.targetRate}% registered by then, with a reminder if fewer than ${playbook.thresholds.reminderBelowRate}% have registered by day ${playbook.thresholds.reminderDay}. Enforcement does not wait for the last few: they register at their next sign-in, in about five minutes.`,
    },
  ]);
  doc.paragraph(
    `${countWord(playbook.breakGlass.accounts.length, { capital: true })} emergency access accounts stay outside the policy so that a mistake cannot lock every administrator out; they are protected with security keys and watched by an alert. The helpdesk (${nowrap(playbook.helpdesk.phone)}) is briefed before enforcement and the first 48 hours are watched closely.`,
  );
  const backOut = schedule.tasks.find((task) => task.id === 'enforce.back-out');
  if (backOut) {
    doc.heading('Back-out plan', { level: 3 });
    doc.paragraph(backOut.action);
  }
  const approverTasks = schedule.tasks.filter((task) => task.owner === 'approver' || task.owner === 'sponsor');
  if (approverTasks.length > 0) {
    doc.heading('What the approver is asked to do', { level: 3 });
    doc.list(approverTasks.map((task): Inline => [{ text: `${shortDate(task.date, locale)}: `, bold: true }, { text: `${task.title}. ${task.action}` }]));
  }
  doc.heading('Key dates', { level: 2 });
  doc.table(
    [
      { header: 'Date', width: 1.25 },
      { header: 'Milestone', width: 1.6 },
      { header: 'What happens', width: 3.4 },
    ],
    milestoneList(schedule.milestones)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((milestone) => [
        `${shortDate(milestone.date, locale)}${milestone.time ? ` ${milestone.time}` : ''}`,
        [{ text: milestone.title, bold: milestone.id === 'enforcement' }],
        milestone.description,
      ]),
    { zebra: true },
  );
  if (schedule.moves.length > 0) {
    doc.heading('Dates moved by the calendar', { level: 3 });
    doc.list(schedule.moves.map((move) => `${move.subject}: moved from ${shortDate(move.from, locale)} to ${shortDate(move.to, locale)}. ${move.reasons.join(' ')}`));
  }
  if (playbook.history) renderVersionHistory(doc, playbook, playbook.history);
  if (playbook.warnings.length > 0) {
    doc.callout(`Notes from the configuration: ${playbook.warnings.map((warning) => `${warning.path}: ${warning.message}`).join(' · ')}`, {
      fill: colors.warnLight,
      border: colors.warn,
    });
  }

  // ---- progress (only with evidence) --------------------------------------------------------
  if (playbook.evidence !== null) renderProgress(doc, playbook, playbook.evidence, n('progress'));

  // ---- 2. timeline -------------------------------------------------------------------------
  doc.heading(`${n('timeline')}. Timeline`, { anchor: 'timeline', outlineTitle: 'Timeline' });
  doc.paragraph(
    `Working days only: weekends and public holidays of the organisation's calendar are skipped. ${schedule.closedDays.length > 0 ? `Closed days inside the plan: ${schedule.closedDays.map((day) => `${shortDate(day.date, locale)} (${day.name})`).join(', ')}.` : ''}`,
    { size: 9, color: colors.muted },
  );
  drawTimeline(doc, playbook);

  // ---- waves (only for a plan in waves) ---------------------------------------------------
  if (playbook.waves) renderWaves(doc, playbook.waves, locale, n('waves'));

  // ---- 3. phases -------------------------------------------------------------------------
  doc.heading(`${n('phases')}. Phases and tasks`, { anchor: 'phases', outlineTitle: 'Phases and tasks' });
  doc.paragraph('Every task has a date and an owner. The evidence column says what to keep as proof that the task was done.', { size: 9, color: colors.muted });
  schedule.phases.forEach((phase, index) => {
    doc.heading(`${n('phases')}.${index + 1} ${phase.title} — ${dateRange(phase.startDate, phase.endDate, locale)}`, {
      level: 2,
      outlineTitle: `${phase.title} (${dateRange(phase.startDate, phase.endDate, locale)})`,
    });
    doc.paragraph(`${phase.summary} ${phase.workingDays} working day${phase.workingDays === 1 ? '' : 's'}.`);
    const tasks = schedule.tasks.filter((task) => task.phase === phase.id);
    doc.table(
      [
        { header: 'Date', width: 1.15 },
        { header: 'Task', width: 4.2 },
        { header: 'Owner', width: 1.3 },
        { header: 'Evidence', width: 2.4 },
      ],
      tasks.map((task) => [
        task.repeatsUntil ? `${shortDate(task.date, locale)}, daily until ${shortDate(task.repeatsUntil, locale)}` : shortDate(task.date, locale),
        [{ text: task.title, bold: true }, { text: `\n${task.action}` }],
        task.ownerName === OWNER_ROLE_LABEL[task.owner] ? task.ownerName : `${task.ownerName}\n${OWNER_ROLE_LABEL[task.owner]}`,
        task.evidence,
      ]),
      { empty: 'No tasks in this phase.', zebra: true },
    );
  });

  // ---- 4. communications -----------------------------------------------------------------
  doc.heading(`${n('communications')}. Communications schedule`, { anchor: 'communications', outlineTitle: 'Communications schedule' });
  const messages = [...playbook.communications].sort((a, b) => (a.sendDate ?? '9999').localeCompare(b.sendDate ?? '9999'));
  doc.table(
    [
      { header: 'Send date', width: 1.3 },
      { header: 'Message', width: 2.6 },
      { header: 'Audience', width: 1.6 },
      { header: 'Status', width: 2.2 },
    ],
    messages.map((message) => [
      message.sendDate ? shortDate(message.sendDate, locale) : UNDATED_MESSAGE_LABEL,
      [{ text: message.title, bold: true }, { text: `\n${message.subject}` }],
      message.audienceLabel,
      message.condition || message.decisionNote
        ? `${COMMUNICATION_STATUS_LABEL[message.status]}: ${[message.condition, message.decisionNote].filter(Boolean).join(' ')}`
        : COMMUNICATION_STATUS_LABEL[message.status],
    ]),
    { empty: 'The messages have not been written yet; the full texts will be in communications.pdf.', zebra: true },
  );
  if (messages.length > 0) doc.paragraph('The full text of every message is in communications.pdf.', { size: 9, color: colors.muted });

  // ---- 5. risks ----------------------------------------------------------------------------
  doc.heading(`${n('risks')}. Risks and mitigations`, { anchor: 'risks', outlineTitle: 'Risks and mitigations' });
  doc.table(
    [
      { header: 'Risk', width: 3 },
      { header: 'Likelihood / impact', width: 1.3 },
      { header: 'Mitigation', width: 3.4 },
      { header: 'Owner', width: 1 },
    ],
    playbook.risks.map((risk) => [risk.risk, `${RISK_LEVEL_LABEL[risk.likelihood]} / ${RISK_LEVEL_LABEL[risk.impact]}`, risk.mitigation, ownerName(people, risk.owner)]),
    { empty: 'No risks have been recorded yet.', zebra: true },
  );

  // ---- 6. success criteria --------------------------------------------------------------------
  doc.heading(`${n('success')}. Success criteria`, { anchor: 'success', outlineTitle: 'Success criteria' });
  if (playbook.successCriteria.length === 0) doc.paragraph('The success criteria have not been written yet.', { color: colors.muted, weight: 'italic' });
  else {
    doc.paragraph('The rollout is complete when all of these hold:');
    doc.list(
      playbook.successCriteria.map((criterion): Inline => [{ text: criterion.title, bold: true }, { text: ` — ${criterion.measure}` }]),
      { numbered: true },
    );
  }

  // ---- 7. exceptions and decisions ---------------------------------------------------------------
  doc.heading(`${n('exceptions')}. Exceptions and decisions`, { anchor: 'exceptions', outlineTitle: 'Exceptions and decisions' });
  doc.paragraph(`Emergency access: ${playbook.breakGlass.accounts.length} accounts in the group "${playbook.breakGlass.group.name}", the only group excluded from the policy.`);
  const register = riskRegister(playbook, playbook.meta.asOf);
  const exceptionEntries = register.filter((entry) => entry.source === 'exception');
  doc.table(
    [
      { header: 'Account', width: 2.2 },
      { header: 'Kind', width: 1.1 },
      { header: 'Plan', width: 2.8 },
      { header: 'Owner', width: 1.3 },
      { header: 'Review, expiry', width: 1.4 },
    ],
    playbook.exceptions.map((exception, index) => [
      exception.account,
      EXCEPTION_KIND_LABELS[exception.kind],
      exception.plan,
      exception.owner,
      registerDates(exceptionEntries[index]!, locale),
    ]),
    { empty: 'No exceptions.', size: 8.5 },
  );
  const toAct = entriesToAct(register);
  if (toAct.length > 0) {
    doc.callout([
      { text: `To act on, ${longDate(playbook.meta.asOf, locale)}: `, bold: true, color: colors.warn },
      { text: toAct.map((entry) => `${entry.item}, owner ${entry.owner}: ${entry.label.toLowerCase()}`).join('; ') },
      { text: '. An expired exemption or exception is renewed by its owner, or ended.' },
    ]);
  }
  const requests = playbook.decisions.filter((decision) => !decision.isTemplate);
  const blank = playbook.decisions.find((decision) => decision.isTemplate);
  if (requests.length > 0 || blank) {
    doc.heading('Exemption requests', { level: 3 });
    if (requests.length === 0) doc.paragraph('No exemption request so far.');
    else
      doc.list(
        requests.map((decision): Inline => [
          { text: decision.title, bold: true },
          { text: ` — ${(decision.decision.outcome || 'decision pending').replace(/\.$/, '')}. Record: decisions/${decision.id}.pdf` },
        ]),
      );
    if (blank) doc.paragraph(`A blank decision record for the next request: decisions/${blank.id}.pdf.`, { size: 9, color: colors.muted });
  }

  // ---- 8. sources ------------------------------------------------------------------------------
  doc.heading(`${n('sources')}. Sources`, { anchor: 'sources', outlineTitle: 'Sources' });
  doc.table(
    [
      { header: 'Fact', width: 4 },
      { header: 'Source', width: 3 },
      { header: 'Checked', width: 1.1 },
    ],
    playbook.facts.map((fact) => [fact.planNote ? `${fact.claim}\n${fact.planNote}` : fact.claim, `${fact.source.title}\n${fact.source.url}`, shortDate(fact.checked, locale)]),
    { empty: 'The list of sources has not been written yet.', size: 8 },
  );

  // ---- 9. sign-off ------------------------------------------------------------------------------
  // The section (heading, the sentence the signers accept, both signatures) stays on one page: a signature
  // block apart from what it signs reads as an afterthought.
  doc.keepTogether(SIGN_OFF_TEXT_HEIGHT + APPROVAL_HEIGHT + 3 * SIGNATURE_BLOCK_HEIGHT);
  const approval = Object.fromEntries(APPROVAL_CHOICES.map((choice) => [choice.key, choice.label])) as Record<(typeof APPROVAL_CHOICES)[number]['key'], string>;
  doc.heading(`${n('signoff')}. Approval and sign-off`, { anchor: 'signoff', outlineTitle: 'Approval and sign-off' });
  doc.paragraph(
    `The approver ticks one decision. "${approval.approve}" accepts this plan, its dates and its risks, and authorises IT to enforce MFA for all users on ${longDate(schedule.enforcementDate, locale)}; "${approval['approve-with-changes']}" does so once the changes written below are made; "${approval.reject}" stops the rollout until a new version of the plan is approved. Requests to exempt a person from MFA are answered with a written decision record.`,
  );
  const names = new FieldNames();
  choiceRow(doc, names, ['signoff', 'decision'], 'Decision of the approver:', [...APPROVAL_CHOICES]);
  labelledField(doc, names, ['signoff', 'changes'], 'Changes asked for, or the reason for rejecting', { height: 40, multiline: true });
  for (const [key, role, person] of [
    ['prepared-by', 'Prepared by', people.itLead],
    ['approver', 'Approved by', people.approver],
    ['sponsor', 'Sponsor', people.sponsor],
  ] as const) {
    signatureBlock(doc, names, 'signoff', key, `${role}: ${personLabel(person)}`);
  }

  return doc.save();
}

/** "Review 1 Mar 2027, expires 31 Mar 2027" with the entry's state on the plan date when it needs action. */
function registerDates(entry: RegisterEntry, locale: string): Inline {
  const dates = `Review ${shortDate(entry.review, locale)}, expires ${shortDate(entry.expiry, locale)}`;
  return entry.status === 'open' ? dates : [{ text: `${dates}. ` }, { text: entry.label, bold: true, color: colors.warn }];
}

/** Name, date and signature fields with stable names: `<prefix>.<key>.name`, `.date`, `.signature`. */
/** Height of one signature block including the space after it, for keeping several together. */
export const SIGNATURE_BLOCK_HEIGHT = 102;
/** Room for the sign-off heading and its paragraph of acceptance. */
const SIGN_OFF_TEXT_HEIGHT = 124;
/** The approver's choice and the field for changes (form-blocks.ts heights). */
const APPROVAL_HEIGHT = 38 + 40 + 18;

export function signatureBlock(doc: LayoutDocument, names: FieldNames, prefix: string, key: string, caption: string): void {
  const nameField = names.take(prefix, key, 'name');
  const dateField = names.take(prefix, key, 'date');
  const signatureField = names.take(prefix, key, 'signature');
  doc.block(96, (canvas, top) => {
    canvas.text(caption, doc.left, top - 12, { size: 10, weight: 'bold', maxWidth: doc.contentWidth });
    const nameWidth = doc.contentWidth * 0.45;
    const dateWidth = doc.contentWidth * 0.2;
    const signX = doc.left + nameWidth + dateWidth + 16;
    canvas.text('Name', doc.left, top - 30, { size: 8, color: colors.muted });
    canvas.textField(nameField, `${caption}: name`, doc.left, top - 58, nameWidth, 22);
    canvas.text('Date', doc.left + nameWidth + 8, top - 30, { size: 8, color: colors.muted });
    canvas.textField(dateField, `${caption}: date`, doc.left + nameWidth + 8, top - 58, dateWidth, 22);
    canvas.text('Signature', signX, top - 30, { size: 8, color: colors.muted });
    canvas.signatureField(signatureField, nameField, `${caption}: signature`, signX, top - 80, doc.right - signX, 44);
  });
}
