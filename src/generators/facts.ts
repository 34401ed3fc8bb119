import type { Fact, GuidanceNote } from '../model/content.ts';
import { factSchema } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';
import { daysBetween, formatLongDate } from './text/dates.ts';
import factsData from '../content/facts.json' with { type: 'json' };

// Time-sensitive claims are data (src/content/facts.json): claim, source, the date someone last
// checked the source, and the date of the change where the fact is a dated change. Guidance notes
// explain where this playbook departs from the classic five-phase course, citing facts by id.

/** Every fact, validated once when the module loads: a bad edit of facts.json fails fast and loudly. */
export const FACTS: readonly Fact[] = factSchema.array().parse(factsData);

export function factById(id: string): Fact {
  const fact = FACTS.find((candidate) => candidate.id === id);
  if (!fact) throw new Error(`Unknown fact "${id}"`);
  return fact;
}

export function buildFacts(context: GeneratorContext): Fact[] {
  void context;
  return FACTS.map((fact) => ({ ...fact, source: { ...fact.source } }));
}

export interface StaleFact {
  id: string;
  claim: string;
  checked: string;
  /** Days between the last check and the plan date. */
  ageDays: number;
  message: string;
}

/**
 * Facts last checked more than `maxAgeDays` before the plan date. `mfa-playbook check` reports these
 * as warnings: the source may have changed since, so someone should read it again and update `checked`.
 */
export function staleFacts(facts: readonly Fact[], planDate: string, maxAgeDays = 180): StaleFact[] {
  return facts
    .map((fact) => ({ fact, ageDays: daysBetween(fact.checked, planDate) }))
    .filter(({ ageDays }) => ageDays > maxAgeDays)
    .map(({ fact, ageDays }) => ({
      id: fact.id,
      claim: fact.claim,
      checked: fact.checked,
      ageDays,
      message: `Fact "${fact.id}" was last checked on ${fact.checked}, ${ageDays} days before the plan date (more than ${maxAgeDays}). Re-read ${fact.source.url} and update it in src/content/facts.json.`,
    }));
}

