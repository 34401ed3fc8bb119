import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/generators/playbook.ts';
import { enforcementBlockers, logReviewAfter, watchEndAfter } from '../../src/generators/schedule.ts';
import { forecastCalls } from '../../src/generators/waves.ts';
import { callSpread } from '../../src/model/waves.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { examplePlaybook, readConfig, EXAMPLE_CONFIG } from '../helpers/example.ts';
import { largeTenant, playbookOf } from './helpers.ts';

const AUTO_60 = { mode: 'auto', helpdeskCallsPerDay: 60, expectedCallsPerUser: 0.3 } as const;

/** Every wave date obeys the enforcement rules, and each go/no-go follows the previous wave's watch. */
function expectWaveDatesSound(config: TenantConfig, playbook: Playbook) {
  const calendar = createCalendar(config);
  const waves = playbook.waves!.waves;
  for (const [index, wave] of waves.entries()) {
    expect(enforcementBlockers(calendar, wave.enforcementDate), `${wave.label} on ${wave.enforcementDate}`).toEqual([]);
    expect(calendar.isWorkingDay(wave.goNoGoDate)).toBe(true);
    expect(calendar.workingDaysBefore(wave.enforcementDate, 1)).toBe(wave.goNoGoDate);
    expect(wave.watchEndDate).toBe(watchEndAfter(calendar, wave.enforcementDate));
    expect(wave.logReviewDate).toBe(logReviewAfter(calendar, wave.enforcementDate));
    if (index > 0) expect(wave.goNoGoDate >= waves[index - 1]!.watchEndDate, `${wave.label}'s go/no-go after the previous watch`).toBe(true);
  }
  expect(waves[0]!.enforcementDate).toBe(playbook.schedule.enforcementDate);
  const last = waves[waves.length - 1]!;
  expect(last.final).toBe(true);
  expect(playbook.schedule.milestones['watch-end'].date).toBe(last.watchEndDate);
  expect(playbook.schedule.milestones['validation-signoff'].date >= last.logReviewDate).toBe(true);
}

