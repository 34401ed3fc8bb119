// The words of the documents people sign: the approver's decision on the plan, the exposure of an account in
// an exemption decision record, and the likelihood and impact of a risk. The PDFs and the admin site show the
// same words, and the form field names come from the same keys.

/** The approver's decision on the plan; the plan's fillable field names are "signoff.decision.<key>". */
export const APPROVAL_CHOICES = [
  { key: 'approve', label: 'Approve' },
  { key: 'approve-with-changes', label: 'Approve with changes' },
  { key: 'reject', label: 'Reject' },
] as const;
export type ApprovalChoice = (typeof APPROVAL_CHOICES)[number]['key'];

/** How much an account exposes if its password alone is stolen, as a decision record assesses it. */
export const exposureLevels = ['high', 'elevated', 'standard'] as const;
export type ExposureLevel = (typeof exposureLevels)[number];

export const EXPOSURE_LEVEL_LABEL: Record<ExposureLevel, string> = {
  high: 'High',
  elevated: 'Elevated',
  standard: 'Standard',
};

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const RISK_LEVEL_LABEL: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};
