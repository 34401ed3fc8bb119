import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/generators/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import { assertTaskOrder, taskOrderProblems, TaskOrderError } from '../../src/generators/task-order.ts';
import type { Task } from '../../src/model/schedule.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import { EXAMPLE_CONFIG, readConfig } from '../helpers/example.ts';

const base = readConfig(EXAMPLE_CONFIG);
const scheduleFor = (config: TenantConfig) => buildSchedule(config, createCalendar(config));
const example = scheduleFor(base);
const task = (id: string) => example.tasks.find((entry) => entry.id === id)!;

function draft(id: string, date: string, dependsOn: string[] = []): Task {
  return { id, phase: 'prepare', day: 1, date, owner: 'it-team', ownerName: 'IT team', title: id, action: 'Do it.', evidence: 'Done.', dependsOn };
}

describe('task dependencies hold in the dates', () => {
  it('fails on a wrongly ordered plan: keys registered before they are ordered', () => {
    const wrong = [draft('prepare.break-glass', '2027-01-11', ['prepare.order-keys']), draft('prepare.order-keys', '2027-01-12')];
    expect(() => assertTaskOrder(wrong)).toThrow(TaskOrderError);
    expect(() => assertTaskOrder(wrong)).toThrowErrorMatchingInlineSnapshot(`
      [TaskOrderError: The plan orders tasks against their dependencies:
        - task "prepare.break-glass" (2027-01-11) is dated before "prepare.order-keys" (2027-01-12), which it depends on]
    `);
  });

  it('stops the build of a plan whose dates break a dependency (a reminder check before the announcement)', () => {
    const broken = { ...base, thresholds: { ...base.thresholds, reminderDay: 1 } };
    expect(() => scheduleFor(broken)).toThrow(TaskOrderError);
    expect(() => scheduleFor(broken)).toThrow(/"register.reminder-check" \(2027-01-11\) is dated before "register.announce" \(2027-01-13\)/);
  });

  it('fails when a dependency is listed after its dependant on the same day, or is missing', () => {
    const sameDay = [draft('prepare.break-glass', '2027-01-11', ['prepare.methods']), draft('prepare.methods', '2027-01-11')];
    expect(taskOrderProblems(sameDay).map((problem) => problem.message)).toEqual([
      'task "prepare.break-glass" is listed before "prepare.methods" on 2027-01-11, but depends on it',
    ]);
    expect(taskOrderProblems([draft('a', '2027-01-11', ['nowhere'])])[0]!.message).toBe('task "a" depends on "nowhere", which is not in the plan');
    expect(taskOrderProblems([draft('prepare.methods', '2027-01-11'), draft('prepare.break-glass', '2027-01-11', ['prepare.methods'])])).toEqual([]);
  });

  it('holds for the example plan, for each starting state and for short phases', () => {
    expect(taskOrderProblems(example.tasks)).toEqual([]);
    const variants: TenantConfig[] = [
      { ...base, current: { ...base.current, securityDefaults: false, perUserMfa: true } },
      { ...base, current: { ...base.current, securityDefaults: false, perUserMfa: false } },
      { ...base, phases: { ...base.phases, prepare: 1, pilot: 1 } },
      { ...base, startDate: '2026-12-07' },
    ];
    for (const config of variants) expect(taskOrderProblems(scheduleFor(config).tasks)).toEqual([]);
    expect(example.tasks.filter((entry) => (entry.dependsOn ?? []).length > 0).length).toBeGreaterThan(20);
  });

  it('orders security keys before the start and the emergency-account keys after the methods are on', () => {
    expect(task('prepare.order-keys').date < example.startDate).toBe(true);
    expect(task('prepare.order-keys').day).toBe(0);
    expect(task('prepare.break-glass').dependsOn).toEqual(['prepare.order-keys', 'prepare.methods']);
    const order = example.tasks.map((entry) => entry.id);
    expect(order.indexOf('prepare.methods')).toBeLessThan(order.indexOf('prepare.break-glass'));
    expect(task('prepare.methods').action).toContain('Temporary Access Pass');
    expect(task('prepare.methods').action).toContain('passkeys (FIDO2)');
  });

  it('has the approver sign before the start, as the risks promise', () => {
    expect(task('prepare.plan-approval').date).toBe('2027-01-08');
    expect(task('prepare.plan-approval').date < example.startDate).toBe(true);
    expect(task('register.announce').dependsOn).toContain('prepare.plan-approval');
  });
});
