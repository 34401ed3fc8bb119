import { z } from 'zod';
import { isoDateString } from './common.ts';
import { scheduleSchema } from './schedule.ts';

// Plan revisions: the vocabulary of a plan re-issued while the rollout runs. A revision keeps every date before
// its own day and moves the later ones; each one is a new plan version.
//
// Version numbers: the config's planVersion (default 1.0) is the plan as first approved; every revision raises
// the minor number by one (1.0 → 1.1 → 1.2, or 2.0 → 2.1). The major number stays the admin's to raise, for a
// plan rewritten rather than re-dated. Two revisions never share a number, so two different plans never claim
// the same version.

/** The value of `revisions[].enforcement` that asks for the next day the enforcement rules allow. */
export const NEXT_VALID_DAY = 'next-valid-day';

/** A plan version the revisions can count from: a major and a minor number ("1.0", "2.3"). */
export const NUMBERED_VERSION = /^(\d{1,4})\.(\d{1,4})$/;

/** The version of the plan after `count` revisions of `base` ("1.0", 2 → "1.2"); undefined when `base` is not numbered. */
export function revisedVersion(base: string, count: number): string | undefined {
  const match = NUMBERED_VERSION.exec(base);
  if (!match) return undefined;
  return `${match[1]}.${Number(match[2]) + count}`;
}

/** One date that a revision moved: a milestone or a message, its date before and after (null: it did not exist). */
export const revisionChangeSchema = z.object({
  kind: z.enum(['milestone', 'message']),
  id: z.string(),
  title: z.string(),
  from: isoDateString.nullable(),
  to: isoDateString.nullable(),
});
export type RevisionChange = z.infer<typeof revisionChangeSchema>;

/** One version of the plan: the first (no reason, no changes) or a revision. `schedule` is that version's. */
export const planVersionSchema = z.object({
  version: z.string(),
  date: isoDateString,
  /** Why the dates moved; null for the version first approved. Admin only. */
  reason: z.string().nullable(),
  /** What moved compared with the version before, in plan order. */
  changes: z.array(revisionChangeSchema),
  schedule: scheduleSchema,
});
export type PlanVersion = z.infer<typeof planVersionSchema>;

/** Every version of a revised plan, oldest first; the last is the plan the model holds. */
export const planHistorySchema = z.array(planVersionSchema).min(2);
export type PlanHistory = z.infer<typeof planHistorySchema>;

/** What staff may know of the earlier versions: the two dates they act on (for their calendar's SEQUENCE). */
export interface StaffPlanVersion {
  version: string;
  date: string;
  registrationDeadline: string;
  enforcementDate: string;
  enforcementTime: string;
}

export function staffPlanVersions(history: PlanHistory): StaffPlanVersion[] {
  return history.map((entry) => ({
    version: entry.version,
    date: entry.date,
    registrationDeadline: entry.schedule.registrationDeadline,
    enforcementDate: entry.schedule.enforcementDate,
    enforcementTime: entry.schedule.milestones.enforcement.time,
  }));
}

/** "12 Feb 2027 → 16 Feb 2027"-style cells name a missing side with this. */
export const NO_DATE = '—';

/** What the staff "date moved" message of a revision needs besides the revised plan: the day and the dates it replaces. */
export interface DateMoveNotice {
  /** The revision's day: the message goes out then. */
  date: string;
  previousEnforcementDate: string;
  previousRegistrationDeadline: string;
}

/** How the "what changed" tables name the kind of a moved item. */
export const REVISION_CHANGE_KINDS: Record<RevisionChange['kind'], string> = { milestone: 'Milestone', message: 'Message' };

/** The headings every output gives the history and its changes. */
export const REVISION_HEADINGS = { history: 'Version history', changes: 'What changed' } as const;
