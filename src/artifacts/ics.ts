import { TZDate } from '@date-fns/tz';
import { ADMIN_CALENDAR, STAFF_CALENDAR } from './paths.ts';
import {
  ICalAlarmRelatesTo,
  ICalAlarmType,
  ICalCalendar,
  type ICalEvent,
  ICalCalendarMethod,
  ICalEventTransparency,
  type ICalAlarmData,
  type ICalEventData,
  type ICalTemporalInstantStub,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { methodName } from '../generators/names.ts';
import type { Playbook } from '../model/playbook.ts';
import type { Milestone, Task } from '../model/schedule.ts';
import type { StaffView } from '../model/views.ts';
import { addDays } from '../shared/calendar-dates.ts';

// iCalendar (RFC 5545) files of the plan: admin/calendar.ics (every milestone and task) and staff/calendar.ics
// (the registration deadline and the enforcement moment, built from the staff view only).
//
// Byte-stable by design: UIDs come from the tenant slug and the milestone or task id, DTSTAMP from the plan date,
// SEQUENCE is 0, and no value reads the clock or the machine's time zone. Importing a rebuilt file therefore
// updates the events already imported instead of adding copies. Milestones and tasks are all-day (VALUE=DATE)
// events; the enforcement moment is a timed event in the tenant's time zone, with its VTIMEZONE.

const PRODUCT_DOMAIN = 'mfa-playbook';
const SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';

// ---- dates without the clock or the host's time zone -------------------------------------------------------------

function parts(isoDate: string): { year: number; month: number; day: number } {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}


function plainDate(isoDate: string): ICalTemporalPlainDateStub {
  const { year, month, day } = parts(isoDate);
  // ical-generator recognises a Temporal.PlainDate by these members; it formats it as YYYYMMDD.
  const stub = {
    year,
    month,
    day,
    toJSON: () => isoDate,
    toString: () => isoDate,
    toPlainDateTime: () => plainDateTime(isoDate, '00:00', 'UTC'),
  };
  return stub;
}

function plainDateTime(isoDate: string, time: string, timeZone: string): ICalTemporalPlainDateTimeStub {
  const { year, month, day } = parts(isoDate);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const text = `${isoDate}T${time}:00`;
  const stub: ICalTemporalPlainDateTimeStub = {
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => plainDate(isoDate),
    toZonedDateTime: (zone: string) => zonedDateTime(isoDate, time, zone || timeZone),
  };
  return stub;
}

/** A wall-clock time in a named zone; the instant is computed with the IANA rules, never the host's zone. */
function zonedDateTime(isoDate: string, time: string, timeZone: string): ICalTemporalZonedDateTimeStub {
  const { year, month, day } = parts(isoDate);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const epochMilliseconds = new TZDate(year, month - 1, day, hour, minute, 0, timeZone).getTime();
  const instant: ICalTemporalInstantStub = {
    epochMilliseconds,
    toJSON: () => new Date(epochMilliseconds).toISOString(),
    toString: () => new Date(epochMilliseconds).toISOString(),
    toZonedDateTimeISO: () => zoned,
  };
  const text = `${isoDate}T${time}:00[${timeZone}]`;
  const zoned: ICalTemporalZonedDateTimeStub = {
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    timeZoneId: timeZone,
    toInstant: () => instant,
    toJSON: () => text,
    toString: () => text,
    toPlainDateTime: () => {
      const plain = plainDateTime(isoDate, time, timeZone);
      return plain;
    },
    withTimeZone: (zone: string) => {
      if (zone !== timeZone) throw new Error(`Converting ${text} to ${zone} is not supported`);
      return zoned;
    },
  };
  return zoned;
}

function addMinutes(time: string, minutes: number): { date: number; time: string } {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const total = hour * 60 + minute + minutes;
  const dayOffset = Math.floor(total / (24 * 60));
  const rest = total - dayOffset * 24 * 60;
  return { date: dayOffset, time: `${String(Math.floor(rest / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}` };
}

/** DTSTAMP: midnight UTC of the plan date, so a rebuild for a later plan date is seen as newer. */
function stampOf(asOf: string): Date {
  return new Date(`${asOf}T00:00:00Z`);
}

function compact(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

function longDate(isoDate: string, locale: string): string {
  const { year, month, day } = parts(isoDate);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
  } catch {
    return isoDate;
  }
}

// ---- calendar plumbing ----------------------------------------------------------------------------------------------

/** RFC 5545 TEXT escaping, for the calendar-level values ical-generator writes unescaped (NAME, X-WR-CALDESC). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
}

function vtimezone(timeZone: string): string | null {
  const block = tzlib_get_ical_block(timeZone);
  const text = Array.isArray(block) ? block[0] : undefined;
  if (!text || !text.includes('BEGIN:VTIMEZONE')) throw new Error(`No VTIMEZONE definition is known for the time zone "${timeZone}"`);
  return text;
}

function newCalendar(name: string, description: string, timeZone: string, version: string): ICalCalendar {
  return new ICalCalendar({
    prodId: { company: PRODUCT_DOMAIN, product: `MFA rollout playbook ${version}`, language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: escapeText(name),
    description: escapeText(description),
    // No calendar-wide zone name: it would make ical-generator write DTSTAMP in local time. The generator still
    // emits a VTIMEZONE for every zone an event uses.
    timezone: { name: null, generator: vtimezone },
  });
}

/**
 * Serialises the calendar, with X-WR-TIMEZONE (read by Google and Apple calendars) among the calendar properties:
 * RFC 5545 puts calendar properties before the first component, where ical-generator's own `x` option does not.
 */
function serialise(calendar: ICalCalendar, timeZone: string): string {
  const text = calendar.toString();
  const first = text.search(/\r\nBEGIN:(VTIMEZONE|VEVENT)\r\n/);
  const line = `\r\nX-WR-TIMEZONE:${escapeText(timeZone)}`;
  return first < 0 ? text.replace(/\r\nEND:VCALENDAR$/, `${line}\r\nEND:VCALENDAR`) : `${text.slice(0, first)}${line}${text.slice(first)}`;
}

function uid(kind: string, id: string, slug: string): string {
  return `${kind}.${id}@${slug}.${PRODUCT_DOMAIN}`;
}

/** Display alarm at 09:00 on the day before an all-day event. */
function dayBeforeAtNine(text: string): ICalAlarmData {
  return { type: ICalAlarmType.display, trigger: 15 * 3600, description: `Tomorrow: ${text}` };
}
/**
 * Display alarm at 09:00 on the day of an all-day event: TRIGGER;RELATED=START:PT9H. Added after the event is
 * created because ical-generator's alarm constructor ignores `relatesTo` (and a positive trigger without it is
 * written relative to the END, the next midnight).
 */
function addSameDayAtNine(event: ICalEvent, text: string): void {
  event.createAlarm({ type: ICalAlarmType.display, triggerAfter: 9 * 3600, description: `Today: ${text}` }).relatesTo(ICalAlarmRelatesTo.start);
}

function allDay(date: string, lastDate = date): Pick<ICalEventData, 'start' | 'end' | 'allDay'> {
  return { start: plainDate(date), end: plainDate(addDays(lastDate, 1)), allDay: true };
}

function timed(date: string, time: string, minutes: number, timeZone: string): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const end = addMinutes(time, minutes);
  return {
    start: plainDateTime(date, time, timeZone),
    end: plainDateTime(addDays(date, end.date), end.time, timeZone),
    timezone: timeZone,
  };
}

