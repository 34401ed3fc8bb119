import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendarFiles } from '../../src/artifacts/ics.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { staffView } from '../../src/model/views.ts';
import { BEFORE_A_FRIDAY, playbookWith } from './helpers.ts';

// A calendar imported from version 1.0 is updated by the file of version 1.1: same UIDs, and every event whose date
// the revision moved carries a higher SEQUENCE (RFC 5545 3.8.7.4); events it did not move keep theirs.

interface Read {
  sequence: number;
  start: string;
  stamp: string;
}

function read(text: string): Map<string, Read> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = new Map<string, Read>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    events.set(event.uid, { sequence: event.sequence, start: event.startDate.toString().slice(0, 10), stamp: String(component.getFirstPropertyValue('dtstamp')) });
  }
  return events;
}

function calendars(playbook: Playbook): { admin: Map<string, Read>; staff: Map<string, Read> } {
  const files = renderCalendarFiles(playbook, staffView(playbook));
  const text = (path: string) => new TextDecoder().decode(files.find((file) => file.path === path)!.bytes);
  return { admin: read(text('admin/calendar.ics')), staff: read(text('staff/calendar.ics')) };
}

const today = BEFORE_A_FRIDAY.goNoGo;
const original = calendars(playbookWith((config) => void (config.startDate = BEFORE_A_FRIDAY.startDate), today));
const revised = calendars(
  playbookWith((config) => {
    config.startDate = BEFORE_A_FRIDAY.startDate;
    config.revisions = [{ date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day' }];
  }, today),
);
const slug = 'northgate-engineering-ltd.mfa-playbook';

describe('calendars of a revised plan', () => {
  it('keep every UID of the first version', () => {
    expect([...revised.admin.keys()].sort()).toEqual([...original.admin.keys()].sort());
    expect([...revised.staff.keys()].sort()).toEqual([...original.staff.keys()].sort());
  });

  it('raise SEQUENCE of the events the revision moved, in the admin calendar', () => {
    const enforcement = `milestone.enforcement@${slug}`;
    expect(original.admin.get(enforcement)).toMatchObject({ sequence: 0, start: BEFORE_A_FRIDAY.enforcement });
    expect(revised.admin.get(enforcement)).toMatchObject({ sequence: 1, start: '2027-03-22' });
    expect(revised.admin.get(`milestone.go-no-go@${slug}`)).toMatchObject({ sequence: 1, start: '2027-03-19' });
  });

  it('leave SEQUENCE at 0 for the events dated before the revision', () => {
    const announcement = `milestone.announcement@${slug}`;
    expect(revised.admin.get(announcement)).toEqual({ ...original.admin.get(announcement), stamp: revised.admin.get(announcement)!.stamp });
    expect(revised.admin.get(announcement)!.sequence).toBe(0);
    const unmoved = [...revised.admin.entries()].filter(([uid, event]) => original.admin.get(uid)!.start === event.start);
    expect(unmoved.length).toBeGreaterThan(20);
    for (const [, event] of unmoved) expect(event.sequence).toBe(0);
  });

  it('raise SEQUENCE of the staff enforcement event and stamp it with the revision day', () => {
    expect(revised.staff.get(`staff.enforcement@${slug}`)).toMatchObject({ sequence: 1, start: '2027-03-22' });
    expect(revised.staff.get(`staff.registration-deadline@${slug}`)).toMatchObject({ sequence: 0 });
    expect(revised.staff.get(`staff.enforcement@${slug}`)!.stamp).toBe(`${today}T00:00:00Z`);
  });
});
