/**
 * The plan's evidence windows as UTC instants, computed once for the readers' analysis and for the
 * Log Analytics queries, so a query's result and a raw export are judged on the same boundaries.
 */
import { addDays } from '../shared/calendar-dates.ts';
import type { EvidenceContext } from './evidence-context.ts';
import { localTimeUtc, startOfLocalDayUtc } from '../shared/zoned-time.ts';

export interface EvidenceWindows {
  /** Local midnight at the start of the register phase: the earliest sign-in the plan looks at. */
  registerStartUtc: string;
  /** Post-enforcement begins when the policy is switched on, not at midnight: earlier sign-ins that day were not under it. */
  enforcementStartUtc: string;
  /** 72 hours after the switch-on. */
  first72hEndUtc: string;
  /** Local midnight after the last validation day. */
  validationEndUtc: string;
  /** Local midnight after the go/no-go decision day (the enforcement start when the plan names no gate). */
  goNoGoEndUtc: string;
}

export function evidenceWindows(ctx: EvidenceContext): EvidenceWindows {
  const enforcementStartUtc = localTimeUtc(ctx.enforcementDate, ctx.enforcementTime ?? '00:00', ctx.timeZone);
  return {
    registerStartUtc: startOfLocalDayUtc(ctx.registerPhase.startDate, ctx.timeZone),
    enforcementStartUtc,
    first72hEndUtc: new Date(Date.parse(enforcementStartUtc) + 72 * 3_600_000).toISOString(),
    validationEndUtc: startOfLocalDayUtc(addDays(ctx.validateEndDate, 1), ctx.timeZone),
    goNoGoEndUtc: ctx.goNoGo === undefined ? enforcementStartUtc : startOfLocalDayUtc(addDays(ctx.goNoGo.decisionDate, 1), ctx.timeZone),
  };
}
