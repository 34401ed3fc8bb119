/** Assemble the report from what the readers gathered. Pure. */
import type { EvidenceContext } from '../model/evidence-context.ts';
import { formatDate } from '../shared/format.ts';
import type { EvidenceDirContents } from './read-evidence-dir.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import { completeSnapshots, registrationSeries, reminderDecision, smsVoiceOnlyUsers, snapshotRate, unregisteredUsers } from './analysis/registration.ts';
import { goNoGoFinding } from './analysis/go-no-go.ts';
import { breakGlassVerdict, legacyVerdict, postEnforcementVerdict, registrationVerdict } from './analysis/verdicts.ts';

export function buildReport(contents: EvidenceDirContents, ctx: EvidenceContext): EvidenceReport {
  const { usable, setAside } = completeSnapshots(contents.snapshots, ctx.today, ctx.locale);
  const rates = usable.map(snapshotRate);
  const latestSnap = usable.at(-1) ?? null;
  const latestRate = rates.at(-1) ?? null;
  const reminder = reminderDecision(rates, ctx);
  const unregistered = latestSnap === null ? [] : unregisteredUsers(latestSnap, ctx, reminder);
  const smsVoice = latestSnap === null ? [] : smsVoiceOnlyUsers(latestSnap, ctx);
  const s = contents.signIns;
  const problems = [...contents.problems];
  const files = contents.files.map((f) => ({ ...f, warnings: [...f.warnings] }));
  for (const x of setAside) {
    const why = `Registration snapshot of ${formatDate(x.date, 'long', ctx.locale)} not used: ${x.reason}.`;
    problems.push(`${x.file}: ${why}`);
    for (const name of x.file.split(' + ')) files.find((f) => f.file === name)?.warnings.push(why);
  }
  const future = contents.snapshots.filter((x) => x.date !== null && x.date > ctx.today).map((x) => x.file);
  if (future.length > 0) problems.push(`Registration snapshots dated after today were ignored: ${future.sort().join(', ')}.`);

  return {
    confidentiality: 'admin-only',
    today: ctx.today,
    timeZone: ctx.timeZone,
    problems,
    files,
    latestRate: latestRate === null ? null : { rate: latestRate.rate, date: latestRate.date },
    signIns: {
      total: s.total,
      interactive: s.interactive,
      nonInteractive: s.nonInteractive,
      unknownInteractivity: s.unknownInteractivity,
      firstUtc: s.firstUtc,
      lastUtc: s.lastUtc,
    },
    registration: {
      snapshots: rates,
      series: registrationSeries(rates, ctx),
      latest: latestRate === null ? null : { date: latestRate.date, rate: latestRate.rate, registered: latestRate.registered, total: latestRate.total, file: latestRate.file },
      target: ctx.targetRate,
      reminder,
      unregistered,
      smsVoiceOnly: smsVoice,
    },
    legacyAuth: s.legacy,
    breakGlass: s.breakGlass,
    failureClusters: s.failureClusters,
    verdicts: [registrationVerdict(latestRate, unregistered, smsVoice, ctx), legacyVerdict(s, ctx), breakGlassVerdict(s, ctx), postEnforcementVerdict(s, ctx)],
    goNoGo: goNoGoFinding(s.reportOnly, ctx),
  };
}
