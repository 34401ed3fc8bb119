import type { TenantConfig } from '../config/schema.ts';
import type { OwnerRole, PhaseId } from '../model/common.ts';
import type { DateMove, Milestone, MilestoneId, Phase, Schedule, Task } from '../model/schedule.ts';
import { WorkCalendar } from './work-calendar.ts';

const PHASE_TITLES: Record<PhaseId, { title: string; summary: string }> = {
  prepare: {
    title: 'Prepare',
    summary: 'Emergency access, legacy-authentication audit, exceptions, report-only policies and the staff announcement.',
  },
  register: {
    title: 'Register',
    summary: 'Staff set up their sign-in method at their own pace; IT tracks the rate every day and follows up.',
  },
  pilot: {
    title: 'Pilot',
    summary: 'MFA is required of the IT team and a few volunteers first; the all-users policy runs in report-only alongside.',
  },
  enforce: {
    title: 'Enforce',
    summary: 'The policy is switched on for all users; the helpdesk is briefed and the first 48 hours are watched.',
  },
  validate: {
    title: 'Validate',
    summary: 'The four success criteria are checked against the logs and the plan is signed off.',
  },
};

export function methodName(method: TenantConfig['method']): string {
  return method === 'passkey' ? 'a passkey' : 'Microsoft Authenticator';
}

export function ownerName(config: TenantConfig, owner: OwnerRole): string {
  switch (owner) {
    case 'it-lead':
      return config.people.itLead.name;
    case 'approver':
      return config.people.approver.name;
    case 'sponsor':
      return config.people.sponsor.name;
    case 'helpdesk':
      return 'Helpdesk';
    case 'it-team':
      return 'IT team';
  }
}

interface DayPlan {
  /** Working-day number of each phase's first and last day, after enforcement was placed. */
  phases: Record<PhaseId, { first: number; last: number }>;
  days: string[];
  moves: DateMove[];
}

/**
 * Enforcement must have a staffed helpdesk for the 48 hours after it: never a Friday, a weekend,
 * a public holiday, a closed day or the working day before a holiday or closed day.
 */
export function enforcementBlockers(calendar: WorkCalendar, date: string, locale: string): string[] {
  const reasons: string[] = [];
  const closed = calendar.closedReason(date);
  if (closed) reasons.push(`${date} is ${closed.reason === 'weekend' ? `a ${closed.name}` : closed.name}`);
  const weekday = calendar.weekdayName(date, 'en-GB');
  if (!closed && weekday === 'Friday') reasons.push(`${date} is a Friday: the 48 hours after enforcement would fall on the weekend`);
  const next = calendar.addCalendarDays(date, 1);
  const nextClosed = calendar.closedReason(next);
  if (!closed && nextClosed && nextClosed.reason !== 'weekend') {
    reasons.push(`${date} is the working day before ${nextClosed.name} (${next}): the helpdesk would not be staffed the next day`);
  }
  void locale;
  return reasons;
}

function planDays(config: TenantConfig, calendar: WorkCalendar): DayPlan {
  const { prepare, register, pilot, enforce, validate } = config.phases;
  const moves: DateMove[] = [];
  const startDate = calendar.nextWorkingDayFrom(config.startDate);
  if (startDate !== config.startDate) {
    const closed = calendar.closedReason(config.startDate);
    moves.push({
      subject: 'Start (day 1)',
      from: config.startDate,
      to: startDate,
      reasons: [`${config.startDate} is not a working day (${closed?.name ?? 'closed'}); day 1 is the next working day`],
    });
  }
  // Enough working days for the plan even if enforcement has to move a few weeks.
  const days = calendar.workingDays(startDate, prepare + register + pilot + enforce + validate + 60);

  const prepareLast = prepare;
  const registerLast = prepareLast + register;
  const pilotLastPlanned = registerLast + pilot;
  let enforcementDay = pilotLastPlanned + 1;
  const plannedDate = days[enforcementDay - 1]!;
  const reasons: string[] = [];
  for (;;) {
    const blockers = enforcementBlockers(calendar, days[enforcementDay - 1]!, config.locale);
    if (blockers.length === 0) break;
    reasons.push(...blockers);
    enforcementDay += 1;
  }
  if (enforcementDay !== pilotLastPlanned + 1) {
    const added = enforcementDay - (pilotLastPlanned + 1);
    moves.push({
      subject: 'Enforcement',
      from: plannedDate,
      to: days[enforcementDay - 1]!,
      reasons: [...reasons, `The pilot runs ${added} working day${added === 1 ? '' : 's'} longer and every later date moves with it.`],
    });
  }
  const enforceLast = enforcementDay + enforce - 1;
  return {
    days: days.slice(0, enforceLast + validate),
    moves,
    phases: {
      prepare: { first: 1, last: prepareLast },
      register: { first: prepareLast + 1, last: registerLast },
      pilot: { first: registerLast + 1, last: enforcementDay - 1 },
      enforce: { first: enforcementDay, last: enforceLast },
      validate: { first: enforceLast + 1, last: enforceLast + validate },
    },
  };
}

