import { z } from 'zod';
import { runbookSymptomIds } from './runbook-ids.ts';

// The one table of sign-in error codes. The helpdesk runbook lists it (error-code lookup, runbook PDF)
// and the evidence analysis reads it to judge and cluster the sign-ins of an export, so a code always
// leads to the same runbook entry wherever it is shown.
// Meanings are our own summaries of Microsoft's error code reference (fact "sign-in-error-codes");
// 500121 is not in that reference and is described from how it shows up in sign-in logs.
// Codes and texts change: the live lookup is https://login.microsoftonline.com/error?code=NNNNN.

/** success: the sign-in worked; interrupt: a normal step of a flow that still completes (never counted as a failure); failure: the user did not get in; block: a policy refused access; token: the session must be renewed. */
export const signInErrorKinds = ['success', 'interrupt', 'failure', 'block', 'token', 'unknown'] as const;
export type SignInErrorKind = (typeof signInErrorKinds)[number];

/** Where a helpdesk agent reads a sign-in's error code: one wording for the site and the printed runbook. */
export const ERROR_CODE_LOCATION = 'Entra admin center → Entra ID → Monitoring & health → Sign-in logs → the sign-in → Basic info → "Sign-in error code"';

/** One code as the runbook shows it (the model's runbook section carries these). */
export const errorCodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  meaning: z.string(),
  kind: z.enum(signInErrorKinds),
  action: z.string(),
  /** The runbook entry a helpdesk agent opens for this code, if one fits. */
  symptom: z.enum(runbookSymptomIds).nullable(),
});
export type ErrorCodeEntry = z.infer<typeof errorCodeSchema>;

export interface SignInErrorCode extends ErrorCodeEntry {
  /** True when the code points at the MFA rollout itself (a block, or an MFA step that failed): possible over-blocking. */
  rolloutRelated: boolean;
}

export const ERROR_LOOKUP_URL = 'https://login.microsoftonline.com/error?code=';

/** What the evidence analysis says of a code that is not in the table. */
export const UNKNOWN_CODE_TEXT = `Unknown code: look it up at ${ERROR_LOOKUP_URL}`;

