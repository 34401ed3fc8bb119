import { daysBetween } from '../shared/calendar-dates.ts';
import { progressOn, type Progress } from './progress.ts';
import type { Checklist, Communication } from './content.ts';
import { milestoneList, type Schedule } from './schedule.ts';

// Where each dated thing of the plan stands on the plan date ("today", an input: the build's --today,
// by default today in the tenant's time zone). Pure: no clock is read here. Every renderer that shows a
// state (sites, PDFs, the terminal) takes its words from this module, so "Done", "Due today",
// "Overdue" and "in 3 days" mean the same everywhere.

/**
 * done: its day is over (a task or milestone), or it was ticked (a checklist item);
 * due-today: its day is today; in-progress: a task repeated every working day, today inside its span;
 * upcoming: later; overdue: a checklist item past its due date and not ticked.
 */
export type DueStatus = 'done' | 'due-today' | 'in-progress' | 'upcoming' | 'overdue';

export interface DueState {
  status: DueStatus;
  /** Calendar days from today to the date it is due (negative when the date is past). */
  days: number;
  /** "Done", "Due today", "In 3 days", "Overdue by 2 days", "Under way, ends tomorrow" … */
  label: string;
}

/** "today", "tomorrow", "yesterday", "in 3 days", "3 days ago": calendar days from today. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A task or a milestone of the schedule: the calendar decides. Its day over means done (the plan's
 * course; the checklists hold the proof), a task repeated every working day is under way inside its span.
 */
export function planItemState(item: { date: string; repeatsUntil?: string | undefined }, today: string): DueState {
  const days = daysBetween(today, item.date);
  if (days > 0) return { status: 'upcoming', days, label: capitalise(relativeDays(days)) };
  if (days === 0) return { status: 'due-today', days, label: 'Due today' };
  if (item.repeatsUntil !== undefined && item.repeatsUntil >= today) {
    const left = daysBetween(today, item.repeatsUntil);
    return { status: 'in-progress', days, label: left === 0 ? 'Under way, last day today' : `Under way, ends ${relativeDays(left)}` };
  }
  return { status: 'done', days, label: 'Done' };
}

/** A checklist item: done only when ticked; past its due date and not ticked, it is overdue. */
export function checklistItemState(item: { due: string }, today: string, ticked: boolean): DueState {
  const days = daysBetween(today, item.due);
  if (ticked) return { status: 'done', days, label: 'Done' };
  if (days > 0) return { status: 'upcoming', days, label: `Due ${relativeDays(days)}` };
  if (days === 0) return { status: 'due-today', days, label: 'Due today' };
  return { status: 'overdue', days, label: days === -1 ? 'Overdue by 1 day' : `Overdue by ${-days} days` };
}

/** Checks the admin recorded as done (config `progress.done`): check id → the day it was done. */
export type RecordedDone = Readonly<Record<string, string>>;

/** Whether a check counts as done on `today`: recorded with a day on or before it (a later day is not done yet). */
export function recordedDone(done: RecordedDone | undefined, checkId: string, today: string): boolean {
  const day = done?.[checkId];
  return day !== undefined && day <= today;
}

/** A checklist's count of ticked items, as shown next to it. */
export function checklistProgress(ticked: number, total: number): string {
  return `${ticked} of ${total} done`;
}

/**
 * sent / sends-today / scheduled: a scheduled message by its send date;
 * if-needed: sent only when its condition holds (not known yet, or its date passed without a decision);
 * not-needed: the condition is known to be false; template: no date, used when the need arises.
 */
export type MessageStatus = 'sent' | 'sends-today' | 'scheduled' | 'if-needed' | 'not-needed' | 'template';

export interface MessageState {
  status: MessageStatus;
  /** Calendar days from today to the send date; null without one. */
  days: number | null;
  label: string;
}

