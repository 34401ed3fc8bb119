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
