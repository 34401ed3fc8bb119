import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { Playbook } from '../model/playbook.ts';

export const FACT_MAX_AGE_DAYS = 180;

/** One line per fact last checked more than `maxAgeDays` before the plan date: time-sensitive guidance must be re-checked. */
export function staleFactWarnings(playbook: Playbook, maxAgeDays = FACT_MAX_AGE_DAYS): string[] {
  return playbook.facts
    .map((fact) => ({ fact, age: differenceInCalendarDays(parseISO(playbook.meta.asOf), parseISO(fact.checked)) }))
    .filter(({ age }) => age > maxAgeDays)
    .map(({ fact, age }) => `facts.${fact.id}: last checked ${fact.checked}, ${age} days before the plan date ${playbook.meta.asOf} (limit ${maxAgeDays}); re-check "${fact.claim}" at ${fact.source.url}`);
}
