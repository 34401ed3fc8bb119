import type { EvidenceReport } from '../../model/evidence-report.ts';
import { REPORT_ONLY_LABELS } from '../../model/report-only.ts';
import { GO_NO_GO_AS_VERDICT, GO_NO_GO_DECISION_LABEL, VERDICT_STATUS_LABEL, verdictTitle, type VerdictStatus } from '../../model/criteria.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import type { Playbook } from '../../model/playbook.ts';
import { colors, type LayoutDocument, type Rgb } from '../layout/index.ts';
import { dayMonth, longDate, shortDate } from './common.ts';

// The plan's "Progress" section, drawn only when the build read evidence (admin exports): where
// registration stands against the target, a small chart of the register phase, the four
// validation verdicts and the counts behind them. The full lists are on the admin site's Tracking page.

const STATUS_COLOR: Record<VerdictStatus, Rgb> = { pass: [0.12, 0.45, 0.23], fail: colors.warn, 'insufficient-evidence': [0.5, 0.36, 0.02] };
const TARGET_COLOR: Rgb = [0.12, 0.45, 0.23];
const THRESHOLD_COLOR: Rgb = [0.71, 0.5, 0.0];

export function renderProgress(doc: LayoutDocument, playbook: Playbook, evidence: EvidenceReport, number: number): void {
  const { locale } = playbook;
  const reg = evidence.registration;
  const latest = reg.latest;
  const registerPhase = playbook.schedule.phases.find((phase) => phase.id === 'register');

  doc.heading(`${number}. Progress`, { anchor: 'progress', outlineTitle: 'Progress' });
  doc.paragraph(
    `Measured from the administrator's exports of Entra ID registration details and sign-in logs, read on ${longDate(evidence.today, locale)} (${evidence.files.length} file${evidence.files.length === 1 ? '' : 's'}). The names behind these figures are on the Tracking page of the admin site.`,
    { size: 9, color: colors.muted },
  );

  if (latest === null || latest.rate === null) {
    doc.paragraph([{ text: 'Registration: ', bold: true }, { text: `no registration snapshot yet. Target ${reg.target}%.` }]);
  } else {
    const gap = latest.rate >= reg.target ? 'target met' : `${(reg.target - latest.rate).toFixed(1)} points below target`;
    doc.paragraph([
      { text: 'Registration: ' },
      { text: `${latest.rate}%`, bold: true },
      {
        text: ` of active accounts can do MFA (${latest.registered} of ${latest.total}) on ${longDate(latest.date, locale)}; target ${reg.target}%${registerPhase ? ` by ${shortDate(registerPhase.endDate, locale)}` : ''}, ${gap}.`,
      },
    ]);
  }
  const reminder = reg.reminder;
  doc.paragraph(
    reminder.sendReminder === null
      ? `Reminder check on ${shortDate(reminder.reminderDate, locale)}: no snapshot on or before it yet.`
      : reminder.sendReminder
        ? `Reminder check on ${shortDate(reminder.reminderDate, locale)}: ${reminder.rate}% on ${shortDate(reminder.rateDate!, locale)}, below ${reminder.threshold}%, so the reminder is sent.`
        : `Reminder check on ${shortDate(reminder.reminderDate, locale)}: ${reminder.rate}% on ${shortDate(reminder.rateDate!, locale)}, at or above ${reminder.threshold}%, so no reminder is needed.`,
  );

  drawRegistrationChart(doc, reg, locale);

  const gate = evidence.goNoGo;
  if (gate) {
    doc.heading('Go / no-go', { level: 2 });
    doc.paragraph([
      { text: GO_NO_GO_DECISION_LABEL[gate.decision], bold: true, color: STATUS_COLOR[GO_NO_GO_AS_VERDICT[gate.decision]] },
      {
        text: ` (decision day ${shortDate(gate.decisionDate, locale)}). ${gate.summary} Report-only results: ${Object.entries(gate.counts)
          .map(([result, n]) => `${REPORT_ONLY_LABELS[result as ReportOnlyResult]} ${n}`)
          .join(', ')}.`,
      },
    ]);
  }

  doc.heading('Validation', { level: 2 });
  doc.table(
    [
      { header: 'Success criterion', width: 2.2 },
      { header: 'Result', width: 1.2 },
      { header: 'What the evidence shows', width: 4.6 },
    ],
    evidence.verdicts.map((verdict) => [
      verdictTitle(verdict.id),
      [{ text: VERDICT_STATUS_LABEL[verdict.status], bold: true, color: STATUS_COLOR[verdict.status] }],
      verdict.summary,
    ]),
    { zebra: true },
  );

  const legacyUsers = new Set(evidence.legacyAuth.flatMap((group) => group.users.map((user) => user.userPrincipalName)));
  const blocking = evidence.failureClusters.filter((cluster) => cluster.countsAsFailure && cluster.rolloutRelated);
  doc.heading('Counts', { level: 2 });
  doc.table(
    [
      { header: 'Item', width: 3 },
      { header: 'Count', width: 1, align: 'right' },
      { header: 'What to do', width: 4.4 },
    ],
    [
      [
        'Active accounts not registered',
        String(reg.unregistered.length),
        reg.unregistered.length === 0 ? 'Nothing.' : 'Reminder, then individual contact; service accounts and mailboxes need an exception plan.',
      ],
      [
        'Users on SMS or voice only',
        String(reg.smsVoiceOnly.length),
        reg.smsVoiceOnly.length === 0 ? 'Nothing.' : 'Move them to the Authenticator app, a passkey or a security key before SMS and voice retire.',
      ],
      [
        'Legacy-authentication dependencies',
        `${evidence.legacyAuth.length}`,
        evidence.legacyAuth.length === 0
          ? 'None seen.'
          : `${evidence.legacyAuth.length} client app${evidence.legacyAuth.length === 1 ? '' : 's'} (${evidence.legacyAuth.map((group) => group.clientApp).join(', ')}), ${legacyUsers.size} account${legacyUsers.size === 1 ? '' : 's'}: each needs its fix before legacy authentication is blocked.`,
      ],
      [
        'Sign-ins failed or blocked after enforcement',
        String(blocking.reduce((sum, cluster) => sum + cluster.signIns, 0)),
        blocking.length === 0 ? 'None in the exports read.' : `Error codes ${blocking.map((cluster) => cluster.errorCode ?? 'none').join(', ')}; the helpdesk runbook covers each.`,
      ],
    ],
    { zebra: true },
  );
}

