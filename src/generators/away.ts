import type { Schedule } from '../model/schedule.ts';
import { addDays, daysBetween, formatDayMonthYear } from './text/dates.ts';

// Periods when many people are away: public holidays and closed days that come in a cluster (Christmas to
// New Year, Easter), with the working days between them. A reminder or a one-by-one contact that lands in
// one reaches few people, so the plan says so where it schedules them.

type ClosedDay = Schedule['closedDays'][number];

export interface AwayPeriod {
  from: string;
  to: string;
  names: string[];
}

/** Closed days no more than a week apart form one period; a single holiday on its own is not one. */
export function awayPeriods(closedDays: readonly ClosedDay[]): AwayPeriod[] {
  const holidays = closedDays.filter((day) => day.reason !== 'weekend').sort((a, b) => a.date.localeCompare(b.date));
  const clusters: ClosedDay[][] = [];
  for (const day of holidays) {
    const last = clusters.at(-1);
    if (last && daysBetween(last.at(-1)!.date, day.date) <= 7) last.push(day);
    else clusters.push([day]);
  }
  return clusters
    .filter((cluster) => cluster.length >= 2)
    .map((cluster) => ({ from: cluster[0]!.date, to: cluster.at(-1)!.date, names: [...new Set(cluster.map((day) => day.name.replace(/\s*\(substitute day\)$/i, '')))] }));
}

export function awayPeriodOn(date: string, periods: readonly AwayPeriod[]): AwayPeriod | undefined {
  return periods.find((period) => date >= period.from && date <= period.to);
}

/** The warning for a message or contact dated inside an away period; undefined otherwise. */
export function awayWarning(date: string, periods: readonly AwayPeriod[], locale: string, workingDays: readonly string[] = []): string | undefined {
  const period = awayPeriodOn(date, periods);
  if (!period) return undefined;
  const back = workingDays.find((day) => day > period.to) ?? addDays(period.to, 1);
  return `Many people are away on ${formatDayMonthYear(date, locale)} (${period.names.join(', ')}: ${formatDayMonthYear(period.from, locale)} to ${formatDayMonthYear(period.to, locale)}): expect few replies, and follow up from ${formatDayMonthYear(back, locale)}, when people are back.`;
}

/** Tasks whose point is to reach people, so a holiday period defeats them. */
export const CONTACT_TASKS = ['register.reminder-check', 'register.individual-contact', 'register.manager-escalation', 'register.sms-voice-move'] as const;
