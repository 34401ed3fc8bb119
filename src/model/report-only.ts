// Report-only results of a Conditional Access policy: the Graph value (appliedConditionalAccessPolicies[].result)
// and the label the portal shows on a sign-in's Report-only tab. One vocabulary for the texts that explain the
// go/no-go gate and for the evidence readers that count the results.

export const reportOnlyResults = ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted', 'reportOnlyNotApplied'] as const;
export type ReportOnlyResult = (typeof reportOnlyResults)[number];

export const REPORT_ONLY_LABELS: Record<ReportOnlyResult, string> = {
  reportOnlySuccess: 'Report-only: Success',
  reportOnlyFailure: 'Report-only: Failure',
  reportOnlyInterrupted: 'Report-only: User action required',
  reportOnlyNotApplied: 'Report-only: Not applied',
};

/**
 * The go/no-go gate counts only "would have been blocked": reportOnlyFailure, a sign-in that could not have met
 * the policy at all (typically a client that cannot show an MFA prompt). reportOnlyInterrupted ("User action
 * required") is the normal result of a require-MFA policy for a sign-in that did no MFA: the user would simply
 * have been asked. The share is taken over the sign-ins the policy evaluated; "Not applied" is left out.
 */
export const GATE_COUNTED: ReportOnlyResult = 'reportOnlyFailure';
export const GATE_EVALUATED: readonly ReportOnlyResult[] = ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'];

/** The share of evaluated sign-ins that would have been blocked, in percent; null when nothing was evaluated. */
export function wouldBlockShare(counts: Partial<Record<ReportOnlyResult, number>>): number | null {
  const evaluated = GATE_EVALUATED.reduce((sum, result) => sum + (counts[result] ?? 0), 0);
  if (evaluated === 0) return null;
  return ((counts[GATE_COUNTED] ?? 0) / evaluated) * 100;
}
