// The success criteria that close the rollout, the validation verdicts that check them against the evidence,
// and the words for a verdict's outcome and the go/no-go decision. One owner: the plan's criteria (generator),
// the evidence analysis, the admin site's Tracking page, the plan PDF's Progress section and the status command
// all read these, so a criterion and the verdict that checks it cannot drift apart.

export const successCriterionIds = ['all-mfa-capable', 'no-legacy-auth', 'break-glass-works', 'clean-72-hours'] as const;
export type SuccessCriterionId = (typeof successCriterionIds)[number];

/** The title of each criterion, as the plan, the checklists and the verdicts name it. */
export const SUCCESS_CRITERION_TITLE: Record<SuccessCriterionId, string> = {
  'all-mfa-capable': 'Every actively used account can do MFA',
  'no-legacy-auth': 'No successful legacy authentication',
  'break-glass-works': 'Emergency access works',
  'clean-72-hours': 'A clean sign-in log for 72 hours',
};

export const verdictIds = ['registration-complete', 'no-legacy-auth', 'break-glass-tested', 'post-enforcement-failures'] as const;
export type VerdictId = (typeof verdictIds)[number];

/** The success criterion each verdict checks. */
export const VERDICT_CRITERION: Record<VerdictId, SuccessCriterionId> = {
  'registration-complete': 'all-mfa-capable',
  'no-legacy-auth': 'no-legacy-auth',
  'break-glass-tested': 'break-glass-works',
  'post-enforcement-failures': 'clean-72-hours',
};

/** The title a verdict is shown under: the title of the criterion it checks. */
export function verdictTitle(id: VerdictId): string {
  return SUCCESS_CRITERION_TITLE[VERDICT_CRITERION[id]];
}

export const verdictStatuses = ['pass', 'fail', 'insufficient-evidence'] as const;
export type VerdictStatus = (typeof verdictStatuses)[number];

export const VERDICT_STATUS_LABEL: Record<VerdictStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  'insufficient-evidence': 'Not enough evidence',
};

export const goNoGoDecisions = ['go', 'no-go', 'insufficient-evidence'] as const;
export type GoNoGoDecision = (typeof goNoGoDecisions)[number];

export const GO_NO_GO_DECISION_LABEL: Record<GoNoGoDecision, string> = {
  go: 'Go',
  'no-go': 'No-go: fix first',
  'insufficient-evidence': 'Not enough evidence',
};

/** How a go/no-go decision is coloured and tagged: as the verdict outcome it amounts to. */
export const GO_NO_GO_AS_VERDICT: Record<GoNoGoDecision, VerdictStatus> = {
  go: 'pass',
  'no-go': 'fail',
  'insufficient-evidence': 'insufficient-evidence',
};
