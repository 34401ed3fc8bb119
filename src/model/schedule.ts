import { z } from 'zod';
import { isoDateString, ownerRole, phaseId } from './common.ts';

export const milestoneIds = [
  'announcement',
  'reminder-check',
  'individual-contact',
  'registration-deadline',
  'pilot-start',
  'go-no-go',
  'enforcement',
  'watch-end',
  'log-review',
  'validation-signoff',
] as const;
export const milestoneId = z.enum(milestoneIds);
export type MilestoneId = (typeof milestoneIds)[number];

export const phaseSchema = z.object({
  id: phaseId,
  title: z.string(),
  summary: z.string(),
  firstDay: z.int(),
  lastDay: z.int(),
  startDate: isoDateString,
  endDate: isoDateString,
  workingDays: z.int(),
});

export const taskSchema = z.object({
  id: z.string(),
  phase: phaseId,
  day: z.int(),
  date: isoDateString,
  /** For a task repeated every working day (daily tracking): the last date it repeats on. */
  repeatsUntil: isoDateString.optional(),
  owner: ownerRole,
  ownerName: z.string(),
  title: z.string(),
  action: z.string(),
  evidence: z.string(),
  milestone: milestoneId.optional(),
  /** Ids of the tasks that must be done first; the schedule checks the dates respect them. */
  dependsOn: z.array(z.string()).optional(),
});

export const milestoneSchema = z.object({
  id: milestoneId,
  title: z.string(),
  description: z.string(),
  day: z.int(),
  date: isoDateString,
  /** Local time of day for milestones that happen at a moment (the enforcement switch). */
  time: z.string().optional(),
});

export const dateMoveSchema = z.object({
  subject: z.string(),
  from: isoDateString,
  to: isoDateString,
  reasons: z.array(z.string()),
});

export const closedDaySchema = z.object({
  date: isoDateString,
  reason: z.enum(['weekend', 'public-holiday', 'closed']),
  name: z.string(),
});

export const scheduleSchema = z.object({
  requestedStartDate: isoDateString,
  startDate: isoDateString,
  endDate: isoDateString,
  enforcementDate: isoDateString,
  registrationDeadline: isoDateString,
  /** Working day number → date: days[0] is day 1. */
  days: z.array(isoDateString),
  phases: z.array(phaseSchema),
  tasks: z.array(taskSchema),
  milestones: z.array(milestoneSchema),
  moves: z.array(dateMoveSchema),
  /** Holidays and closures inside the plan's span (weekends left out). */
  closedDays: z.array(closedDaySchema),
});

/** How a plan day is named: "day 3", or "before the start" for preparation dated before day 1 (day 0). */
export function planDayLabel(day: number): string {
  return day >= 1 ? `day ${day}` : 'before the start';
}

export type Phase = z.infer<typeof phaseSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type DateMove = z.infer<typeof dateMoveSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
