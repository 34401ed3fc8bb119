import { z } from 'zod';
import { isoDateString } from './common.ts';

/** A Conditional Access policy body ready to import, with the plan's dates for each state change. */
export const policyFileSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  displayName: z.string(),
  purpose: z.string(),
  /** State the file is written in (the state to create it in). */
  state: z.enum(['disabled', 'enabledForReportingButNotEnforced', 'enabled']),
  stateChanges: z.array(z.object({ date: isoDateString, state: z.enum(['disabled', 'enabledForReportingButNotEnforced', 'enabled']), note: z.string() })),
  /** The Microsoft Graph conditionalAccessPolicy body. */
  body: z.record(z.string(), z.unknown()),
  placeholders: z.array(z.object({ token: z.string(), meaning: z.string(), where: z.string() })),
  /**
   * A policy widened step by step (the waves policy of a plan in waves): the whole body after each later step, to
   * apply on its date (a PATCH of the policy with the file, or the same change in the portal). Absent otherwise.
   */
  steps: z.array(z.object({ date: isoDateString, fileName: z.string(), note: z.string(), body: z.record(z.string(), z.unknown()) })).optional(),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;
