/**
 * What the evidence readers need to know about the plan. Built by the caller from the tenant
 * configuration and the generated schedule; "today" is always an input, never read from the clock.
 */
export interface EvidenceContext {
  today: string; // YYYY-MM-DD, tenant-local plan date
  timeZone: string; // IANA, e.g. Europe/London; sign-in timestamps are UTC and are bucketed into tenant-local days
  /** The tenant's locale (BCP 47): the findings write dates and times as the admin outputs do. */
  locale: string;
  registerPhase: { startDate: string; endDate: string; days: string[] }; // working days of the register phase, in order
  reminderDate: string;
  contactDate: string;
  enforcementDate: string; // the tenant-local day the enforcing policy goes live
  /** Local time (HH:mm) it goes live that day; sign-ins before it are not post-enforcement. Midnight when absent. */
  enforcementTime?: string | undefined;
  validateEndDate: string;
  targetRate: number; // percentage 0..100
  reminderBelowRate: number; // percentage 0..100
  breakGlassAccounts: string[]; // UPNs, compared case-insensitively
  userCount: number; // organisation size from the configuration
  smsVoiceRetirement: { allUsers: string; adminsAndExternal: string };
  /** The go/no-go gate: the all-users policy whose report-only results decide it, the decision day and the highest would-block share (percent) allowed. */
  goNoGo?: { policyName: string; decisionDate: string; maxWouldBlockRate: number } | undefined;
}

/**
 * Build the EvidenceContext from the validated config and its generated schedule, so the build and
 * the status command compute the same dates. Pure.
 */
import { GO_NO_GO_POLICY } from './policy-names.ts';

/** The parts of the Playbook model this needs (kept structural so the model can grow freely). */
export interface PlaybookLike {
  timeZone: string;
  locale: string;
  organisation: { userCount: number };
  facts: readonly { id: string; effective?: string | undefined }[];
  thresholds: { targetRate: number; reminderBelowRate: number; goNoGoMaxFailureRate: number };
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
  // Every plan has the all-users policy (CA002); its report-only results decide the go/no-go.
  const goNoGo = { policyName: GO_NO_GO_POLICY.displayName, decisionDate: s.milestones['go-no-go'].date, maxWouldBlockRate: p.thresholds.goNoGoMaxFailureRate };
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
