import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendarFiles, versionRank } from '../../src/artifacts/ics.ts';
import { staffView } from '../../src/model/views.ts';
import { BEFORE_A_FRIDAY, playbookWith } from '../revisions/helpers.ts';

// The staff calendars of a revised plan in waves. The plan's versions record the schedule, not the waves, so a
// wave's start counts every earlier version as a possible change (as a calendar without a history does): a
// calendar that imported an earlier file always takes the new day. The deadline is one event in every calendar,
// with one SEQUENCE.

const today = BEFORE_A_FRIDAY.goNoGo;
const playbook = playbookWith((config) => {
  config.startDate = BEFORE_A_FRIDAY.startDate;
  config.organisation.userCount = 5000;
  config.current.securityDefaults = false;
  config.waves = { mode: 'groups', groups: [{ name: 'MFA-Wave-Leeds', size: 1500, site: 'Leeds' }] };
  config.revisions = [{ date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day' }];
}, today);
const files = renderCalendarFiles(playbook, staffView(playbook));

function events(path: string): Map<string, { sequence: number; start: string }> {
  const bytes = files.find((file) => file.path === path);
  expect(bytes, path).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(new TextDecoder().decode(bytes!.bytes)));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return new Map(
    calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return [event.uid, { sequence: event.sequence, start: event.startDate.toString().slice(0, 10) }];
    }),
  );
}

describe('staff calendars of a revised plan in waves', () => {
  const slug = 'northgate-engineering-ltd.mfa-playbook';
  const waves = playbook.waves!.waves;

  it('every wave has its calendar, whose start is the revised day with a SEQUENCE above every earlier version', () => {
    expect(playbook.meta.planVersion).toBe('1.1');
    for (const wave of waves) {
      const start = events(`staff/calendar-wave-${wave.number}.ics`).get(`staff.${wave.id}-enforcement@${slug}`);
      expect(start).toEqual({ sequence: versionRank('1.1'), start: wave.enforcementDate });
    }
  });

  it('the deadline carries the same SEQUENCE in the calendar of all staff and in each wave calendar', () => {
    const deadline = `staff.registration-deadline@${slug}`;
    const general = events('staff/calendar.ics').get(deadline)!;
    expect(general.start).toBe(playbook.schedule.registrationDeadline);
    for (const wave of waves) expect(events(`staff/calendar-wave-${wave.number}.ics`).get(deadline)).toEqual(general);
  });
});
