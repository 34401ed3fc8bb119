import { z } from 'zod';
import { isoDateString } from './common.ts';
import { dateMoveSchema } from './schedule.ts';

// The wave plan: enforcement in several waves, each with its own go/no-go, enforcement day and watch, and the
// forecast of helpdesk calls per day against the helpdesk's capacity. Absent from the model for a one-wave plan.

export const waveSchema = z.object({
  /** 1 for the first wave. */
  number: z.int(),
  /** "wave-1": used in ids of tasks, checklists and messages. */
  id: z.string(),
  /** The Entra group of the wave; null for the last wave when it is "everyone else" (the policy goes to All users). */
  group: z.object({ name: z.string(), objectId: z.string().nullable() }).nullable(),
  /** How the wave is named in every output: "Wave 2 (MFA-Wave-2)". */
  label: z.string(),
  size: z.int(),
  site: z.string().nullable(),
  department: z.string().nullable(),
  /** The working day before enforcement: the wave goes ahead only if its go/no-go holds. */
  goNoGoDate: isoDateString,
  enforcementDate: isoDateString,
  watchEndDate: isoDateString,
  logReviewDate: isoDateString,
  /** Why the wave's enforcement day is later than the earliest it could have been (holidays, Fridays, helpdesk load). */
  moves: z.array(dateMoveSchema),
  /** True for the last wave: its step switches the all-users policy on. */
  final: z.boolean(),
});
export type Wave = z.infer<typeof waveSchema>;

export const forecastDaySchema = z.object({
  date: isoDateString,
  /** Expected calls that working day, to one decimal place. */
  calls: z.number(),
  /** The wave whose enforcement day it is, if any. */
  enforcementOf: z.int().nullable(),
  overCapacity: z.boolean(),
});
export type ForecastDay = z.infer<typeof forecastDaySchema>;

export const wavePlanSchema = z.object({
  mode: z.enum(['groups', 'auto']),
  /** Users the waves switch on (everyone but the pilot members). */
  usersToSwitchOn: z.int(),
  waves: z.array(waveSchema).min(2),
  /** The helpdesk forecast; null when the config gives no capacity figures. */
  forecast: z
    .object({
      helpdeskCallsPerDay: z.int(),
      expectedCallsPerUser: z.number(),
      days: z.array(forecastDaySchema),
      peak: forecastDaySchema,
      /** How calls spread over the working days after a wave's enforcement: share of a wave's calls on day 0, 1, … */
      spread: z.array(z.number()),
    })
    .nullable(),
});
export type WavePlan = z.infer<typeof wavePlanSchema>;

/**
 * How a wave's helpdesk calls spread over the working days after its enforcement: day 0 (enforcement day) takes
 * half, each later working day half of the day before, for ten working days, scaled so the shares add up to one.
 *
 * Why this shape: a user meets MFA at the first sign-in after the switch, and most staff sign in on the morning of
 * enforcement day, so most calls come that day (no prompt, a new phone, "not registered"); the rest come as people
 * sign in on other devices, return from leave or lose a session, fewer each day. Halving per day puts three
 * quarters of the calls inside the 48 hours the plan watches (the helpdesk-staffed window every enforcement day
 * is chosen for) and leaves under 0.2% for after the tenth day, which the model drops rather than spread thin.
 * Working days, not calendar days: staff who would call on a Saturday mostly do not sign in to work that day,
 * and call on Monday, which is the next working day in this count.
 */
export const CALL_SPREAD_DECAY = 0.5;
export const CALL_SPREAD_DAYS = 10;

export function callSpread(): number[] {
  const raw = Array.from({ length: CALL_SPREAD_DAYS }, (_, day) => CALL_SPREAD_DECAY ** day);
  const total = raw.reduce((sum, share) => sum + share, 0);
  return raw.map((share) => share / total);
}

/** "Wave 2 (MFA-Wave-2)", or "Wave 5 (everyone else)" for the closing wave without a group of its own. */
export function waveLabel(number: number, groupName: string | null): string {
  return `Wave ${number} (${groupName ?? 'everyone else'})`;
}

/** A forecast figure as shown in every table and chart label: whole calls (the model keeps one decimal place). */
export function wholeCalls(calls: number): number {
  return Math.round(calls);
}

/** How the forecast is made, in one paragraph shown beside it in the admin site and the plan. */
export function forecastMethod(forecast: NonNullable<WavePlan['forecast']>): string {
  const shares = forecast.spread
    .slice(0, 3)
    .map((share) => `${Math.round(share * 100)}%`)
    .join(', ');
  return (
    `Each user switched on is expected to call the helpdesk ${forecast.expectedCallsPerUser} times in all. ` +
    `A wave's calls spread over the ${forecast.spread.length} working days from its enforcement day, each day half the day before (${shares}, …): most people meet MFA at their first sign-in, the rest over the following days. ` +
    `Calls of waves that overlap add up. The helpdesk can take ${forecast.helpdeskCallsPerDay} calls a working day on top of its usual work.`
  );
}

