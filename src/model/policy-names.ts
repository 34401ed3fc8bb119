// The Conditional Access policies the plan creates, by the id and display name the admin imports and the texts
// quote. One owner: the policy files, the tasks and checklists that tell the admin which policy to switch, and
// the evidence analysis that reads the all-users policy's report-only results for the go/no-go.

export const CONDITIONAL_ACCESS_POLICY = {
  pilot: { id: 'CA001', displayName: 'CA001 - Require MFA - Pilot' },
  allUsers: { id: 'CA002', displayName: 'CA002 - Require MFA - All users' },
  blockLegacyAuth: { id: 'CA003', displayName: 'CA003 - Block legacy authentication' },
  securityInfoRegistration: { id: 'CA004', displayName: 'CA004 - Securing security info registration' },
} as const;

/** The enforcing all-users policy: its report-only results decide the go/no-go. */
export const GO_NO_GO_POLICY = CONDITIONAL_ACCESS_POLICY.allUsers;
