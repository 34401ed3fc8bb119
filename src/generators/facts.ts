import type { Fact, GuidanceNote } from '../model/content.ts';
import { factSchema } from '../model/content.ts';
import type { Schedule } from '../model/schedule.ts';
import type { GeneratorContext } from './context.ts';
import { addDays, daysBetween, formatFactDate, formatLongDate } from './text/dates.ts';
import factsData from '../content/facts.json' with { type: 'json' };
import { goNoGoGate, pilotStory } from './pilot.ts';

// Time-sensitive claims are data (src/content/facts.json): claim, source, the date someone last
// checked the source, and the date of the change where the fact is a dated change. A dated claim holds
// "{date}" where its date goes, so every output that shows the claim shows the date too, written as
// exactly as the source gives it ("the end of December 2026", never an invented day). Guidance notes
// explain where this playbook departs from the classic five-phase course, citing facts by id.

/** Every fact, validated once when the module loads: a bad edit of facts.json fails fast and loudly. */
export const FACTS: readonly Fact[] = factSchema.array().parse(factsData);

export function factById(id: string): Fact {
  const fact = FACTS.find((candidate) => candidate.id === id);
  if (!fact) throw new Error(`Unknown fact "${id}"`);
  return fact;
}

/** The fact's date in words, as exact as its source; empty for an undated fact. */
export function factDate(id: string, locale: string): string {
  const fact = factById(id);
  return fact.effective ? formatFactDate(fact.effective, fact.effectivePrecision, locale) : '';
}

/** The claim with its date written in. */
export function factClaim(fact: Fact, locale: string): string {
  return fact.effective ? fact.claim.replaceAll('{date}', formatFactDate(fact.effective, fact.effectivePrecision, locale)) : fact.claim;
}

/** The days a dated fact may fall on: one day, the whole month, or the last week of the month. */
function factWindow(fact: Fact): { from: string; to: string } | null {
  if (!fact.effective) return null;
  const monthEnd = addDays(`${fact.effective.slice(0, 7)}-01`, 40).slice(0, 7);
  const last = addDays(`${monthEnd}-01`, -1);
  switch (fact.effectivePrecision) {
    case 'month':
      return { from: `${fact.effective.slice(0, 7)}-01`, to: last };
    case 'end-of-month':
      return { from: addDays(last, -6), to: last };
    default:
      return { from: fact.effective, to: fact.effective };
  }
}

export type FactTiming = 'before-start' | 'during' | 'after-end';

export function factTiming(fact: Fact, schedule: Schedule): FactTiming | null {
  const window = factWindow(fact);
  if (!window) return null;
  if (window.to < schedule.startDate) return 'before-start';
  if (window.from > schedule.endDate) return 'after-end';
  return 'during';
}

