import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../src/build/build.ts';
import { devTenants } from '../../src/build/dev-tenants.ts';
import { loadPlaybook, PIPELINE_STEPS, type PipelineSteps } from '../../src/build/pipeline.ts';
import type { Reporter } from '../../src/build/reporter.ts';
import checkCommand from '../../src/cli/commands/check.ts';
import statusCommand from '../../src/cli/commands/status.ts';
import { packageVersion } from '../../src/cli/version.ts';
import { ConfigError } from '../../src/config/friendly-errors.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';

// The example tenant on 22 January 2027, mid-register, with the example exports (snapshots of 13, 20 and 22 January).
const TODAY = '2027-01-22';
const EVIDENCE = join(ROOT, 'examples/evidence/northgate');

/** Steps that run the real ones and count every call. */
function countedSteps() {
  const calls = { schedule: 0, evidence: 0, playbook: 0 };
  const steps: PipelineSteps = {
    schedule: (config) => {
      calls.schedule += 1;
      return PIPELINE_STEPS.schedule(config);
    },
    evidence: (folder, context) => {
      calls.evidence += 1;
      return PIPELINE_STEPS.evidence(folder, context);
    },
    playbook: (config, inputs, planned) => {
      calls.playbook += 1;
      return PIPELINE_STEPS.playbook(config, inputs, planned);
    },
  };
  return { calls, steps };
}

describe('the pipeline entrance: config, schedule, evidence, playbook, each once', () => {
  it('with evidence, dates the plan once, reads the evidence once against those dates and builds the playbook once from them', async () => {
    const { calls, steps } = countedSteps();
    const seen: { scheduleOut?: unknown; playbookIn?: unknown; evidenceDates?: unknown } = {};
    const observed: PipelineSteps = {
      schedule: (config) => (seen.scheduleOut = steps.schedule(config)) as ReturnType<PipelineSteps['schedule']>,
      evidence: (folder, context) => {
        seen.evidenceDates = { reminder: context.reminderDate, enforcement: context.enforcementDate, today: context.today };
        return steps.evidence(folder, context);
      },
      playbook: (config, inputs, planned) => {
        seen.playbookIn = planned;
        return steps.playbook(config, inputs, planned);
      },
    };
    const result = await loadPlaybook(
      { configPath: EXAMPLE_CONFIG, today: TODAY, now: new Date(), generatorVersion: 'pipeline-test', evidence: { dir: EVIDENCE, layout: 'single' } },
      observed,
    );
    expect(calls).toEqual({ schedule: 1, evidence: 1, playbook: 1 });
    expect(seen.playbookIn).toBe(seen.scheduleOut);
    if (!result.ok) throw new Error('the example tenant failed');
    const milestones = result.playbook.schedule.milestones;
    expect(seen.evidenceDates).toEqual({ reminder: milestones['reminder-check'].date, enforcement: result.playbook.schedule.enforcementDate, today: TODAY });
    // The evidence that was read is the one in the model: the rate of the 22 January snapshot.
    expect(result.playbook.evidence?.latestRate?.date).toBe('2027-01-22');
    expect(result.evidenceContext?.today).toBe(TODAY);
  });

  it('without evidence, reads none and still dates the plan once', async () => {
    const { calls, steps } = countedSteps();
    const result = await loadPlaybook({ configPath: EXAMPLE_CONFIG, today: TODAY, now: new Date(), generatorVersion: 'pipeline-test' }, steps);
    expect(calls).toEqual({ schedule: 1, evidence: 0, playbook: 1 });
    expect(result.ok && result.playbook.evidence).toBe(null);
  });

  it('decides "today" in one place: without a given date, today in the tenant time zone (Europe/London) at the moment given', async () => {
    // 23:30 UTC on 30 June 2027 is already 00:30 on 1 July in London (UTC+1): the tenant's date, not the UTC one.
    const summer = await loadPlaybook({ configPath: EXAMPLE_CONFIG, now: new Date('2027-06-30T23:30:00Z'), generatorVersion: 'pipeline-test' });
    expect(summer.ok && summer.playbook.meta.asOf).toBe('2027-07-01');
  });
});

