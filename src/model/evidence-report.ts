/**
 * The evidence report that goes into the Playbook model. Plain JSON, validated with zod, every list
 * in a fixed order so the same evidence always gives byte-identical JSON. Admin-only: it names
 * users, break-glass accounts and legacy-auth findings.
 */
import { z } from 'zod';
import { runbookSymptomIds } from './runbook-ids.ts';
import { METHODS } from './registration-methods.ts';
import { reportOnlyResults } from './report-only.ts';
import { goNoGoDecisions, verdictIds, verdictStatuses } from './criteria.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const method = z.enum(METHODS);

export const FileEntrySchema = z.object({
  file: z.string(), // relative to the evidence folder, forward slashes
  area: z.enum(['registration', 'signins']),
  kind: z.enum([
    'signins-portal-csv',
    'signins-legacy-portal-csv',
    'signins-log-analytics-csv',
    'signins-log-analytics-summary-csv',
    'signins-json',
    'signins-jsonl',
    'signins-auth-details-csv',
    'registration-graph-json',
    'registration-powershell-csv',
    'registration-portal-csv',
    'wrong-kind',
    'unreadable',
  ]),
  rows: z.number().int().nonnegative(),
  malformedCount: z.number().int().nonnegative(),
  malformed: z.array(z.object({ line: z.number().int().nonnegative(), reason: z.string() })),
  warnings: z.array(z.string()),
});

export const VerdictSchema = z.object({
  id: z.enum(verdictIds),
  status: z.enum(verdictStatuses),
  summary: z.string(),
  evidence: z.array(z.string()),
});

const rate = z.number().min(0).max(100);

export const EvidenceReportSchema = z.object({
  confidentiality: z.literal('admin-only'),
  today: day,
  timeZone: z.string(),
  problems: z.array(z.string()), // folder-level problems (missing folders, unreadable entries)
  files: z.array(FileEntrySchema),
  /** Shortcut for summaries (portfolio page, status line): the latest registration rate and its date. */
  latestRate: z.object({ rate: rate.nullable(), date: day }).nullable(),
  signIns: z.object({
    total: z.number().int().nonnegative(),
    interactive: z.number().int().nonnegative(),
    nonInteractive: z.number().int().nonnegative(),
    unknownInteractivity: z.number().int().nonnegative(),
    firstUtc: instant.nullable(),
    lastUtc: instant.nullable(),
  }),
  registration: z.object({
    snapshots: z.array(
      z.object({ date: day, file: z.string(), registered: z.number().int(), total: z.number().int(), rate: rate.nullable(), basis: z.enum(['isMfaCapable', 'isMfaRegistered']) }),
    ),
    series: z.array(
      z.object({
        date: day,
        dayOfPhase: z.number().int().positive(),
        rate: rate.nullable(),
        registered: z.number().int().nullable(),
        total: z.number().int().nullable(),
        target: rate,
        reminderThreshold: rate,
        meetsTarget: z.boolean().nullable(),
        belowReminderThreshold: z.boolean().nullable(),
        snapshotFile: z.string().nullable(),
      }),
    ),
    latest: z.object({ date: day, rate: rate.nullable(), registered: z.number().int(), total: z.number().int(), file: z.string() }).nullable(),
    target: rate,
    reminder: z.object({
      reminderDate: day,
      threshold: rate,
      due: z.boolean(),
      rate: rate.nullable(),
      rateDate: day.nullable(),
      sendReminder: z.boolean().nullable(),
    }),
    unregistered: z.array(
      z.object({
        userPrincipalName: z.string(),
        displayName: z.string(),
        isAdmin: z.boolean().nullable(),
        methods: z.array(method),
        actionDue: z.enum(['reminder', 'individual-contact', 'none-yet']),
        dueDate: day,
      }),
    ),
    smsVoiceOnly: z.array(
      z.object({
        userPrincipalName: z.string(),
        displayName: z.string(),
        methods: z.array(method),
        audience: z.enum(['all-users', 'admins-and-external']),
        retirementDate: day,
        daysLeft: z.number().int(),
      }),
    ),
  }),
  legacyAuth: z.array(
    z.object({
      clientApp: z.string(),
      category: z.enum(['old-outlook', 'smtp-device', 'imap-pop-app', 'activesync-phone', 'other']),
      remediationTitle: z.string(),
      remediation: z.string(),
      signIns: z.number().int().positive(),
      successful: z.number().int().nonnegative(),
      lastSeenUtc: instant,
      users: z.array(
        z.object({
          userPrincipalName: z.string(),
          signIns: z.number().int().positive(),
          successful: z.number().int().nonnegative(),
          /** Earliest legacy sign-in of the user with this client app (absent in reports written before it was kept). */
          firstSeenUtc: instant.optional(),
          lastSeenUtc: instant,
          devices: z.array(z.object({ device: z.string(), signIns: z.number().int().positive(), lastSeenUtc: instant })),
        }),
      ),
    }),
  ),
  breakGlass: z.array(
    z.object({
      account: z.string(),
      signIns: z.number().int().nonnegative(),
      successful: z.number().int().nonnegative(),
      lastSignInUtc: instant.nullable(),
      lastSuccessUtc: instant.nullable(),
      methods: z.array(z.string()),
      conditionalAccess: z.array(z.string()),
      errorCodes: z.array(z.number().int()),
    }),
  ),
  failureClusters: z.array(
    z.object({
      errorCode: z.number().int().nullable(),
      meaning: z.string(),
      kind: z.enum(['interrupt', 'failure', 'block', 'token', 'unknown']),
      countsAsFailure: z.boolean(),
      rolloutRelated: z.boolean(),
      runbookSymptom: z.enum(runbookSymptomIds).nullable(),
      signIns: z.number().int().positive(),
      signInsFirst72h: z.number().int().nonnegative(),
      userCount: z.number().int().positive(),
      users: z.array(z.string()),
      firstSeenUtc: instant,
      lastSeenUtc: instant,
    }),
  ),
  verdicts: z.array(VerdictSchema).length(4),
  /** The go/no-go figure: report-only results of the all-users policy per result, the would-block share and the decision against the plan's threshold. Null when the plan names no gate. */
  goNoGo: z
    .object({
      policy: z.string(),
      decisionDate: day,
      counts: z.object(Object.fromEntries(reportOnlyResults.map((r) => [r, z.number().int().nonnegative()])) as Record<(typeof reportOnlyResults)[number], z.ZodNumber>),
      countedResult: z.enum(reportOnlyResults),
      evaluatedResults: z.array(z.enum(reportOnlyResults)),
      evaluated: z.number().int().nonnegative(),
      wouldBlock: z.number().int().nonnegative(),
      wouldBlockRate: rate.nullable(),
      threshold: rate,
      decision: z.enum(goNoGoDecisions),
      summary: z.string(),
      firstUtc: instant.nullable(),
      lastUtc: instant.nullable(),
      wouldBlockUsers: z.array(z.object({ userPrincipalName: z.string(), signIns: z.number().int().positive() })),
      wouldBlockClientApps: z.array(z.object({ clientApp: z.string(), signIns: z.number().int().positive() })),
    })
    .nullable(),
});

export type EvidenceReport = z.infer<typeof EvidenceReportSchema>;
export type FileEntry = z.infer<typeof FileEntrySchema>;
