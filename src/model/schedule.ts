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

/** The enforcement milestone holds the switch-on time: the one place the model stores it. */
export const enforcementMilestoneSchema = milestoneSchema.extend({ id: z.literal('enforcement'), time: z.string() });

const milestoneOf = <Id extends MilestoneId>(id: Id) => milestoneSchema.extend({ id: z.literal(id) });

/**
 * Every milestone by id, in plan order. A record rather than a list: a reader names the milestone it needs
 * (`schedule.milestones.enforcement.date`), and a generator that leaves one out does not type-check.
 */
export const milestonesSchema = z.object({
  announcement: milestoneOf('announcement'),
  'reminder-check': milestoneOf('reminder-check'),
  'individual-contact': milestoneOf('individual-contact'),
  'registration-deadline': milestoneOf('registration-deadline'),
  'pilot-start': milestoneOf('pilot-start'),
  'go-no-go': milestoneOf('go-no-go'),
  enforcement: enforcementMilestoneSchema,
  'watch-end': milestoneOf('watch-end'),
  'log-review': milestoneOf('log-review'),
  'validation-signoff': milestoneOf('validation-signoff'),
});

export const dateMoveSchema = z.object({
  subject: z.string(),
  from: isoDateString,
  to: isoDateString,
  /** Why, as whole sentences (each ends with a full stop): the PDF runs them together, the site lists them. */
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
  milestones: milestonesSchema,
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
export type Milestones = z.infer<typeof milestonesSchema>;
export type DateMove = z.infer<typeof dateMoveSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;

/** The milestones as a list in plan order, for renderers that show them all. */
export function milestoneList(milestones: Milestones): Milestone[] {
  return milestoneIds.map((id) => milestones[id]);
}
