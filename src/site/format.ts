// Dates in the model are calendar dates (YYYY-MM-DD) in the tenant's time zone. They are formatted in the
// tenant's locale as calendar dates, so no time-zone shift can move them by a day.

// The spellings live in src/shared/format.ts, the one module every output formats with: the sites write a date
// as the PDFs and messages of the same audience do.
import { formatDateRange } from '../shared/format.ts';

export { dayMonth, longDate, shortDate } from '../shared/format.ts';

/** A range of long dates, each end written in full ("Monday, 11 January 2027 – Tuesday, 12 January 2027"); one date when it is one day. */
export function dateRange(from: string, to: string, locale: string): string {
  return formatDateRange(from, to, 'long', locale);
}

export { addDays, daysBetween } from '../shared/calendar-dates.ts';
