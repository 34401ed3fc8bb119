import type { TenantConfig } from '../config/schema.ts';
import type { PhaseId } from '../model/common.ts';
import type { Task } from '../model/schedule.ts';
import { signInLogRetentionDays } from './facts.ts';
import { methodName, ownerName } from '../model/names.ts';
import { factById } from './facts.ts';
import { ALL_USERS_POLICY, goNoGoGate, PILOT_POLICY, pilotStory, type StartingState } from './pilot.ts';
import { formatFactDate, formatLongDate } from './text/dates.ts';

// The tasks of the plan: what to do on which day, by whom, and what evidence shows it done.
// Dates come from the schedule (TaskDates); this module holds the wording.

/** Working-day number of each phase's first and last day. */
export type PhaseDays = Record<PhaseId, { first: number; last: number }>;

export interface TaskDates {
  dateOf: (day: number) => string;
  dayOf: (date: string) => number;
  /** The working day `count` working days before day 1: preparation that has to be done before the start. */
  beforeStart: (count: number) => string;
  /** The last working day before `date`. */
  workingDayBefore: (date: string) => string;
  phases: PhaseDays;
  enforcementDate: string;
  watchEndDate: string;
  logReviewDate: string;
  signoffDate: string;
  registrationDeadline: string;
  goNoGoDate: string;
  reminderDate: string;
  contactDate: string;
}

type TaskDraft = Omit<Task, 'day' | 'ownerName' | 'id' | 'phase' | 'dependsOn'> & { key: string; after?: string[] };

/** Working days between ordering security keys and the start: delivery, and a margin for a late one. */
export const KEY_ORDER_LEAD_WORKING_DAYS = 10;

const PATHS = {
  signInLogs: 'Entra admin center → Entra ID → Monitoring & health → Sign-in logs',
  registrationDetails: 'Entra admin center → Entra ID → Authentication methods → User registration details',
  methodsPolicy: 'Entra admin center → Entra ID → Authentication methods → Policies',
  registrationCampaign: 'Entra admin center → Entra ID → Authentication methods → Registration campaign',
  namedLocations: 'Entra admin center → Entra ID → Conditional Access → Named locations',
  crossTenant: 'Entra admin center → Entra ID → External Identities → Cross-tenant access settings',
  diagnosticSettings: 'Entra admin center → Entra ID → Monitoring & health → Diagnostic settings',
};

/** When text message and voice go off in the methods policy: before Microsoft retires them if that falls in the window. */
function smsVoiceOffDate(d: TaskDates, announcement: string): string {
  const retirement = factById('sms-voice-retirement').effective;
  if (retirement && retirement > announcement && retirement <= d.registrationDeadline) return d.workingDayBefore(retirement);
  return d.registrationDeadline;
}

