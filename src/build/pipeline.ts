import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { at, ConfigError, type ConfigProblem } from '../config/friendly-errors.ts';
import { parseConfig, readConfigText } from '../config/load.ts';
import type { TenantConfig } from '../config/schema.ts';
import type { JsonSource } from '../config/source-map.ts';
import { planDate } from '../config/today.ts';
import type { EvidenceContext } from '../model/evidence-context.ts';
import { evidenceContextFromPlaybook } from '../model/evidence-context.ts';
import { FACTS } from '../generators/facts.ts';
import { buildPlaybook, planSchedule, tenantSlug, type PlannedSchedule, type PlaybookInputs } from '../generators/playbook.ts';
import { RevisionProblem } from '../generators/revisions.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import type { Playbook } from '../model/playbook.ts';

// The one way from a tenant file to a Playbook model, for `build`, `check`, `status` and `npm run dev`:
//   config (read, plan date decided, validated) -> schedule -> evidence (optional) -> playbook,
// each step once. The evidence reader needs the plan's dates, so the schedule is worked out on its own first
// and handed to the playbook step instead of being worked out again there.

/** Where a tenant's evidence exports are. In a multi-tenant run each tenant's sit in `<dir>/<tenant-slug>/`. */
export interface EvidenceSource {
  dir: string;
  layout: 'single' | 'multi';
}

export interface PlaybookRequest {
  configPath: string;
  /** The plan date YYYY-MM-DD given by the user; when absent, today in the tenant's time zone at `now`. */
  today?: string | undefined;
  now: Date;
  /** A start date that replaces the file's (--start). */
  start?: string | undefined;
  generatorVersion: string;
  evidence?: EvidenceSource | undefined;
}

/** The steps after reading the config. Injected only by tests, to count and observe them. */
export interface PipelineSteps {
  schedule: (config: TenantConfig) => PlannedSchedule;
  evidence: (folder: string, context: EvidenceContext) => Promise<EvidenceReport>;
  playbook: (config: TenantConfig, inputs: PlaybookInputs, planned: PlannedSchedule) => Playbook;
}

export const PIPELINE_STEPS: PipelineSteps = {
  schedule: planSchedule,
  // Loaded on first use: the readers (and their CSV engine) are heavy, and most runs have no evidence.
  evidence: async (folder, context) => (await import('../evidence/index.ts')).readEvidence(folder, context),
  playbook: buildPlaybook,
};

export type TenantResult =
  | {
      file: string;
      ok: true;
      config: TenantConfig;
      playbook: Playbook;
      /** Config warnings: for the person editing the file, printed by the caller, never part of the model. */
      warnings: ConfigProblem[];
      /** The plan facts the evidence was read against; absent when no evidence was read. */
      evidenceContext?: EvidenceContext | undefined;
    }
  | { file: string; ok: false; problems: ConfigProblem[] };

export async function loadPlaybook(request: PlaybookRequest, steps: PipelineSteps = PIPELINE_STEPS): Promise<TenantResult> {
  const file = request.configPath;
  try {
    const text = await readConfigText(file);
    const today = planDate(text, request.today, request.now);
    const { config, warnings, source } = parseConfig(text, file, { today, overrides: { startDate: request.start } });
    const planned = datePlan(source, () => steps.schedule(config));
    const folder = request.evidence ? await evidenceFolder(request.evidence, config) : undefined;
    const evidenceContext = folder === undefined ? undefined : evidenceContextFor(config, planned, today);
    const evidence = folder === undefined ? undefined : await steps.evidence(folder, evidenceContext!);
    // Config warnings ("the start date is in the past") are for the person editing the file: the callers print
    // them; they never go into the model, so the signed plan PDF and the sites never show them.
    const playbook = datePlan(source, () => steps.playbook(config, { today, generatorVersion: request.generatorVersion, warnings: [], evidence }, planned));
    return { file, ok: true, config, playbook, warnings, evidenceContext };
  } catch (error) {
    if (error instanceof ConfigError) return { file, ok: false, problems: error.problems };
    throw error;
  }
}

/** The tenant's evidence folder; undefined for a tenant of a multi-tenant run that has none. */
async function evidenceFolder(source: EvidenceSource, config: TenantConfig): Promise<string | undefined> {
  const folder = source.layout === 'multi' ? join(source.dir, tenantSlug(config)) : source.dir;
  const info = await stat(folder).catch(() => undefined);
  if (info?.isDirectory()) return folder;
  if (source.layout === 'single') throw new Error(`--evidence ${source.dir}: not a folder`);
  return undefined;
}

/** What the evidence readers need from the plan, taken from the config and the dated schedule alone. */
function evidenceContextFor(config: TenantConfig, planned: PlannedSchedule, today: string): EvidenceContext {
  return evidenceContextFromPlaybook(
    {
      timeZone: config.timeZone,
      locale: config.locale,
      organisation: config.organisation,
      facts: FACTS,
      thresholds: config.thresholds,
      breakGlass: config.breakGlass,
      schedule: planned.schedule,
    },
    today,
  );
}

/**
 * Runs a dating step, turning a failure to date the plan (no working day found within the search bound, for
 * instance when every day is closed) into a problem of this tenant: a multi-tenant run goes on with the others.
 */
export function datePlan<T>(source: JsonSource, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    // A revision that cannot apply to this plan (a phase already over, a day enforcement may not fall on) is a
    // mistake in the file: named with its key and line.
    if (cause instanceof RevisionProblem) throw new ConfigError([at(source, cause.path, { message: cause.message })], { cause });
    const message = `the plan cannot be dated: ${(cause as Error).message ?? String(cause)}`;
    throw new ConfigError([{ severity: 'error', path: '(plan)', file: source.file, message }], { cause });
  }
}
