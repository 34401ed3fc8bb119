// Dates in the model are calendar dates (YYYY-MM-DD) in the tenant's time zone. They are formatted in the
// tenant's locale as calendar dates, so no time-zone shift can move them by a day.

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let value = cache.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, value);
  }
  return value;
}

/** "Monday 8 February 2027" (en-GB), "Monday, February 8, 2027" (en-US). */
export function longDate(date: string, locale: string): string {
  return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(utc(date));
}

/** "Mon 8 Feb" */
export function shortDate(date: string, locale: string): string {
  return formatter(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(utc(date));
}

/** "8 Feb" */
export function dayMonth(date: string, locale: string): string {
  return formatter(locale, { day: 'numeric', month: 'short' }).format(utc(date));
}

/** A date range: "Wednesday 13 January 2027 to Monday 1 February 2027" style, shortened when it is one day. */
export function dateRange(from: string, to: string, locale: string): string {
  if (from === to) return longDate(from, locale);
  return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatRange(utc(from), utc(to));
}

export { addDays, daysBetween } from '../shared/calendar-dates.ts';

export function percent(value: number): string {
  return `${value}%`;
}
