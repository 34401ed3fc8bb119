import type { Schedule } from '../model/schedule.ts';
import { addDays, dayMonth, daysBetween } from './format.ts';

export interface TimelineGeometry {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  dayWidth: number;
  ticks: { x: number; label: string }[];
  shaded: { x: number; width: number }[];
  phases: { id: string; title: string; y: number; x: number; width: number; labelY: number }[];
  milestones: { number: number; id: string; title: string; date: string; cx: number; cy: number }[];
  milestoneRowY: number;
  axisY: number;
  today: { x: number; date: string } | null;
}

const ROW = 28;
const TOP = 34;

/** Positions of the plan's timeline picture (phases, milestones, closed days, a today marker). */
export function timelineGeometry(schedule: Schedule, asOf: string, locale: string): TimelineGeometry {
  const width = 960;
  const plotLeft = 110;
  const plotRight = width - 16;
  const totalDays = Math.max(1, daysBetween(schedule.startDate, schedule.endDate) + 1);
  const dayWidth = (plotRight - plotLeft) / totalDays;
  const x = (date: string) => plotLeft + daysBetween(schedule.startDate, date) * dayWidth;
  const working = new Set(schedule.days);

  const shaded: TimelineGeometry['shaded'] = [];
  const ticks: TimelineGeometry['ticks'] = [];
  for (let i = 0; i < totalDays; i += 1) {
    const date = addDays(schedule.startDate, i);
    if (!working.has(date)) shaded.push({ x: x(date), width: dayWidth });
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (i === 0 || weekday === 1) ticks.push({ x: x(date), label: dayMonth(date, locale) });
  }
  // Drop a tick label that would collide with the previous one.
  const spacedTicks = ticks.filter((tick, index) => index === 0 || tick.x - ticks[index - 1]!.x >= 40);

  const phases = schedule.phases.map((phase, index) => {
    const y = TOP + index * ROW;
    return { id: phase.id, title: phase.title, y, x: x(phase.startDate), width: Math.max(dayWidth, x(phase.endDate) + dayWidth - x(phase.startDate)), labelY: y + ROW / 2 + 4 };
  });
  const milestoneRowY = TOP + schedule.phases.length * ROW + 16;
  const milestones = schedule.milestones.map((milestone, index) => ({
    number: index + 1,
    id: milestone.id,
    title: milestone.title,
    date: milestone.date,
    cx: x(milestone.date) + dayWidth / 2,
    cy: milestoneRowY + (index % 2) * 18,
  }));
  const axisY = milestoneRowY + 44;
  const inside = asOf >= schedule.startDate && asOf <= schedule.endDate;
  return {
    width,
    height: axisY + 26,
    plotLeft,
    plotRight,
    dayWidth,
    ticks: spacedTicks,
    shaded,
    phases,
    milestones,
    milestoneRowY,
    axisY,
    today: inside ? { x: x(asOf) + dayWidth / 2, date: asOf } : null,
  };
}
