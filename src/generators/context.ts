import type { TenantConfig } from '../config/schema.ts';
import type { Schedule } from '../model/schedule.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** What every section generator receives. No I/O, no clock: `today` is an input. */
export interface GeneratorContext {
  config: TenantConfig;
  schedule: Schedule;
  today: string;
  calendar: WorkCalendar;
}
