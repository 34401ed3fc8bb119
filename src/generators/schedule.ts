import type { TenantConfig } from '../config/schema.ts';
import type { PhaseId } from '../model/common.ts';
import { methodName } from '../model/names.ts';
import { formatDayMonthYear, formatLongDate } from './text/dates.ts';
import type { DateMove, MilestoneId, Milestones, Phase, Schedule } from '../model/schedule.ts';
import { WorkCalendar } from './work-calendar.ts';
import { buildTasks, type PhaseDays } from './tasks.ts';
import { assertTaskOrder } from './task-order.ts';
import { awayPeriods, awayWarning, CONTACT_TASKS } from './away.ts';
import { goNoGoGate, pilotStory } from './pilot.ts';

const PHASE_TITLES: Record<PhaseId, { title: string; summary: string }> = {
  prepare: {
    title: 'Prepare',
    summary:
      'Security keys ordered and the plan approved before the start; then emergency access, sign-in methods, the legacy-authentication and text-message audits, exceptions, guests, trusted locations and the Conditional Access policies.',
  },
  register: {
    title: 'Register',
    summary: 'Staff set up their sign-in method at their own pace; IT tracks the rate every day and follows up.',
  },
  pilot: {
    title: 'Pilot',
    // Told per starting state by pilotStory(); this line is only the fallback shape.
    summary: 'The IT team and a few volunteers from outside IT test the rollout before everyone else.',
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

export interface DayPlan {
  /** Working-day number of each phase's first and last day, after enforcement was placed. */
  phases: PhaseDays;
  days: string[];
  moves: DateMove[];
}

/**
 * Enforcement must have a staffed helpdesk for the 48 hours after it: never a Friday, a weekend,
 * a public holiday, a closed day or the working day before a holiday or closed day.
 */
export function enforcementBlockers(calendar: WorkCalendar, date: string, locale = 'en-GB'): string[] {
  const reasons: string[] = [];
  const words = (day: string) => formatDayMonthYear(day, locale);
  const closed = calendar.closedReason(date);
  if (closed) reasons.push(`${words(date)} is ${closed.reason === 'weekend' ? 'a weekend day' : closed.name}`);
  const weekday = calendar.weekdayName(date, 'en-GB');
  if (!closed && weekday === 'Friday') reasons.push(`${words(date)} is a Friday: the 48 hours after enforcement would fall on the weekend`);
  const next = calendar.addCalendarDays(date, 1);
  const nextClosed = calendar.closedReason(next);
  if (!closed && nextClosed && nextClosed.reason !== 'weekend') {
    reasons.push(`${words(date)} is the working day before ${nextClosed.name} (${words(next)}): the helpdesk would not be staffed the next day`);
  }
  return reasons;
}

/** A blocker (a clause, as the revision errors join them with semicolons) as a sentence of a date move's reasons. */
export const asSentence = (clause: string): string => `${clause}.`;

/** The end of the 48-hour watch after a switch-on: the first working day at or after that moment. */
export function watchEndAfter(calendar: WorkCalendar, enforcementDate: string): string {
  return calendar.nextWorkingDayFrom(calendar.addCalendarDays(enforcementDate, 2));
}

/** The day the sign-in log of the 72 hours after a switch-on is reviewed: the first working day at or after that moment. */
export function logReviewAfter(calendar: WorkCalendar, enforcementDate: string): string {
  return calendar.nextWorkingDayFrom(calendar.addCalendarDays(enforcementDate, 3));
}

/** What a plan in waves changes in the schedule: the enforce phase runs to the last wave, and the watch, the log review and the sign-off follow it. */
export interface WaveSpan {
  finalEnforcementDate: string;
}

function planDays(config: TenantConfig, calendar: WorkCalendar, waves?: WaveSpan): DayPlan {
  const { prepare, register, pilot, enforce, validate } = config.phases;
  const moves: DateMove[] = [];
  const startDate = calendar.nextWorkingDayFrom(config.startDate);
  if (startDate !== config.startDate) {
    const closed = calendar.closedReason(config.startDate);
    moves.push({
      subject: 'Start (day 1)',
      from: config.startDate,
      to: startDate,
      reasons: [`${formatLongDate(config.startDate, config.locale)} is not a working day (${closed?.name ?? 'closed'}); day 1 is the next working day.`],
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
    reasons.push(...blockers.map(asSentence));
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
  // With waves, the enforce phase ends with the last wave's switch-on (its dates were placed by the wave plan).
  if (waves)
    while (days[days.length - 1]! < waves.finalEnforcementDate || days.length < days.indexOf(waves.finalEnforcementDate) + enforce + validate)
      days.push(calendar.nextWorkingDayAfter(days[days.length - 1]!));
  const lastSwitchOnDay = waves ? Math.max(enforcementDay, days.indexOf(waves.finalEnforcementDate) + 1) : enforcementDay;
  const enforceLast = lastSwitchOnDay + enforce - 1;
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

/** The dated schedule: phases, milestones and tasks. Pure: the calendar (and, for a plan in waves, the last wave's day) are the only inputs besides config. */
export function buildSchedule(config: TenantConfig, calendar: WorkCalendar, waves?: WaveSpan): Schedule {
  const plan = planDays(config, calendar, waves);
  const dateOf = (day: number) => plan.days[day - 1]!;
  const { phases: p } = plan;
  const enforcementDate = dateOf(p.enforce.first);

  // With waves, the watch and the log review that close the plan are the last wave's (each wave has its own too).
  const lastSwitchOn = waves?.finalEnforcementDate ?? enforcementDate;
  const watchEndDate = watchEndAfter(calendar, lastSwitchOn);
  const logReviewDate = logReviewAfter(calendar, lastSwitchOn);
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
      ...(id === 'pilot' ? { summary: pilotStory(config).phaseSummary } : {}),
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

  const milestone = <Id extends MilestoneId>(id: Id, date: string, title: string, description: string) => ({ id, title, description, day: dayOfAny(date), date });
  const { targetRate, reminderBelowRate } = config.thresholds;
  const pilot = pilotStory(config);
  const gate = goNoGoGate(config);
  const milestones: Milestones = {
    announcement: milestone(
      'announcement',
      dateOf(p.register.first),
      'Announcement sent',
      `All staff are told what is changing and asked to set up ${method} by ${formatLongDate(registrationDeadline, config.locale)}.`,
    ),
    'reminder-check': milestone('reminder-check', reminderDate, 'Reminder check', `If fewer than ${reminderBelowRate}% of users are registered, the reminder goes out today.`),
    'individual-contact': milestone('individual-contact', contactDate, 'Individual contact', 'Everyone still unregistered is contacted one by one to find what is in their way.'),
    'registration-deadline': milestone('registration-deadline', registrationDeadline, 'Registration window closes', `Target: ${targetRate}% of users registered.`),
    'pilot-start': milestone('pilot-start', dateOf(p.pilot.first), 'Pilot starts', pilot.milestone),
    'go-no-go': milestone('go-no-go', goNoGoDate, 'Go / no-go decision', `Enforce only if ${gate.rule}.`),
    enforcement: {
      ...milestone(
        'enforcement',
        enforcementDate,
        'Enforcement',
        `The MFA policy is switched on for all users (break-glass group excluded)${config.current.securityDefaults ? '; security defaults are turned off in the same sitting' : ''}${config.current.perUserMfa ? '; per-user MFA is turned off' : ''}.`,
      ),
      time: config.enforcementTime,
    },
    'watch-end': milestone('watch-end', watchEndDate, 'End of the 48-hour watch', 'Failed sign-ins, Defender alerts and helpdesk calls have been watched for 48 hours.'),
    'log-review': milestone('log-review', logReviewDate, '72-hour log review', 'The sign-in log of the 72 hours since enforcement is reviewed for over-blocking and for gaps.'),
    'validation-signoff': milestone('validation-signoff', signoffDate, 'Validation sign-off', 'The four success criteria are met and the approver signs the rollout off.'),
  };

  const tasks = buildTasks(config, {
    dateOf,
    dayOf: dayOfAny,
    beforeStart: (count) => calendar.workingDaysBefore(days[0]!, count),
    workingDayBefore: (date) => calendar.workingDaysBefore(date, 1),
    phases: p,
    enforcementDate,
    watchEndDate,
    logReviewDate,
    signoffDate,
    registrationDeadline,
    goNoGoDate,
    reminderDate,
    contactDate,
  });
  // A plan whose dates break a dependency between tasks is not a plan: the build stops here.
  assertTaskOrder(tasks);

  const span = { from: days[0]!, to: days[days.length - 1]! };
  const closedDays = calendar.closedDaysBetween(span.from, span.to).filter((day) => day.reason !== 'weekend');
  // A reminder or a one-by-one contact in a holiday period reaches few people: the task says so.
  const periods = awayPeriods(closedDays);
  const warnedTasks = tasks.map((task) => {
    const warning = (CONTACT_TASKS as readonly string[]).includes(task.id) ? awayWarning(task.date, periods, config.locale, days) : undefined;
    return warning ? { ...task, action: `${task.action} ${warning}` } : task;
  });
  return {
    requestedStartDate: config.startDate,
    startDate: days[0]!,
    endDate: span.to,
    enforcementDate,
    registrationDeadline,
    days,
    phases,
    tasks: warnedTasks,
    milestones,
    moves: plan.moves,
    closedDays,
  };
}
