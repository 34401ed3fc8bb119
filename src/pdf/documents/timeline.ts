import type { Playbook } from '../../model/playbook.ts';
import { milestoneList } from '../../model/schedule.ts';
import { colors, type LayoutDocument, type Rgb } from '../layout/index.ts';
import { dateRange, dayMonth, shortDate } from './common.ts';
import { addDays } from '../../shared/calendar-dates.ts';

// The plan's timeline figure: one bar per phase over the calendar, weekends and closed days shaded,
// one row per milestone with its diamond and label, week ticks on Mondays.

const PHASE_COLORS: Rgb[] = [
  [0.36, 0.53, 0.72],
  [0.27, 0.6, 0.5],
  [0.85, 0.6, 0.25],
  [0.75, 0.3, 0.25],
  [0.5, 0.42, 0.66],
];

function dayIndex(from: string, iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The timeline in words, for readers that cannot see the figure: phases with their dates, then milestones. */
export function timelineText(playbook: Playbook): string {
  const { schedule, locale } = playbook;
  const phases = schedule.phases.map(
    (phase) => `${phase.title}, ${dateRange(phase.startDate, phase.endDate, locale)} (${phase.workingDays} working day${phase.workingDays === 1 ? '' : 's'})`,
  );
  const milestones = milestoneList(schedule.milestones)
    .sort((a, b) => a.date.localeCompare(b.date) || a.day - b.day)
    .map((milestone) => `${milestone.title}, ${shortDate(milestone.date, locale)}${milestone.time ? ` ${milestone.time}` : ''}`);
  return `Timeline of the rollout. Phases: ${phases.join('; ')}. Milestones: ${milestones.join('; ')}.`;
}

export function drawTimeline(doc: LayoutDocument, playbook: Playbook): void {
  const { schedule, locale } = playbook;
  const start = schedule.startDate;
  const spanDays = dayIndex(start, schedule.endDate) + 1;
  const labelWidth = 92;
  const rowHeight = 17;
  const milestoneRow = 13;
  const axisHeight = 22;
  const phases = schedule.phases;
  const milestones = milestoneList(schedule.milestones).sort((a, b) => a.date.localeCompare(b.date) || a.day - b.day);
  const height = axisHeight + phases.length * rowHeight + 8 + milestones.length * milestoneRow + 20;

  doc.figure(height, timelineText(playbook), (canvas, top) => {
    const x0 = doc.left + labelWidth;
    const plotWidth = doc.contentWidth - labelWidth;
    const dayWidth = plotWidth / spanDays;
    const xOf = (iso: string) => x0 + dayIndex(start, iso) * dayWidth;
    const bottom = top - height + 16;

    // Weekends and closed days.
    const closed = new Set(schedule.closedDays.map((day) => day.date));
    for (let i = 0; i < spanDays; i += 1) {
      const iso = addDays(start, i);
      const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6 || closed.has(iso)) {
        canvas.rect(x0 + i * dayWidth, bottom, dayWidth, top - axisHeight - bottom, { fill: closed.has(iso) ? [0.98, 0.9, 0.88] : [0.94, 0.945, 0.95] });
      }
    }

    // Week ticks on Mondays.
    for (let i = 0; i < spanDays; i += 1) {
      const iso = addDays(start, i);
      if (new Date(`${iso}T00:00:00Z`).getUTCDay() !== 1) continue;
      const x = x0 + i * dayWidth;
      canvas.line(x, top - axisHeight + 4, x, bottom, { color: colors.rule, width: 0.4, dash: [2, 2] });
      canvas.text(dayMonth(iso, locale), x + 2, top - 12, { size: 7.5, color: colors.muted });
    }
    canvas.line(x0, top - axisHeight + 2, doc.right, top - axisHeight + 2, { color: colors.muted, width: 0.6 });

    // Phases.
    phases.forEach((phase, index) => {
      const y = top - axisHeight - (index + 1) * rowHeight + 3;
      const color = PHASE_COLORS[index % PHASE_COLORS.length]!;
      canvas.text(phase.title, doc.left, y + 3.5, { size: 8.5, weight: 'bold', maxWidth: labelWidth - 6 });
      const x = xOf(phase.startDate);
      const width = Math.max(dayWidth, xOf(addDays(phase.endDate, 1)) - x);
      canvas.rect(x, y, width, rowHeight - 6, { fill: color });
      const days = `${phase.workingDays} d`;
      if (canvas.measure(days, 7) + 6 < width) canvas.text(days, x + 3, y + 3.3, { size: 7, color: colors.white, weight: 'bold' });
    });

    // Milestones, one per row; the label goes on whichever side of the diamond has room.
    const milestoneTop = top - axisHeight - phases.length * rowHeight - 8;
    canvas.text('Milestones', doc.left, milestoneTop - 9, { size: 8.5, weight: 'bold' });
    milestones.forEach((milestone, index) => {
      const y = milestoneTop - index * milestoneRow - milestoneRow / 2;
      const x = xOf(milestone.date) + dayWidth / 2;
      const isEnforcement = milestone.id === 'enforcement';
      canvas.diamond(x, y, 3.6, isEnforcement ? colors.warn : colors.accent);
      const label = `${milestone.title} · ${dayMonth(milestone.date, locale)}${milestone.time ? ` ${milestone.time}` : ''}`;
      const width = canvas.measure(label, 7.5, isEnforcement ? 'bold' : 'regular');
      const rightRoom = doc.right - (x + 7);
      if (width <= rightRoom) canvas.text(label, x + 7, y - 2.6, { size: 7.5, weight: isEnforcement ? 'bold' : 'regular' });
      else canvas.text(label, x - 7, y - 2.6, { size: 7.5, align: 'right', weight: isEnforcement ? 'bold' : 'regular', maxWidth: x - 7 - x0 });
    });

    // Legend.
    canvas.rect(x0, bottom - 12, 8, 6, { fill: [0.94, 0.945, 0.95] });
    canvas.text('weekend', x0 + 11, bottom - 12, { size: 7, color: colors.muted });
    canvas.rect(x0 + 60, bottom - 12, 8, 6, { fill: [0.98, 0.9, 0.88] });
    canvas.text('public holiday or closed day', x0 + 71, bottom - 12, { size: 7, color: colors.muted });
  });
}
