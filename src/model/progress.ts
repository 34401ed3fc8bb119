import { formatDate } from '../shared/format.ts';
import { milestoneList, type Milestone, type Schedule } from './schedule.ts';

export interface Progress {
  /** The phase `today` falls in, or before/after the rollout. */
  state: 'not-started' | 'in-progress' | 'complete';
  phaseId: Schedule['phases'][number]['id'] | null;
  label: string;
  nextMilestone: Milestone | null;
}

/** Where the plan stands on a given day. Between phases (a closed day) it reports the phase that is under way. */
export function progressOn(schedule: Schedule, today: string, locale: string): Progress {
  const nextMilestone = milestoneList(schedule.milestones).find((milestone) => milestone.date >= today) ?? null;
  if (today < schedule.startDate) return { state: 'not-started', phaseId: null, label: `Not started (starts ${formatDate(schedule.startDate, 'short', locale)})`, nextMilestone };
  if (today > schedule.endDate) return { state: 'complete', phaseId: null, label: 'Complete', nextMilestone };
  const phase = [...schedule.phases].reverse().find((candidate) => candidate.startDate <= today) ?? schedule.phases[0]!;
  return { state: 'in-progress', phaseId: phase.id, label: phase.title, nextMilestone };
}