// 50076 and 53002 lead to "legacy-app": that entry names 50076 as the sign of a current app that must sign
// in again, and its step (Outlook mobile instead of the built-in mail app) is the fix for an app that is not approved.
export const SIGN_IN_ERROR_CODES: readonly SignInErrorCode[] = [
  {
    code: '0',
    name: 'Success',
    meaning: 'The sign-in succeeded.',
    kind: 'success',
    action: 'Nothing to do.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '50074',
    name: 'UserStrongAuthClientAuthNRequiredInterrupt',
    meaning: 'MFA was required and the prompt was shown; the user had not passed it yet.',
    kind: 'interrupt',
    action: 'Normal when the prompt appears. Act only if it repeats with no later success under the same correlation ID; then read the authentication details for the reason.',
    symptom: 'no-prompt',
    rolloutRelated: false,
  },
  {
    code: '50076',
    name: 'UserStrongAuthClientAuthNRequired',
    meaning: 'MFA is required (by a Conditional Access policy, per-user MFA or a new location) and the app must ask again.',
    kind: 'interrupt',
    action: 'Usually harmless: confirm the user then completes MFA. If the app cannot show a prompt (an old or non-interactive client), move the user to a current app.',
    symptom: 'legacy-app',
    rolloutRelated: false,
  },
  {
    code: '50079',
    name: 'UserStrongAuthEnrollmentRequired',
    meaning: 'The user must register security info before going on.',
    kind: 'interrupt',
    action:
      'Walk the user through registration at https://aka.ms/mysecurityinfo, or verify their identity and issue a Temporary Access Pass. For federated users, check the MFA claim from the identity provider.',
    symptom: 'not-registered',
    rolloutRelated: false,
  },
  {
    code: '50072',
    name: 'UserStrongAuthEnrollmentRequiredInterrupt',
    meaning: 'The user is being asked to set up a second factor (registration in progress).',
    kind: 'interrupt',
    action: 'As for 50079: help the user finish registration.',
    symptom: 'not-registered',
    rolloutRelated: false,
  },
  {
    code: '500121',
    name: 'Strong authentication failed',
    meaning: 'The MFA step failed: the request was denied, timed out or the wrong number was entered.',
    kind: 'failure',
    action:
      'Read the result detail in the authentication details. If the user denied or reported a prompt they did not start, treat it as a possibly compromised password (reset it and revoke sessions). Otherwise the method usually needs registering again.',
    symptom: 'no-prompt',
    rolloutRelated: true,
  },
  {
    code: '50158',
    name: 'ExternalSecurityChallenge',
    meaning: 'An external challenge (terms of use, a custom control or a third-party MFA) was not yet satisfied. On its own this is not a failure.',
    kind: 'interrupt',
    action: 'Check for a later successful sign-in. If there is none, check the terms of use or the external provider.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '53003',
    name: 'BlockedByConditionalAccess',
    meaning: 'A Conditional Access policy blocked the sign-in.',
    kind: 'block',
    action:
      'Open the Conditional Access tab of the sign-in to see which policy failed and why (location, platform, legacy client). Fix the condition; never exclude the user to make it go away.',
    symptom: 'legacy-app',
    rolloutRelated: true,
  },
  {
    code: '53010',
    name: 'ProofUpBlockedDueToSecurityInfoAcr',
    meaning:
      'Registering or changing security info was refused: the organisation allows it only from trusted locations, or after MFA or a Temporary Access Pass (the security-info registration policy, CA004, once it is on).',
    kind: 'block',
    action:
      'Expected when someone registers away from the office without MFA. Verify the caller, then issue a Temporary Access Pass so they can register, or have them register on the office network. Never exclude the user from the policy.',
    symptom: 'not-registered',
    rolloutRelated: true,
  },
  {
    code: '50199',
    name: 'CmsiInterrupt',
    meaning: 'For security reasons the user was asked to confirm the sign-in ("Are you trying to sign in to …?"), typically in a mobile or desktop app.',
    kind: 'interrupt',
    action:
      'Normal: the user confirms and goes on; it is not an MFA failure. If the user did not start that sign-in (for example a code someone sent them), treat it as a suspected compromise.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '53000',
    name: 'DeviceNotCompliant',
    meaning: 'The policy requires a compliant device and this one is not.',
    kind: 'block',
    action: 'Check the device in Intune: enrolment and compliance. Pass to the IT team if it should be compliant.',
    symptom: null,
    rolloutRelated: true,
  },
  {
    code: '53001',
    name: 'DeviceNotDomainJoined',
    meaning: 'The policy requires a joined device and this one is not.',
    kind: 'block',
    action: 'Use a company device, or pass to the IT team to join or register this one.',
    symptom: null,
    rolloutRelated: true,
  },
  {
    code: '53002',
    name: 'ApplicationUsedIsNotAnApprovedApp',
    meaning: 'The policy requires an approved app and this one is not.',
    kind: 'block',
    action: 'Ask the user to use an approved app (for example Outlook mobile instead of the built-in mail app).',
    symptom: 'legacy-app',
    rolloutRelated: true,
  },
  {
    code: '53004',
    name: 'ProofUpBlockedDueToRisk',
    meaning: 'Registration of security info is blocked because the account is flagged as risky.',
    kind: 'block',
    action: 'Do not try to work round it. Escalate: an admin investigates and resolves the risk, then a Temporary Access Pass lets the user register.',
    symptom: 'suspected-compromise',
    rolloutRelated: true,
  },
  {
    code: '530032',
    name: 'BlockedByConditionalAccessOnSecurityPolicy',
    meaning: 'A tenant-wide security policy blocked the request.',
    kind: 'block',
    action: 'Escalate to the IT team to review the tenant security policies (for example security-info registration or authentication flows).',
    symptom: null,
    rolloutRelated: true,
  },
  {
    code: '530035',
    name: 'BlockedBySecurityDefaults',
    meaning: 'Security defaults blocked the request (legacy authentication or an unsafe request).',
    kind: 'block',
    action: 'Move the user to a current app. Tell the IT team if a device or business system depends on it.',
    symptom: 'legacy-app',
    rolloutRelated: true,
  },
  {
    code: '50131',
    name: 'ConditionalAccessFailed',
    meaning: 'A Conditional Access check failed for one of several reasons.',
    kind: 'block',
    action: 'Read the Conditional Access tab of the sign-in and act on the policy that failed.',
    symptom: null,
    rolloutRelated: true,
  },
  {
    code: '50126',
    name: 'InvalidUserNameOrPassword',
    meaning: 'Wrong user name or password.',
    kind: 'failure',
    action: 'The user retries or resets the password. Many users failing from one address at once suggests password spraying: escalate.',
    symptom: 'locked-out',
    rolloutRelated: false,
  },
  {
    code: '50053',
    name: 'IdsLocked',
    meaning: 'The account is locked after too many attempts, or the sign-in came from a known malicious address.',
    kind: 'failure',
    action: 'Read the failure reason. For a lockout, wait for it to expire or unlock after verifying the user. For a malicious address, escalate as a possible attack.',
    symptom: 'locked-out',
    rolloutRelated: false,
  },
  {
    code: '50055',
    name: 'InvalidPasswordExpiredPassword',
    meaning: 'The password has expired.',
    kind: 'failure',
    action: 'The user resets it through self-service password reset, or an admin resets it after verifying the user.',
    symptom: 'locked-out',
    rolloutRelated: false,
  },
  {
    code: '50144',
    name: 'InvalidPasswordExpiredOnPremPassword',
    meaning: 'The on-premises Active Directory password has expired.',
    kind: 'failure',
    action: 'Reset it on premises, or through self-service reset with password writeback.',
    symptom: 'locked-out',
    rolloutRelated: false,
  },
  {
    code: '50057',
    name: 'UserDisabled',
    meaning: 'The account is disabled.',
    kind: 'failure',
    action: 'Confirm with the manager or HR whether it should be. Re-enable only if it was disabled by mistake.',
    symptom: 'locked-out',
    rolloutRelated: false,
  },
  {
    code: '50097',
    name: 'DeviceAuthenticationRequired',
    meaning: 'A device authentication step (a normal part of some sign-ins).',
    kind: 'interrupt',
    action: 'Usually harmless. Look further only if no successful sign-in follows.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '50140',
    name: 'KmsiInterrupt',
    meaning: 'The "Stay signed in?" question was shown.',
    kind: 'interrupt',
    action: 'Expected. Ignore.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '50125',
    name: 'PasswordResetRegistrationRequiredInterrupt',
    meaning: 'The user is asked to register for self-service password reset.',
    kind: 'interrupt',
    action: 'Expected during combined registration. Ignore.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '50058',
    name: 'UserInformationNotProvided',
    meaning: 'A silent sign-in found no signed-in session.',
    kind: 'interrupt',
    action: 'Expected for background requests. Ignore.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '50173',
    name: 'FreshTokenNeeded',
    meaning: 'The session was revoked, for example after a password change.',
    kind: 'token',
    action: 'The user signs in again. Expected after a reset or a session revocation.',
    symptom: null,
    rolloutRelated: false,
  },
  {
    code: '70043',
    name: 'BadTokenDueToSignInFrequency',
    meaning: 'The session expired because of a sign-in frequency rule.',
    kind: 'token',
    action: 'The user signs in again. Expected after a sign-in frequency change; many repeats mean the user is asked too often.',
    symptom: 'too-many-prompts',
    rolloutRelated: false,
  },
];

const BY_CODE: ReadonlyMap<number, SignInErrorCode> = new Map(SIGN_IN_ERROR_CODES.map((entry) => [Number(entry.code), entry]));

/** The table's entry for a code from a sign-in log, or null when the table does not know it. */
export function signInErrorCode(code: number): SignInErrorCode | null {
  return BY_CODE.get(code) ?? null;
}

/** An interrupt is a normal step of a sign-in that still completes: never a failure. */
export function isInterruptCode(code: number): boolean {
  return BY_CODE.get(code)?.kind === 'interrupt';
}