/**
 * RRULE and EXDATE for a task repeated on every working day from `from` to `until`: daily, with every day that is not
 * a working day of the plan (weekends, holidays, closures) excluded. Exact for any working week.
 */
function workingDayRule(from: string, until: string, workingDays: string[]): string {
  const working = new Set(workingDays);
  const excluded: string[] = [];
  for (let date = from; date <= until; date = addDays(date, 1)) if (!working.has(date)) excluded.push(compact(date));
  const rule = `RRULE:FREQ=DAILY;UNTIL=${compact(until)}`;
  return excluded.length > 0 ? `${rule}\nEXDATE;VALUE=DATE:${excluded.join(',')}` : rule;
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

// ---- admin calendar ------------------------------------------------------------------------------------------------

function taskLines(task: Task): string[] {
  return [`${task.title} (${task.ownerName})`, task.action, `Evidence: ${task.evidence}`];
}

function milestoneEvent(playbook: Playbook, milestone: Milestone, linked: Task[]): ICalEventData {
  const { organisation, timeZone } = playbook;
  const description = [
    milestone.description,
    ...linked.flatMap((task) => ['', ...taskLines(task)]),
    '',
    `Milestone of the MFA rollout of ${organisation.name}, day ${milestone.day} of the plan (version ${playbook.meta.planVersion}).`,
  ].join('\n');
  const base: ICalEventData = {
    id: uid('milestone', milestone.id, organisation.slug),
    sequence: 0,
    stamp: stampOf(playbook.meta.asOf),
    summary: `MFA ${organisation.shortName}: ${milestone.title}`,
    description,
    categories: [{ name: 'MFA rollout' }, { name: 'Milestone' }],
    start: plainDate(milestone.date),
  };
  if (milestone.time) {
    return {
      ...base,
      ...timed(milestone.date, milestone.time, 60, timeZone),
      alarms: [
        { type: ICalAlarmType.display, trigger: 24 * 3600, description: `Tomorrow: ${milestone.title}` },
        { type: ICalAlarmType.display, trigger: 30 * 60, description: `In 30 minutes: ${milestone.title}` },
      ],
    };
  }
  return { ...base, ...allDay(milestone.date), transparency: ICalEventTransparency.TRANSPARENT, alarms: [dayBeforeAtNine(milestone.title)] };
}

function taskEvent(playbook: Playbook, task: Task): ICalEventData {
  const { organisation } = playbook;
  const phase = playbook.schedule.phases.find((entry) => entry.id === task.phase);
  const description = [
    ...taskLines(task),
    '',
    task.repeatsUntil ? `Every working day until ${task.repeatsUntil}.` : `Day ${task.day} of the plan.`,
    `Phase: ${phase?.title ?? task.phase}.`,
  ].join('\n');
  return {
    id: uid('task', task.id, organisation.slug),
    sequence: 0,
    stamp: stampOf(playbook.meta.asOf),
    summary: `MFA ${organisation.shortName}: ${task.title}`,
    description,
    categories: [{ name: 'MFA rollout' }, { name: phase?.title ?? task.phase }],
    ...allDay(task.date),
    ...(task.repeatsUntil ? { repeating: workingDayRule(task.date, task.repeatsUntil, playbook.schedule.days) } : {}),
    transparency: ICalEventTransparency.TRANSPARENT,
  };
}

/**
 * admin/calendar.ics: every milestone and every task. A task that marks a milestone is folded into the milestone's
 * event (one event, the task's action and evidence in its description) so the calendar does not show it twice.
 */
export function renderAdminCalendar(playbook: Playbook): string {
  const { organisation, schedule } = playbook;
  const calendar = newCalendar(
    `MFA rollout: ${organisation.name} (admin)`,
    `Every task and milestone of the MFA rollout of ${organisation.name}, plan version ${playbook.meta.planVersion}. Confidential: for the IT team.`,
    playbook.timeZone,
    playbook.meta.generatorVersion,
  );
  const milestoneIds = new Set(schedule.milestones.map((milestone) => milestone.id));
  for (const milestone of schedule.milestones) {
    calendar.createEvent(milestoneEvent(playbook, milestone, schedule.tasks.filter((task) => task.milestone === milestone.id)));
  }
  for (const task of schedule.tasks) {
    if (task.milestone && milestoneIds.has(task.milestone)) continue;
    addSameDayAtNine(calendar.createEvent(taskEvent(playbook, task)), task.title);
  }
  return serialise(calendar, playbook.timeZone);
}

// ---- staff calendar ------------------------------------------------------------------------------------------------

function helpLine(view: StaffView): string {
  const { helpdesk } = view;
  return [`Help: ${helpdesk.phone}, ${helpdesk.email} (${helpdesk.hours})`, helpdesk.url ? `, ${helpdesk.url}` : '', '.'].join('');
}

/** staff/calendar.ics: the registration deadline and the enforcement moment. Reads the staff view only. */
export function renderStaffCalendar(view: StaffView): string {
  const { organisation, timeZone, locale } = view;
  const method = methodName(view.method);
  const enforcement = view.milestones.find((milestone) => milestone.id === 'enforcement');
  const enforcementDate = enforcement?.date ?? view.dates.enforcementDate;
  const enforcementTime = enforcement?.time ?? view.enforcementTime;
  const deadline = view.dates.registrationDeadline;
  const stamp = stampOf(view.meta.asOf);

  const calendar = newCalendar(
    `${organisation.name}: sign-in security dates`,
    `The two dates to remember while ${organisation.name} adds a second check to signing in.`,
    timeZone,
    view.meta.generatorVersion,
  );
  calendar.createEvent({
    id: uid('staff', 'registration-deadline', organisation.slug),
    sequence: 0,
    stamp,
    summary: `Set up ${method} for signing in (last day)`,
    description: [
      `Today is the last day to set up ${method} as your second check when you sign in to your ${organisation.name} account.`,
      `Go to ${SECURITY_INFO_URL} and follow the steps. It takes about five minutes.`,
      `From ${longDate(enforcementDate, locale)} at ${enforcementTime} the second check is required.`,
      helpLine(view),
    ].join('\n\n'),
    ...allDay(deadline),
    transparency: ICalEventTransparency.TRANSPARENT,
    alarms: [dayBeforeAtNine(`last day to set up ${method}`)],
  });
  calendar.createEvent({
    id: uid('staff', 'enforcement', organisation.slug),
    sequence: 0,
    stamp,
    summary: 'Second sign-in check starts for everyone',
    description: [
      `From now on, signing in to your ${organisation.name} account asks for a second check with ${method}.`,
      `Not set up yet? You will be asked to set it up the next time you sign in, or go to ${SECURITY_INFO_URL} now.`,
      helpLine(view),
    ].join('\n\n'),
    ...timed(enforcementDate, enforcementTime, 30, timeZone),
    transparency: ICalEventTransparency.TRANSPARENT,
    alarms: [{ type: ICalAlarmType.display, trigger: 24 * 3600, description: 'Tomorrow: the second sign-in check starts' }],
  });
  return serialise(calendar, timeZone);
}

export function renderCalendarFiles(playbook: Playbook, view: StaffView): { path: string; bytes: Uint8Array }[] {
  return [
    { path: ADMIN_CALENDAR, bytes: encode(renderAdminCalendar(playbook)) },
    { path: STAFF_CALENDAR, bytes: encode(renderStaffCalendar(view)) },
  ];
}
