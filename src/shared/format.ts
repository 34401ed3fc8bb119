// How the outputs write dates, times and numbers: one module for every generator and renderer, so a style is
// spelled one way across all the outputs of an audience. The locale (and, for moments, the time zone) come from
// the model; a staff language passes its own locale ("de-DE", "fr-FR"…) and gets that language's spelling.
//
// Calendar dates in the model are YYYY-MM-DD in the tenant's time zone. They are formatted at UTC noon in UTC, so
// no time zone and no daylight-saving change can move one by a day. Moments (evidence timestamps) are UTC
// instants shown in the tenant's zone.

/**
 * The named date styles. Each is one Intl pattern, the same in every output:
 * - long          "Monday, 8 February 2027"   prose, headings, the key dates
 * - short         "Mon, 8 Feb 2027"           tables and lists
 * - dayMonth      "8 Feb"                     chart axes and dense figures
 * - dayMonthLong  "8 February"                banners and subjects, where space is short
 * - dayMonthYear  "1 February 2027"           dated facts (a retirement, a deadline)
 * - monthYear     "February 2027"
 * - weekday       "Monday"
 * - iso           "2027-02-08"                machine fields only (file names, JSON, calendar data), never prose
 */
export type DateStyle = 'long' | 'short' | 'dayMonth' | 'dayMonthLong' | 'dayMonthYear' | 'monthYear' | 'weekday' | 'iso';

const DATE_STYLES: Record<Exclude<DateStyle, 'iso'>, Intl.DateTimeFormatOptions> = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  short: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  dayMonth: { day: 'numeric', month: 'short' },
  dayMonthLong: { day: 'numeric', month: 'long' },
  dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric' },
  monthYear: { month: 'long', year: 'numeric' },
  weekday: { weekday: 'long' },
};

/** A moment shown in the tenant's zone: "8 Feb, 08:14" (evidence timestamps). */
const MOMENT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** Between the two ends of a range; both ends are written in full in their style, so each date reads as it does alone. */
export const RANGE_SEPARATOR = ' – ';

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let value = formatters.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, value);
  }
  return value;
}

function calendarDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date written YYYY-MM-DD, got "${date}"`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

/** A calendar date (YYYY-MM-DD) in a named style and a locale. */
export function formatDate(date: string, style: DateStyle, locale: string): string {
  if (style === 'iso') {
    calendarDate(date);
    return date;
  }
  return dateTimeFormat(locale, { ...DATE_STYLES[style], timeZone: 'UTC' }).format(calendarDate(date));
}

/** "Mon, 8 Feb 2027 – Tue, 9 Feb 2027"; one date when both ends are the same day. */
export function formatDateRange(from: string, to: string, style: DateStyle, locale: string): string {
  return from === to ? formatDate(from, style, locale) : `${formatDate(from, style, locale)}${RANGE_SEPARATOR}${formatDate(to, style, locale)}`;
}

/** A local time of day written HH:mm, as the locale writes times: "08:00" (en-GB, de-DE), "8:00 AM" (en-US). */
export function formatTime(time: string, locale: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Expected a time written HH:mm, got "${time}"`);
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2]))));
}

/** A UTC instant shown in the tenant's zone: "8 Feb, 08:14". */
export function formatMoment(instant: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { ...MOMENT, timeZone }).format(new Date(instant));
}

/** A share already in percent (88 for 88 %): "88%" (en-GB), "88 %" (de-DE, fr-FR). */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** A count or a figure: "1,250" (en-GB), "1.250" (de-DE). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

const ENGLISH_COUNTS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * A small count as a word in an English sentence ("two", "Three" with `capital`); digits from eleven on.
 * Texts in other languages bring their own words through their locale's catalog.
 */
export function countWord(count: number, options: { capital?: boolean } = {}): string {
  const word = Number.isInteger(count) && count >= 0 && count < ENGLISH_COUNTS.length ? ENGLISH_COUNTS[count]! : String(count);
  return options.capital ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

// Shorthands for the styles renderers use most; each is formatDate with its style.
export const longDate = (date: string, locale: string): string => formatDate(date, 'long', locale);
export const shortDate = (date: string, locale: string): string => formatDate(date, 'short', locale);
export const dayMonth = (date: string, locale: string): string => formatDate(date, 'dayMonth', locale);

/** Everything above bound to one locale and time zone: made once from the model (or a staff language) and passed down. */
export interface Formatter {
  locale: string;
  timeZone: string;
  date(date: string, style: DateStyle): string;
  range(from: string, to: string, style: DateStyle): string;
  time(time: string): string;
  moment(instant: string): string;
  percent(value: number): string;
  number(value: number): string;
}

export function createFormatter(options: { locale: string; timeZone: string }): Formatter {
  const { locale, timeZone } = options;
  return {
    locale,
    timeZone,
    date: (date, style) => formatDate(date, style, locale),
    range: (from, to, style) => formatDateRange(from, to, style, locale),
    time: (time) => formatTime(time, locale),
    moment: (instant) => formatMoment(instant, locale, timeZone),
    percent: (value) => formatPercent(value, locale),
    number: (value) => formatNumber(value, locale),
  };
}
