import { describe, expect, it } from 'vitest';
import { addDays, format, parseISO } from 'date-fns';
import { tenantConfigSchema, type TenantConfig } from '../../src/config/schema.ts';
import { buildSchedule, enforcementBlockers } from '../../src/generators/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import { readConfig, EXAMPLE_CONFIG } from '../helpers/example.ts';
import { milestoneList, type MilestoneId, type Schedule } from '../../src/model/schedule.ts';

const base = readConfig(EXAMPLE_CONFIG);

function configWith(patch: Partial<TenantConfig> & { holidays?: TenantConfig['holidays'] }): TenantConfig {
  return tenantConfigSchema.parse({ ...base, ...patch });
}

function scheduleFor(config: TenantConfig): Schedule {
  return buildSchedule(config, createCalendar(config));
}

const weekday = (date: string) => format(parseISO(date), 'EEEE');

/** The invariants every schedule must satisfy, whatever the start date. */
function expectSound(config: TenantConfig, schedule: Schedule) {
  const calendar = createCalendar(config);
  const dated = [...schedule.tasks.map((t) => t.date), ...milestoneList(schedule.milestones).map((m) => m.date), ...schedule.days];
  for (const date of dated) expect(calendar.closedReason(date), `${date} is a working day`).toBeUndefined();
  // Working days are strictly increasing and none is skipped.
  schedule.days.forEach((date, index) => {
    if (index === 0) return;
    const previous = schedule.days[index - 1]!;
    expect(date > previous).toBe(true);
    for (let d = calendar.addCalendarDays(previous, 1); d < date; d = calendar.addCalendarDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false);
  });
  const enforcement = schedule.enforcementDate;
  expect(enforcementBlockers(calendar, enforcement)).toEqual([]);
  expect(weekday(enforcement)).not.toBe('Friday');
  expect(calendar.closedReason(calendar.addCalendarDays(enforcement, 1))?.reason ?? 'open').not.toMatch(/public-holiday|closed/);
  const phase = (id: string) => schedule.phases.find((p) => p.id === id)!;
  expect(phase('prepare').workingDays).toBe(config.phases.prepare);
  expect(phase('register').workingDays).toBe(config.phases.register);
  expect(phase('pilot').workingDays).toBeGreaterThanOrEqual(config.phases.pilot);
  expect(phase('enforce').workingDays).toBe(config.phases.enforce);
  expect(phase('validate').workingDays).toBeGreaterThanOrEqual(config.phases.validate);
  const milestone = (id: MilestoneId) => schedule.milestones[id];
  expect(milestone('reminder-check').day).toBe(config.thresholds.reminderDay);
  expect(milestone('individual-contact').day).toBe(config.thresholds.contactDay);
  expect(milestone('announcement').date).toBe(phase('register').startDate);
  expect(milestone('enforcement').date).toBe(enforcement);
  expect(milestone('watch-end').date >= calendar.addCalendarDays(enforcement, 2)).toBe(true);
  expect(milestone('log-review').date >= calendar.addCalendarDays(enforcement, 3)).toBe(true);
  expect(milestone('validation-signoff').date >= milestone('log-review').date).toBe(true);
  // Phases follow one another without overlap.
  schedule.phases.forEach((p, index) => {
    if (index > 0) expect(p.firstDay).toBe(schedule.phases[index - 1]!.lastDay + 1);
  });
  // Milestones are in date order and carry the stable ids.
  expect(milestoneList(schedule.milestones).map((m) => m.id)).toEqual([
    'announcement',
    'reminder-check',
    'individual-contact',
    'registration-deadline',
    'pilot-start',
    'go-no-go',
    'enforcement',
    'watch-end',
    'log-review',
    'validation-signoff',
  ]);
  expect([...milestoneList(schedule.milestones).map((m) => m.date)].sort()).toEqual(milestoneList(schedule.milestones).map((m) => m.date));
}