export function buildTasks(config: TenantConfig, d: TaskDates): Task[] {
  const method = methodName(config.method);
  const bg = config.breakGlass;
  const { prepare: pr, register: rg, pilot: pl, enforce: en, validate: va } = d.phases;
  const logDays = signInLogRetentionDays(config.licence);
  const prepareSecond = d.dateOf(Math.min(pr.first + 1, pr.last));
  const announcement = d.dateOf(rg.first);
  const registerThird = d.dateOf(Math.min(rg.first + 2, rg.last));
  const escalationDay = d.dateOf(Math.min(config.thresholds.contactDay + 2, rg.last));
  const helpdeskBriefing = d.dateOf(en.first - 1);
  const smsOff = smsVoiceOffDate(d, announcement);
  const smsMove = registerThird < smsOff ? registerThird : announcement;
  const retirement = factById('sms-voice-retirement').effective;
  const retirementInPlan = retirement !== undefined && retirement >= d.dateOf(1) && retirement <= d.signoffDate;
  const retirementText = formatFactDate(retirement ?? d.registrationDeadline, factById('sms-voice-retirement').effectivePrecision, config.locale);
  const pilot = pilotStory(config);
  const gate = goNoGoGate(config);
  const state = pilot.state;
  const noPhone = config.exceptions.filter((exception) => exception.kind === 'no-smartphone').length;
  const long = (date: string) => formatLongDate(date, config.locale);

  const drafts: Record<PhaseId, TaskDraft[]> = {
    prepare: [
      {
        key: 'order-keys',
        date: d.beforeStart(KEY_ORDER_LEAD_WORKING_DAYS),
        owner: 'it-lead',
        title: 'Order the FIDO2 security keys',
        action: `Order FIDO2 security keys so they arrive before the start: one for each of the ${bg.accounts.length} emergency access accounts and a spare, one for each person without a smartphone (${noPhone} known so far), one for each administrator, and a few in stock for the helpdesk.`,
        evidence: 'The order and its delivery date.',
      },
      {
        key: 'plan-approval',
        date: d.beforeStart(1),
        owner: 'approver',
        title: 'Approve the plan and the announcement',
        action:
          'Read the dated plan and the staff announcement, and sign the plan before the start; it documents the decision and backs IT when someone pushes back during enforcement.',
        evidence: 'The signed plan PDF.',
      },
      {
        key: 'inventory',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Take stock of sign-in settings',
        action: `List the existing Conditional Access policies and Microsoft-managed policies, note whether security defaults and per-user MFA are on (this plan assumes ${state === 'security-defaults' ? 'security defaults' : state === 'per-user-mfa' ? 'per-user MFA' : 'neither'}), and confirm the authentication methods policy migration is complete.`,
        evidence: 'An export or screenshot of the policy list and of the authentication methods migration status.',
      },
      {
        key: 'sms-voice-usage',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Find who signs in with a text message or a call',
        action: `In User registration details (${PATHS.registrationDetails}), filter the registered methods for text message and voice call and list the users for whom these are the only methods. Microsoft retires them on ${retirementText}${retirementInPlan ? ', inside this plan' : ''}; these users move before anything is switched off.`,
        evidence: 'The list of users who rely on a text message or a call alone.',
      },
      {
        key: 'methods',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Turn on the sign-in methods',
        action: `In the authentication methods policy (${PATHS.methodsPolicy}) enable ${config.method === 'passkey' ? 'passkeys (FIDO2), including passkeys in Microsoft Authenticator, and Microsoft Authenticator' : 'Microsoft Authenticator and passkeys (FIDO2)'}, and Temporary Access Pass (one hour, one use, by default). Number matching needs no setting: it is always on. Leave system-preferred MFA in its Microsoft-managed state. Do not add text message or voice call; if they are enabled today, leave them until the people who rely on them have moved.`,
        evidence: 'A screenshot of the authentication methods policy.',
      },
      {
        key: 'break-glass',
        date: d.dateOf(pr.first),
        owner: 'it-lead',
        title: 'Set up the emergency access accounts',
        action: `Create ${bg.accounts.length} cloud-only accounts on ${config.organisation.tenantDomain} (${bg.accounts.join(', ')}) with permanent Global Administrator, put them in the group "${bg.group.name}", register a FIDO2 security key on each (a different method from the admins' everyday one), and keep the long random credentials offline in two separate places.`,
        evidence: `Group membership of "${bg.group.name}"; a FIDO2 key registered on each account; a signed log of where each sealed credential is kept.`,
        after: ['prepare.order-keys', 'prepare.methods'],
      },
      {
        key: 'break-glass-alert',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Alert on every emergency-account sign-in',
        action:
          config.licence === 'free'
            ? `Entra ID Free cannot send sign-in logs to Log Analytics, so no alert rule can watch them: until the tenant has Entra ID P1 (one licence is enough to enable it), someone checks the two accounts in the sign-in log (${PATHS.signInLogs}) every working day and records it. Test it once with a sign-in by one of the accounts.`
            : `Send the sign-in logs (interactive and non-interactive) to a Log Analytics workspace (${PATHS.diagnosticSettings}). In Azure Monitor, create a log search alert on SigninLogs and AADNonInteractiveUserSignInLogs for any sign-in, successful or failed, by the object IDs of the two accounts, evaluated every 5 minutes, severity 0 (critical), with an action group that emails and texts the IT lead and a second administrator. Test it once with a sign-in by one of the accounts.`,
        evidence: 'The alert from the test sign-in, with its time.',
        after: ['prepare.break-glass'],
      },
      {
        key: 'legacy-audit',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Audit legacy authentication',
        action: `Export the sign-in logs of the last ${logDays} days filtered by legacy client apps (Exchange ActiveSync, IMAP4, POP3, Authenticated SMTP, Other clients and the rest), interactive and non-interactive, and list each user, client app and device with an owner and a fix. ${
          state === 'security-defaults'
            ? 'Security defaults already block legacy authentication, so these rows are blocked attempts, not bypasses: each is a device or app that is already failing or retrying.'
            : 'Each successful row bypasses MFA and needs a fix before enforcement.'
        }`,
        evidence: 'The exported CSV and the legacy-authentication dependency list with an owner for each fix.',
      },
      {
        key: 'registration-campaign',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Set the registration campaign',
        action: `In ${PATHS.registrationCampaign}, change the state from Microsoft-managed (which now nudges people towards passkeys) to Enabled, target ${config.method === 'passkey' ? 'passkeys' : 'Microsoft Authenticator'}, the method the messages ask for, include all users, exclude "${bg.group.name}", and allow a snooze of 3 days. People who set up a passkey anyway are welcome to keep it.`,
        evidence: 'A screenshot of the registration campaign settings.',
        after: ['prepare.methods'],
      },
      {
        key: 'exceptions',
        date: prepareSecond,
        owner: 'it-lead',
        title: 'Settle the exceptions',
        action: `Decide for each special account: shared mailboxes (block sign-in), room accounts, service accounts (move to managed identities or certificates) and people without a smartphone (a FIDO2 key; a Temporary Access Pass only for short gaps). ${config.exceptions.length} recorded so far.`,
        evidence: 'The exception list with a plan per account, approved by the IT lead.',
      },
      {
        key: 'guests',
        date: prepareSecond,
        owner: 'it-team',
        title: 'Prepare guest users for MFA',
        action: `The all-users policy includes guests. List the guests (Users, filtered by user type Guest) and remove those no longer needed; in ${PATHS.crossTenant}, set inbound trust of multifactor authentication from other Entra tenants for partner organisations, so their people meet MFA at home; tell the staff who invite guests that others will register a method here at their next sign-in after enforcement.`,
        evidence: 'The guest list before and after the clean-up, and the cross-tenant access settings.',
      },
      {
        key: 'named-locations',
        date: prepareSecond,
        owner: 'it-team',
        title: 'Mark the office networks as trusted',
        action: `In ${PATHS.namedLocations}, add an IP ranges location with the public IP addresses of each office and tick "Mark as trusted location". The security-info registration policy (CA004) lets people register from these networks without MFA; everywhere else they need MFA or a Temporary Access Pass.`,
        evidence: 'A screenshot of the named locations with their IP ranges.',
      },
      {
        key: 'report-only-policies',
        date: prepareSecond,
        owner: 'it-team',
        title: 'Create the Conditional Access policies',
        action:
          'Import the pilot (CA001), all-users (CA002) and block-legacy-authentication (CA003) policies from the admin site in report-only, and the security-info registration policy (CA004) Off: report-only does not evaluate user actions such as registering security info, so it would show nothing. Check that each excludes the break-glass group.',
        evidence: 'The policy list showing each policy and its state.',
        after: ['prepare.break-glass', 'prepare.named-locations'],
      },
    ],
    register: [
      {
        key: 'announce',
        date: announcement,
        owner: 'it-lead',
        title: 'Send the announcement',
        action: `Send the announcement to all staff by email, post it on Teams and set the intranet banner. Registration is open until ${long(d.registrationDeadline)}.`,
        evidence: 'The sent message and its recipient count.',
        milestone: 'announcement',
        after: ['prepare.plan-approval', 'prepare.methods', 'prepare.registration-campaign'],
      },
      {
        key: 'track-daily',
        date: announcement,
        repeatsUntil: d.registrationDeadline,
        owner: 'it-team',
        title: 'Record the registration rate',
        action: `Every working day, download User registration details (${PATHS.registrationDetails}) and note the share of users who are MFA capable.`,
        evidence: 'One dated export per day, kept for the tracker.',
        after: ['register.announce'],
      },
      {
        key: 'no-smartphone',
        date: registerThird,
        owner: 'helpdesk',
        title: 'Equip people without a smartphone',
        action: 'Hand out and register FIDO2 security keys for the people on the no-smartphone list; send them the no-smartphone guide.',
        evidence: 'Each person on the list has a key registered.',
        after: ['prepare.order-keys', 'prepare.methods'],
      },
      {
        key: 'sms-voice-move',
        date: smsMove,
        owner: 'helpdesk',
        title: 'Move people off text message and voice call',
        action: `Contact each person on the text-message-and-voice list and help them set up ${method}${config.method === 'passkey' ? '' : ' or a passkey'} (a security key if they have no smartphone), then remove the phone number as a sign-in method. Finish by ${long(smsOff)}.`,
        evidence: 'The list with an outcome per person.',
        after: ['prepare.sms-voice-usage', 'register.announce'],
      },
      {
        key: 'sms-voice-off',
        date: smsOff,
        owner: 'it-team',
        title: 'Switch text message and voice call off',
        action: `In the authentication methods policy, switch text message and voice call off for all users, once the people who relied on them have moved.${retirementInPlan ? ` Microsoft retires them on ${retirementText}, inside this plan: anyone still relying on them then gets a blocking prompt to register another method.` : ''}`,
        evidence: 'A screenshot of the authentication methods policy and the remaining count from User registration details.',
        after: ['register.sms-voice-move'],
      },
      {
        key: 'pilot-volunteers',
        date: registerThird,
        owner: 'it-lead',
        title: 'Recruit the pilot volunteers',
        action: `Ask four to six people outside IT to join the pilot (an executive assistant, a Mac user, someone who works on a phone only, someone on a shared or frontline device), with their managers' agreement. Add them to the group "${config.pilotGroup.name}" in Entra ID so the pilot policy covers them, and check they have registered by ${long(d.registrationDeadline)}.`,
        evidence: 'The volunteers, their managers\u2019 agreement and the group membership.',
        after: ['register.announce'],
      },
      {
        key: 'reminder-check',
        date: d.reminderDate,
        owner: 'it-lead',
        title: `Reminder check: send the reminder if below ${config.thresholds.reminderBelowRate}%`,
        action: `Compare today's registration rate with ${config.thresholds.reminderBelowRate}%. If it is lower, send the reminder to everyone not yet registered.`,
        evidence: "Today's rate and, if sent, the reminder.",
        milestone: 'reminder-check',
        after: ['register.announce'],
      },
      {
        key: 'individual-contact',
        date: d.contactDate,
        owner: 'helpdesk',
        title: 'Contact each unregistered user',
        action: 'Call or message every user who is still not registered, one by one, and offer a short session to set up together; record what is in their way.',
        evidence: 'The contact list with an outcome per user.',
        milestone: 'individual-contact',
        after: ['register.reminder-check'],
      },
      {
        key: 'manager-escalation',
        date: escalationDay,
        owner: 'it-lead',
        title: 'Ask managers to help with stragglers',
        action: 'Send each manager the names of their team members who are still unregistered, with the manager escalation message.',
        evidence: 'The messages sent to managers.',
        after: ['register.individual-contact'],
      },
      {
        key: 'registration-deadline',
        date: d.registrationDeadline,
        owner: 'it-lead',
        title: 'Close the registration window',
        action: `Check the rate against the ${config.thresholds.targetRate}% target and list who is left. Enforcement does not wait for them: they register at their next sign-in after enforcement, in about five minutes, and the helpdesk is ready for them.`,
        evidence: 'The final rate of the window and the list of remaining users.',
        milestone: 'registration-deadline',
        after: ['register.announce'],
      },
    ],
    pilot: [
      {
        key: 'pilot-notice',
        date: d.dateOf(Math.max(pl.first - 1, 1)),
        owner: 'it-lead',
        title: 'Tell the pilot group',
        action: `Send the pilot notice to the members of "${config.pilotGroup.name}", the volunteers included.`,
        evidence: 'The sent notice.',
        after: ['register.pilot-volunteers'],
      },
      {
        key: 'pilot-on',
        date: d.dateOf(pl.first),
        owner: 'it-team',
        title: pilot.policyOn ? 'Switch the pilot policy on' : 'Start the pilot in report-only',
        action:
          state === 'security-defaults'
            ? `Security defaults are on, and no Conditional Access policy can be switched on while they are; turning them off now would leave everyone else without MFA until enforcement. So "${PILOT_POLICY}" (users: ${config.pilotGroup.name}, volunteers included) stays in report-only, as created. ${pilot.signInLogShows} Leave the all-users policy in report-only too.`
            : `Set "${PILOT_POLICY}" (users: ${config.pilotGroup.name}, volunteers included; all resources; authentication strength "Multifactor authentication") to On.${state === 'per-user-mfa' ? ' In the same sitting, turn per-user MFA off for the members of the pilot group, so the prompts they meet come from the policy.' : ''} Leave the all-users policy in report-only.`,
        evidence: 'The policy state and its change in the audit log.',
        milestone: 'pilot-start',
        after: ['prepare.report-only-policies', 'pilot.pilot-notice'],
      },
      {
        key: 'pilot-tests',
        date: d.dateOf(pl.first),
        owner: 'it-team',
        title: 'Run the pilot tests',
        action: `${
          pilot.policyOn
            ? 'Sign out and in as an admin and expect the MFA prompt; repeat on a desktop, a phone and a personal device; confirm a device not enrolled in Intune still signs in, after MFA. '
            : 'Sign out and in as an admin on a desktop, a phone and a personal device (security defaults decide when MFA is asked). '
        }${pilot.signInLogShows} Sign in with a break-glass account (${bg.accounts[0] ?? ''}) from a private window using its FIDO2 key and confirm the alert fires. The pilot cannot show ${pilot.cannotTest.join('; nor ')}.`,
        evidence: 'The sign-in log entries for each test and the break-glass alert.',
        after: ['pilot.pilot-on', 'prepare.break-glass-alert'],
      },
      {
        key: 'admin-keys',
        date: d.dateOf(pl.first),
        owner: 'it-team',
        title: 'Give administrators phishing-resistant methods',
        action:
          'Each administrator registers a passkey or a FIDO2 security key next to their everyday method, ready for the phishing-resistant policy for admin roles after sign-off.',
        evidence: 'The administrators\u2019 registered methods in User registration details.',
        after: ['prepare.order-keys'],
      },
      {
        key: 'pilot-volunteers-check',
        date: d.dateOf(Math.min(pl.first + 1, pl.last)),
        owner: 'it-team',
        title: 'Check the non-IT pilot users',
        action: 'Follow up with each volunteer outside IT and record anything confusing or broken, from their sign-ins and in their words.',
        evidence: 'The pilot issue log.',
        after: ['pilot.pilot-on'],
      },
      {
        key: 'go-no-go',
        date: d.goNoGoDate,
        owner: 'approver',
        title: 'Go / no-go',
        action: `Decide on the pilot issue log and the report-only results of "${ALL_USERS_POLICY}". ${gate.counts} Where: ${gate.where} ${gate.outcomes.go} ${gate.outcomes.fixFirst} ${gate.outcomes.noGo}`,
        evidence: 'The counts by report-only result, the pilot issue log and the signed decision.',
        milestone: 'go-no-go',
        after: ['pilot.pilot-tests', 'pilot.pilot-volunteers-check'],
      },
      {
        key: 'helpdesk-briefing',
        date: helpdeskBriefing,
        owner: 'it-lead',
        title: 'Brief the helpdesk and warn staff',
        action: 'Walk the helpdesk through the runbook and the error codes, and send the "enforcement starts" notice to all staff.',
        evidence: 'The briefing attendance and the sent notice.',
        after: ['pilot.go-no-go'],
      },
    ],
    enforce: [
      {
        key: 'enforce',
        date: d.enforcementDate,
        owner: 'it-team',
        title: 'Switch MFA on for all users',
        action: `At ${config.enforcementTime}, ${
          state === 'security-defaults'
            ? 'in one sitting: turn security defaults off, switch "CA003 - Block legacy authentication" On (it takes over the legacy block security defaults gave) and '
            : ''
        }set the all-users policy to On (users: All users; excluded: "${bg.group.name}" and the Directory Synchronization Accounts role).${state === 'per-user-mfa' ? ' Then turn per-user MFA off for every user: the policy replaces it, and leaving both on gives people confusing double prompts.' : ''}`,
        evidence: 'The policy state, the security defaults setting and their audit log entries.',
        milestone: 'enforcement',
        after: ['pilot.go-no-go', 'pilot.helpdesk-briefing'],
      },
      {
        key: 'watch',
        date: d.enforcementDate,
        repeatsUntil: d.watchEndDate,
        owner: 'it-team',
        title: 'Watch the first 48 hours',
        action: 'Check failed sign-ins in the sign-in log, new alerts in Microsoft Defender and the helpdesk call volume several times a day.',
        evidence: 'A short log of what was seen and done.',
        after: ['enforce.enforce'],
      },
      {
        key: 'back-out',
        date: d.enforcementDate,
        repeatsUntil: d.watchEndDate,
        owner: 'it-lead',
        title: 'Back out if the trigger is met',
        action: `${backOutPlan(state, bg.group.name).trigger} ${backOutPlan(state, bg.group.name).steps}`,
        evidence: 'The decision, the time and the audit log entries of any change.',
        after: ['enforce.enforce'],
      },
      {
        key: 'watch-end',
        date: d.watchEndDate,
        owner: 'it-lead',
        title: 'Close the 48-hour watch',
        action: 'Summarise the watch: failures by error code, calls by symptom, anything that needs a policy change.',
        evidence: 'The summary.',
        milestone: 'watch-end',
        after: ['enforce.watch'],
      },
    ],
    validate: [
      {
        key: 'criterion-registration',
        date: d.dateOf(va.first),
        owner: 'it-team',
        title: 'Check registration is complete',
        action: 'Every actively used account is MFA capable (not merely registered), and nobody relies on a text message or a voice call alone.',
        evidence: 'The User registration details export.',
        after: ['enforce.enforce'],
      },
      {
        key: 'criterion-legacy',
        date: d.dateOf(va.first),
        owner: 'it-team',
        title: 'Check legacy authentication is under control',
        action:
          'No successful legacy-authentication sign-in, interactive or not, since enforcement, and every blocked attempt traced to an owner on the dependency list with a fix. If legacy authentication is not yet blocked, schedule the block policy next.',
        evidence: 'The sign-in log filtered by legacy client apps, and the dependency list.',
        after: ['enforce.enforce'],
      },
      {
        key: 'criterion-break-glass',
        date: d.dateOf(Math.min(va.first + 1, va.last)),
        owner: 'it-lead',
        title: 'Test the emergency access accounts',
        action: 'Sign in with each break-glass account using its FIDO2 key, confirm the enforcing policy excluded it and the alert fired. Repeat at least every 90 days.',
        evidence: 'The sign-in entries and the alerts.',
        after: ['enforce.enforce'],
      },
      {
        key: 'log-review',
        date: d.logReviewDate,
        owner: 'it-team',
        title: 'Review the 72-hour sign-in log',
        action: 'Look for failed sign-ins of legitimate users (over-blocking) and successful sign-ins without MFA (gaps).',
        evidence: 'The filtered log export and the findings.',
        milestone: 'log-review',
        after: ['enforce.watch-end'],
      },
      {
        key: 'signoff',
        date: d.signoffDate,
        owner: 'approver',
        title: 'Sign off the rollout',
        action: 'Confirm the four success criteria, sign the validation checklist and send the thank-you message to staff.',
        evidence: 'The signed validation checklist.',
        milestone: 'validation-signoff',
        after: ['validate.criterion-registration', 'validate.criterion-legacy', 'validate.criterion-break-glass', 'validate.log-review'],
      },
      {
        key: 'registration-protection-on',
        date: d.signoffDate,
        owner: 'it-team',
        title: 'Switch the security-info registration policy on',
        action:
          'Set "CA004 - Securing security info registration" from Off to On. From now on, registering or changing a method away from the trusted office networks needs MFA or a Temporary Access Pass; the helpdesk meets error 53010 when someone tries without.',
        evidence: 'The policy state and its audit log entry.',
        after: ['validate.signoff', 'prepare.named-locations'],
      },
      {
        key: 'pilot-policy-off',
        date: d.signoffDate,
        owner: 'it-team',
        title: 'Retire the pilot policy',
        action: `Switch "${PILOT_POLICY}" off: the all-users policy covers the pilot group now. Delete it a few weeks later, once nothing refers to it.`,
        evidence: 'The policy state and its audit log entry.',
        after: ['validate.signoff'],
      },
      {
        key: 'admin-strength',
        date: d.signoffDate,
        owner: 'it-team',
        title: 'Require phishing-resistant MFA of administrators',
        action:
          'Create a policy for the administrator roles (Global Administrator, Privileged Role Administrator, Security Administrator, Exchange Administrator and the other roles in use) with the built-in authentication strength "Phishing-resistant MFA", the break-glass group excluded, in report-only; switch it On after a week in which its report-only results show no failure.',
        evidence: 'The policy and, a week later, its state change.',
        after: ['validate.signoff', 'pilot.admin-keys'],
      },
    ],
  };

  const tasks: Task[] = [];
  for (const phase of Object.keys(drafts) as PhaseId[]) {
    for (const { key, after, ...draft } of drafts[phase]) {
      tasks.push({ id: `${phase}.${key}`, phase, day: d.dayOf(draft.date), ownerName: ownerName(config.people, draft.owner), ...draft, dependsOn: after ?? [] });
    }
  }
  // Stable order: by date, then by phase order and the order written above.
  return tasks
    .map((task, index) => ({ task, index }))
    .sort((a, b) => (a.task.date === b.task.date ? a.index - b.index : a.task.date < b.task.date ? -1 : 1))
    .map(({ task }) => task);
}

