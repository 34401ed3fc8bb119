// Dates in the model are calendar dates (YYYY-MM-DD) in the tenant's time zone. They are formatted in the
// tenant's locale as calendar dates, so no time-zone shift can move them by a day.

// The spellings themselves live in src/shared/format.ts, the one module every output formats with.
import { longDate } from '../shared/format.ts';

export { dayMonth, longDate } from '../shared/format.ts';

/** "Mon 8 Feb": not yet the shared 'short' style ("Mon, 8 Feb 2027", as in the PDFs). */
export function shortDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** A range of long dates, collapsed by Intl ("Wednesday 13 January – Monday 1 February 2027"); one date when it is one day. */
export function dateRange(from: string, to: string, locale: string): string {
  if (from === to) return longDate(from, locale);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(
    new Date(`${from}T12:00:00Z`),
    new Date(`${to}T12:00:00Z`),
  );
}

export { addDays, daysBetween } from '../shared/calendar-dates.ts';

export function percent(value: number): string {
  return `${value}%`;
}
