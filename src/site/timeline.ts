import { milestoneList, type Schedule } from '../model/schedule.ts';
import { addDays, dayMonth, daysBetween } from './format.ts';

/**
 * wide: phase names in a column left of the bars, for screens and paper of at least 60rem;
 * narrow: phase names above their bars in a picture about a phone wide, so its words stay readable.
 */
export type TimelineLayout = 'wide' | 'narrow';

export interface TimelineGeometry {
  layout: TimelineLayout;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  dayWidth: number;
  ticks: { x: number; label: string }[];
  shaded: { x: number; width: number }[];
  phases: { id: string; title: string; x: number; width: number; barY: number; barHeight: number; labelX: number; labelY: number }[];
  milestones: { number: number; id: string; title: string; date: string; cx: number; cy: number }[];
  milestoneLabel: { x: number; y: number };
  /** Top of the plotted area (where grid lines and shading begin). */
  plotTop: number;
  axisY: number;
  today: { x: number; date: string } | null;
}

const SIZES = {
  wide: { width: 960, plotLeft: 110, right: 16, row: 28, barHeight: 18, top: 34, tickGap: 40 },
  narrow: { width: 320, plotLeft: 8, right: 22, row: 36, barHeight: 12, top: 30, tickGap: 58 },
} as const;

/** Positions of the plan's timeline picture (phases, milestones, closed days, a today marker). */
export function timelineGeometry(schedule: Schedule, asOf: string, locale: string, layout: TimelineLayout = 'wide'): TimelineGeometry {
  const size = SIZES[layout];
  const { width, plotLeft } = size;
  const plotRight = width - size.right;
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
  // Drop a tick label that would collide with the last one kept.
  const spacedTicks: TimelineGeometry['ticks'] = [];
  for (const tick of ticks) {
    const previous = spacedTicks.at(-1);
    if (!previous || tick.x - previous.x >= size.tickGap) spacedTicks.push(tick);
  }

  const phases = schedule.phases.map((phase, index) => {
    const y = size.top + index * size.row;
    const barX = x(phase.startDate);
    const barWidth = Math.max(dayWidth, x(phase.endDate) + dayWidth - barX);
    if (layout === 'wide') {
      return { id: phase.id, title: phase.title, x: barX, width: barWidth, barY: y + 5, barHeight: size.barHeight, labelX: 4, labelY: y + size.row / 2 + 4 };
    }
    // Narrow: the name sits above its bar, starting at the bar but never running off the right edge.
    const labelX = Math.min(barX, plotRight - phase.title.length * 8);
    return { id: phase.id, title: phase.title, x: barX, width: barWidth, barY: y + 18, barHeight: size.barHeight, labelX: Math.max(plotLeft, labelX), labelY: y + 13 };
  });
  const milestoneRowY = size.top + schedule.phases.length * size.row + (layout === 'wide' ? 16 : 26);
  const milestones = milestoneList(schedule.milestones).map((milestone, index) => ({
    number: index + 1,
    id: milestone.id,
    title: milestone.title,
    date: milestone.date,
    cx: x(milestone.date) + dayWidth / 2,
    // Milestones close together alternate between rows (three on a phone) so their numbers do not overlap.
    cy: milestoneRowY + (index % (layout === 'wide' ? 2 : 3)) * 18,
  }));
  const axisY = milestoneRowY + (layout === 'wide' ? 44 : 62);
  const inside = asOf >= schedule.startDate && asOf <= schedule.endDate;
  return {
    layout,
    width,
    height: axisY + 26,
    plotLeft,
    plotRight,
    dayWidth,
    ticks: spacedTicks,
    shaded,
    phases,
    milestones,
    milestoneLabel: layout === 'wide' ? { x: 4, y: milestoneRowY + 12 } : { x: plotLeft, y: milestoneRowY - 12 },
    plotTop: 24,
    axisY,
    today: inside ? { x: x(asOf) + dayWidth / 2, date: asOf } : null,
  };
}