describe('schedule over many start dates', () => {
  const tenants: [string, Partial<TenantConfig>][] = [
    ['GB (England)', {}],
    ['US (federal)', { timeZone: 'America/New_York', locale: 'en-US', holidays: { country: 'US', extraClosedDays: [] } }],
    ['DE (Bavaria)', { timeZone: 'Europe/Berlin', locale: 'de-DE', holidays: { country: 'DE', region: 'BY', extraClosedDays: [] } }],
    ['AU (NSW)', { timeZone: 'Australia/Sydney', locale: 'en-AU', holidays: { country: 'AU', region: 'NSW', extraClosedDays: [] } }],
  ];
  for (const [name, patch] of tenants) {
    it(`${name}: every other start date of 2027 gives a sound schedule`, () => {
      // A step of 2 days still reaches every weekday (2 and 7 share no factor) and every holiday season.
      for (let offset = 0; offset < 365; offset += 2) {
        const startDate = format(addDays(parseISO('2027-01-01'), offset), 'yyyy-MM-dd');
        const config = configWith({ ...patch, startDate });
        expectSound(config, scheduleFor(config));
      }
    });
  }

  it('honours other phase lengths and thresholds', () => {
    const config = configWith({
      startDate: '2027-05-03',
      phases: { prepare: 4, register: 10, pilot: 5, enforce: 2, validate: 4 },
      thresholds: { targetRate: 98, reminderBelowRate: 85, reminderDay: 9, contactDay: 11, goNoGoMaxFailureRate: 5 },
    });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    expect(schedule.phases.find((p) => p.id === 'register')).toMatchObject({ firstDay: 5, lastDay: 14 });
  });

  it('states the configured go/no-go bar in the milestone and the task, not a fixed 10%', () => {
    const config = configWith({ thresholds: { targetRate: 95, reminderBelowRate: 90, reminderDay: 10, contactDay: 12, goNoGoMaxFailureRate: 5 } });
    const schedule = scheduleFor(config);
    expect(schedule.milestones['go-no-go'].description).toContain('at most 5% of the sign-ins');
    expect(schedule.tasks.find((t) => t.id === 'pilot.go-no-go')!.action).toContain('at or below 5%');
    expect(JSON.stringify(schedule)).not.toContain('10%');
  });
});

describe('schedule around holidays', () => {
  it('GB tenant starting early December skips Christmas, Boxing Day and New Year', () => {
    const config = configWith({ startDate: '2026-12-01' });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    for (const closed of ['2026-12-25', '2026-12-28', '2027-01-01']) expect(schedule.days).not.toContain(closed);
    expect(schedule.closedDays.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2026-12-25 Christmas Day',
      '2026-12-26 Boxing Day',
      '2026-12-28 Boxing Day (substitute day)',
      "2027-01-01 New Year's Day",
    ]);
    // Day 16 (end of registration) is 22 December; pilot days 17–19 are 23, 24 and 29 December.
    expect(schedule.registrationDeadline).toBe('2026-12-22');
    expect(schedule.phases.find((p) => p.id === 'pilot')).toMatchObject({ startDate: '2026-12-23' });
    // Day 20 would be 30 December, a Wednesday followed by a working day: allowed.
    expect(schedule.enforcementDate).toBe('2026-12-30');
  });

  it('GB enforcement never falls on the working day before Christmas', () => {
    // Day 20 lands on Thursday 24 December 2026, the working day before Christmas Day.
    const config = configWith({ startDate: '2026-11-27' });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    const move = schedule.moves.find((m) => m.subject === 'Enforcement')!;
    expect(move.from).toBe('2026-12-24');
    expect(move.reasons[0]).toBe('24 December 2026 is the working day before Christmas Day (25 December 2026): the helpdesk would not be staffed the next day.');
    expect(schedule.enforcementDate).toBe('2026-12-29');
  });

  it('US tenant around 4 July: not the Friday substitute holiday, not the day before it', () => {
    // 2027: 4 July is a Sunday, observed Monday 5 July.
    const config = configWith({ startDate: '2027-06-04', timeZone: 'America/Chicago', locale: 'en-US', holidays: { country: 'US', extraClosedDays: [] } });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    expect(schedule.days).not.toContain('2027-07-05');
    const move = schedule.moves.find((m) => m.subject === 'Enforcement');
    expect(move?.from).toBe('2027-07-02');
    expect(move?.reasons.join(' ')).toMatch(/Friday/);
    expect(schedule.enforcementDate).toBe('2027-07-06');
  });

  it('extra closed days are skipped and explained', () => {
    const config = configWith({ startDate: '2027-01-11', holidays: { country: 'GB', region: 'ENG', extraClosedDays: ['2027-01-20', '2027-02-09'] } });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    expect(schedule.days).not.toContain('2027-01-20');
    const move = schedule.moves.find((m) => m.subject === 'Enforcement')!;
    expect(move.reasons.some((reason) => reason.includes('Organisation closed'))).toBe(true);
  });

  it('a start on a closed day moves day 1 and says why', () => {
    const config = configWith({ startDate: '2027-01-01' });
    const schedule = scheduleFor(config);
    expect(schedule.startDate).toBe('2027-01-04');
    expect(schedule.moves[0]).toMatchObject({ subject: 'Start (day 1)', from: '2027-01-01', to: '2027-01-04' });
  });
});

