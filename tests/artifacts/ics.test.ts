import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminCalendarRevision, eventSequence, renderAdminCalendar, renderStaffCalendar, staffCalendarRevision, versionRank } from '../../src/artifacts/ics.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { milestoneList } from '../../src/model/schedule.ts';
import { staffView } from '../../src/model/views.ts';
import { CANARIES, EXAMPLE_CONFIG, EXAMPLE_TODAY, examplePlaybook, hostilePlaybook, readConfig } from '../helpers/example.ts';

const example = examplePlaybook();
const hostile = hostilePlaybook();

interface Parsed {
  calendar: InstanceType<typeof ICAL.Component>;
  events: InstanceType<typeof ICAL.Event>[];
  byUid: Map<string, InstanceType<typeof ICAL.Event>>;
}

/** Parses with ical.js, registering the file's own VTIMEZONE definitions so TZID times resolve through them. */
function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events, byUid: new Map(events.map((event) => [event.uid, event])) };
}

function isoOf(time: InstanceType<typeof ICAL.Time>): string {
  return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** The wall-clock date and time of an instant in a time zone, computed by Intl (independent of the renderer). */
function wallClock(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function alarms(event: InstanceType<typeof ICAL.Event>): string[] {
  return event.component.getAllSubcomponents('valarm').map((alarm) => {
    const trigger = alarm.getFirstProperty('trigger')!;
    const related = trigger.getParameter('related');
    return `${related ? `${related}:` : ''}${String(trigger.getFirstValue())}`;
  });
}

const slugOf = (playbook: Playbook) => playbook.organisation.slug;

afterEach(() => {
  vi.useRealTimers();
});

describe('admin calendar', () => {
  const text = renderAdminCalendar(example);
  const { calendar, events, byUid } = parse(text);

  it('is RFC 5545 text: CRLF lines of at most 75 octets, PUBLISH, a VTIMEZONE for the tenant zone', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/London');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/London');
    // Calendar properties come before the first component.
    expect(text.indexOf('X-WR-TIMEZONE')).toBeLessThan(text.indexOf('BEGIN:VTIMEZONE'));
  });

  it('has one event per milestone, on the milestone date, with a stable UID and a reminder', () => {
    for (const milestone of milestoneList(example.schedule.milestones)) {
      const event = byUid.get(`milestone.${milestone.id}@${slugOf(example)}.mfa-playbook`);
      expect(event, milestone.id).toBeDefined();
      expect(event!.summary).toContain(milestone.title);
      expect(event!.description).toContain(milestone.description);
      expect(isoOf(event!.startDate)).toBe(milestone.date);
      expect(alarms(event!).length).toBeGreaterThan(0);
      if (milestone.time) continue;
      expect(event!.startDate.isDate).toBe(true);
      expect(event!.endDate.isDate).toBe(true);
      expect(alarms(event!)).toEqual(['-PT15H']);
    }
  });

  it('has the enforcement as a timed event at the enforcement time in the tenant time zone', () => {
    const event = byUid.get(`milestone.enforcement@${slugOf(example)}.mfa-playbook`)!;
    expect(event.startDate.isDate).toBe(false);
    expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect(wallClock(event.startDate.toJSDate(), 'Europe/London')).toBe(`${example.schedule.enforcementDate} ${example.schedule.milestones.enforcement.time}`);
    // 2027-02-08 is in winter: London is on UTC.
    expect(event.startDate.toJSDate().toISOString()).toBe(`${example.schedule.enforcementDate}T08:00:00.000Z`);
    expect(alarms(event)).toEqual(['-P1D', '-PT30M']);
  });

  it('covers every task: its own event on its date, or folded into the event of the milestone it marks', () => {
    for (const task of example.schedule.tasks) {
      if (task.milestone) {
        const event = byUid.get(`milestone.${task.milestone}@${slugOf(example)}.mfa-playbook`)!;
        expect(event.description).toContain(task.title);
        expect(event.description).toContain(task.action);
        expect(isoOf(event.startDate)).toBe(task.date);
        continue;
      }
      const event = byUid.get(`task.${task.id}@${slugOf(example)}.mfa-playbook`);
      expect(event, task.id).toBeDefined();
      expect(event!.summary).toContain(task.title);
      expect(event!.description).toContain(task.action);
      expect(event!.description).toContain(task.ownerName);
      expect(event!.startDate.isDate).toBe(true);
      expect(isoOf(event!.startDate)).toBe(task.date);
      expect(alarms(event!)).toEqual(['START:PT9H']);
    }
    const taskEvents = events.filter((event) => event.uid.startsWith('task.'));
    expect(taskEvents.length).toBe(example.schedule.tasks.filter((task) => !task.milestone).length);
  });

  it('repeats a daily task on exactly the working days of the plan', () => {
    const repeated = example.schedule.tasks.filter((task) => task.repeatsUntil);
    expect(repeated.length).toBeGreaterThan(0);
    for (const task of repeated) {
      const event = byUid.get(`task.${task.id}@${slugOf(example)}.mfa-playbook`)!;
      const iterator = event.iterator();
      const dates: string[] = [];
      for (let next = iterator.next(); next && dates.length < 400; next = iterator.next()) dates.push(isoOf(next));
      const expected = example.schedule.days.filter((day) => day >= task.date && day <= task.repeatsUntil!);
      expect(dates).toEqual(expected);
    }
  });

  it('stamps every event with the day the plan version was issued, sequence 0 for version 1.0, never the clock', () => {
    expect(example.meta.planVersion).toBe('1.0');
    for (const event of events) {
      expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe(`${example.meta.planVersionDate}T00:00:00Z`);
      expect(event.sequence).toBe(0);
    }
  });

  it('names the IT lead as ORGANIZER of every published event (RFC 5546 PUBLISH)', () => {
    for (const event of events) {
      const organizer = event.component.getFirstProperty('organizer')!;
      expect(organizer.getFirstValue()).toBe(`mailto:${example.people.itLead.email}`);
      expect(organizer.getParameter('cn')).toBe(example.people.itLead.name);
    }
  });

  it('is byte-identical from one build to the next, whatever the clock and the host time zone', () => {
    const savedTz = process.env.TZ;
    const rebuilt = examplePlaybook();
    const staffBefore = renderStaffCalendar(staffView(example));
    try {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2031-07-15T23:59:59Z'));
      // Only the rendering runs under the odd clock and zone (the model is built before).
      process.env.TZ = 'Pacific/Kiritimati';
      expect(new Date(2027, 0, 1).getTimezoneOffset()).toBe(-14 * 60);
      expect(renderAdminCalendar(rebuilt)).toBe(text);
      expect(renderStaffCalendar(staffView(rebuilt))).toBe(staffBefore);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('is the same file when the same plan version is rebuilt on a later plan date', () => {
    const config = { ...readConfig(EXAMPLE_CONFIG), planVersionDate: '2027-01-04' };
    const build = (today: string) => buildPlaybook({ ...config }, { today, generatorVersion: '0.0.0-test', warnings: [] });
    expect(renderAdminCalendar(build('2027-01-08'))).toBe(renderAdminCalendar(build(EXAMPLE_TODAY)));
    expect(new Set(byUid.keys()).size).toBe(events.length);
  });
});

describe('staff calendar', () => {
  const view = staffView(example);
  const text = renderStaffCalendar(view);
  const { events, byUid } = parse(text);

  it('holds the registration deadline and the enforcement moment, and nothing else', () => {
    expect(events.map((event) => event.uid)).toEqual([`staff.registration-deadline@${slugOf(example)}.mfa-playbook`, `staff.enforcement@${slugOf(example)}.mfa-playbook`]);
    const deadline = byUid.get(`staff.registration-deadline@${slugOf(example)}.mfa-playbook`)!;
    expect(deadline.startDate.isDate).toBe(true);
    expect(isoOf(deadline.startDate)).toBe(example.schedule.registrationDeadline);
    expect(deadline.description).toContain('https://aka.ms/mysecurityinfo');
    expect(deadline.description).toContain(example.helpdesk.phone);
    expect(alarms(deadline)).toEqual(['-PT15H']);

    const enforcement = byUid.get(`staff.enforcement@${slugOf(example)}.mfa-playbook`)!;
    expect(wallClock(enforcement.startDate.toJSDate(), example.timeZone)).toBe(`${example.schedule.enforcementDate} ${example.schedule.milestones.enforcement.time}`);
    expect(alarms(enforcement)).toEqual(['-P1D']);
  });

  it('does not share UIDs with the admin calendar', () => {
    const admin = parse(renderAdminCalendar(example));
    for (const uid of byUid.keys()) expect(admin.byUid.has(uid)).toBe(false);
  });

  it('is built from the staff view alone: a JSON copy of the view gives the same file', () => {
    expect(renderStaffCalendar(JSON.parse(JSON.stringify(view)))).toBe(text);
  });
});

describe('hostile tenant', () => {
  const view = staffView(hostile);
  const staffText = renderStaffCalendar(view);
  const adminText = renderAdminCalendar(hostile);

  it('never shows a canary in the staff calendar', () => {
    for (const canary of CANARIES) expect(staffText.toLowerCase()).not.toContain(canary.toLowerCase());
  });

  it('keeps hostile names intact through escaping and folding', () => {
    const { events } = parse(staffText);
    const deadline = events[0]!;
    expect(deadline.description).toContain(hostile.organisation.name);
    expect(deadline.description).toContain(hostile.helpdesk.hours);
    const admin = parse(adminText);
    const announcement = admin.byUid.get(`milestone.announcement@${hostile.organisation.slug}.mfa-playbook`)!;
    expect(announcement.summary).toBe(`MFA ${hostile.organisation.shortName}: Announcement sent`);
    expect(announcement.description).toContain(hostile.organisation.name);
    for (const line of adminText.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // The name holds commas and quotes that must be escaped in TEXT values.
    expect(staffText).toContain('\\,');
  });

  it('keeps the calendar name one escaped TEXT value', () => {
    const { calendar } = parse(staffText);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toContain('Zürich Ærø Łódź Ğüneş');
  });

  it('places the enforcement in Zurich summer time, after the clocks changed', () => {
    const enforcement = parse(staffText).events[1]!;
    expect(enforcement.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Zurich');
    expect(hostile.schedule.enforcementDate).toBe('2027-03-31');
    expect(enforcement.startDate.toJSDate().toISOString()).toBe('2027-03-31T06:00:00.000Z');
    expect(wallClock(enforcement.startDate.toJSDate(), 'Europe/Zurich')).toBe('2027-03-31 08:00');
  });

  it('escapes a line break and a semicolon in a name instead of breaking the file', () => {
    const tricky = { ...view, organisation: { ...view.organisation, name: 'Line one\nLine two; with, commas\\' } };
    const text = renderStaffCalendar(tricky);
    const { calendar, events } = parse(text);
    expect(events).toHaveLength(2);
    expect(events[0]!.description).toContain('Line one\nLine two; with, commas\\');
    expect(String(calendar.getFirstPropertyValue('name'))).toContain('Line two');
  });
});

describe('calendar updates between plan versions', () => {
  // Version 1.0 as configured; version 1.1, issued a week later, moves the enforcement from 08:00 to 09:30.
  const base = readConfig(EXAMPLE_CONFIG);
  const first = buildPlaybook({ ...base, planVersion: '1.0', planVersionDate: '2027-01-04' }, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test', warnings: [] });
  const second = buildPlaybook(
    { ...base, planVersion: '1.1', planVersionDate: '2027-01-11', enforcementTime: '09:30' },
    { today: '2027-01-11', generatorVersion: '0.0.0-test', warnings: [] },
  );
  const enforcementUid = `milestone.enforcement@${slugOf(first)}.mfa-playbook`;
  const before = parse(renderAdminCalendar(first));
  const after = parse(renderAdminCalendar(second, [adminCalendarRevision(first)]));

  it('keeps the UID of a moved event and raises its SEQUENCE, so a calendar that imported 1.0 takes the 1.1 time', () => {
    const old = before.byUid.get(enforcementUid)!;
    const moved = after.byUid.get(enforcementUid)!;
    expect(wallClock(old.startDate.toJSDate(), 'Europe/London')).toBe(`${first.schedule.enforcementDate} 08:00`);
    expect(wallClock(moved.startDate.toJSDate(), 'Europe/London')).toBe(`${second.schedule.enforcementDate} 09:30`);
    expect(old.sequence).toBe(0);
    expect(moved.sequence).toBe(1);
    expect(moved.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-01-11T00:00:00Z');
  });

  it('leaves the SEQUENCE of events that did not move, and keeps every UID', () => {
    expect([...after.byUid.keys()].sort()).toEqual([...before.byUid.keys()].sort());
    for (const event of after.events) if (event.uid !== enforcementUid) expect(event.sequence, event.uid).toBe(0);
  });

  it('raises the staff calendar the same way from the staff views alone', () => {
    const staffAfter = parse(renderStaffCalendar(staffView(second), [staffCalendarRevision(staffView(first))]));
    expect(staffAfter.byUid.get(`staff.enforcement@${slugOf(first)}.mfa-playbook`)!.sequence).toBe(1);
    expect(staffAfter.byUid.get(`staff.registration-deadline@${slugOf(first)}.mfa-playbook`)!.sequence).toBe(0);
  });

  it('counts every version an event changed in, and a move back as a change too', () => {
    const history = [
      { version: '1.0', issued: '2027-01-04', timings: { a: '2027-02-08T08:00', b: '2027-02-01' } },
      { version: '1.1', issued: '2027-01-11', timings: { a: '2027-02-08T09:30', b: '2027-02-01' } },
    ];
    expect(eventSequence('a', '2027-02-08T08:00', history, '1.2')).toBe(2);
    expect(eventSequence('b', '2027-02-01', history, '1.2')).toBe(0);
    expect(eventSequence('new', '2027-02-03', history, '1.2')).toBe(0);
  });

  it('without a version history, ranks the configured plan version so a re-issued plan is newer', () => {
    expect([versionRank('1.0'), versionRank('1.1'), versionRank('1.2'), versionRank('2.0'), versionRank('2.1')]).toEqual([0, 1, 2, 100, 101]);
    const reissued = buildPlaybook({ ...base, planVersion: '1.1' }, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test', warnings: [] });
    for (const event of parse(renderAdminCalendar(reissued)).events) expect(event.sequence).toBe(1);
  });
});

describe('calendar name', () => {
  it('reads back without backslashes in ical.js when the organisation name holds commas and semicolons', () => {
    const view = staffView(example);
    const named = { ...view, organisation: { ...view.organisation, name: 'Smith, Jones; Partners' } };
    const { calendar } = parse(renderStaffCalendar(named));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Smith, Jones; Partners: sign-in security dates');
    expect(calendar.getFirstPropertyValue('name')).toBe('Smith, Jones; Partners: sign-in security dates');
    expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toContain('while Smith, Jones; Partners adds');
  });
});
