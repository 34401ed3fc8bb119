import type { TenantConfig } from '../config/schema.ts';
import type { RevisionConfig } from '../config/revisions.ts';
import type { Communication } from '../model/content.ts';
import { NEXT_VALID_DAY, revisedVersion, type RevisionChange } from '../model/revisions.ts';
import { milestoneIds, type Schedule, type Task } from '../model/schedule.ts';
import { buildSchedule, enforcementBlockers } from './schedule.ts';
import { assertTaskOrder } from './task-order.ts';
import { formatLongDate } from './text/dates.ts';
import type { WorkCalendar } from './work-calendar.ts';

// Re-planning a plan under way. A revision keeps every date before its own day exactly as it was and dates the
// rest again with the schedule's own rules: the later part of the plan is the schedule of a config whose phases
// were lengthened (a phase extended by N working days, or the pilot lengthened until enforcement lands on the
// new day), so enforcement still never falls on a Friday, a closed day or the eve of one. Pure: the calendar and
// the config are the only inputs.

/** A revision that cannot be applied, with the key of the revision that is wrong (for a message with its line). */
export class RevisionProblem extends Error {
  readonly index: number;
  readonly field: 'date' | 'enforcement' | 'extendPhase';
  /** The config key the problem is about, for a message naming its line. */
  get path(): (string | number)[] {
    return ['revisions', this.index, this.field];
  }
  constructor(index: number, field: RevisionProblem['field'], message: string) {
    super(message);
    this.name = 'RevisionProblem';
    this.index = index;
    this.field = field;
  }
}

/** One version of the plan as the re-planning sees it: the phases it was dated with and its schedule. */
export interface DatedVersion {
  version: string;
  /** The day this version was issued. */
  date: string;
  /** The config with the phase lengths this version was dated with. */
  config: TenantConfig;
  schedule: Schedule;
  /** The revision that made this version; absent for the version first approved. */
  revision?: RevisionConfig;
}

/** Working-day number of `date` in a plan starting on `startDate` (day 1). */
function workingDayNumber(calendar: WorkCalendar, startDate: string, date: string): number {
  let number = 1;
  for (let current = startDate; current < date; current = calendar.nextWorkingDayAfter(current)) number += 1;
  return number;
}

/**
 * The first day after the current enforcement date on which enforcement may happen (the schedule's enforcement
 * rules: no weekend, holiday or closed day, no Friday, not the working day before a holiday or closed day).
 */
export function nextValidEnforcementDay(calendar: WorkCalendar, schedule: Schedule, locale: string): string {
  let candidate = calendar.nextWorkingDayAfter(schedule.enforcementDate);
  while (enforcementBlockers(calendar, candidate, locale).length > 0) candidate = calendar.nextWorkingDayAfter(candidate);
  return candidate;
}

/** The phase lengths after one revision; throws RevisionProblem when the revision cannot apply to this plan. */
function revisedPhases(config: TenantConfig, schedule: Schedule, revision: RevisionConfig, index: number, calendar: WorkCalendar): TenantConfig['phases'] {
  const long = (date: string) => formatLongDate(date, config.locale);
  const phases = { ...config.phases };
  if (revision.extendPhase) {
    const { phase, days } = revision.extendPhase;
    const current = schedule.phases.find((entry) => entry.id === phase)!;
    if (current.endDate < revision.date) {
      throw new RevisionProblem(
        index,
        'extendPhase',
        `the ${phase} phase ended on ${long(current.endDate)}, before this revision (${long(revision.date)}); only a phase under way or still ahead can be extended`,
      );
    }
    phases[phase] += days;
    return phases;
  }
  const enforcement = schedule.enforcementDate;
  if (enforcement < revision.date) {
    throw new RevisionProblem(
      index,
      'enforcement',
      `enforcement took place on ${long(enforcement)}, before this revision (${long(revision.date)}); a revision moves only dates still ahead`,
    );
  }
  const proposal = nextValidEnforcementDay(calendar, schedule, config.locale);
  let target = proposal;
  if (revision.enforcement !== NEXT_VALID_DAY) {
    target = revision.enforcement!;
    if (target <= enforcement) {
      throw new RevisionProblem(
        index,
        'enforcement',
        `${long(target)} is not after the enforcement date it replaces (${long(enforcement)}); the next valid day is ${long(proposal)} (${proposal})`,
      );
    }
    const blockers = enforcementBlockers(calendar, target, config.locale);
    if (blockers.length > 0)
      throw new RevisionProblem(index, 'enforcement', `enforcement cannot be on ${long(target)}: ${blockers.join('; ')}. The next valid day is ${long(proposal)} (${proposal})`);
  }
  // The pilot runs on until the working day before the new enforcement day; that day is the new go/no-go.
  phases.pilot = workingDayNumber(calendar, schedule.startDate, target) - 1 - phases.prepare - phases.register;
  return phases;
}