describe('schedule across calendar edge cases', () => {
  it('counts a leap day as a working day', () => {
    const config = configWith({ startDate: '2028-02-28' });
    const schedule = scheduleFor(config);
    expectSound(config, schedule);
    expect(schedule.days.slice(0, 3)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  for (const [zone, springForward, fallBack] of [
    ['Europe/London', '2027-03-28', '2027-10-31'],
    ['America/New_York', '2027-03-14', '2027-11-07'],
    ['Australia/Sydney', '2027-10-03', '2027-04-04'],
  ] as const) {
    it(`${zone}: no date is skipped or repeated across both daylight-saving changes`, () => {
      for (const change of [springForward, fallBack]) {
        const startDate = format(addDays(parseISO(change), -10), 'yyyy-MM-dd');
        const config = configWith({ startDate, timeZone: zone });
        const schedule = scheduleFor(config);
        expectSound(config, schedule);
        expect(new Set(schedule.days).size).toBe(schedule.days.length);
        const calendar = createCalendar(config);
        expect(calendar.addCalendarDays(format(addDays(parseISO(change), -1), 'yyyy-MM-dd'), 1)).toBe(change);
        expect(calendar.addCalendarDays(change, 1)).toBe(format(addDays(parseISO(change), 1), 'yyyy-MM-dd'));
      }
    });
  }
});

describe('the example tenant', () => {
  const schedule = scheduleFor(base);
  it('moves enforcement off a Friday and says why', () => {
    expect(milestoneList(schedule.milestones).map((m) => [m.id, m.date])).toEqual([
      ['announcement', '2027-01-13'],
      ['reminder-check', '2027-01-22'],
      ['individual-contact', '2027-01-26'],
      ['registration-deadline', '2027-02-01'],
      ['pilot-start', '2027-02-02'],
      ['go-no-go', '2027-02-05'],
      ['enforcement', '2027-02-08'],
      ['watch-end', '2027-02-10'],
      ['log-review', '2027-02-11'],
      ['validation-signoff', '2027-02-11'],
    ]);
    expect(schedule.moves).toEqual([
      {
        subject: 'Enforcement',
        from: '2027-02-05',
        to: '2027-02-08',
        reasons: [
          '5 February 2027 is a Friday: the 48 hours after enforcement would fall on the weekend.',
          'The pilot runs 1 working day longer and every later date moves with it.',
        ],
      },
    ]);
  });

  it('dates every task with an owner, an action and evidence', () => {
    expect(schedule.tasks.length).toBeGreaterThanOrEqual(25);
    for (const task of schedule.tasks) {
      // Ordering keys and signing the plan come before day 1: they are day 0, "before the start".
      if (task.day === 0) expect(task.date < schedule.startDate, task.id).toBe(true);
      else expect(schedule.days).toContain(task.date);
      expect(task.day).toBe(schedule.days.indexOf(task.date) + 1);
      expect(task.action.length).toBeGreaterThan(20);
      expect(task.evidence.length).toBeGreaterThan(5);
      expect(task.ownerName).not.toBe('');
    }
    expect(schedule.tasks.find((t) => t.id === 'enforce.enforce')).toMatchObject({ date: '2027-02-08', ownerName: 'IT team', milestone: 'enforcement' });
    expect(schedule.tasks.find((t) => t.id === 'prepare.plan-approval')).toMatchObject({ date: '2027-01-08', day: 0, ownerName: 'Daniel Whitfield' });
  });
});

describe('security defaults and per-user MFA', () => {
  // Conditional Access policies cannot be switched on while security defaults are on, and turning them off before
  // enforcement would leave everyone outside the pilot without MFA: the pilot runs report-only, the switch is one sitting.
  it('a tenant on security defaults pilots in report-only and turns them off in the enforcement sitting', () => {
    const schedule = scheduleFor(configWith({ current: { securityDefaults: true, perUserMfa: false } }));
    const pilotOn = schedule.tasks.find((t) => t.id === 'pilot.pilot-on')!;
    expect(pilotOn.action).toMatch(/^Security defaults are on, and no Conditional Access policy can be switched on while they are/);
    expect(pilotOn.action).toContain('stays in report-only');
    const enforce = schedule.tasks.find((t) => t.id === 'enforce.enforce')!.action;
    expect(enforce).toMatch(/^At 08:00, in one sitting: turn security defaults off, switch "CA003 - Block legacy authentication" On/);
    expect(schedule.milestones.enforcement.description).toContain('security defaults are turned off in the same sitting');
  });

  it('a tenant without security defaults gets neither step, and per-user MFA is retired at enforcement', () => {
    const schedule = scheduleFor(configWith({ current: { securityDefaults: false, perUserMfa: true } }));
    expect(schedule.tasks.find((t) => t.id === 'pilot.pilot-on')!.action).toMatch(/^Set "CA001/);
    const enforce = schedule.tasks.find((t) => t.id === 'enforce.enforce')!.action;
    expect(enforce).not.toMatch(/security defaults/i);
    expect(enforce).toContain('turn per-user MFA off for every user');
  });
});
