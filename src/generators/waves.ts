import type { TenantConfig } from '../config/schema.ts';
import { MAX_WAVES, usersToSwitchOn, type WavesConfig } from '../config/waves.ts';
import type { DateMove } from '../model/schedule.ts';
import { callSpread, waveLabel, type ForecastDay, type Wave, type WavePlan } from '../model/waves.ts';
import { formatLongDate } from './text/dates.ts';
import { enforcementBlockers, logReviewAfter, watchEndAfter } from './schedule.ts';
import type { WorkCalendar } from './work-calendar.ts';

// Enforcement in waves. Pure: the config, the calendar and the first wave's enforcement day (the schedule's, after
// the pilot and its go/no-go) are the only inputs.
//
// Rules every wave follows:
// - its enforcement day obeys the schedule's rules (enforcementBlockers: never a weekend, a Friday, a holiday or a
//   closed day, nor the working day before one, so the helpdesk is staffed for the 48 hours after);
// - its go/no-go is the working day before, and comes no earlier than the end of the previous wave's 48-hour watch,
//   so every go/no-go is taken knowing how the previous wave went;
// - with capacity figures, it waits (working day by working day) until adding it keeps the forecast of helpdesk
//   calls at or under the capacity on every day; "auto" sizes each wave to the most the helpdesk can take that day.

/** Expected helpdesk calls on each working day, from the waves' sizes and enforcement days. */
export function forecastCalls(
  waves: readonly { size: number; enforcementIndex: number }[],
  callsPerUser: number,
  dayCount: number,
  spread: readonly number[] = callSpread(),
): number[] {
  const calls = Array.from({ length: dayCount }, () => 0);
  for (const wave of waves) {
    spread.forEach((share, offset) => {
      const index = wave.enforcementIndex + offset;
      if (index < dayCount) calls[index]! += wave.size * callsPerUser * share;
    });
  }
  return calls;
}