/** A task dated before the revision keeps its date; a daily task still running when it was made runs on to its new end. */
function mergedTask(before: Task | undefined, after: Task, revisionDate: string): Task {
  if (!before || before.date >= revisionDate) return after;
  if (before.repeatsUntil && before.repeatsUntil >= revisionDate && after.repeatsUntil) return { ...before, repeatsUntil: after.repeatsUntil };
  return before;
}

/** The schedule after a revision: `before` up to the day before `revisionDate`, `after` from it on. */
export function mergeSchedules(before: Schedule, after: Schedule, revisionDate: string): Schedule {
  const tasksBefore = new Map(before.tasks.map((task) => [task.id, task]));
  const tasks = after.tasks.map((task) => mergedTask(tasksBefore.get(task.id), task, revisionDate));
  // A dependency that held in both versions holds in the merge: a kept task's dependencies are kept too.
  assertTaskOrder(tasks);
  const milestones = Object.fromEntries(
    milestoneIds.map((id) => [id, before.milestones[id].date < revisionDate ? before.milestones[id] : after.milestones[id]]),
  ) as Schedule['milestones'];
  return {
    ...after,
    tasks,
    milestones,
    enforcementDate: milestones.enforcement.date,
    registrationDeadline: milestones['registration-deadline'].date,
  };
}

/**
 * Every version of the plan, oldest first: the version first approved, then one per revision in the config.
 * `baseDate` is the day the first version was issued; `schedule` dates a config (the playbook's, waves included).
 */
export function datedVersions(
  config: TenantConfig,
  calendar: WorkCalendar,
  base: Schedule,
  baseDate: string,
  schedule: (config: TenantConfig) => Schedule = (revisedConfig) => buildSchedule(revisedConfig, calendar),
): DatedVersion[] {
  const versions: DatedVersion[] = [{ version: config.planVersion, date: baseDate, config, schedule: base }];
  config.revisions.forEach((revision, index) => {
    const previous = versions[versions.length - 1]!;
    const phases = revisedPhases(previous.config, previous.schedule, revision, index, calendar);
    const revisedConfig: TenantConfig = { ...previous.config, phases };
    const merged = mergeSchedules(previous.schedule, schedule(revisedConfig), revision.date);
    const version = revisedVersion(config.planVersion, index + 1);
    // The schema refuses revisions of a plan version without a major and a minor number; this is a guard only.
    if (version === undefined) throw new RevisionProblem(index, 'date', `the plan version "${config.planVersion}" has no minor number to raise (expected e.g. 1.0)`);
    versions.push({ version, date: revision.date, config: revisedConfig, schedule: merged, revision });
  });
  return versions;
}

/**
 * Messages dated before the revision stay as they were sent; the others are the revised plan's. The "date moved"
 * message is the exception: the plan holds one, the latest revision's (an earlier one has gone out already).
 */
export function mergeCommunications(before: Communication[], after: Communication[], revisionDate: string): Communication[] {
  const sent = (message: Communication | undefined) => message !== undefined && message.id !== 'date-moved' && message.sendDate !== null && message.sendDate < revisionDate;
  const beforeById = new Map(before.map((message) => [message.id, message]));
  const afterIds = new Set(after.map((message) => message.id));
  return [
    ...after.map((message) => (sent(beforeById.get(message.id)) ? beforeById.get(message.id)! : message)),
    ...before.filter((message) => !afterIds.has(message.id) && (sent(message) || (message.id === 'date-moved' && message.sendDate! < revisionDate))),
  ];
}

/** What a revision moved: each milestone and message whose date (or the enforcement time) differs, in plan order. */
export function revisionChanges(before: { schedule: Schedule; communications: Communication[] }, after: { schedule: Schedule; communications: Communication[] }): RevisionChange[] {
  const changes: RevisionChange[] = [];
  for (const id of milestoneIds) {
    const was = before.schedule.milestones[id];
    const now = after.schedule.milestones[id];
    if (was.date !== now.date || was.time !== now.time) changes.push({ kind: 'milestone', id, title: now.title, from: was.date, to: now.date });
  }
  const beforeById = new Map(before.communications.map((message) => [message.id, message]));
  const afterById = new Map(after.communications.map((message) => [message.id, message]));
  const ids = [...new Set([...before.communications, ...after.communications].map((message) => message.id))];
  for (const id of ids) {
    const was = beforeById.get(id);
    const now = afterById.get(id);
    const from = was?.sendDate ?? null;
    const to = now?.sendDate ?? null;
    if (from !== to) changes.push({ kind: 'message', id, title: (now ?? was)!.title, from, to });
  }
  return changes;
}
