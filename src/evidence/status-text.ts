/** The terminal report of the `status` command. Pure: report and context in, plain text out. */
import type { EvidenceContext } from '../model/evidence-context.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import { VERDICT_STATUS_LABEL, type VerdictStatus } from '../model/criteria.ts';
import { SMS_VOICE_ACTION_WINDOW_DAYS, changeLines, planDueLines, planStatusHeadLines, smsVoiceDueLines, smsVoiceOnlyCount, type PlanStatus } from '../model/status.ts';

export interface StatusTextOptions {
  color?: boolean; // ANSI colours for the verdict labels; off by default
  /** The plan's side of the day (tasks, messages, checks, milestone); its lines come first in each section. */
  plan?: PlanStatus;
}

/** The verdict outcomes in capitals, so they stand out in a terminal. */
const LABEL = Object.fromEntries(Object.entries(VERDICT_STATUS_LABEL).map(([status, label]) => [status, label.toUpperCase()])) as Record<VerdictStatus, string>;
const COLOR = { pass: '\u001b[32m', fail: '\u001b[31m', 'insufficient-evidence': '\u001b[33m' } as const;
const RESET = '\u001b[0m';

function dueToday(r: EvidenceReport, ctx: EvidenceContext): string[] {
  const out: string[] = [];
  const reg = r.registration;
  const n = reg.unregistered.length;
  if (ctx.today === ctx.reminderDate) {
    if (reg.reminder.sendReminder === true)
      out.push(
        `Reminder: registration is ${reg.reminder.rate}% (${reg.reminder.rateDate}), below ${reg.reminder.threshold}%: send the reminder to the ${n} unregistered user${n === 1 ? '' : 's'}.`,
      );
    else if (reg.reminder.sendReminder === false)
      out.push(`Reminder check: registration is ${reg.reminder.rate}% (${reg.reminder.rateDate}), at or above ${reg.reminder.threshold}%: no reminder needed.`);
    else out.push("Reminder check: no registration snapshot yet; download today's user registration details to decide.");
  }
  if (ctx.today === ctx.contactDate) out.push(`Individual contact: reach each of the ${n} user${n === 1 ? '' : 's'} still not registered.`);
  if (ctx.today === ctx.enforcementDate) out.push('Enforcement day: switch the policy to all users and watch failed sign-ins for the next 48 hours.');
  if (ctx.today > ctx.enforcementDate && ctx.today <= ctx.validateEndDate)
    out.push('Validation: download the latest sign-ins (interactive and non-interactive) and registration details, then re-run.');
  if (ctx.today === ctx.registerPhase.startDate) out.push('Registration window opens: send the announcement.');
  out.push(...smsVoiceDueLines(smsVoiceOnlyCount(reg)));
  return out;
}

/** Drop control and bidi-override characters that values from exports could smuggle into a terminal. */
function clean(line: string): string {
  return line.replace(/[\u0001-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function formatStatusText(r: EvidenceReport, ctx: EvidenceContext, options: StatusTextOptions = {}): string {
  const lines: string[] = [];
  lines.push(`MFA rollout status for ${r.today} (${r.timeZone}) - admin only`);
  lines.push('');
  if (options.plan !== undefined) lines.push(...planStatusHeadLines(options.plan));
  lines.push('Due today:');
  const due = [...(options.plan === undefined ? [] : planDueLines(options.plan)), ...dueToday(r, ctx)];
  if (due.length === 0) lines.push('  nothing scheduled');
  for (const d of due) lines.push(`  - ${d}`);
  lines.push('');

  const reg = r.registration;
  lines.push('Registration:');
  if (reg.latest === null) lines.push('  no dated registration snapshot yet');
  else {
    const gap = reg.latest.rate === null ? '' : reg.latest.rate >= reg.target ? ' (target met)' : ` (${(reg.target - reg.latest.rate).toFixed(1)} points below target)`;
    lines.push(`  ${reg.latest.rate}% (${reg.latest.registered}/${reg.latest.total}) on ${reg.latest.date}; target ${reg.target}% by ${ctx.registerPhase.endDate}${gap}`);
    lines.push(`  reminder threshold ${reg.reminder.threshold}% on ${reg.reminder.reminderDate}; individual contact on ${ctx.contactDate}`);
  }
  if (reg.unregistered.length > 0) {
    const shown = reg.unregistered.slice(0, 10).map((u) => `${u.userPrincipalName} (${u.actionDue}, ${u.dueDate})`);
    lines.push(`  not registered: ${reg.unregistered.length}: ${shown.join('; ')}${reg.unregistered.length > 10 ? '; ...' : ''}`);
  }
  const sms = smsVoiceOnlyCount(reg);
  if (sms.total > 0) lines.push(`  SMS or voice only: ${sms.total} (already retired: ${sms.retired}; retiring within ${SMS_VOICE_ACTION_WINDOW_DAYS} days: ${sms.retiringSoon})`);
  if (r.legacyAuth.length > 0) {
    lines.push(`Legacy authentication: ${r.legacyAuth.map((g) => `${g.clientApp} (${g.users.length} user${g.users.length === 1 ? '' : 's'})`).join(', ')}`);
  }
  lines.push('');
  if (options.plan !== undefined) lines.push(...changeLines(options.plan.changes));

  const g = r.goNoGo;
  if (g !== null) {
    const label = g.decision === 'go' ? 'GO' : g.decision === 'no-go' ? 'NO-GO' : 'NOT ENOUGH EVIDENCE';
    lines.push(`Go / no-go (${g.decisionDate}): ${label}`);
    lines.push(`  ${g.summary}`);
    lines.push(
      `  report-only results: ${Object.entries(g.counts)
        .map(([result, n]) => `${result} ${n}`)
        .join(', ')}`,
    );
    if (g.wouldBlockClientApps.length > 0) lines.push(`  would be blocked: ${g.wouldBlockClientApps.map((a) => `${a.clientApp} (${a.signIns})`).join(', ')}`);
    lines.push('');
  }

  lines.push('Verdicts:');
  for (const v of r.verdicts) {
    lines.push(`  [\u0000${v.status}\u0000] ${v.id}: ${v.summary}`);
  }
  lines.push('');

  const malformed = r.files.reduce((n, f) => n + f.malformedCount, 0);
  lines.push(`Files: ${r.files.length} read, ${r.signIns.total} sign-ins, ${malformed} malformed row${malformed === 1 ? '' : 's'}.`);
  // Every warning is shown: a set-aside snapshot or a repeated export changes what the figures above rest on.
  for (const f of r.files) {
    if (f.warnings.length === 0 && (f.kind === 'wrong-kind' || f.kind === 'unreadable')) lines.push(`  ${f.file}: ${f.kind}`);
    for (const w of f.warnings) lines.push(`  ${f.file}: ${w}`);
  }
  for (const f of r.files.filter((x) => x.malformedCount > 0)) {
    lines.push(`  ${f.file}: ${f.malformedCount} malformed (first at line ${f.malformed[0]?.line ?? '?'}: ${f.malformed[0]?.reason ?? ''})`);
  }
  for (const p of r.problems) lines.push(`  ${p}`);
  const text = lines
    .map(clean)
    .join('\n')
    .replace(/\u0000([a-z-]+)\u0000/g, (_m, status: keyof typeof LABEL) => (options.color === true ? `${COLOR[status]}${LABEL[status]}${RESET}` : LABEL[status]));
  return `${text}\n`;
}