/** What each dated change means for a plan, by when it falls. Dates of the plan's own tasks are filled in. */
function consequences(id: string, taskDate: (taskId: string) => string): Partial<Record<FactTiming, string>> {
  const audit = taskDate('prepare.legacy-audit');
  const smsCheck = taskDate('prepare.sms-voice-usage');
  const smsOff = taskDate('register.sms-voice-off');
  switch (id) {
    case 'smtp-auth-basic-default-off':
      return {
        'before-start': `Printers, scanners and business systems that send mail with SMTP AUTH and a password have stopped working since then, unless someone turned basic authentication back on for the tenant. The legacy-authentication audit on ${audit} lists both kinds; each moves to the SMTP relay or OAuth before enforcement, and a setting that was turned back on is turned off again.`,
        during: `Printers, scanners and business systems that send mail with SMTP AUTH and a password stop working then unless they have moved. The legacy-authentication audit on ${audit} lists them, and each moves to the SMTP relay or OAuth before that date.`,
        'after-end': `The legacy-authentication audit on ${audit} lists what still sends mail with SMTP AUTH and a password; each moves to the SMTP relay or OAuth before enforcement, well ahead of that date.`,
      };
    case 'ews-blocked-by-default':
      return { 'before-start': `Apps that still use EWS work only if they are on the allow list; the legacy-authentication audit on ${audit} records each one with its owner.` };
    case 'ews-retired':
      return {
        during: `Any app still on the EWS allow list stops working then: its owner moves it to Microsoft Graph before that date.`,
        'after-end': `Any app still on the EWS allow list stops working after this plan ends: the dependency list from the audit on ${audit} keeps it, with its owner and that deadline.`,
        'before-start': 'EWS is already gone; nothing in this plan depends on it.',
      };
    case 'sms-voice-retirement':
      return {
        'before-start': `Users whose only method was a text message or a call are already asked to register another method at sign-in; the usage check on ${smsCheck} finds anyone left.`,
        during: `This plan crosses that date: anyone whose only method is still a text message or a call then gets a blocking prompt to register another method. The usage check on ${smsCheck} finds them, they move during the registration window, and text message and voice are switched off in the authentication methods policy on ${smsOff}.`,
        'after-end': `The usage check on ${smsCheck} finds the users who rely on a text message or a call, and they move during the registration window, well before that date.`,
      };
    case 'sms-voice-retirement-admins':
      return {
        during:
          'Administrators move to a passkey or a security key in this plan, before that date; guests who still use a text message or a call are asked to register another method then.',
        'after-end':
          'Administrators move to a passkey or a security key in this plan, well before that date; guests who still use a text message or a call are asked to register another method then.',
        'before-start': 'Administrators and guests who relied on a text message or a call already have to use another method.',
      };
    case 'passkeys-auto-enabled':
      return {
        'before-start':
          'Users who relied on a text message or a call may already be offered a passkey; that is welcome, and the registration campaign setting decides what the after-sign-in nudge asks for.',
      };
    case 'number-matching':
      return { 'before-start': 'Nothing to switch on: every Authenticator notification already asks for the number.' };
    case 'legacy-mfa-sspr-policies':
      return { 'before-start': 'Methods are enabled in the authentication methods policy only; the settings pages of per-user MFA no longer decide which methods work.' };
    case 'exchange-basic-auth-off':
      return {
        'before-start':
          'Of the Exchange protocols only SMTP AUTH could still use a password alone, so the legacy-authentication audit looks hardest at mail sent by devices and systems.',
      };
    case 'mandatory-mfa-cli':
      return {
        'before-start':
          'Admin scripts using Azure CLI or PowerShell already need MFA; automation that runs under a person\u2019s account moves to a managed identity or a service principal.',
      };
    default:
      return {};
  }
}

/** "In force since …, before this plan starts on …" and what it means, for every dated fact. */
export function factPlanNote(fact: Fact, schedule: Schedule, locale: string): string | undefined {
  const timing = factTiming(fact, schedule);
  if (timing === null) return undefined;
  const when = formatFactDate(fact.effective!, fact.effectivePrecision, locale);
  const long = (date: string) => formatLongDate(date, locale);
  const taskDate = (taskId: string) => {
    const task = schedule.tasks.find((candidate) => candidate.id === taskId);
    return task ? long(task.date) : 'the task\u2019s date';
  };
  const relation =
    timing === 'before-start'
      ? `For this plan: ${when} comes before the start on ${long(schedule.startDate)}.`
      : timing === 'after-end'
        ? `For this plan: ${when} comes after it ends on ${long(schedule.endDate)}.`
        : `For this plan: ${when} falls inside it (${long(schedule.startDate)} to ${long(schedule.endDate)}), ${fact.effective! < schedule.enforcementDate ? 'before' : 'on or after'} enforcement on ${long(schedule.enforcementDate)}.`;
  const consequence = consequences(fact.id, taskDate)[timing];
  return consequence ? `${relation} ${consequence}` : relation;
}

/** Days of sign-in log an admin can read back on this licence: the figure of the dated fact "sign-in-log-retention". */
export function signInLogRetentionDays(licence: 'free' | 'P1' | 'P2'): number {
  const days = factById('sign-in-log-retention').values?.[licence];
  if (days === undefined) throw new Error(`The fact "sign-in-log-retention" has no figure for the ${licence} licence`);
  return days;
}

export function buildFacts(context: GeneratorContext): Fact[] {
  const locale = context.config.locale;
  return FACTS.map((fact) => {
    const planNote = factPlanNote(fact, context.schedule, locale);
    return { ...fact, claim: factClaim(fact, locale), source: { ...fact.source }, ...(planNote ? { planNote } : {}) };
  });
}

/**
 * Dated facts close enough to the plan to change it: from 90 days before the start to 180 days after the end.
 * `mfa-playbook check` prints them as warnings, each with what it means for this plan.
 */
