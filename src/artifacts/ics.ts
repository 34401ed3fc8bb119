import { TZDate } from '@date-fns/tz';
import { ADMIN_CALENDAR, staffCalendarPath } from './paths.ts';
import {
  ICalAlarmRelatesTo,
  ICalAlarmType,
  ICalCalendar,
  type ICalEvent,
  ICalCalendarMethod,
  ICalEventTransparency,
  type ICalAlarmData,
  type ICalEventData,
  type ICalOrganizer,
  type ICalTemporalInstantStub,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { foldLines } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Playbook } from '../model/playbook.ts';
import { milestoneList, type Milestone, type Task } from '../model/schedule.ts';
import { EXCEPTION_KIND_LABELS } from '../model/register.ts';
import type { StaffView } from '../model/views.ts';
import { staffWaveName, waveCalendarFile, wavesWithOwnCalendar, type PublicWave } from '../model/waves.ts';
import { addDays } from '../shared/calendar-dates.ts';
import { formatTime, longDate } from '../shared/format.ts';
import { translatorFor } from '../i18n/catalog.ts';
import { staffFilePath } from '../i18n/languages.ts';
import type { Translator } from '../i18n/translate.ts';

// iCalendar (RFC 5545) files of the plan: admin/calendar.ics (every milestone and task) and staff/calendar.ics
// (the registration deadline and the enforcement moment, built from the staff view only).
//
// Calendars that update (RFC 5546 PUBLISH): UIDs come from the tenant slug and the milestone or task id, so an
// import of a later file updates the events already imported instead of adding copies. SEQUENCE counts the plan
// versions in which an event's date or time changed (see eventSequence), DTSTAMP is the day the plan version was
// issued, and every event names its ORGANIZER. No value reads the clock or the machine's time zone. Milestones
// and tasks are all-day (VALUE=DATE) events; the enforcement moment is a timed event in the tenant's time zone,
// with its VTIMEZONE.

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

/** DTSTAMP: midnight UTC of the day the plan version was issued; rebuilds of one version keep it. */
function stampOf(issued: string): Date {
  return new Date(`${issued}T00:00:00Z`);
}

// ---- plan versions: SEQUENCE -----------------------------------------------------------------------------------------

/**
 * One published version of a calendar: the plan version, the day it was issued, and when each event fell (UID ->
 * timing: start, end and repetition). Earlier versions are what a calendar that imported an older file holds.
 */
export interface CalendarRevision {
  version: string;
  issued: string;
  timings: Readonly<Record<string, string>>;
}

/**
 * The rank of a plan version among versions ("1.0" -> 0, "1.1" -> 1, "1.2" -> 2, "2.0" -> 100): the number of
 * earlier versions an event may have changed in, when their timings are not known.
 */
export function versionRank(version: string): number {
  const [major = 1, minor = 0] = (version.match(/\d+/g) ?? []).map(Number);
  return Math.max(0, (major - 1) * 100 + Math.min(minor, 99));
}

/**
 * SEQUENCE of an event (RFC 5545 3.8.7.4): raised once for every plan version in which its date or time differed
 * from the version before. `history` lists the earlier versions, oldest first; an event first seen in a version
 * starts at 0 there. Without a history only the plan version is known, and every earlier version counts as a
 * possible change (versionRank), so a re-issued plan is always newer to a calendar that imported an older one.
 */
export function eventSequence(uid: string, timing: string, history: readonly CalendarRevision[], currentVersion: string): number {
  if (history.length === 0) return versionRank(currentVersion);
  let sequence = 0;
  let previous: string | undefined;
  for (const timingThen of [...history.map((revision) => revision.timings[uid]), timing]) {
    if (timingThen === undefined) continue;
    if (previous !== undefined && timingThen !== previous) sequence += 1;
    previous = timingThen;
  }
  return sequence;
}