/**
 * The back-out plan of enforcement day: the trigger and what to do. It belongs in the plan the approver signs,
 * so nobody improvises a rollback (or refuses one) under pressure.
 */
export function backOutPlan(state: StartingState, breakGlassGroup: string): { trigger: string; steps: string } {
  const full =
    state === 'security-defaults'
      ? `set "${ALL_USERS_POLICY}" and CA003 back to report-only and turn security defaults back on in the same sitting, so MFA and the legacy block never lapse`
      : state === 'per-user-mfa'
        ? `set "${ALL_USERS_POLICY}" back to report-only and turn per-user MFA back on for the users who had it, in the same sitting`
        : `set "${ALL_USERS_POLICY}" back to report-only`;
  return {
    trigger:
      'Trigger: during the 48-hour watch, people cannot work and the cause cannot be fixed within two hours: an application the business needs fails for everyone who uses it, or sign-ins fail across many users at once, or the helpdesk cannot clear its queue within the day.',
    steps: `First narrow it: when one application is the cause, exclude that application from the all-users policy for at most a week, recorded as an exception with an owner and an end date. Only when the failure is general, the IT lead, with the approver's agreement, backs out in full: ${full}. Never add people to "${breakGlassGroup}" or exclude them from the policy to get them working. A new enforcement date follows as a new plan version.`,
  };
}
