import type { TenantConfig } from '../config/schema.ts';
import type { Schedule } from '../model/schedule.ts';
import type { WorkCalendar } from './work-calendar.ts';
import type { WavePlan } from '../model/waves.ts';
import type { DateMoveNotice } from '../model/revisions.ts';

/** What every section generator receives. No I/O, no clock: `today` is an input. */
export interface GeneratorContext {
  config: TenantConfig;
  schedule: Schedule;
  today: string;
  calendar: WorkCalendar;
  /** The registration rate measured from the admin's exports, when evidence was given; it beats the config's figure. */
  measuredRate?: { rate: number; date: string } | undefined;
  /** The wave plan, for a plan enforced in several waves; absent for one wave. */
  waves?: WavePlan | undefined;
  /** In a revised plan whose staff dates moved: the revision's day and the dates staff were given before. */
  dateMove?: DateMoveNotice | undefined;
}
