import { formatDate } from '../shared/format.ts';
import Holidays from 'date-holidays';

/** Why a day is not a working day. */
export interface ClosedDay {
  date: string;
  reason: 'weekend' | 'public-holiday' | 'closed';
  name: string;
}

export interface WorkCalendarOptions {
  country: string;
  region?: string | undefined;
  extraClosedDays: string[];
  timeZone: string;
}

/**
 * The organisation's working days: weekends, public holidays of the country/region and its own closed
 * days are off. Dates are calendar dates (YYYY-MM-DD) in the tenant's time zone. They are stepped as UTC
 * calendar days: a calendar date has no hours, so no daylight-saving change (a 23- or 25-hour local day)
 * can skip or repeat one, and the arithmetic needs no time-zone lookups (the schedule steps through
 * thousands of days).
 */
export class WorkCalendar {
  readonly timeZone: string;
  readonly #holidays: Holidays;
  readonly #extra: Set<string>;
  readonly #byYear = new Map<number, Map<string, string>>();

  constructor(options: WorkCalendarOptions) {
    this.timeZone = options.timeZone;
    this.#holidays = options.region ? new Holidays(options.country, options.region) : new Holidays(options.country);
    this.#extra = new Set(options.extraClosedDays);
  }

  /** Public holidays (type public or bank) of one year, by date. */
  #holidaysOf(year: number): Map<string, string> {
    let map = this.#byYear.get(year);
    if (!map) {
      map = new Map();
      for (const holiday of this.#holidays.getHolidays(year) ?? []) {
        if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
        const date = holiday.date.slice(0, 10);
        if (!map.has(date)) map.set(date, holiday.name);
      }
      this.#byYear.set(year, map);
    }
    return map;
  }

  holidayName(date: string): string | undefined {
    return this.#holidaysOf(Number(date.slice(0, 4))).get(date);
  }

  /** Why `date` is closed, or undefined for a working day. A holiday wins over a weekend in the reason. */
  closedReason(date: string): ClosedDay | undefined {
    const holiday = this.holidayName(date);
    if (holiday) return { date, reason: 'public-holiday', name: holiday };
    if (this.#extra.has(date)) return { date, reason: 'closed', name: 'Organisation closed' };
    const weekday = utcNoon(date).getUTCDay();
    if (weekday === 0 || weekday === 6) return { date, reason: 'weekend', name: weekday === 0 ? 'Sunday' : 'Saturday' };
    return undefined;
  }

  isWorkingDay(date: string): boolean {
    return this.closedReason(date) === undefined;
  }

  addCalendarDays(date: string, days: number): string {
    const moved = utcNoon(date);
    moved.setUTCDate(moved.getUTCDate() + days);
    return moved.toISOString().slice(0, 10);
  }

  /** The first working day on or after `date`. */
  nextWorkingDayFrom(date: string): string {
    let current = date;
    for (let guard = 0; guard < 366; guard += 1) {
      if (this.isWorkingDay(current)) return current;
      current = this.addCalendarDays(current, 1);
    }
    throw new Error(`no working day within a year of ${date}; check holidays.extraClosedDays`);
  }

  /** The working day after `date` (exclusive). */
  nextWorkingDayAfter(date: string): string {
    return this.nextWorkingDayFrom(this.addCalendarDays(date, 1));
  }

  /** The working day `count` working days before `date` (1 = the working day before it). */
  workingDaysBefore(date: string, count: number): string {
    let current = date;
    for (let step = 0; step < count; step += 1) {
      current = this.addCalendarDays(current, -1);
      for (let guard = 0; !this.isWorkingDay(current); guard += 1) {
        if (guard > 366) throw new Error(`no working day within a year before ${date}; check holidays.extraClosedDays`);
        current = this.addCalendarDays(current, -1);
      }
    }
    return current;
  }

  /** `count` consecutive working days starting on or after `from`. */
  workingDays(from: string, count: number): string[] {
    const days: string[] = [];
    let current = this.nextWorkingDayFrom(from);
    while (days.length < count) {
      days.push(current);
      current = this.nextWorkingDayAfter(current);
    }
    return days;
  }

  /** Every closed day between two dates inclusive, for showing why a plan skips them. */
  closedDaysBetween(from: string, to: string): ClosedDay[] {
    const closed: ClosedDay[] = [];
    for (let current = from; current <= to; current = this.addCalendarDays(current, 1)) {
      const reason = this.closedReason(current);
      if (reason) closed.push(reason);
    }
    return closed;
  }

  weekdayName(date: string, locale = 'en-GB'): string {
    return formatDate(date, 'weekday', locale);
  }
}

/** A calendar date as a UTC instant at noon: its UTC weekday and UTC day steps are the calendar's own. */
function utcNoon(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date written YYYY-MM-DD, got "${date}"`);
  // setUTCFullYear takes every year as written (Date.UTC would read 0-99 as 1900-1999).
  const instant = new Date(Date.UTC(2000, 0, 1, 12));
  instant.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return instant;
}
