import { formatDate, formatTime } from '../../shared/format.ts';

// Date formatting for the texts people read. Pure: a calendar date (YYYY-MM-DD) in, words out.
// The prose is written in English, so a tenant whose locale is not English gets its dates in British
// English: a German month name inside an English sentence would read worse than a consistent text.

/** The locale the texts' dates are written in: the tenant's locale when it is English, otherwise en-GB. */
export function textLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical && /^en(-|$)/i.test(canonical)) return canonical;
  } catch {
    // An invalid tag cannot reach here through the config schema; fall back quietly all the same.
  }
  return 'en-GB';
}

// The spellings live in src/shared/format.ts; these name the styles the texts use.

/** "Monday, 8 February 2027" (en-GB) or "Monday, February 8, 2027" (en-US), in the texts' language. */
export function formatLongDate(date: string, locale: string): string {
  return longDateIn(date, textLocale(locale));
}

/**
 * A date in the words of a staff language: "Monday, 8 February 2027", "Montag, 8. Februar 2027", "lundi 8 février 2027".
 * The shared 'long' style, so a message says a date as the site and the PDFs of its audience say it.
 */
export function longDateIn(date: string, language: string): string {
  return formatDate(date, 'long', language);
}

/** "8 February" (en-GB) or "February 8" (en-US): for banners and subjects where space is short. */
export function formatShortDate(date: string, locale: string): string {
  return formatDate(date, 'dayMonthLong', textLocale(locale));
}

/** "8 February", "8. Februar", "8 lutego": a short date in a staff language. */
export function shortDateIn(date: string, language: string): string {
  return formatDate(date, 'dayMonthLong', language);
}

/** "1 February 2027" (en-GB) or "February 1, 2027" (en-US): a date inside a sentence, without the weekday. */
export function formatDayMonthYear(date: string, locale: string): string {
  return formatDate(date, 'dayMonthYear', textLocale(locale));
}

/** A dated fact's date as exact as its source: "1 February 2027", "December 2026" or "the end of December 2026". */
export function formatFactDate(date: string, precision: 'day' | 'month' | 'end-of-month' | undefined, locale: string): string {
  if (precision === undefined || precision === 'day') return formatDayMonthYear(date, locale);
  const month = formatDate(date, 'monthYear', textLocale(locale));
  return precision === 'month' ? month : `the end of ${month}`;
}

/** "Monday" */
export function formatWeekday(date: string, locale: string): string {
  return formatDate(date, 'weekday', textLocale(locale));
}

/** "Monday", "Montag", "poniedziałek" */
export function weekdayIn(date: string, language: string): string {
  return formatDate(date, 'weekday', language);
}

/** A time of day written HH:mm in a staff language's way: "08:00" (en-GB, de-DE), "8:00 AM" (en-US). */
export function timeIn(time: string, language: string): string {
  return formatTime(time, language);
}

export { addDays, daysBetween } from '../../shared/calendar-dates.ts';