/** What a forecast day is: the enforcement day of a wave, a day over capacity, both or neither. */
export function forecastDayNote(day: ForecastDay): string {
  return [day.enforcementOf !== null ? `Wave ${day.enforcementOf} switched on` : '', day.overCapacity ? 'Over capacity' : ''].filter(Boolean).join('; ');
}

/** The id of a wave's "MFA starts" notice: its email draft is admin/emails/<id>.eml. */
export function waveNoticeId(waveNumber: number): `enforcement-tomorrow-wave-${number}` {
  return `enforcement-tomorrow-wave-${waveNumber}`;
}

// ---- What staff and the helpdesk know of the waves ---------------------------------------------------------------

/**
 * A wave as the staff and helpdesk sites, staff calendars and staff messages show it: its number, where its people
 * work (the site or department a person recognises), and its dates. Never its Entra group, name or object id: the
 * group is how IT switches the wave on, admin detail nobody outside IT needs, and the model keeps the wave plan for
 * the admin audience.
 */
export interface PublicWave {
  number: number;
  /** "wave-2": ids of calendar events and files. */
  id: string;
  /** The site and department of the wave, as the config names them ("Leeds", "Leeds, Finance"); null when it names neither. */
  place: string | null;
  /** True for the closing wave of a "groups" plan that switches on everyone not in a listed group. */
  everyoneElse: boolean;
  size: number;
  enforcementDate: string;
  /** The last day of the 48-hour watch after the switch-on: the helpdesk's busy days run from enforcement to here. */
  watchEndDate: string;
}

export interface PublicWavePlan {
  waves: PublicWave[];
  firstEnforcementDate: string;
  lastEnforcementDate: string;
  /**
   * How a person learns their date. "place": every wave is a site or department (or everyone else), so the staff
   * pages can show the dates by place and a person finds their own. "email": the waves are groups nobody outside IT
   * recognises (all "auto" waves), so IT tells each person their date by email (the wave's "MFA starts" notice).
   */
  findYourDate: 'place' | 'email';
}

/** The site and department of a wave as one name, or null. */
export function wavePlace(wave: Pick<Wave, 'site' | 'department'>): string | null {
  const parts = [wave.site, wave.department].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The wave plan cut to what staff and the helpdesk may read (allow-list: a field added to Wave later stays admin only). */
export function publicWavePlan(plan: WavePlan): PublicWavePlan {
  const waves: PublicWave[] = plan.waves.map((wave) => ({
    number: wave.number,
    id: wave.id,
    place: wavePlace(wave),
    everyoneElse: wave.group === null,
    size: wave.size,
    enforcementDate: wave.enforcementDate,
    watchEndDate: wave.watchEndDate,
  }));
  const byPlace = waves.every((wave) => wave.place !== null || wave.everyoneElse) && waves.some((wave) => wave.place !== null);
  return {
    waves,
    firstEnforcementDate: waves[0]!.enforcementDate,
    lastEnforcementDate: waves[waves.length - 1]!.enforcementDate,
    findYourDate: byPlace ? 'place' : 'email',
  };
}

/** The staff calendar of one wave: staff/calendar-wave-2.ics (in the language's folder with several staff languages). */
export function waveCalendarFile(wave: Pick<PublicWave, 'number'>): string {
  return `calendar-wave-${wave.number}.ics`;
}

/** The words a wave's name needs in a staff language (the "site.waves.*" texts of its catalog). */
interface WaveWords {
  text(key: string, values?: Record<string, string | number>): string;
}

/** A wave named for staff in their language: "Wave 2: Leeds", "Wave 4: everyone else", or "Wave 3" when it has no place. */
export function staffWaveName(t: WaveWords, wave: Pick<PublicWave, 'number' | 'place' | 'everyoneElse'>): string {
  const place = wave.place ?? (wave.everyoneElse ? t.text('site.waves.restShort') : null);
  return place === null ? t.text('site.waves.number', { number: wave.number }) : t.text('site.waves.withPlace', { number: wave.number, place });
}

/** Who a wave covers, for the rows of the staff site's table of waves: its place, or everyone not in a wave above. */
export function staffWaveWho(t: WaveWords, wave: Pick<PublicWave, 'place' | 'everyoneElse'>): string {
  return wave.place ?? (wave.everyoneElse ? t.text('site.waves.rest') : '');
}

/**
 * The waves that get a staff calendar of their own: those a person can tell is theirs, in a plan whose waves are
 * named by site or department. With "email" waves a person learns their wave only from IT's notice, so none do.
 */
export function wavesWithOwnCalendar(plan: PublicWavePlan | undefined): PublicWave[] {
  return plan?.findYourDate === 'place' ? plan.waves : [];
}
