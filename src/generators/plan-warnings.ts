import type { Fact } from '../model/content.ts';
import type { Schedule } from '../model/schedule.ts';
import { awayPeriods, awayWarning, CONTACT_TASKS } from './away.ts';
import { datedFactWarnings } from './facts.ts';

// Warnings about the plan itself, for `mfa-playbook check`: dated facts that fall near the plan's dates, and
// reminders or contacts dated in a period when many people are away. The same sentences are in the plan.

export interface PlanWarning {
  path: string;
  message: string;
}

export function planWarnings(facts: readonly Fact[], schedule: Schedule, locale: string): PlanWarning[] {
  const periods = awayPeriods(schedule.closedDays);
  const holidayContacts = schedule.tasks
    .filter((task) => (CONTACT_TASKS as readonly string[]).includes(task.id))
    .flatMap((task) => {
      const warning = awayWarning(task.date, periods, locale, schedule.days);
      return warning ? [{ path: `schedule.tasks.${task.id}`, message: `${task.title}: ${warning}` }] : [];
    });
  return [...datedFactWarnings(facts, schedule).map((warning) => ({ path: `facts.${warning.id}`, message: warning.message })), ...holidayContacts];
}
