import { z } from 'zod';
import { isoDateString, personView } from './common.ts';
import { scheduleSchema } from './schedule.ts';
import { wavePlanSchema } from './waves.ts';
import { checklistSchema, communicationSchema, decisionRecordSchema, factSchema, guidanceNoteSchema, riskSchema, runbookSchema, successCriterionSchema } from './content.ts';
import { policyFileSchema } from './artifacts.ts';
import { signInMethods } from './names.ts';
import { EvidenceReportSchema } from './evidence-report.ts';
import { planHistorySchema } from './revisions.ts';

export const MODEL_VERSION = 2;

export const warningSchema = z.object({ path: z.string(), message: z.string() });

/**
 * The one Playbook model. Every renderer reads this (or an audience view of it) and nothing else.
 * Fields marked confidential are for the admin audience only; see views.ts.
 */
export const playbookSchema = z.object({
  meta: z.object({
    generator: z.literal('mfa-playbook'),
    generatorVersion: z.string(),
    modelVersion: z.literal(MODEL_VERSION),
    /** The plan date: "today" as given to the build, in the tenant's time zone. */
    asOf: isoDateString,
    planVersion: z.string(),
    /** The day the plan version was issued: the last revision's day; without revisions, config planVersionDate, else the plan date. */
    planVersionDate: isoDateString,
  }),
  organisation: z.object({
    name: z.string(),
    shortName: z.string(),
    slug: z.string(),
    domain: z.string(),
    tenantDomain: z.string(),
    userCount: z.int(),
  }),
  licence: z.enum(['free', 'P1', 'P2']),
  locale: z.string(),
  /** Languages of everything staff read (site, messages, calendar, guide); the first is the default. */
  staffLanguages: z.array(z.string()).min(1),
  /** With several staff languages: one message per language, or one bilingual message. */
  staffMessages: z.enum(['per-language', 'bilingual']),
  timeZone: z.string(),
  method: z.enum(signInMethods),
  pageSize: z.enum(['A4', 'Letter']),
  helpdesk: z.object({ phone: z.string(), email: z.string(), hours: z.string(), url: z.string().nullable() }),
  people: z.object({ itLead: personView, approver: personView, sponsor: personView }),
  current: z.object({ securityDefaults: z.boolean(), perUserMfa: z.boolean(), registrationRate: z.number().nullable() }),
  thresholds: z.object({ targetRate: z.number(), reminderBelowRate: z.number(), reminderDay: z.int(), contactDay: z.int(), goNoGoMaxFailureRate: z.number() }),
  pilotGroup: z.object({ name: z.string(), objectId: z.string().nullable(), members: z.array(z.string()) }),
  /** Confidential (admin only). */
  breakGlass: z.object({ group: z.object({ name: z.string(), objectId: z.string().nullable() }), accounts: z.array(z.string()) }),
  /** Confidential (admin only). */
  exceptions: z.array(
    z.object({
      account: z.string(),
      kind: z.enum(['shared-mailbox', 'room', 'service-account', 'no-smartphone']),
      plan: z.string(),
      /** Who owns the exception: renews it, replaces it with a fix or lets it end. */
      owner: z.string(),
      reviewDate: isoDateString,
      /** The last day the exception is in force. */
      expiry: isoDateString,
    }),
  ),
  /** Checks the admin recorded as done (config `progress.done`): check id → the day it was done. */
  progress: z.object({ done: z.record(z.string(), isoDateString) }).optional(),
  schedule: scheduleSchema,
  /** Enforcement in waves with the helpdesk forecast; absent for a plan of one wave. Admin only (names the wave groups). */
  waves: wavePlanSchema.optional(),
  communications: z.array(communicationSchema),
  runbook: runbookSchema.nullable(),
  /** Confidential (admin only). */
  decisions: z.array(decisionRecordSchema),
  checklists: z.array(checklistSchema),
  facts: z.array(factSchema),
  guidance: z.array(guidanceNoteSchema),
  risks: z.array(riskSchema),
  successCriteria: z.array(successCriterionSchema),
  /** Confidential (admin only): names group ids and break-glass exclusions. */
  policies: z.array(policyFileSchema),
  /** Confidential (admin only): evidence read from the admin's exports, when given. */
  evidence: EvidenceReportSchema.nullable(),
  warnings: z.array(warningSchema),
  /**
   * Confidential (admin only): every version of a plan the config revised, oldest first, with the reason and what
   * moved. Absent for a plan never revised.
   */
  history: planHistorySchema.optional(),
});

export type Playbook = z.infer<typeof playbookSchema>;
