import { TZDate } from '@date-fns/tz';

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?$/;
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Read a timestamp from an export and return it as ISO 8601 UTC (`…Z`), or null when unreadable.
 * Accepts ISO 8601 (with or without zone; without a zone it is taken as UTC, as every export
 * writes UTC) and US-locale dates as Log Analytics and the old portal write them:
 * `9/19/2023, 1:45:17.287 PM`, `3/12/2025 7:22:01 AM`. When the first number cannot be a month
 * (greater than 12) the date is read day-first.
 */
export function parseUtcTimestamp(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (ISO_WITH_ZONE.test(v) || ISO_NO_ZONE.test(v)) {
    const withZone = ISO_NO_ZONE.test(v) ? `${v.replace(' ', 'T')}Z` : v.replace(' ', 'T');
    const ms = Date.parse(withZone);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const m = US_DATE.exec(v);
  if (m === null) return null;
  let month = Number(m[1]);
  let day = Number(m[2]);
  if (month > 12 && day <= 12) [month, day] = [day, month];
  const year = Number(m[3]);
  let hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  const fraction = m[7] ?? '';
  const ms = fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const ampm = m[8]?.toUpperCase();
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'AM' && hour === 12) hour = 0;
    if (ampm === 'PM' && hour !== 12) hour += 12;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  if (d.getUTCDate() !== day) return null; // 31/02 and the like
  return d.toISOString();
}

/** The tenant-local calendar day (YYYY-MM-DD) of a UTC instant. */
export function localDay(isoUtc: string, timeZone: string): string {
  const d = new TZDate(Date.parse(isoUtc), timeZone);
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export { daysBetween } from '../shared/calendar-dates.ts';

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
