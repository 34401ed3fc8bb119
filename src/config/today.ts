import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { isIanaTimeZone } from './primitives.ts';

// The one place that reads the clock. Everything below the pipeline entrance takes "today" as an input.

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/**
 * The plan date of a tenant file: the date given on the command line, else today in the tenant's time zone at
 * `now`. It is decided before validation (the config lints need it), so the zone is read from the raw text; a
 * file without a valid zone is dated in UTC, and validation then reports the zone.
 */
export function planDate(configText: string, given: string | undefined, now: Date): string {
  return given ?? todayIn(timeZoneOf(configText), now);
}

function timeZoneOf(text: string): string {
  try {
    const zone = (JSON.parse(text.replace(/^\uFEFF/, '')) as { timeZone?: unknown }).timeZone;
    return typeof zone === 'string' && isIanaTimeZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}