/** Working days from a first date on, extended on demand (a plan of many waves runs for months). */
class WorkingDayLine {
  readonly #days: string[];
  readonly #calendar: WorkCalendar;
  constructor(calendar: WorkCalendar, first: string) {
    this.#calendar = calendar;
    this.#days = [calendar.nextWorkingDayFrom(first)];
  }
  at(index: number): string {
    while (this.#days.length <= index) this.#days.push(this.#calendar.nextWorkingDayAfter(this.#days[this.#days.length - 1]!));
    return this.#days[index]!;
  }
  indexOf(date: string): number {
    for (let index = 0; index < 5000; index += 1) if (this.at(index) >= date) return index;
    throw new Error(`no working day found from ${this.#days[0]} to ${date}`);
  }
}

interface Placed {
  size: number;
  enforcementIndex: number;
}

/** One decimal place: the forecast is an estimate, and the table shows whole calls. */
const tenth = (value: number) => Math.round(value * 10) / 10;
/** Floating-point slack when comparing a forecast with the capacity. */
const EPSILON = 1e-9;

interface Capacity {
  callsPerDay: number;
  callsPerUser: number;
}

function capacityOf(waves: WavesConfig): Capacity | null {
  return waves.helpdeskCallsPerDay !== undefined && waves.expectedCallsPerUser !== undefined
    ? { callsPerDay: waves.helpdeskCallsPerDay, callsPerUser: waves.expectedCallsPerUser }
    : null;
}

/** The most users a wave switched on at `index` can hold while every day's forecast stays at or under capacity. */
function room(placed: readonly Placed[], index: number, capacity: Capacity, spread: readonly number[]): number {
  const load = forecastCalls(placed, capacity.callsPerUser, index + spread.length, spread);
  let most = Infinity;
  spread.forEach((share, offset) => {
    most = Math.min(most, (capacity.callsPerDay - load[index + offset]!) / (capacity.callsPerUser * share));
  });
  return Math.max(0, Math.floor(most + EPSILON));
}

interface WaveRequest {
  group: { name: string; objectId: string | null } | null;
  size: number | 'fill';
  site: string | null;
  department: string | null;
}

/**
 * The wave plan, or null for a plan of one wave (no `waves` in the config, or waves that come to one): the plan
 * then stays exactly as it always was.
 */
export function buildWavePlan(config: TenantConfig, calendar: WorkCalendar, firstEnforcementDate: string): WavePlan | null {
  const waves = config.waves;
  if (!waves) return null;
  const total = usersToSwitchOn(config);
  const capacity = capacityOf(waves);
  const spread = callSpread();
  const line = new WorkingDayLine(calendar, firstEnforcementDate);
  const locale = config.locale;

  // Requests in order; "fill" = as many as the helpdesk can take that day (auto), the last one taking the rest.
  const listed = waves.groups ?? [];
  const listedTotal = listed.reduce((sum, group) => sum + group.size, 0);
  const explicit: WaveRequest[] = listed.map((group) => ({
    group: { name: group.name, objectId: group.objectId ?? null },
    size: group.size,
    site: group.site ?? null,
    department: group.department ?? null,
  }));
  if (waves.mode === 'groups' && listedTotal < total) explicit.push({ group: null, size: total - listedTotal, site: null, department: null });

  const placed: (Placed & { request: WaveRequest; moves: DateMove[] })[] = [];
  let remaining = waves.mode === 'auto' ? total : 0;
  // The most a wave can hold on a day with no calls from earlier waves; "auto" waits rather than open a wave of
  // less than half that, which would only add a go/no-go and a watch for a handful of people.
  const quietDayRoom = capacity ? room([], 0, capacity, spread) : Infinity;
  if (waves.mode === 'auto' && quietDayRoom < 1) {
    throw new Error(
      `waves: the helpdesk's ${capacity!.callsPerDay} calls a day cannot take even one user's first-day calls (${tenth(capacity!.callsPerUser * spread[0]!)}); raise waves.helpdeskCallsPerDay or lower waves.expectedCallsPerUser`,
    );
  }
  const smallestAutoWave = Math.max(1, Math.ceil(quietDayRoom / 2));

  for (let number = 1; waves.mode === 'auto' ? remaining > 0 : number <= explicit.length; number += 1) {
    if (number > MAX_WAVES) {
      throw new Error(`waves: the helpdesk capacity would need more than ${MAX_WAVES} waves for ${total} users; raise waves.helpdeskCallsPerDay or plan a longer rollout in two plans`);
    }
    const previous = placed[placed.length - 1];
    const earliest = previous ? line.indexOf(calendar.nextWorkingDayAfter(watchEndAfter(calendar, line.at(previous.enforcementIndex)))) : 0;
    const request = waves.mode === 'auto' ? null : explicit[number - 1]!;
    const reasons: string[] = [];
    let index = earliest;
    let size = 0;
    for (let waited = 0; ; index += 1, waited += 1) {
      const date = line.at(index);
      const blockers = number === 1 ? [] : enforcementBlockers(calendar, date, locale);
      if (blockers.length > 0) {
        reasons.push(...blockers);
        continue;
      }
      if (!capacity) {
        size = request!.size as number;
        break;
      }
      const fits = room(placed, index, capacity, spread);
      if (request) {
        // A listed wave too large for even a quiet day goes on its earliest day; the forecast shows the excess.
        if ((request.size as number) <= fits || (request.size as number) > quietDayRoom || waited >= spread.length) {
          size = request.size as number;
          break;
        }
      } else if (fits >= Math.min(remaining, smallestAutoWave)) {
        size = Math.min(remaining, fits);
        break;
      }
      reasons.push(`On ${formatLongDate(date, locale)} the helpdesk would still be taking calls from the earlier waves: this wave would take the forecast above ${capacity.callsPerDay} calls a day.`);
    }
    if (waves.mode === 'auto') remaining -= size;
    const chosen = line.at(index);
    const moves: DateMove[] =
      index === earliest ? [] : [{ subject: `Wave ${number} enforcement`, from: line.at(earliest), to: chosen, reasons: [...new Set(reasons)] }];
    const autoRequest: WaveRequest = {
      group: remaining > 0 ? { name: `${waves.groupNamePrefix ?? 'MFA-Wave-'}${number}`, objectId: null } : null,
      size,
      site: null,
      department: null,
    };
    placed.push({ size, enforcementIndex: index, request: request ?? autoRequest, moves });
  }
  if (placed.length < 2) return null;

  const planned: Wave[] = placed.map((wave, position) => {
    const enforcementDate = line.at(wave.enforcementIndex);
    const number = position + 1;
    return {
      number,
      id: `wave-${number}`,
      group: wave.request.group,
      label: waveLabel(number, wave.request.group?.name ?? null),
      size: wave.size,
      site: wave.request.site,
      department: wave.request.department,
      goNoGoDate: calendar.workingDaysBefore(enforcementDate, 1),
      enforcementDate,
      watchEndDate: watchEndAfter(calendar, enforcementDate),
      logReviewDate: logReviewAfter(calendar, enforcementDate),
      moves: wave.moves,
      final: position === placed.length - 1,
    };
  });

  let forecast: WavePlan['forecast'] = null;
  if (capacity) {
    const lastIndex = placed[placed.length - 1]!.enforcementIndex + spread.length - 1;
    const calls = forecastCalls(placed, capacity.callsPerUser, lastIndex + 1, spread);
    const days: ForecastDay[] = calls.map((value, index) => ({
      date: line.at(index),
      calls: tenth(value),
      enforcementOf: placed.findIndex((wave) => wave.enforcementIndex === index) + 1 || null,
      overCapacity: value > capacity.callsPerDay + EPSILON,
    }));
    const peak = days.reduce((best, day) => (day.calls > best.calls ? day : best), days[0]!);
    forecast = {
      helpdeskCallsPerDay: capacity.callsPerDay,
      expectedCallsPerUser: capacity.callsPerUser,
      days,
      peak,
      spread: spread.map((share) => Math.round(share * 1000) / 1000),
    };
  }
  return { mode: waves.mode, usersToSwitchOn: total, waves: planned, forecast };
}
