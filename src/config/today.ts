import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** Today's date in a time zone. Only the CLI calls this; everything below it takes "today" as an input. */
export function todayIn(timeZone: string, now: Date): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}
