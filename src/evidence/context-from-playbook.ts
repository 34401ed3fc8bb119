/**
 * Build the EvidenceContext from the validated config and its generated schedule, so the build and
 * the status command compute the same dates. Pure.
 */
import type { EvidenceContext } from './context.ts';
import { GO_NO_GO_POLICY } from '../model/policy-names.ts';

/** The parts of the Playbook model this needs (kept structural so the model can grow freely). */
export interface PlaybookLike {
  timeZone: string;
  locale: string;
  organisation: { userCount: number };
  facts: readonly { id: string; effective?: string | undefined }[];
  thresholds: { targetRate: number; reminderBelowRate: number; goNoGoMaxFailureRate: number };
  policies?: readonly { id: string; displayName: string }[];
  breakGlass: { accounts: readonly string[] };
  schedule: {
    days: readonly string[];
    enforcementDate: string;
    endDate: string;
    phases: readonly { id: string; startDate: string; endDate: string }[];
    milestones: { 'reminder-check': { date: string }; 'individual-contact': { date: string }; 'go-no-go': { date: string }; enforcement: { time: string } };
  };
}

/** A dated fact's effective date; the retirement dates live once, with their sources, in the facts data. */
function effectiveDate(p: PlaybookLike, id: string): string {
  const date = p.facts.find((fact) => fact.id === id)?.effective;
  if (!date) throw new Error(`the facts data has no effective date for "${id}"`);
  return date;
}

export function evidenceContextFromPlaybook(p: PlaybookLike, today: string): EvidenceContext {
  const s = p.schedule;
  const register = s.phases.find((x) => x.id === 'register');
  const validate = s.phases.find((x) => x.id === 'validate');
  const startDate = register?.startDate ?? s.days[0] ?? today;
  const endDate = register?.endDate ?? s.enforcementDate;
  const days = s.days.filter((d) => d >= startDate && d <= endDate);
  const allUsersPolicy = p.policies?.find((x) => x.id === GO_NO_GO_POLICY.id);
  const goNoGoDate = s.milestones['go-no-go'].date;
  const goNoGo =
    allUsersPolicy === undefined ? undefined : { policyName: allUsersPolicy.displayName, decisionDate: goNoGoDate, maxWouldBlockRate: p.thresholds.goNoGoMaxFailureRate };
  return {
    goNoGo,
    today,
    timeZone: p.timeZone,
    locale: p.locale,
    registerPhase: { startDate, endDate, days },
    reminderDate: s.milestones['reminder-check'].date,
    contactDate: s.milestones['individual-contact'].date,
    enforcementDate: s.enforcementDate,
    enforcementTime: s.milestones.enforcement.time,
    validateEndDate: validate?.endDate ?? s.endDate,
    targetRate: p.thresholds.targetRate,
    reminderBelowRate: p.thresholds.reminderBelowRate,
    breakGlassAccounts: [...p.breakGlass.accounts],
    userCount: p.organisation.userCount,
    smsVoiceRetirement: { allUsers: effectiveDate(p, 'sms-voice-retirement'), adminsAndExternal: effectiveDate(p, 'sms-voice-retirement-admins') },
  };
}
