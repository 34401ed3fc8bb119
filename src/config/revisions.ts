import { z } from 'zod';
import { phaseIds } from '../model/common.ts';
import { NEXT_VALID_DAY } from '../model/revisions.ts';
import { isoDate, text, TEXT_LIMITS } from './primitives.ts';

// The `revisions` config area: dated changes to a plan already under way. Each revision says when it was made,
// why, and what moves — enforcement to the next valid day or to a named date, or one phase longer by some
// working days. The re-planning itself lives in src/generators/revisions.ts; this module only checks the shape.

const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

/** `"next-valid-day"` or a date written YYYY-MM-DD (checked as a real date through `isoDate`). */
const enforcementMove = z
  .string({ message: `expected "${NEXT_VALID_DAY}" or a date written YYYY-MM-DD` })
  .refine((value) => value === NEXT_VALID_DAY || isoDateShape.test(value), { message: `expected "${NEXT_VALID_DAY}" or a date written YYYY-MM-DD`, abort: true })
  .refine((value) => value === NEXT_VALID_DAY || isoDate.safeParse(value).success, { message: 'expected a real calendar date in the years 2000 to 2100' });

export const phaseExtensionSchema = z.strictObject({
  phase: z.enum(phaseIds, { message: `expected one of ${phaseIds.join(', ')}` }),
  days: z
    .int({ message: 'expected a whole number of working days' })
    .min(1, { message: 'expected at least 1 working day' })
    .max(60, { message: 'expected at most 60 working days' }),
});

export const revisionSchema = z
  .strictObject({
    /** The day the revision was made: every date before it stays as it was. */
    date: isoDate,
    /** Why the dates move (shown in the plan's version history; never to staff). */
    reason: text('the reason the dates move', TEXT_LIMITS.sentence),
    /** Enforcement moves: to the next day the enforcement rules allow, or to a named date. */
    enforcement: enforcementMove.optional(),
    /** One phase runs longer by this many working days; every later date moves with it. */
    extendPhase: phaseExtensionSchema.optional(),
  })
  .superRefine((revision, ctx) => {
    const moves = [revision.enforcement, revision.extendPhase].filter((move) => move !== undefined).length;
    if (moves !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          moves === 0
            ? `a revision says what moves: "enforcement" ("${NEXT_VALID_DAY}" or a date) or "extendPhase" ({ "phase": …, "days": … })`
            : 'a revision moves one thing: "enforcement" or "extendPhase", not both (write two revisions)',
      });
    }
  });

export const revisionsSchema = z
  .array(revisionSchema)
  .max(50, { message: 'expected at most 50 revisions' })
  .default([])
  .superRefine((revisions, ctx) => {
    revisions.forEach((revision, index) => {
      const previous = revisions[index - 1];
      if (previous && revision.date <= previous.date) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'date'],
          message: `revisions are listed in date order, one a day: ${revision.date} is not after the revision before it (${previous.date})`,
        });
      }
    });
  });

export type RevisionConfig = z.output<typeof revisionSchema>;
