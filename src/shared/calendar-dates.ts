// Arithmetic on calendar dates written YYYY-MM-DD. A calendar date has no time zone: computing at UTC noon
// keeps daylight-saving changes and the machine's own zone out of it. (Stepping through a tenant's working
// days, which needs its zone and holidays, is WorkCalendar's job.)

function utcNoon(date: string): number {
  return Date.parse(`${date}T12:00:00Z`);
}

/** The date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utcNoon(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcNoon(to) - utcNoon(from)) / 86_400_000);
}