/**
 * Thrown by the spied playbook step once it has the model. A config problem, so that every entrance stops the way it
 * stops for a bad tenant file: nothing is written, nothing is rendered.
 */
const modelCaptured = () => new ConfigError([{ severity: 'error', path: '(test)', message: 'model captured' }]);

describe('build, check, status and npm run dev go through the same entrance', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs an entrance with the real steps, spied: the model its playbook step made and how often each step ran. */
  async function modelOf(entrance: () => Promise<unknown>): Promise<{ model: Playbook; calls: { schedule: number; evidence: number; playbook: number } }> {
    const schedule = vi.spyOn(PIPELINE_STEPS, 'schedule');
    const evidence = vi.spyOn(PIPELINE_STEPS, 'evidence');
    const models: Playbook[] = [];
    const playbook = vi.spyOn(PIPELINE_STEPS, 'playbook').mockImplementation((config, inputs, planned) => {
      models.push(buildPlaybook(config, inputs, planned));
      throw modelCaptured();
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exitCode = process.exitCode;
    const outcome = await entrance().then(
      () => 'finished',
      (error: unknown) => (error as Error).message,
    );
    process.exitCode = exitCode;
    expect(outcome).toMatch(/finished|model captured|1 error/);
    const calls = { schedule: schedule.mock.calls.length, evidence: evidence.mock.calls.length, playbook: playbook.mock.calls.length };
    vi.restoreAllMocks();
    expect(models).toHaveLength(1);
    return { model: models[0]!, calls };
  }

  const silent: Reporter = { step: async (_label, work) => work(), info: () => undefined, warn: () => undefined, error: () => undefined };
  const build = async (evidence?: string) => {
    const out = await mkdtemp(join(tmpdir(), 'pipeline-build-'));
    try {
      await runBuild({ config: EXAMPLE_CONFIG, out: join(out, 'dist'), today: TODAY, now: new Date(), generatorVersion: packageVersion(), evidence, reporter: silent, workers: 1 });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  };
  const check = () => runCommand(checkCommand, { rawArgs: ['--config', EXAMPLE_CONFIG, '--today', TODAY] });
  const status = (...extra: string[]) => runCommand(statusCommand, { rawArgs: ['--config', EXAMPLE_CONFIG, '--today', TODAY, ...extra] });
  // Noon in London on the plan date: the dev server has no --today, it plans as of now.
  const dev = () => devTenants(EXAMPLE_CONFIG, packageVersion(), new Date(`${TODAY}T12:00:00Z`));

  it('without evidence: the same model from all four, each dating the plan once', async () => {
    const results = [await modelOf(() => build()), await modelOf(check), await modelOf(() => status()), await modelOf(dev)];
    for (const { calls } of results) expect(calls).toEqual({ schedule: 1, evidence: 0, playbook: 1 });
    const [fromBuild, ...others] = results.map(({ model }) => JSON.stringify(model));
    expect(JSON.parse(fromBuild!).meta.asOf).toBe(TODAY);
    for (const other of others) expect(other).toBe(fromBuild);
  });

  it('with evidence: build and status read it once and make the same model', async () => {
    const fromBuild = await modelOf(() => build(EVIDENCE));
    const fromStatus = await modelOf(() => status('--evidence', EVIDENCE));
    expect(fromBuild.calls).toEqual({ schedule: 1, evidence: 1, playbook: 1 });
    expect(fromStatus.calls).toEqual({ schedule: 1, evidence: 1, playbook: 1 });
    expect(fromBuild.model.evidence?.latestRate?.date).toBe('2027-01-22');
    expect(JSON.stringify(fromStatus.model)).toBe(JSON.stringify(fromBuild.model));
  });
});
