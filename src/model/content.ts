import { z } from 'zod';
import { communicationStatuses } from './communication-status.ts';
import { exposureLevels, riskLevels } from './sign-off.ts';
import { isoDateString, ownerRole, phaseId } from './common.ts';
import { errorCodeSchema } from './error-codes.ts';
import { runbookSymptomIds } from './runbook-ids.ts';
import { runbookTextSchema } from './runbook-refs.ts';

// Shapes of the playbook's texts. Filled by the generators of communications, helpdesk, decisions,
// checklists and facts; read by every renderer.

export const communicationIds = [
  'announcement',
  'reminder',
  'individual-contact',
  'manager-escalation',
  'no-smartphone',
  'pilot-notice',
  'helpdesk-briefing',
  'enforcement-tomorrow',
  'completion',
  /** Only in a revised plan whose enforcement date or registration deadline moved. */
  'date-moved',
] as const;
export const communicationId = z.enum(communicationIds);
export type CommunicationId = (typeof communicationIds)[number];

export const communicationAudiences = ['all-staff', 'unregistered-users', 'it-team', 'helpdesk', 'managers', 'no-smartphone-users'] as const;

/**
 * Audiences written to in the staff languages. Messages to the IT team and the helpdesk are written once, in
 * English, the language of the plan, the runbook and the policies they work with.
 */
export const staffLanguageAudiences: readonly (typeof communicationAudiences)[number][] = ['all-staff', 'unregistered-users', 'managers', 'no-smartphone-users'];

/** One language's version of a message. */
export const messageTextSchema = z.object({
  language: z.string(),
  title: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  teams: z.string(),
  banner: z.string().max(160),
});
export type MessageText = z.infer<typeof messageTextSchema>;

export const communicationSchema = z.object({
  /** A message of the plan, or (a plan in waves) one wave's "MFA starts" notice, "enforcement-tomorrow-wave-2". */
  id: z.union([communicationId, z.templateLiteral(['enforcement-tomorrow-wave-', z.int()])]),
  title: z.string(),
  audience: z.enum(communicationAudiences),
  audienceLabel: z.string(),
  /** Send date from the schedule; null for a template used when the need arises. */
  sendDate: isoDateString.nullable(),
  sendDay: z.int().nullable(),
  /** See communication-status.ts; a message without a sendDate is a template, sent when the need arises. */
  status: z.enum(communicationStatuses),
  condition: z.string().optional(),
  /** Plain-language note on the decision, e.g. why the reminder is or is not needed. */
  decisionNote: z.string().optional(),
  from: z.object({ name: z.string(), email: z.string() }),
  subject: z.string(),
  /** Body as an HTML fragment (already escaped) and as plain text. */
  html: z.string(),
  text: z.string(),
  /** A short post for Teams or Slack (plain text, may contain line breaks). */
  teams: z.string(),
  /** An intranet banner, at most 160 characters. */
  banner: z.string().max(160),
  /** Whether everyone in the organisation may read this message (the staff site shows only these). */
  staffVisible: z.boolean(),
  /** The language of subject, text, Teams post and banner; of the first part of the HTML when bilingual. */
  language: z.string(),
  /** Every staff language's own version, when the tenant has several staff languages and this message is written in them. */
  languages: z.array(messageTextSchema).optional(),
});
export type Communication = z.infer<typeof communicationSchema>;

