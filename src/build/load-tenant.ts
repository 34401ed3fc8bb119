import { at, ConfigError, type ConfigProblem } from '../config/friendly-errors.ts';
import type { JsonSource } from '../config/source-map.ts';
import { RevisionProblem } from '../generators/revisions.ts';
import { parseConfig, readConfigText } from '../config/load.ts';
import { isIanaTimeZone } from '../config/primitives.ts';
import type { TenantConfig } from '../config/schema.ts';
import { todayIn } from '../config/today.ts';
import { buildPlaybook } from '../generators/playbook.ts';
import type { Playbook } from '../model/playbook.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';

export interface TenantOptions {
  /** YYYY-MM-DD; when absent, today's date in the tenant's time zone at `now`. */
  today?: string | undefined;
  start?: string | undefined;
  now: Date;
  generatorVersion: string;
  /** Reads evidence for a tenant once its schedule is known (admin exports); optional. */
  evidence?: ((config: TenantConfig, playbook: Playbook) => Promise<EvidenceReport | undefined>) | undefined;
}

export type TenantResult = { file: string; ok: true; config: TenantConfig; playbook: Playbook; warnings: ConfigProblem[] } | { file: string; ok: false; problems: ConfigProblem[] };

/** The tenant's time zone if the file names a valid one, so that "today" is the tenant's today even before validation. */
function peekTimeZone(text: string): string {
  try {
    const zone = (JSON.parse(text.replace(/^\uFEFF/, '')) as { timeZone?: unknown }).timeZone;
    return typeof zone === 'string' && isIanaTimeZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

export async function loadTenant(file: string, options: TenantOptions): Promise<TenantResult> {
  try {
    const text = await readConfigText(file);
    const today = options.today ?? todayIn(peekTimeZone(text), options.now);
    const { config, warnings, source } = parseConfig(text, file, { today, overrides: { startDate: options.start } });
    // Config warnings ("the start date is in the past") are for the person editing the file: the build and
    // `check` print them; they never go into the model, so the signed plan PDF and the sites never show them.
    const inputs = { today, generatorVersion: options.generatorVersion, warnings: [] };
    let playbook = datePlan(source, () => buildPlaybook(config, inputs));
    if (options.evidence) {
      const evidence = await options.evidence(config, playbook);
      if (evidence !== undefined) playbook = datePlan(source, () => buildPlaybook(config, { ...inputs, evidence }));
    }
    return { file, ok: true, config, playbook, warnings };
  } catch (error) {
    if (error instanceof ConfigError) return { file, ok: false, problems: error.problems };
    throw error;
  }
}

/**
 * Builds the plan, turning a failure to date it (no working day found within the search bound, for instance when
 * every day is closed) into a problem of this tenant: a multi-tenant run goes on with the others.
 */
export function datePlan(source: JsonSource, build: () => Playbook): Playbook {
  const file = source.file;
  try {
    return build();
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    // A revision that cannot apply to this plan (a phase already over, a day enforcement may not fall on) is a
    // mistake in the file: named with its key and line.
    if (cause instanceof RevisionProblem) throw new ConfigError([at(source, cause.path, { message: cause.message })], { cause });
    const message = `the plan cannot be dated: ${(cause as Error).message ?? String(cause)}`;
    throw new ConfigError([{ severity: 'error', path: '(plan)', file, message }], { cause });
  }
}