/** The dated schedule: phases, milestones and tasks. Pure: the calendar is the only input besides config. */
export function buildSchedule(config: TenantConfig, calendar: WorkCalendar): Schedule {
  const plan = planDays(config, calendar);
  const dateOf = (day: number) => plan.days[day - 1]!;
  const dayOf = (date: string) => plan.days.indexOf(date) + 1;
  const { phases: p } = plan;
  const enforcementDate = dateOf(p.enforce.first);

  // 48 hours and 72 hours after the switch-on, landing on the first working day at or after that moment.
  const watchEndDate = calendar.nextWorkingDayFrom(calendar.addCalendarDays(enforcementDate, 2));
  const logReviewDate = calendar.nextWorkingDayFrom(calendar.addCalendarDays(enforcementDate, 3));
  const validateEnd = dateOf(p.validate.last);
  const signoffDate = logReviewDate > validateEnd ? logReviewDate : validateEnd;
  const days = [...plan.days];
  for (let date = calendar.nextWorkingDayAfter(days[days.length - 1]!); date <= signoffDate; date = calendar.nextWorkingDayAfter(date)) {
    days.push(date);
  }
  const dayOfAny = (date: string) => days.indexOf(date) + 1;

  const phases: Phase[] = (Object.keys(PHASE_TITLES) as PhaseId[]).map((id) => {
    const range = p[id];
    const last = id === 'validate' ? dayOfAny(signoffDate) : range.last;
    return {
      id,
      ...PHASE_TITLES[id],
      firstDay: range.first,
      lastDay: last,
      startDate: days[range.first - 1]!,
      endDate: days[last - 1]!,
      workingDays: last - range.first + 1,
    };
  });

  const reminderDate = dateOf(config.thresholds.reminderDay);
  const contactDate = dateOf(config.thresholds.contactDay);
  const registrationDeadline = dateOf(p.register.last);
  const goNoGoDate = dateOf(p.pilot.last);
  const method = methodName(config.method);

  const milestone = (id: MilestoneId, date: string, title: string, description: string, time?: string): Milestone => ({
    id,
    title,
    description,
    day: dayOfAny(date),
    date,
    ...(time ? { time } : {}),
  });
  const { targetRate, reminderBelowRate } = config.thresholds;
  const milestones: Milestone[] = [
    milestone('announcement', dateOf(p.register.first), 'Announcement sent', `All staff are told what is changing and asked to set up ${method} by ${registrationDeadline}.`),
    milestone('reminder-check', reminderDate, 'Reminder check', `If fewer than ${reminderBelowRate}% of users are registered, the reminder goes out today.`),
    milestone('individual-contact', contactDate, 'Individual contact', 'Everyone still unregistered is contacted one by one to find what is in their way.'),
    milestone('registration-deadline', registrationDeadline, 'Registration window closes', `Target: ${targetRate}% of users registered.`),
    milestone(
      'pilot-start',
      dateOf(p.pilot.first),
      'Pilot starts',
      config.current.securityDefaults
        ? 'The pilot group is watched through the pilot policy in report-only (security defaults stay on until enforcement); the all-users policy watches in report-only too.'
        : 'MFA is required of the pilot group; the all-users policy watches in report-only.',
    ),
    milestone('go-no-go', goNoGoDate, 'Go / no-go decision', 'Enforce only if the pilot found no blocker and report-only shows at most 10% of sign-ins that would be blocked.'),
    milestone(
      'enforcement',
      enforcementDate,
      'Enforcement',
      `The MFA policy is switched on for all users (break-glass group excluded)${config.current.securityDefaults ? '; security defaults are turned off in the same sitting' : ''}${config.current.perUserMfa ? '; per-user MFA is turned off' : ''}.`,
      config.enforcementTime,
    ),
    milestone('watch-end', watchEndDate, 'End of the 48-hour watch', 'Failed sign-ins, Defender alerts and helpdesk calls have been watched for 48 hours.'),
    milestone('log-review', logReviewDate, '72-hour log review', 'The sign-in log of the 72 hours since enforcement is reviewed for over-blocking and for gaps.'),
    milestone('validation-signoff', signoffDate, 'Validation sign-off', 'The four success criteria are met and the approver signs the rollout off.'),
  ];

  const tasks = buildTasks(config, { dateOf, dayOf: dayOfAny, phases: p, enforcementDate, watchEndDate, logReviewDate, signoffDate, registrationDeadline, goNoGoDate, reminderDate, contactDate });
  void dayOf;

  const span = { from: days[0]!, to: days[days.length - 1]! };
  return {
    requestedStartDate: config.startDate,
    startDate: days[0]!,
    endDate: span.to,
    enforcementDate,
    registrationDeadline,
    days,
    phases,
    tasks,
    milestones,
    moves: plan.moves,
    closedDays: calendar.closedDaysBetween(span.from, span.to).filter((day) => day.reason !== 'weekend'),
  };
}

interface TaskDates {
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

function buildTasks(config: TenantConfig, d: TaskDates): Task[] {
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