export const runbookSchema = z.object({
  /** The caller-verification procedure; `title` is its one name wherever a text refers to it. */
  identityVerification: z.object({ title: z.string(), summary: z.string(), steps: z.array(runbookTextSchema), never: z.array(z.string()) }),
  symptoms: z.array(
    z.object({
      id: z.enum(runbookSymptomIds),
      title: z.string(),
      userSays: z.string(),
      likelyCauses: z.array(z.object({ cause: z.string(), likelihood: z.enum(['most likely', 'possible', 'unlikely']), check: runbookTextSchema })),
      /** Texts that point to another part of the runbook hold a reference to it (runbook-refs.ts), not its title. */
      steps: z.array(runbookTextSchema),
      adminPath: z.string(),
      tellUser: z.string(),
      /** What to say to the caller in each staff language that is not English (the staff languages' callers.json). */
      tellUserIn: z.array(z.object({ language: z.string(), text: z.string() })).optional(),
      escalateWhen: runbookTextSchema,
    }),
  ),
  errorCodes: z.array(errorCodeSchema),
  standardAnswers: z.array(z.object({ situation: z.string(), answer: runbookTextSchema })),
  contacts: z.array(z.object({ label: z.string(), name: z.string(), role: z.string(), email: z.string(), phone: z.string().optional() })),
  enforcementWindow: z.object({ from: isoDateString, to: isoDateString }),
});
export type Runbook = z.infer<typeof runbookSchema>;

/** The id (and file name) of the blank decision record; no exemption request may use it. */
export const BLANK_DECISION_ID = 'template';

export const decisionRecordSchema = z.object({
  id: z.string(),
  isTemplate: z.boolean(),
  title: z.string(),
  request: z.object({ name: z.string(), role: z.string(), date: isoDateString.nullable(), reason: z.string(), requestedBy: z.string().nullable() }),
  /** `level` is null in the blank template: the exposure is assessed when the record is filled in. */
  exposure: z.object({ level: z.enum(exposureLevels).nullable(), summary: z.string(), reasons: z.array(z.string()) }),
  options: z.array(z.object({ key: z.enum(['A', 'B', 'C']), title: z.string(), consequences: z.string(), recommended: z.boolean() })),
  decision: z.object({ option: z.enum(['A', 'B', 'C']).nullable(), outcome: z.string(), rationale: z.string() }),
  frictionReduction: z.array(z.string()),
  riskStatement: z.string(),
  override: z
    .object({
      decidedBy: z.string(),
      decidedOn: isoDateString,
      riskOwner: z.string(),
      compensatingControls: z.array(z.string()),
      expiry: isoDateString,
      reviewDate: isoDateString,
    })
    .nullable(),
  signatures: z.array(z.object({ role: z.string(), name: z.string() })),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export const checklistSchema = z.object({
  id: z.string(),
  phase: phaseId,
  title: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      owner: ownerRole,
      due: isoDateString,
      evidence: z.string(),
      pass: z.string(),
    }),
  ),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const factSchema = z.object({
  id: z.string(),
  claim: z.string(),
  source: z.object({ title: z.string(), url: z.string() }),
  checked: isoDateString,
  /** The date the fact is about, when it is a dated change (a retirement, a deadline). */
  effective: isoDateString.optional(),
  /**
   * How exact `effective` is. "day" (the default) is a known day; "month" and "end-of-month" are all the source
   * gives ("in December 2026", "at the end of December 2026"): texts say that, never an invented exact day.
   */
  effectivePrecision: z.enum(['day', 'month', 'end-of-month']).optional(),
  /** What the dated change means for this plan, compared with the plan's own dates. */
  planNote: z.string().optional(),
  /** Figures the claim states, by key, so a generator quotes them from here instead of writing them again. */
  values: z.record(z.string(), z.number()).optional(),
});
export type Fact = z.infer<typeof factSchema>;

/** A departure from the classic five-phase course, with the reason. */
export const guidanceNoteSchema = z.object({ id: z.string(), topic: z.string(), classic: z.string(), current: z.string(), why: z.string(), factIds: z.array(z.string()) });
export type GuidanceNote = z.infer<typeof guidanceNoteSchema>;

export const riskSchema = z.object({
  id: z.string(),
  risk: z.string(),
  likelihood: z.enum(riskLevels),
  impact: z.enum(riskLevels),
  mitigation: z.string(),
  owner: ownerRole,
});
export type Risk = z.infer<typeof riskSchema>;

export const successCriterionSchema = z.object({ id: z.string(), title: z.string(), measure: z.string() });