export function buildGuidance(context: GeneratorContext): GuidanceNote[] {
  const { config } = context;
  const date = (id: string) => {
    const effective = factById(id).effective;
    return effective ? formatLongDate(effective, config.locale) : '';
  };
  const securityDefaultsNow = config.current.securityDefaults
    ? 'This tenant runs security defaults today, so they are turned off in the same sitting as the all-users policy is switched on, and not before.'
    : 'This tenant does not run security defaults, so there is nothing to turn off; the all-users policy takes over from per-user settings at enforcement.';
  return [
    {
      id: 'break-glass-fido2',
      topic: 'Emergency access (break-glass) accounts',
      classic: 'Two cloud-only Global Administrator accounts with long random passwords kept offline, left out of the MFA policy.',
      current:
        'Each emergency account also has its own FIDO2 security key or passkey, a different method from the admins\u2019 everyday one. The accounts sit in one dedicated group, and that group is excluded from every policy that enforces or blocks. Every sign-in raises an alert, and the accounts are tested at least every 90 days.',
      why: 'Microsoft now requires MFA for every sign-in to the admin portals, emergency accounts included, so a password alone no longer opens them. Excluding a group rather than named accounts keeps every policy consistent when an account is replaced.',
      factIds: ['mandatory-mfa-admin-portals', 'mandatory-mfa-cli', 'emergency-access-accounts'],
    },
    {
      id: 'no-sms-voice',
      topic: 'People without a smartphone',
      classic: 'Users who cannot use the app fall back on a text message or a phone call.',
      current:
        'A FIDO2 security key is the answer for people without a smartphone; a Temporary Access Pass bridges a short gap only. Text messages and phone calls are not offered as a method, and success criterion 1 checks that nobody relies on them alone.',
      why: `Codes sent by text or voice can be intercepted or redirected, and Microsoft retires its own SMS and voice MFA on ${date('sms-voice-retirement')} (${date('sms-voice-retirement-admins')} for Global Administrators and external users). A fallback introduced now would have to be replaced within months.`,
      factIds: ['sms-voice-retirement', 'sms-voice-retirement-admins', 'passkeys-auto-enabled', 'temporary-access-pass'],
    },
    {
      id: 'report-only-first',
      topic: 'Report-only before enforcement',
      classic: 'The policy is created and switched on for the pilot group straight away.',
      current:
        'Every policy is created in report-only (or off) during Prepare. The pilot policy is switched on for the IT team while the all-users policy keeps running in report-only alongside it.',
      why: 'Report-only shows what the policy would do to real sign-ins of the whole organisation before anyone can be locked out, and gives the go/no-go decision real numbers.',
      factIds: ['report-only-mode', 'all-users-mfa-policy'],
    },
    {
      id: 'authentication-strength',
      topic: 'Grant control: authentication strength',
      classic: 'The policy grants access with the control "Require multifactor authentication".',
      current: 'The policies grant access with the authentication strength "Multifactor authentication" instead.',
      why: 'An authentication strength names exactly which methods count. The same policy can later be raised to phishing-resistant methods (passkeys, security keys) by changing the strength, without rebuilding it. It is the form Microsoft\u2019s current all-users template uses.',
      factIds: ['all-users-mfa-policy'],
    },
    {
      id: 'go-no-go-gate',
      topic: 'Go / no-go gate before enforcement',
      classic: 'Enforcement follows the pilot once the IT team\u2019s tests pass.',
      current:
        'On the last pilot day the approver takes a go/no-go decision. If more than 10% of the all-users policy\u2019s report-only evaluations would block, or an application fails under the policy, enforcement waits until the cause is fixed. The pilot also includes a few people outside IT: an executive assistant, a Mac user, a mobile-only user and a shared device.',
      why: 'The IT team is the least typical group of users. A high would-block rate points to legacy apps or unregistered users that would turn into helpdesk calls and lock-outs on enforcement day.',
      factIds: ['report-only-mode'],
    },
    {
      id: 'registration-window',
      topic: 'Registration window and the registration campaign',
      classic: 'A 14-day registration phase.',
      current:
        'The registration phase is a communications and registration window run by IT: announcement, daily tracking, reminder, individual contact. The Entra "registration campaign" setting is a separate, optional nudge and does not replace the window.',
      why: 'The campaign only appears after a successful MFA sign-in and can be snoozed, so it never reaches the people who have no method at all, the very people the window is for.',
      factIds: ['registration-campaign'],
    },
    {
      id: 'security-defaults-switch',
      topic: 'Security defaults',
      classic: 'At enforcement the pilot policy is widened to all users.',
      current: `Security defaults are turned off at the same moment the all-users policy is switched on. ${securityDefaultsNow}`,
      why: 'Conditional Access policies cannot be switched on while security defaults are on, and turning security defaults off earlier would leave a gap in which nobody is asked for MFA.',
      factIds: ['security-defaults-and-ca'],
    },
    {
      id: 'methods-policy',
      topic: 'Where methods are managed',
      classic: 'Methods are chosen in the per-user MFA settings page.',
      current: 'Methods (Microsoft Authenticator, passkeys, Temporary Access Pass) are enabled in the authentication methods policy only, and Prepare confirms the migration to it is complete.',
      why: 'The legacy MFA and self-service password reset policies no longer manage methods; settings left there have no effect.',
      factIds: ['legacy-mfa-sspr-policies', 'number-matching'],
    },
    {
      id: 'legacy-auth-dates',
      topic: 'Legacy authentication: the dates that matter now',
      classic: 'Audit legacy authentication and move each dependency to modern authentication.',
      current: `The audit is the same, with firmer deadlines: SMTP AUTH with basic authentication is off by default for existing tenants from ${date('smtp-auth-basic-default-off')}, and Exchange Web Services, blocked by default since ${date('ews-blocked-by-default')}, is switched off for good on ${date('ews-retired')}. Printers and business systems found in the audit are fixed before those dates, not after.`,
      why: 'Every legacy sign-in bypasses MFA, and the platform is removing these protocols anyway: a fix made now is a fix made once.',
      factIds: ['exchange-basic-auth-off', 'smtp-auth-basic-default-off', 'ews-blocked-by-default', 'ews-retired', 'sign-in-log-retention'],
    },
  ];
}