describe('the helpdesk call forecast', () => {
  it('spreads a wave over ten working days, half on enforcement day and each day half the one before', () => {
    const spread = callSpread();
    expect(spread).toHaveLength(10);
    expect(spread.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect(spread[0]).toBeCloseTo(0.5005, 4);
    spread.slice(1).forEach((share, day) => expect(share / spread[day]!).toBeCloseTo(0.5, 12));
    // Three quarters of the calls inside the 48-hour watch.
    expect(spread[0]! + spread[1]!).toBeGreaterThan(0.75);
  });

  it('adds the calls of overlapping waves day by day', () => {
    const calls = forecastCalls(
      [
        { size: 100, enforcementIndex: 0 },
        { size: 200, enforcementIndex: 2 },
      ],
      0.5,
      4,
      [0.5, 0.25, 0.25],
    );
    expect(calls).toEqual([25, 12.5, 12.5 + 50, 25]);
  });
});

describe('a 5,000-user tenant with a helpdesk of 60 calls a day ("auto")', () => {
  const config = largeTenant(5000, AUTO_60);
  const playbook = playbookOf(config);
  const plan = playbook.waves!;

  it('gets several waves that switch on every user but the pilot exactly once', () => {
    expect(plan.mode).toBe('auto');
    expect(plan.waves.length).toBeGreaterThan(5);
    expect(plan.usersToSwitchOn).toBe(5000 - config.pilotGroup.members.length);
    expect(plan.waves.reduce((sum, wave) => sum + wave.size, 0)).toBe(plan.usersToSwitchOn);
    expect(plan.waves.slice(0, -1).every((wave) => wave.group?.name === `MFA-Wave-${wave.number}`)).toBe(true);
    expect(plan.waves[plan.waves.length - 1]!.group).toBeNull();
  });

  it('keeps the forecast at or under 60 calls on every day', () => {
    const forecast = plan.forecast!;
    expect(forecast.helpdeskCallsPerDay).toBe(60);
    expect(forecast.days.length).toBeGreaterThan(20);
    for (const day of forecast.days) {
      expect(day.calls, day.date).toBeLessThanOrEqual(60);
      expect(day.overCapacity).toBe(false);
    }
    // The waves use the helpdesk: the busiest day comes close to the capacity.
    expect(forecast.peak.calls).toBeGreaterThan(50);
  });

  it('forecasts from the waves as placed: recomputing from sizes and days gives the table', () => {
    const forecast = plan.forecast!;
    const index = (date: string) => forecast.days.findIndex((day) => day.date === date);
    const recomputed = forecastCalls(
      plan.waves.map((wave) => ({ size: wave.size, enforcementIndex: index(wave.enforcementDate) })),
      0.3,
      forecast.days.length,
    );
    expect(forecast.days.map((day) => day.calls)).toEqual(recomputed.map((value) => Math.round(value * 10) / 10));
    for (const wave of plan.waves) expect(forecast.days[index(wave.enforcementDate)]!.enforcementOf).toBe(wave.number);
  });

  it('dates every wave by the enforcement rules', () => {
    expectWaveDatesSound(config, playbook);
  });
});

describe('wave dates across holidays', () => {
  it('a plan crossing Christmas and New Year in England keeps every wave off holidays, their eves and Fridays', () => {
    const config = largeTenant(5000, AUTO_60, { startDate: '2026-10-26' });
    const playbook = playbookOf(config);
    const dates = playbook.waves!.waves.map((wave) => wave.enforcementDate);
    expect(dates[0]! < '2026-12-24' && dates[dates.length - 1]! > '2027-01-04').toBe(true);
    expectWaveDatesSound(config, playbook);
    for (const date of dates) expect(['2026-12-24', '2026-12-25', '2026-12-28', '2026-12-31', '2027-01-01']).not.toContain(date);
    // The wave whose earliest day was Christmas Eve moved, and says why.
    const moved = playbook.waves!.waves.find((wave) => wave.moves.some((move) => move.from === '2026-12-24'))!;
    expect(moved.enforcementDate > '2026-12-24').toBe(true);
    expect(moved.moves[0]!.reasons).toContain('24 December 2026 is the working day before Christmas Day (25 December 2026): the helpdesk would not be staffed the next day.');
  });

  it('the same across Christmas in Germany (Bavaria), with its own holidays', () => {
    const config = largeTenant(5000, AUTO_60, { startDate: '2026-11-02', timeZone: 'Europe/Berlin', holidays: { country: 'DE', region: 'BY', extraClosedDays: [] } });
    const playbook = playbookOf(config);
    const dates = playbook.waves!.waves.map((wave) => wave.enforcementDate);
    expect(dates[dates.length - 1]! > '2027-01-06').toBe(true);
    expectWaveDatesSound(config, playbook);
    // 6 January (Epiphany) is a public holiday in Bavaria: no wave on it or on its eve.
    expect(dates).not.toContain('2027-01-05');
    expect(dates).not.toContain('2027-01-06');
  });

  it('listed groups with an organisation closure: the waves step over the closed days', () => {
    const config = largeTenant(
      3000,
      {
        mode: 'groups',
        groups: [
          { name: 'MFA-Wave-Leeds', size: 900, site: 'Leeds' },
          { name: 'MFA-Wave-Finance', size: 400, department: 'Finance' },
          { name: 'MFA-Wave-London', size: 1200, site: 'London' },
        ],
      },
      { startDate: '2027-03-01', holidays: { country: 'GB', region: 'ENG', extraClosedDays: ['2027-04-14', '2027-04-15'] } },
    );
    const playbook = playbookOf(config);
    const waves = playbook.waves!.waves;
    expect(waves.map((wave) => wave.group?.name ?? null)).toEqual(['MFA-Wave-Leeds', 'MFA-Wave-Finance', 'MFA-Wave-London', null]);
    expect(waves.map((wave) => wave.size)).toEqual([900, 400, 1200, 3000 - 4 - 2500]);
    expect(waves[0]!.site).toBe('Leeds');
    expect(waves[1]!.department).toBe('Finance');
    expect(playbook.waves!.forecast).toBeNull();
    expectWaveDatesSound(config, playbook);
  });
});

describe('one wave is the plan as it always was', () => {
  it('a tenant whose helpdesk can take everyone in one day gets the same model as without waves', () => {
    const example = readConfig(EXAMPLE_CONFIG);
    const oneWave = playbookOf({ ...example, waves: { mode: 'auto', helpdeskCallsPerDay: 500, expectedCallsPerUser: 0.3 } });
    expect(oneWave.waves).toBeUndefined();
    expect(JSON.stringify(oneWave)).toBe(JSON.stringify(examplePlaybook()));
  });

  it('a single listed group holding everyone gets the same model as without waves', () => {
    const example = readConfig(EXAMPLE_CONFIG);
    const oneWave = playbookOf({ ...example, waves: { mode: 'groups', groups: [{ name: 'All staff', size: 246 }] } });
    expect(JSON.stringify(oneWave)).toBe(JSON.stringify(examplePlaybook()));
  });
});
