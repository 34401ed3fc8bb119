import { buildSchedule } from '../../src/generators/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import type { GeneratorContext } from '../../src/generators/context.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, readConfig } from '../helpers/example.ts';

/** A generator context for the example tenant, optionally with parts of the config changed. */
export function exampleContext(change: (config: TenantConfig) => TenantConfig = (config) => config, today = EXAMPLE_TODAY): GeneratorContext {
  const config = change(readConfig(EXAMPLE_CONFIG));
  const calendar = createCalendar(config);
  return { config, schedule: buildSchedule(config, calendar), today, calendar };
}