export function datedFactWarnings(facts: readonly Fact[], schedule: Schedule): { id: string; message: string }[] {
  return facts
    .filter((fact) => {
      const window = factWindow(fact);
      return window !== null && window.to >= addDays(schedule.startDate, -90) && window.from <= addDays(schedule.endDate, 180) && fact.planNote;
    })
    .map((fact) => ({ id: fact.id, message: `${fact.claim} ${fact.planNote}` }));
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
  const { config, schedule } = context;
  const date = (id: string) => factDate(id, config.locale);
  const gate = goNoGoGate(config);
  const pilot = pilotStory(config);
  const smtp = factById('smtp-auth-basic-default-off');
  const smtpBeforeStart = factTiming(smtp, schedule) === 'before-start';
  const securityDefaultsNow = config.current.securityDefaults
    ? 'This tenant runs security defaults today, so they are turned off in the same sitting as the all-users policy is switched on, and not before.'
    : config.current.perUserMfa
      ? 'This tenant does not run security defaults, so there is nothing to turn off; it uses per-user MFA, which is turned off for every user right after the all-users policy is switched on.'
      : 'This tenant runs neither security defaults nor per-user MFA, so there is nothing to turn off: the all-users policy is the first MFA its users meet.';
  return [
    {
      id: 'break-glass-fido2',
      topic: 'Emergency access (break-glass) accounts',
      classic: 'Two cloud-only Global Administrator accounts with long random passwords kept offline, left out of the MFA policy.',
      current:
        'Each emergency account also has its own FIDO2 security key or passkey, a different method from the admins\u2019 everyday one. The accounts sit in one dedicated group, and that group is excluded from every policy that enforces or blocks. Every sign-in raises an alert, and the accounts are tested at least every 90 days.',
      why: 'Microsoft now requires MFA to sign in to the admin portals, emergency accounts included, so a password alone no longer opens them. Excluding a group rather than named accounts keeps every policy consistent when an account is replaced.',
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
      current: `The pilot, all-users and legacy-authentication policies are created in report-only during Prepare. ${pilot.whatHappens} The all-users policy runs in report-only alongside. The security-info registration policy is created off and switched on at its date: report-only does not evaluate user actions such as registering security info, so it would show nothing.`,
      why: 'Report-only shows what a policy would do to real sign-ins of the whole organisation before anyone can be locked out, and gives the go/no-go decision real numbers.',
      factIds: ['report-only-mode', 'all-users-mfa-policy', 'security-defaults-and-ca'],
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
      current: `On the last pilot day the approver decides go or no-go. The rule: ${gate.rule}. ${gate.counts} Where to read it: ${gate.where} ${gate.outcomes.go} ${gate.outcomes.fixFirst} ${gate.outcomes.noGo} The pilot also includes a few volunteers from outside IT (an executive assistant, a Mac user, someone who works on a phone only, a shared or frontline device), recruited during the registration window and added to the pilot group.`,
      why: 'The IT team is the least typical group of users. Sign-ins the all-users policy would block point to legacy apps and devices that would turn into helpdesk calls and lock-outs on enforcement day; a require-MFA policy asking for MFA is not such a sign.',
      factIds: ['report-only-mode'],
    },
    {
      id: 'registration-window',
      topic: 'Registration window and the registration campaign',
      classic: 'A 14-day registration phase.',
      current: `The registration phase is a communications and registration window run by IT: announcement, daily tracking, reminder, individual contact. The Entra registration campaign is a separate nudge after sign-in. Left in its Microsoft-managed state it now asks people to set up a passkey, while this plan's messages ask for ${config.method === 'passkey' ? 'a passkey too' : 'Microsoft Authenticator'}; so Prepare sets it on purpose: enabled for all users (the break-glass group excluded), targeting ${config.method === 'passkey' ? 'passkeys' : 'Microsoft Authenticator'}, with a snooze of a few days. A passkey set up through the nudge is welcome either way: it counts, and it is stronger.`,
      why: 'The campaign only appears after a successful MFA sign-in and can be snoozed, so it never reaches the people who have no method at all, the very people the window is for; and a nudge that asks for something other than the messages confuses the people it does reach.',
      factIds: ['registration-campaign', 'passkeys-auto-enabled'],
    },
    {
      id: 'security-defaults-switch',
      topic: 'Security defaults',
      classic: 'At enforcement the pilot policy is widened to all users.',
      current: `Where security defaults are on, they are turned off at the same moment the all-users policy is switched on. ${securityDefaultsNow}`,
      why: 'Conditional Access policies cannot be switched on while security defaults are on, and turning security defaults off earlier would leave a gap in which nobody is asked for MFA.',
      factIds: ['security-defaults-and-ca'],
    },
    {
      id: 'methods-policy',
      topic: 'Where methods are managed, and which method a user is asked for',
      classic: 'Methods are chosen in the per-user MFA settings page, and users pick their default method.',
      current: `Methods (Microsoft Authenticator, passkeys, Temporary Access Pass) are enabled in the authentication methods policy only, and Prepare confirms the migration to it is complete. Number matching is not a setting: it has been on for every Authenticator notification since ${date('number-matching')}. With system-preferred MFA (on by default, Microsoft-managed) the sign-in asks for the strongest method the user has registered, whatever their "default" says; so the cure for a slow prompt is to register the better method and remove the slower one.`,
      why: 'The legacy MFA and self-service password reset policies no longer manage methods; settings left there have no effect, and advice to "change the default method" no longer changes what a user is asked for.',
      factIds: ['legacy-mfa-sspr-policies', 'number-matching'],
    },
    {
      id: 'legacy-auth-dates',
      topic: 'Legacy authentication: the dates that matter now',
      classic: 'Audit legacy authentication and move each dependency to modern authentication.',
      current: `The audit is the same, with firmer deadlines: SMTP AUTH with basic authentication is off by default for existing tenants from ${date('smtp-auth-basic-default-off')}, and Exchange Web Services, blocked by default since ${date('ews-blocked-by-default')}, is switched off for good on ${date('ews-retired')}. ${
        smtpBeforeStart
          ? 'For this plan the SMTP AUTH change comes before the start: devices still sending that way have either stopped already or run on a tenant setting someone turned back on, and the audit finds both.'
          : 'Printers and business systems found in the audit move before those dates, not after.'
      } ${config.current.securityDefaults ? 'Under security defaults legacy authentication is already blocked, so the rows the audit finds are blocked attempts, not bypasses: each is a device or app that is already failing, and each still needs an owner.' : 'Without security defaults a successful legacy sign-in bypasses MFA, so every such row in the audit needs a fix before enforcement.'}`,
      why: 'Every legacy sign-in that succeeds bypasses MFA, and the platform is removing these protocols anyway: a fix made now is a fix made once.',
      factIds: ['exchange-basic-auth-off', 'smtp-auth-basic-default-off', 'ews-blocked-by-default', 'ews-retired', 'sign-in-log-retention'],
    },
    {
      id: 'sms-voice-retirement',
      topic: 'Text message and voice call retirement',
      classic: 'Text messages and phone calls are an accepted second method.',
      current: `Microsoft-provided SMS and voice MFA retire on ${date('sms-voice-retirement')} (${date('sms-voice-retirement-admins')} for Global Administrators and external users). Prepare checks who uses them before anything is switched off; those people move to ${config.method === 'passkey' ? 'a passkey' : 'Microsoft Authenticator'} or a security key during the registration window, and only then are text message and voice switched off in the authentication methods policy. Switching them off first would throw those people into registration before the announcement has told them why.`,
      why: 'A user whose only method is a text message or a call gets a blocking prompt on the retirement date; moving them on the plan\u2019s own dates keeps that out of enforcement week.',
      factIds: ['sms-voice-retirement', 'sms-voice-retirement-admins', 'passkeys-auto-enabled'],
    },
    {
      id: 'guests',
      topic: 'Guest users',
      classic: 'Not covered.',
      current:
        'The all-users policy includes guests. A guest meets MFA in their home organisation when the inbound cross-tenant access settings trust MFA from other Entra tenants, otherwise in this tenant with a method they register here. Prepare reviews the guest list (stale guests are removed), sets that trust for partner organisations, and tells the people who invite guests what to expect.',
      why: 'Guests are an account like any other in the directory; leaving them out leaves a way in without MFA, and including them without a word produces calls from partners on enforcement day.',
      factIds: ['all-users-mfa-policy', 'sms-voice-retirement-admins'],
    },
    {
      id: 'admin-strength',
      topic: 'Phishing-resistant MFA for administrators',
      classic: 'Administrators get the same MFA as everyone.',
      current:
        'Administrators register a passkey or a security key during the pilot, and after sign-off a policy for the admin roles requires the built-in authentication strength "Phishing-resistant MFA", in report-only first and then On. The break-glass group stays excluded; its accounts already sign in with security keys.',
      why: 'An approved notification can still be phished through a fake sign-in page that relays it; a passkey or a security key is bound to the real site and cannot be. Admin accounts are where that matters most.',
      factIds: ['mandatory-mfa-admin-portals', 'emergency-access-accounts'],
    },
  ];
}
