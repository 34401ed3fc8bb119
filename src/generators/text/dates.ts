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

function toUtcNoon(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected a date written YYYY-MM-DD, got "${date}"`);
  // Noon UTC, formatted in UTC: a calendar date never slips to the day before or after.
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

function usesCommaAfterWeekday(locale: string): boolean {
  return /^en-(US|CA|PH)$/i.test(locale);
}

/** "Monday 8 February 2027" (en-GB) or "Monday, February 8, 2027" (en-US). */
export function formatLongDate(date: string, locale: string): string {
  const lang = textLocale(locale);
  const parts = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    toUtcNoon(date),
  );
  const text = parts.map((part) => part.value).join('');
  if (usesCommaAfterWeekday(lang)) return text;
  // British style writes "Monday 8 February 2027" without the comma Intl puts after the weekday.
  const weekday = parts.find((part) => part.type === 'weekday')?.value ?? '';
  return weekday && text.startsWith(`${weekday}, `) ? `${weekday} ${text.slice(weekday.length + 2)}` : text;
}

/** "8 February" (en-GB) or "February 8" (en-US): for banners and subjects where space is short. */
export function formatShortDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(textLocale(locale), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(toUtcNoon(date));
}

/** "Monday" */
export function formatWeekday(date: string, locale: string): string {
  return new Intl.DateTimeFormat(textLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(toUtcNoon(date));
}

export { addDays, daysBetween } from '../../shared/calendar-dates.ts';
