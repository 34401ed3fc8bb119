import type { TenantConfig } from '../config/schema.ts';
import type { PhaseId } from '../model/common.ts';
import type { Task } from '../model/schedule.ts';
import { methodName, ownerName } from './names.ts';
import type { DayPlan } from './schedule.ts';

// The tasks of the plan: what to do on which day, by whom, and what evidence shows it done.
// Dates come from the schedule (TaskDates); this module holds the wording.

export interface TaskDates {
  dateOf: (day: number) => string;
  dayOf: (date: string) => number;
  phases: DayPlan['phases'];
  enforcementDate: string;
  watchEndDate: string;
  logReviewDate: string;
  signoffDate: string;
  registrationDeadline: string;
  goNoGoDate: string;
  reminderDate: string;
  contactDate: string;
}

type TaskDraft = Omit<Task, 'day' | 'ownerName' | 'id' | 'phase'> & { key: string };

export function buildTasks(config: TenantConfig, d: TaskDates): Task[] {
  const method = methodName(config.method);
  const bg = config.breakGlass;
  const { prepare: pr, register: rg, pilot: pl, enforce: en, validate: va } = d.phases;
  const logDays = config.licence === 'free' ? 7 : 30;
  const prepareSecond = d.dateOf(Math.min(pr.first + 1, pr.last));
  const registerThird = d.dateOf(Math.min(rg.first + 2, rg.last));
  const escalationDay = d.dateOf(Math.min(config.thresholds.contactDay + 2, rg.last));
  const helpdeskBriefing = d.dateOf(en.first - 1);

  const drafts: Record<PhaseId, TaskDraft[]> = {
    prepare: [
      {
        key: 'break-glass',
        date: d.dateOf(pr.first),
        owner: 'it-lead',
        title: 'Set up the emergency access accounts',
        action: `Create ${bg.accounts.length} cloud-only accounts on ${config.organisation.tenantDomain} (${bg.accounts.join(', ')}) with permanent Global Administrator, put them in the group "${bg.group.name}", register a FIDO2 security key or passkey on each (a different method from the admins' everyday one), and keep the long random credentials offline in two separate places.`,
        evidence: `Group membership of "${bg.group.name}"; a FIDO2 key registered on each account; a signed log of where each sealed credential is kept.`,
      },
      {
        key: 'break-glass-alert',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Alert on every emergency-account sign-in',
        action: 'Create an alert rule that fires on any sign-in by a break-glass account, and test it once.',
        evidence: 'The alert from the test sign-in, with its time.',
      },
      {
        key: 'inventory',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Take stock of sign-in settings',
        action: `List the existing Conditional Access policies and Microsoft-managed policies, note whether security defaults${config.current.perUserMfa ? ' and per-user MFA' : ''} are on, and confirm the authentication methods policy migration is complete.`,
        evidence: 'An export or screenshot of the policy list and of the authentication methods migration status.',
      },
      {
        key: 'legacy-audit',
        date: d.dateOf(pr.first),
        owner: 'it-team',
        title: 'Audit legacy authentication',
        action: `Export the sign-in logs of the last ${logDays} days filtered by legacy client apps (Exchange ActiveSync, IMAP4, POP3, Authenticated SMTP, Other clients and the rest) and list each user, client app and device: every entry bypasses MFA and needs a fix.`,
        evidence: 'The exported CSV and the legacy-authentication dependency list with an owner for each fix.',
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
        key: 'methods',
        date: prepareSecond,
        owner: 'it-team',
        title: 'Turn on the sign-in methods',
        action: `In the authentication methods policy enable ${config.method === 'passkey' ? 'passkeys (FIDO2) and Microsoft Authenticator' : 'Microsoft Authenticator with number matching, and passkeys'}, and Temporary Access Pass; leave SMS and voice out as MFA methods.`,
        evidence: 'A screenshot of the authentication methods policy.',
      },
      {
        key: 'report-only-policies',
        date: prepareSecond,
        owner: 'it-team',
        title: 'Create the Conditional Access policies in report-only',
        action: 'Import the pilot, all-users, block-legacy-authentication and security-info-registration policies from the admin site; every one starts in report-only or off.',
        evidence: 'The policy list showing each policy and its state.',
      },
      {
        key: 'plan-approval',
        date: d.dateOf(pr.last),
        owner: 'approver',
        title: 'Approve the plan and the announcement',
        action: `Read the dated plan and the staff announcement, and sign the plan; it documents the decision and backs IT when someone pushes back during enforcement.`,
        evidence: 'The signed plan PDF.',
      },
    ],
    register: [
      {
        key: 'announce',
        date: d.dateOf(rg.first),
        owner: 'it-lead',
        title: 'Send the announcement',
        action: `Send the announcement to all staff by email, post it on Teams and set the intranet banner. Registration is open until ${d.registrationDeadline}.`,
        evidence: 'The sent message and its recipient count.',
        milestone: 'announcement',
      },
      {
        key: 'track-daily',
        date: d.dateOf(rg.first),
        repeatsUntil: d.registrationDeadline,
        owner: 'it-team',
        title: 'Record the registration rate',
        action: 'Every working day, download User registration details (Entra admin center → Entra ID → Authentication methods → User registration details) and note the share of users who are MFA capable.',
        evidence: 'One dated export per day, kept for the tracker.',
      },
      {
        key: 'no-smartphone',
        date: registerThird,
        owner: 'helpdesk',
        title: 'Equip people without a smartphone',
        action: 'Hand out and register FIDO2 security keys for the people on the no-smartphone list; send them the no-smartphone guide.',
        evidence: 'Each person on the list has a key registered.',
      },
      {
        key: 'reminder-check',
        date: d.reminderDate,
        owner: 'it-lead',
        title: `Reminder check (below ${config.thresholds.reminderBelowRate}% → send the reminder)`,
        action: `Compare today's registration rate with ${config.thresholds.reminderBelowRate}%. If it is lower, send the reminder to everyone not yet registered.`,
        evidence: "Today's rate and, if sent, the reminder.",
        milestone: 'reminder-check',
      },
      {
        key: 'individual-contact',
        date: d.contactDate,
        owner: 'helpdesk',
        title: 'Contact each unregistered user',
        action: 'Call or message every user who is still not registered, one by one, and offer a short session to set up together; record what is in their way.',
        evidence: 'The contact list with an outcome per user.',
        milestone: 'individual-contact',
      },
      {
        key: 'manager-escalation',
        date: escalationDay,
        owner: 'it-lead',
        title: 'Ask managers to help with stragglers',
        action: 'Send each manager the names of their team members who are still unregistered, with the manager escalation message.',
        evidence: 'The messages sent to managers.',
      },
      {
        key: 'registration-deadline',
        date: d.registrationDeadline,
        owner: 'it-lead',
        title: 'Close the registration window',
        action: `Check the rate against the ${config.thresholds.targetRate}% target and list who is left; they will be asked to register at their next sign-in after enforcement.`,
        evidence: 'The final rate of the window and the list of remaining users.',
        milestone: 'registration-deadline',
      },
    ],
    pilot: [
      {
        key: 'pilot-notice',
        date: d.dateOf(Math.max(pl.first - 1, 1)),
        owner: 'it-lead',
        title: 'Tell the pilot group',
        action: `Send the pilot notice to the members of "${config.pilotGroup.name}" and the volunteers.`,
        evidence: 'The sent notice.',
      },
      {
        key: 'pilot-on',
        date: d.dateOf(pl.first),
        owner: 'it-team',
        title: 'Switch the pilot policy on',
        action: config.current.securityDefaults
          ? `Security defaults are on, and no Conditional Access policy can be switched on while they are; turning them off now would leave everyone else without MFA until enforcement. So "CA001 - Require MFA - Pilot" (users: ${config.pilotGroup.name}) stays in report-only: the pilot group's sign-ins still meet MFA through security defaults, and each sign-in's Report-only tab must show CA001 would have required MFA. Leave the all-users policy in report-only too.`
          : `Set "CA001 - Require MFA - Pilot" (users: ${config.pilotGroup.name}; all resources; authentication strength "Multifactor authentication") to On. Leave the all-users policy in report-only.`,
        evidence: 'The policy state and its change in the audit log.',
        milestone: 'pilot-start',
      },
      {
        key: 'pilot-tests',
        date: d.dateOf(pl.first),
        owner: 'it-team',
        title: 'Run the pilot tests',
        action: `Sign out and in as an admin and expect the MFA prompt; repeat on a desktop, a phone and a personal device; check the sign-in log shows MFA required by the policy; confirm a device not enrolled in Intune still signs in with MFA; sign in with a break-glass account (${bg.accounts[0] ?? ''}) from a private window using its FIDO2 key and confirm no pilot policy applies.`,
        evidence: 'The sign-in log entries for each test and the break-glass alert.',
      },
      {
        key: 'pilot-volunteers',
        date: d.dateOf(Math.min(pl.first + 1, pl.last)),
        owner: 'it-team',
        title: 'Check the non-IT pilot users',
        action: 'Follow up with the volunteers outside IT (an executive assistant, a Mac user, a mobile-only user, a shared device) and record anything confusing or broken.',
        evidence: 'The pilot issue log.',
      },
      {
        key: 'go-no-go',
        date: d.goNoGoDate,
        owner: 'approver',
        title: 'Go / no-go',
        action: 'Review the pilot issue log and the report-only results of the all-users policy. If more than 10% of evaluations would be blocked, or an application fails, stop and fix before enforcing.',
        evidence: 'The report-only figures and the signed decision.',
        milestone: 'go-no-go',
      },
      {
        key: 'helpdesk-briefing',
        date: helpdeskBriefing,
        owner: 'it-lead',
        title: 'Brief the helpdesk and warn staff',
        action: 'Walk the helpdesk through the runbook and the error codes, and send the "enforcement starts tomorrow" notice to all staff.',
        evidence: 'The briefing attendance and the sent notice.',
      },
    ],
    enforce: [
      {
        key: 'enforce',
        date: d.enforcementDate,
        owner: 'it-team',
        title: 'Switch MFA on for all users',
        action: `At ${config.enforcementTime}, ${
          config.current.securityDefaults ? 'in one sitting: turn security defaults off, switch "CA003 - Block legacy authentication" On (it takes over the legacy block security defaults gave) and ' : ''
        }set the all-users policy to On (users: All users; excluded: "${bg.group.name}" and the Directory Synchronization Accounts role).${config.current.perUserMfa ? ' Then turn per-user MFA off for every user: the policy replaces it, and leaving both on gives people confusing double prompts.' : ''}`,
        evidence: 'The policy state, the security defaults setting and their audit log entries.',
        milestone: 'enforcement',
      },
      {
        key: 'watch',
        date: d.enforcementDate,
        repeatsUntil: d.watchEndDate,
        owner: 'it-team',
        title: 'Watch the first 48 hours',
        action: 'Check failed sign-ins in the sign-in log, new alerts in Microsoft Defender and the helpdesk call volume several times a day.',
        evidence: 'A short log of what was seen and done.',
      },
      {
        key: 'watch-end',
        date: d.watchEndDate,
        owner: 'it-lead',
        title: 'Close the 48-hour watch',
        action: 'Summarise the watch: failures by error code, calls by symptom, anything that needs a policy change.',
        evidence: 'The summary.',
        milestone: 'watch-end',
      },
    ],
    validate: [
      {
        key: 'log-review',
        date: d.logReviewDate,
        owner: 'it-team',
        title: 'Review the 72-hour sign-in log',
        action: 'Look for failed sign-ins of legitimate users (over-blocking) and successful sign-ins without MFA (gaps).',
        evidence: 'The filtered log export and the findings.',
        milestone: 'log-review',
      },
      {
        key: 'criterion-registration',
        date: d.dateOf(va.first),
        owner: 'it-team',
        title: 'Check registration is complete',
        action: 'Every actively used account is MFA capable (not merely registered), and nobody relies on SMS or voice alone.',
        evidence: 'The User registration details export.',
      },
      {
        key: 'criterion-legacy',
        date: d.dateOf(va.first),
        owner: 'it-team',
        title: 'Check legacy authentication is gone',
        action: 'No legacy-authentication sign-in, interactive or not, since enforcement. If legacy authentication is not yet blocked, schedule the block policy next.',
        evidence: 'The sign-in log filtered by legacy client apps.',
      },
      {
        key: 'criterion-break-glass',
        date: d.dateOf(Math.min(va.first + 1, va.last)),
        owner: 'it-lead',
        title: 'Test the emergency access accounts',
        action: 'Sign in with each break-glass account using its FIDO2 key, confirm the enforcing policy excluded it and the alert fired. Repeat at least every 90 days.',
        evidence: 'The sign-in entries and the alerts.',
      },
      {
        key: 'signoff',
        date: d.signoffDate,
        owner: 'approver',
        title: 'Sign off the rollout',
        action: 'Confirm the four success criteria, sign the validation checklist and send the thank-you message to staff.',
        evidence: 'The signed validation checklist.',
        milestone: 'validation-signoff',
      },
    ],
  };

  const tasks: Task[] = [];
  for (const phase of Object.keys(drafts) as PhaseId[]) {
    for (const { key, ...draft } of drafts[phase]) {
      tasks.push({ id: `${phase}.${key}`, phase, day: d.dayOf(draft.date), ownerName: ownerName(config, draft.owner), ...draft });
    }
  }
  // Stable order: by date, then by phase order and the order written above.
  return tasks
    .map((task, index) => ({ task, index }))
    .sort((a, b) => (a.task.date === b.task.date ? a.index - b.index : a.task.date < b.task.date ? -1 : 1))
    .map(({ task }) => task);
}
