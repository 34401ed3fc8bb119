/**
 * Build the EvidenceContext from the validated config and its generated schedule, so the build and
 * the status command compute the same dates. Pure.
 */
import type { EvidenceContext } from './context.ts';

/** The parts of the Playbook model this needs (kept structural so the model can grow freely). */
export interface PlaybookLike {
  timeZone: string;
  enforcementTime: string;
  organisation: { userCount: number };
  facts: readonly { id: string; effective?: string | undefined }[];
  thresholds: { targetRate: number; reminderBelowRate: number; goNoGoMaxFailureRate?: number | undefined };
  policies?: readonly { id: string; displayName: string }[];
  breakGlass: { accounts: readonly string[] };
  schedule: {
    days: readonly string[];
    enforcementDate: string;
    endDate: string;
    phases: readonly { id: string; startDate: string; endDate: string }[];
    milestones: readonly { id: string; date: string }[];
  };
}

/** A dated fact's effective date; the retirement dates live once, with their sources, in the facts data. */
function effectiveDate(p: PlaybookLike, id: string): string {
  const date = p.facts.find((fact) => fact.id === id)?.effective;
  if (!date) throw new Error(`the facts data has no effective date for "${id}"`);
  return date;
}

/** The enforcing all-users policy of the generated set (policies.ts); its report-only results decide the go/no-go. */
const ALL_USERS_POLICY_ID = 'CA002';
/**
 * The plan's go/no-go gate when the config sets no threshold: more than 10% of evaluated sign-ins
 * that would be blocked means stop and fix (the figure the plan's texts state).
 */
const DEFAULT_GO_NO_GO_MAX_FAILURE_RATE = 10;

export function evidenceContextFromPlaybook(p: PlaybookLike, today: string): EvidenceContext {
  const s = p.schedule;
  const register = s.phases.find((x) => x.id === 'register');
  const validate = s.phases.find((x) => x.id === 'validate');
  const milestone = (id: string): string | undefined => s.milestones.find((m) => m.id === id)?.date;
  const startDate = register?.startDate ?? s.days[0] ?? today;
  const endDate = register?.endDate ?? s.enforcementDate;
  const days = s.days.filter((d) => d >= startDate && d <= endDate);
  const allUsersPolicy = p.policies?.find((x) => x.id === ALL_USERS_POLICY_ID);
  const goNoGoDate = milestone('go-no-go');
  const goNoGo =
    allUsersPolicy === undefined || goNoGoDate === undefined
      ? undefined
      : { policyName: allUsersPolicy.displayName, decisionDate: goNoGoDate, maxWouldBlockRate: p.thresholds.goNoGoMaxFailureRate ?? DEFAULT_GO_NO_GO_MAX_FAILURE_RATE };
  return {
    goNoGo,
    today,
    timeZone: p.timeZone,
    registerPhase: { startDate, endDate, days },
    reminderDate: milestone('reminder-check') ?? endDate,
    contactDate: milestone('individual-contact') ?? endDate,
    enforcementDate: s.enforcementDate,
    enforcementTime: p.enforcementTime,
    validateEndDate: validate?.endDate ?? s.endDate,
    targetRate: p.thresholds.targetRate,
    reminderBelowRate: p.thresholds.reminderBelowRate,
    breakGlassAccounts: [...p.breakGlass.accounts],
    userCount: p.organisation.userCount,
    smsVoiceRetirement: { allUsers: effectiveDate(p, 'sms-voice-retirement'), adminsAndExternal: effectiveDate(p, 'sms-voice-retirement-admins') },
  };
}
