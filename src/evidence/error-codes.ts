/**
 * Sign-in error codes that matter during an MFA rollout: meaning, whether the code is an interrupt
 * (a normal step of a flow that still completes, never counted as a failure) and the runbook entry
 * a helpdesk agent should open. A short copy of the same facts lives with the helpdesk runbook.
 * Source: Microsoft identity platform error code reference; 500121 from community detection rules.
 */

import { runbookSymptomIds, type RunbookSymptomId } from '../model/content.ts';

/** The runbook's symptom ids: one list, owned by the model, so a cluster always links to an entry that exists. */
export const RUNBOOK_SYMPTOMS = runbookSymptomIds;
export type RunbookSymptom = RunbookSymptomId;

/** interrupt: part of a normal flow; failure: the user did not get in; block: a policy refused access; token: the session must be renewed. */
export type ErrorKind = 'interrupt' | 'failure' | 'block' | 'token';

export interface ErrorCodeInfo {
  meaning: string;
  kind: ErrorKind;
  runbookSymptom: RunbookSymptom | null;
  /** True when the code points at the MFA rollout itself (a block or an MFA step that failed), i.e. possible over-blocking. */
  rolloutRelated: boolean;
}

export const ERROR_CODES: Readonly<Record<number, ErrorCodeInfo>> = {
  50074: { meaning: 'Strong authentication required; the MFA challenge was shown but not yet passed.', kind: 'interrupt', runbookSymptom: 'no-prompt', rolloutRelated: false },
  50076: { meaning: 'MFA required by a Conditional Access policy, per-user setting or new location.', kind: 'interrupt', runbookSymptom: 'no-prompt', rolloutRelated: false },
  50079: { meaning: 'The user must register security information before continuing.', kind: 'interrupt', runbookSymptom: 'not-registered', rolloutRelated: false },
  50072: { meaning: 'The user must enrol a second factor (interactive registration).', kind: 'interrupt', runbookSymptom: 'not-registered', rolloutRelated: false },
  50158: { meaning: 'External security challenge (terms of use or third-party MFA) not yet satisfied.', kind: 'interrupt', runbookSymptom: null, rolloutRelated: false },
  50097: { meaning: 'Device authentication required (a normal broker step).', kind: 'interrupt', runbookSymptom: null, rolloutRelated: false },
  50140: { meaning: '"Keep me signed in" prompt.', kind: 'interrupt', runbookSymptom: null, rolloutRelated: false },
  50125: { meaning: 'Password reset registration prompt.', kind: 'interrupt', runbookSymptom: null, rolloutRelated: false },
  50058: { meaning: 'No single sign-on session for a silent request.', kind: 'interrupt', runbookSymptom: null, rolloutRelated: false },
  500121: { meaning: 'Authentication failed during the strong authentication (MFA) step: denied, timed out or wrong code.', kind: 'failure', runbookSymptom: 'no-prompt', rolloutRelated: true },
  53003: { meaning: 'Access blocked by a Conditional Access policy.', kind: 'block', runbookSymptom: 'legacy-app', rolloutRelated: true },
  53000: { meaning: 'Device not compliant, required by Conditional Access.', kind: 'block', runbookSymptom: null, rolloutRelated: true },
  53001: { meaning: 'Device not domain-joined, required by Conditional Access.', kind: 'block', runbookSymptom: null, rolloutRelated: true },
  53002: { meaning: 'Application not approved, required by Conditional Access.', kind: 'block', runbookSymptom: null, rolloutRelated: true },
  53004: { meaning: 'MFA registration blocked because of user risk; an admin must resolve the risk first.', kind: 'block', runbookSymptom: 'suspected-compromise', rolloutRelated: true },
  530032: { meaning: 'Blocked by a tenant security policy.', kind: 'block', runbookSymptom: null, rolloutRelated: true },
  530035: { meaning: 'Blocked by security defaults (legacy authentication or an unsafe request).', kind: 'block', runbookSymptom: 'legacy-app', rolloutRelated: true },
  50131: { meaning: 'Conditional Access check failed.', kind: 'block', runbookSymptom: null, rolloutRelated: true },
  50126: { meaning: 'Invalid user name or password.', kind: 'failure', runbookSymptom: 'locked-out', rolloutRelated: false },
  50053: { meaning: 'Account locked (smart lockout) or sign-in from a malicious IP address.', kind: 'failure', runbookSymptom: 'locked-out', rolloutRelated: false },
  50055: { meaning: 'Password expired.', kind: 'failure', runbookSymptom: 'locked-out', rolloutRelated: false },
  50144: { meaning: 'On-premises password expired.', kind: 'failure', runbookSymptom: 'locked-out', rolloutRelated: false },
  50057: { meaning: 'User account is disabled.', kind: 'failure', runbookSymptom: 'locked-out', rolloutRelated: false },
  50173: { meaning: 'Grant revoked (for example after a password change); sign in again.', kind: 'token', runbookSymptom: null, rolloutRelated: false },
  70043: { meaning: 'Refresh token expired by a sign-in frequency control; sign in again.', kind: 'token', runbookSymptom: 'too-many-prompts', rolloutRelated: false },
};

export const UNKNOWN_CODE_TEXT = 'Unknown code: look it up at https://login.microsoftonline.com/error?code=';

export function errorCodeInfo(code: number): ErrorCodeInfo | null {
  return ERROR_CODES[code] ?? null;
}

export function isInterrupt(code: number): boolean {
  return ERROR_CODES[code]?.kind === 'interrupt';
}
