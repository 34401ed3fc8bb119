// Tenant-local days and times as UTC instants: the evidence windows and the Log Analytics queries compare
// sign-in timestamps (UTC) with the plan's local dates, and both must draw the same boundaries.
import { TZDate } from '@date-fns/tz';

/** The UTC instant (ISO) of local midnight at the start of a tenant-local day. */
export function startOfLocalDayUtc(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime()).toISOString();
}

/** The UTC instant (ISO) of a tenant-local day and time (HH:mm). */
export function localTimeUtc(day: string, time: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hours, minutes, 0, timeZone).getTime()).toISOString();
}
