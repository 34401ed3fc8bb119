// The helpdesk runbook's entries, by symptom. One list: the error-code table, the runbook generator and the
// evidence clusters all name entries from it, so a link to an entry that does not exist is a type error.
export const runbookSymptomIds = [
  'no-prompt',
  'not-registered',
  'new-or-lost-phone',
  'no-smartphone',
  'too-many-prompts',
  'unexpected-prompts',
  'legacy-app',
  'locked-out',
  'suspected-compromise',
] as const;
export type RunbookSymptomId = (typeof runbookSymptomIds)[number];