/** The register phase as a small line chart: measured rate per working day, the target and the reminder threshold. */
function drawRegistrationChart(doc: LayoutDocument, reg: EvidenceReport['registration'], locale: string): void {
  const series = reg.series;
  if (series.length === 0) return;
  const height = 190;
  const labelRoom = 96;
  const rates = series.map((point) => point.rate).filter((rate): rate is number => rate !== null);
  const yMin = Math.max(0, Math.floor((Math.min(reg.target, reg.reminder.threshold, ...rates) - 2) / 5) * 5);
  const yMax = 100;

  const measured = series.filter((point) => point.rate !== null).map((point) => `${dayMonth(point.date, locale)} ${point.rate}%`);
  const alt = `Line chart of the share of users registered for MFA by working day of the register phase${measured.length > 0 ? `: ${measured.join(', ')}` : ', no snapshot measured yet'}. Target ${reg.target}%; reminder below ${reg.reminder.threshold}%.`;
  doc.figure(height, alt, (canvas, top) => {
    const plotLeft = doc.left + 34;
    const plotRight = doc.right - labelRoom;
    const plotTop = top - 26;
    const plotBottom = top - height + 34;
    const yOf = (rate: number) => plotBottom + ((rate - yMin) / (yMax - yMin)) * (plotTop - plotBottom);
    const slot = (plotRight - plotLeft) / series.length;
    const xOf = (index: number) => plotLeft + slot * (index + 0.5);

    canvas.text('Registration by working day of the register phase', doc.left, top - 14, { size: 8.5, weight: 'bold' });
    const step = yMax - yMin > 40 ? 10 : 5;
    for (let value = yMin; value <= yMax; value += step) {
      const y = yOf(value);
      canvas.line(plotLeft, y, plotRight, y, { color: colors.rule, width: 0.4 });
      canvas.text(`${value}%`, plotLeft - 4, y - 2.5, { size: 7, color: colors.muted, align: 'right' });
    }
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, { color: colors.muted, width: 0.6 });
    series.forEach((point, index) => {
      const x = xOf(index);
      canvas.line(x, plotBottom, x, plotBottom - 2.5, { color: colors.muted, width: 0.5 });
      if (index % 2 === 0 || index === series.length - 1) canvas.text(dayMonth(point.date, locale), x, plotBottom - 11, { size: 6.5, color: colors.muted, align: 'center' });
    });
    canvas.text('Working day of the register phase', (plotLeft + plotRight) / 2, plotBottom - 23, { size: 7, color: colors.muted, align: 'center' });

    const reminderIndex = series.findIndex((point) => point.date === reg.reminder.reminderDate);
    if (reminderIndex >= 0) {
      const x = xOf(reminderIndex);
      canvas.line(x, plotBottom, x, plotTop, { color: colors.muted, width: 0.5, dash: [2, 2] });
      canvas.text('Reminder check', x + 3, plotTop - 8, { size: 6.5, color: colors.muted });
    }

    const targetY = yOf(reg.target);
    canvas.line(plotLeft, targetY, plotRight, targetY, { color: TARGET_COLOR, width: 1.2, dash: [5, 3] });
    canvas.text(`Target ${reg.target}%`, plotRight + 5, targetY - 2.5, { size: 7.5, weight: 'bold', color: TARGET_COLOR });
    const thresholdY = yOf(reg.reminder.threshold);
    canvas.line(plotLeft, thresholdY, plotRight, thresholdY, { color: THRESHOLD_COLOR, width: 1.2, dash: [1.5, 2.5] });
    canvas.text(`Reminder below ${reg.reminder.threshold}%`, plotRight + 5, thresholdY - 2.5, { size: 7.5, weight: 'bold' });

    const points = series.flatMap((point, index) => (point.rate === null ? [] : [{ x: xOf(index), y: yOf(point.rate), rate: point.rate }]));
    canvas.polyline(points, { color: colors.accent, width: 1.6 });
    for (const point of points) {
      canvas.circle(point.x, point.y, 2.6, { fill: colors.accent, stroke: colors.white, borderWidth: 0.8 });
      canvas.text(`${point.rate}%`, point.x, point.y + 5, { size: 7, weight: 'bold', align: 'center' });
    }
    if (points.length === 0)
      canvas.text('No registration snapshot inside the register phase yet.', (plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2, {
        size: 8,
        color: colors.muted,
        align: 'center',
      });
  });
}