export function messageState(message: Pick<Communication, 'sendDate' | 'status'>, today: string): MessageState {
  if (message.sendDate === null) return { status: 'template', days: null, label: 'Template, when needed' };
  const days = daysBetween(today, message.sendDate);
  if (message.status === 'not-needed') return { status: 'not-needed', days, label: 'Not needed' };
  if (message.status === 'conditional') {
    if (days < 0) return { status: 'if-needed', days, label: `Only if needed; its date was ${relativeDays(days)}` };
    return { status: 'if-needed', days, label: days === 0 ? 'Only if needed; due today' : `Only if needed, ${relativeDays(days)}` };
  }
  if (days < 0) return { status: 'sent', days, label: `Sent ${relativeDays(days)}` };
  if (days === 0) return { status: 'sends-today', days, label: 'Sends today' };
  return { status: 'scheduled', days, label: `Scheduled, ${relativeDays(days)}` };
}

/** How old a measured figure is: "3 days ago", "today". A figure from the future of the plan date is "later". */
export interface MeasuredAge {
  /** Whole days between the measurement and today (0: measured today). */
  days: number;
  ago: string;
}

export function measuredAge(measuredOn: string, today: string): MeasuredAge {
  const days = daysBetween(measuredOn, today);
  return { days, ago: days < 0 ? `${-days} days after the plan date` : relativeDays(-days) };
}

/** Days before the second sign-in check is switched on, as staff read it. */
export interface EnforcementCountdown {
  status: 'before' | 'today' | 'after';
  /** Calendar days from today to the enforcement date (negative after it). */
  days: number;
  label: string;
}

export function enforcementCountdown(enforcementDate: string, today: string): EnforcementCountdown {
  const days = daysBetween(today, enforcementDate);
  if (days > 0) return { status: 'before', days, label: days === 1 ? '1 day left' : `${days} days left` };
  if (days === 0) return { status: 'today', days, label: 'It starts today' };
  return { status: 'after', days, label: days === -1 ? 'In place since yesterday' : `In place for ${-days} days` };
}

/** Everything dated in the plan, judged on one day. A checklist item is done when the admin recorded it (config `progress.done`). */
export interface PlanState {
  today: string;
  progress: Progress;
  tasks: Record<string, DueState>;
  milestones: Record<string, DueState>;
  /** Keyed by `${checklist id}/${item id}`. */
  checklistItems: Record<string, DueState>;
  messages: Record<string, MessageState>;
  enforcement: EnforcementCountdown;
  /** Age of the latest registration snapshot, when evidence was read. */
  registration: (MeasuredAge & { date: string; rate: number | null }) | null;
}

export interface PlanStateInput {
  locale: string;
  meta: { asOf: string };
  schedule: Schedule;
  checklists: Checklist[];
  communications: Pick<Communication, 'id' | 'sendDate' | 'status'>[];
  progress?: { done: RecordedDone } | undefined;
  evidence?: { registration: { latest: { date: string; rate: number | null } | null } } | null;
}

/** The state of the whole plan on `today` (by default the plan date the model was built for). */
export function planState(playbook: PlanStateInput, today: string = playbook.meta.asOf): PlanState {
  const { schedule } = playbook;
  const latest = playbook.evidence?.registration.latest ?? null;
  return {
    today,
    progress: progressOn(schedule, today, playbook.locale),
    tasks: Object.fromEntries(schedule.tasks.map((task) => [task.id, planItemState(task, today)])),
    milestones: Object.fromEntries(milestoneList(schedule.milestones).map((milestone) => [milestone.id, planItemState(milestone, today)])),
    checklistItems: Object.fromEntries(
      playbook.checklists.flatMap((list) =>
        list.items.map((item) => [`${list.id}/${item.id}`, checklistItemState(item, today, recordedDone(playbook.progress?.done, item.id, today))]),
      ),
    ),
    messages: Object.fromEntries(playbook.communications.map((message) => [message.id, messageState(message, today)])),
    enforcement: enforcementCountdown(schedule.enforcementDate, today),
    registration: latest === null ? null : { ...measuredAge(latest.date, today), date: latest.date, rate: latest.rate },
  };
}

/** The work of the seven days from today: what is under way, due today or coming, in date order. Empty after the rollout. */
export function workAhead(schedule: Schedule, today: string, days = 7): Schedule['tasks'] {
  return schedule.tasks
    .filter((task) => (task.repeatsUntil ?? task.date) >= today && daysBetween(today, task.date) < days)
    .sort((a, b) => a.date.localeCompare(b.date) || a.day - b.day);
}