function compact(isoDate: string): string {
  return isoDate.replaceAll('-', '');
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

interface CalendarHead {
  name: string;
  description: string;
  timeZone: string;
}

function newCalendar(version: string): ICalCalendar {
  return new ICalCalendar({
    prodId: { company: PRODUCT_DOMAIN, product: `MFA rollout playbook ${version}`, language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: it would make ical-generator write DTSTAMP in local time. The generator still
    // emits a VTIMEZONE for every zone an event uses.
    timezone: { name: null, generator: vtimezone },
  });
}

/**
 * Serialises the calendar with its name, description and zone among the calendar properties, before the first
 * component (RFC 5545), where ical-generator's own `x` option does not put them. NAME (RFC 7986) and the X-WR-
 * properties read by Google and Apple calendars carry VALUE=TEXT: parsers that do not know a property (ical.js
 * among them) otherwise keep its escapes, and a comma in the name would show as "\,". The file ends with CRLF.
 */
function serialise(calendar: ICalCalendar, head: CalendarHead): string {
  const text = calendar.toString();
  const lines = [
    `NAME;VALUE=TEXT:${escapeText(head.name)}`,
    `X-WR-CALNAME;VALUE=TEXT:${escapeText(head.name)}`,
    `X-WR-CALDESC;VALUE=TEXT:${escapeText(head.description)}`,
    `X-WR-TIMEZONE;VALUE=TEXT:${escapeText(head.timeZone)}`,
  ].map((line) => `\r\n${foldLines(line)}`);
  const first = text.search(/\r\nBEGIN:(VTIMEZONE|VEVENT)\r\n/);
  const at = first < 0 ? text.lastIndexOf('\r\nEND:VCALENDAR') : first;
  return `${text.slice(0, at)}${lines.join('')}${text.slice(at)}\r\n`;
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

// ---- events with their timing ------------------------------------------------------------------------------------

/** An event before it is numbered: its data without SEQUENCE and DTSTAMP, and its timing for the version history. */
interface PlannedEvent {
  data: Omit<ICalEventData, 'sequence' | 'stamp' | 'organizer'> & { id: string };
  /** Start, end and repetition as one string: a change of date or time changes it. */
  timing: string;
  /** Added once the event exists (alarms ical-generator cannot take in its constructor). */
  finish?: (event: ICalEvent) => void;
  /**
   * The earlier plan versions do not record this event's timing (a wave's day: the versions keep the schedule, not
   * the waves), so SEQUENCE counts every earlier version as a possible change, as without a history.
   */
  timingNotInHistory?: true;
}

function timingOf(date: string, time: string | null | undefined, until?: string | null): string {
  return `${date}${time ? `T${time}` : ''}${until ? `/${until}` : ''}`;
}

function revisionOf(version: string, issued: string, events: PlannedEvent[]): CalendarRevision {
  return { version, issued, timings: Object.fromEntries(events.map((event) => [event.data.id, event.timing])) };
}

/** Creates the events of a calendar, numbered against the earlier versions, stamped with the day of issue. */
function addEvents(
  calendar: ICalCalendar,
  events: PlannedEvent[],
  revision: { version: string; issued: string },
  organizer: ICalOrganizer,
  history: readonly CalendarRevision[],
): void {
  const stamp = stampOf(revision.issued);
  for (const planned of events) {
    const known = planned.timingNotInHistory ? [] : history;
    const event = calendar.createEvent({ ...planned.data, sequence: eventSequence(planned.data.id, planned.timing, known, revision.version), stamp, organizer });
    planned.finish?.(event);
  }
}

// ---- admin calendar ------------------------------------------------------------------------------------------------

function taskLines(task: Task): string[] {
  return [`${task.title} (${task.ownerName})`, task.action, `Evidence: ${task.evidence}`];
}

function milestoneEvent(playbook: Playbook, milestone: Milestone, linked: Task[]): PlannedEvent {
  const { organisation, timeZone } = playbook;
  const description = [
    milestone.description,
    ...linked.flatMap((task) => ['', ...taskLines(task)]),
    '',
    `Milestone of the MFA rollout of ${organisation.name}, day ${milestone.day} of the plan (version ${playbook.meta.planVersion}).`,
  ].join('\n');
  const base = {
    id: uid('milestone', milestone.id, organisation.slug),
    summary: `MFA ${organisation.shortName}: ${milestone.title}`,
    description,
    categories: [{ name: 'MFA rollout' }, { name: 'Milestone' }],
    start: plainDate(milestone.date),
  };
  const timing = timingOf(milestone.date, milestone.time);
  if (milestone.time) {
    return {
      timing,
      data: {
        ...base,
        ...timed(milestone.date, milestone.time, 60, timeZone),
        alarms: [
          { type: ICalAlarmType.display, trigger: 24 * 3600, description: `Tomorrow: ${milestone.title}` },
          { type: ICalAlarmType.display, trigger: 30 * 60, description: `In 30 minutes: ${milestone.title}` },
        ],
      },
    };
  }
  return { timing, data: { ...base, ...allDay(milestone.date), transparency: ICalEventTransparency.TRANSPARENT, alarms: [dayBeforeAtNine(milestone.title)] } };
}

function taskEvent(playbook: Playbook, task: Task): PlannedEvent {
  const { organisation } = playbook;
  const phase = playbook.schedule.phases.find((entry) => entry.id === task.phase);
  const description = [
    ...taskLines(task),
    '',
    task.repeatsUntil ? `Every working day until ${task.repeatsUntil}.` : task.day >= 1 ? `Day ${task.day} of the plan.` : 'Before the start of the plan (day 1).',
    `Phase: ${phase?.title ?? task.phase}.`,
  ].join('\n');
  return {
    timing: timingOf(task.date, null, task.repeatsUntil),
    data: {
      id: uid('task', task.id, organisation.slug),
      summary: `MFA ${organisation.shortName}: ${task.title}`,
      description,
      categories: [{ name: 'MFA rollout' }, { name: phase?.title ?? task.phase }],
      ...allDay(task.date),
      ...(task.repeatsUntil ? { repeating: workingDayRule(task.date, task.repeatsUntil, playbook.schedule.days) } : {}),
      transparency: ICalEventTransparency.TRANSPARENT,
    },
    finish: (event) => addSameDayAtNine(event, task.title),
  };
}

/** The review day of an exemption override: the risk owner decides to renew, change or end it before it lapses. */
function exemptionReviewEvent(playbook: Playbook, record: Playbook['decisions'][number], override: NonNullable<Playbook['decisions'][number]['override']>): PlannedEvent {
  const { organisation } = playbook;
  const title = `Review exemption ${record.id} (${record.request.name})`;
  return {
    timing: timingOf(override.reviewDate, null),
    data: {
      id: uid('exemption-review', record.id, organisation.slug),
      summary: `MFA ${organisation.shortName}: ${title}`,
      description: [
        `Risk owner: ${override.riskOwner}.`,
        `The override lapses after ${override.expiry}: renew it with a new decision, or end it.`,
        `Reason given: ${record.request.reason}`,
      ].join('\n'),
      categories: [{ name: 'MFA rollout' }, { name: 'Exemption review' }],
      ...allDay(override.reviewDate),
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms: [dayBeforeAtNine(title)],
    },
  };
}

/**
 * The review day of an exception: its owner renews it, replaces it with a fix or lets it end. The UID comes from
 * the account (not the list position), so reordering the config keeps each event's identity.
 */
function exceptionReviewEvent(playbook: Playbook, exception: Playbook['exceptions'][number], key: string): PlannedEvent {
  const { organisation } = playbook;
  const title = `Review exception ${exception.account} (${EXCEPTION_KIND_LABELS[exception.kind].toLowerCase()})`;
  return {
    timing: timingOf(exception.reviewDate, null),
    data: {
      id: uid('exception-review', key, organisation.slug),
      summary: `MFA ${organisation.shortName}: ${title}`,
      description: [`Owner: ${exception.owner}.`, `The exception lapses after ${exception.expiry}: renew it, replace it with a fix, or end it.`, `Plan: ${exception.plan}`].join(
        '\n',
      ),
      categories: [{ name: 'MFA rollout' }, { name: 'Exception review' }],
      ...allDay(exception.reviewDate),
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms: [dayBeforeAtNine(title)],
    },
  };
}

/** A UID part per exception from its account: lower-case letters and digits; a repeated account gets "-2", "-3". */
function exceptionKeys(exceptions: Playbook['exceptions']): string[] {
  const seen = new Map<string, number>();
  return exceptions.map((exception) => {
    const base =
      exception.account
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'account';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

/**
 * The events of admin/calendar.ics: every milestone and every task, and the review day of each exemption override and exception. A task that marks a milestone is folded into the
 * milestone's event (one event, the task's action and evidence in its description) so the calendar does not show it
 * twice.
 */
function adminEvents(playbook: Playbook): PlannedEvent[] {
  const { schedule } = playbook;
  const milestones = milestoneList(schedule.milestones);
  const milestoneIds = new Set(milestones.map((milestone) => milestone.id));
  return [
    ...milestones.map((milestone) =>
      milestoneEvent(
        playbook,
        milestone,
        schedule.tasks.filter((task) => task.milestone === milestone.id),
      ),
    ),
    ...schedule.tasks.filter((task) => !(task.milestone && milestoneIds.has(task.milestone))).map((task) => taskEvent(playbook, task)),
    ...playbook.decisions.flatMap((record) => (record.isTemplate || record.override === null ? [] : [exemptionReviewEvent(playbook, record, record.override)])),
    ...exceptionKeys(playbook.exceptions).map((key, index) => exceptionReviewEvent(playbook, playbook.exceptions[index]!, key)),
  ];
}

/** What the admin calendar of this plan version holds, as an entry of a later version's history. */
export function adminCalendarRevision(playbook: Playbook): CalendarRevision {
  return revisionOf(playbook.meta.planVersion, playbook.meta.planVersionDate, adminEvents(playbook));
}

/** admin/calendar.ics. `history`: the calendar's earlier versions, oldest first (see eventSequence). */
export function renderAdminCalendar(playbook: Playbook, history: readonly CalendarRevision[] = []): string {
  const { organisation, meta } = playbook;
  const calendar = newCalendar(meta.generatorVersion);
  // RFC 5546 3.2.1: a published event names its organizer; for the admin calendar, the IT lead who runs the plan.
  const organizer: ICalOrganizer = { name: playbook.people.itLead.name, email: playbook.people.itLead.email };
  addEvents(calendar, adminEvents(playbook), { version: meta.planVersion, issued: meta.planVersionDate }, organizer, history);
  return serialise(calendar, {
    name: `MFA rollout: ${organisation.name} (admin)`,
    description: `Every task and milestone of the MFA rollout of ${organisation.name}, plan version ${meta.planVersion}. Confidential: for the IT team.`,
    timeZone: playbook.timeZone,
  });
}

// ---- staff calendar ------------------------------------------------------------------------------------------------

function helpLine(view: StaffView, t: Translator): string {
  const { helpdesk } = view;
  return t.text('calendar.help', { phone: helpdesk.phone, email: helpdesk.email, hours: helpdesk.hours, hasUrl: helpdesk.url ? 'yes' : 'no', url: helpdesk.url ?? '' });
}

function staffEvents(view: StaffView, language: string): PlannedEvent[] {
  const { organisation, timeZone } = view;
  const t = translatorFor(language);
  const method = t.text(`messages.method.${view.method}`);
  const enforcementDate = view.dates.enforcementDate;
  const enforcementTime = view.enforcementTime;
  const values = { methodName: method, org: organisation.name, securityInfoUrl: SECURITY_INFO_URL };
  // A plan in waves has no one enforcement moment for everyone: the calendar of all staff holds the deadline, and
  // each wave's own calendar (staffWaveEvents) adds its day.
  if (view.waves) return [deadlineEvent(view, language)];
  return [
    deadlineEvent(view, language),
    {
      timing: timingOf(enforcementDate, enforcementTime),
      data: {
        id: uid('staff', 'enforcement', organisation.slug),
        summary: t.text('calendar.enforcement.summary'),
        description: [t.text('calendar.enforcement.now', values), t.text('calendar.enforcement.notYet', values), helpLine(view, t)].join('\n\n'),
        ...timed(enforcementDate, enforcementTime, 30, timeZone),
        transparency: ICalEventTransparency.TRANSPARENT,
        alarms: [{ type: ICalAlarmType.display, trigger: 24 * 3600, description: t.text('calendar.enforcement.alarm') }],
      },
    },
  ];
}

/** The registration deadline: the same event (one UID) in the calendar of all staff and in every wave's. */
function deadlineEvent(view: StaffView, language: string): PlannedEvent {
  const { organisation } = view;
  const t = translatorFor(language);
  const values = { methodName: t.text(`messages.method.${view.method}`), org: organisation.name, securityInfoUrl: SECURITY_INFO_URL };
  const deadline = view.dates.registrationDeadline;
  const waves = view.waves;
  const from = waves
    ? t.text('calendar.deadline.fromWaves', {
        findYourDate: waves.findYourDate,
        first: longDate(waves.firstEnforcementDate, language),
        last: longDate(waves.lastEnforcementDate, language),
        siteName: t.text('site.name'),
      })
    : t.text('calendar.deadline.from', { enforcement: longDate(view.dates.enforcementDate, language), time: formatTime(view.enforcementTime, language) });
  return {
    timing: timingOf(deadline, null),
    data: {
      id: uid('staff', 'registration-deadline', organisation.slug),
      summary: t.text('calendar.deadline.summary', values),
      description: [t.text('calendar.deadline.last', values), t.text('calendar.deadline.go', values), from, helpLine(view, t)].join('\n\n'),
      ...allDay(deadline),
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms: [{ type: ICalAlarmType.display, trigger: 15 * 3600, description: t.text('calendar.deadline.alarm', values) }],
    },
  };
}

/** The calendar of one wave: the deadline, and the moment the second check starts for the wave's people, named with the wave. */
function staffWaveEvents(view: StaffView, language: string, wave: PublicWave): PlannedEvent[] {
  const { organisation, timeZone, enforcementTime } = view;
  const t = translatorFor(language);
  const values = { methodName: t.text(`messages.method.${view.method}`), org: organisation.name, securityInfoUrl: SECURITY_INFO_URL };
  return [
    deadlineEvent(view, language),
    {
      timing: timingOf(wave.enforcementDate, enforcementTime),
      timingNotInHistory: true,
      data: {
        id: uid('staff', `${wave.id}-enforcement`, organisation.slug),
        summary: t.text('calendar.waveEnforcement.summary', { wave: staffWaveName(t, wave) }),
        description: [t.text('calendar.enforcement.now', values), t.text('calendar.enforcement.notYet', values), helpLine(view, t)].join('\n\n'),
        ...timed(wave.enforcementDate, enforcementTime, 30, timeZone),
        transparency: ICalEventTransparency.TRANSPARENT,
        alarms: [{ type: ICalAlarmType.display, trigger: 24 * 3600, description: t.text('calendar.enforcement.alarm') }],
      },
    },
  ];
}

/** What the staff calendar of this plan version holds, as an entry of a later version's history. */
export function staffCalendarRevision(view: StaffView, language: string = view.staffLanguages[0]!): CalendarRevision {
  return revisionOf(view.meta.planVersion, view.meta.planVersionDate, staffEvents(view, language));
}

/**
 * staff/calendar.ics (staff/<language>/calendar.ics with several staff languages): the registration deadline and
 * the enforcement moment, in one staff language. Reads the staff view only.
 */
export function renderStaffCalendar(view: StaffView, history: readonly CalendarRevision[] = [], language: string = view.staffLanguages[0]!): string {
  const { organisation, meta } = view;
  const t = translatorFor(language);
  const org = { org: organisation.name };
  const calendar = newCalendar(meta.generatorVersion);
  // The organizer staff see is the helpdesk, whom they are told to contact anyway.
  const organizer: ICalOrganizer = { name: t.text('calendar.organizer', org), email: view.helpdesk.email };
  addEvents(calendar, staffEvents(view, language), { version: meta.planVersion, issued: meta.planVersionDate }, organizer, history);
  return serialise(calendar, {
    name: t.text('calendar.name', org),
    description: t.text(view.waves ? 'calendar.descriptionWaves' : 'calendar.description', org),
    timeZone: view.timeZone,
  });
}

/**
 * The calendar of one wave (staff/calendar-wave-<number>.ics), for a person who knows their wave by its site or
 * department: the registration deadline and the wave's enforcement moment. Reads the staff view only.
 */
export function renderStaffWaveCalendar(view: StaffView, wave: PublicWave, history: readonly CalendarRevision[] = [], language: string = view.staffLanguages[0]!): string {
  const { organisation, meta } = view;
  const t = translatorFor(language);
  const values = { org: organisation.name, wave: staffWaveName(t, wave) };
  const calendar = newCalendar(meta.generatorVersion);
  const organizer: ICalOrganizer = { name: t.text('calendar.organizer', values), email: view.helpdesk.email };
  addEvents(calendar, staffWaveEvents(view, language, wave), { version: meta.planVersion, issued: meta.planVersionDate }, organizer, history);
  return serialise(calendar, { name: t.text('calendar.waveName', values), description: t.text('calendar.waveDescription', values), timeZone: view.timeZone });
}

/** Where one wave's staff calendar goes in one staff language. */
export function staffWaveCalendarPath(languages: readonly string[], language: string, wave: Pick<PublicWave, 'number'>): string {
  return staffFilePath(languages, language, waveCalendarFile(wave));
}

/**
 * The earlier versions of both calendars in a revised plan (none for a plan never revised): each version's events
 * with their timings, so that an event a revision moved gets a higher SEQUENCE and keeps its UID.
 */
export function calendarHistory(playbook: Playbook, view: StaffView): { admin: CalendarRevision[]; staff: CalendarRevision[] } {
  const earlier = (playbook.history ?? []).slice(0, -1);
  const staffEarlier = (view.planVersions ?? []).slice(0, -1);
  return {
    admin: earlier.map((entry) =>
      adminCalendarRevision({ ...playbook, schedule: entry.schedule, meta: { ...playbook.meta, planVersion: entry.version, planVersionDate: entry.date } }),
    ),
    staff: staffEarlier.map((entry) =>
      staffCalendarRevision({
        ...view,
        meta: { ...view.meta, planVersion: entry.version, planVersionDate: entry.date },
        dates: { ...view.dates, enforcementDate: entry.enforcementDate, registrationDeadline: entry.registrationDeadline },
        enforcementTime: entry.enforcementTime,
      }),
    ),
  };
}

/** Both calendar files. `history`: earlier versions of each calendar, oldest first (by default the plan's own revisions). */
export function renderCalendarFiles(
  playbook: Playbook,
  view: StaffView,
  history: { admin: readonly CalendarRevision[]; staff: readonly CalendarRevision[] } = calendarHistory(playbook, view),
): { path: string; bytes: Uint8Array }[] {
  return [
    { path: ADMIN_CALENDAR, bytes: encode(renderAdminCalendar(playbook, history.admin)) },
    ...view.staffLanguages.map((language) => ({
      path: staffCalendarPath(view.staffLanguages, language),
      // Earlier versions hold the same events (their dates and times decide each SEQUENCE), whatever the language.
      bytes: encode(renderStaffCalendar(view, history.staff, language)),
    })),
    ...view.staffLanguages.flatMap((language) =>
      wavesWithOwnCalendar(view.waves).map((wave) => ({
        path: staffWaveCalendarPath(view.staffLanguages, language, wave),
        bytes: encode(renderStaffWaveCalendar(view, wave, history.staff, language)),
      })),
    ),
  ];
}
