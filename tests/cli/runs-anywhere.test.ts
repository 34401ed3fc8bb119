import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { folderSnapshot, removeScratch, scratchFolder } from '../helpers/scratch.ts';

// A tenant folder, its evidence and the output all outside the project tree, as for a user who keeps the rollout in
// ~/rollout/; and an output whose path merely starts with the project's path as text (~/mfa-playbook-out).
let scratch = '';
const lookalikeOut = `${ROOT.replace(/\/$/, '')}-out-${process.pid}`;

beforeAll(async () => {
  scratch = await scratchFolder('anywhere');
  await writeFile(join(scratch, 'tenant.config.json'), await readFile(EXAMPLE_CONFIG));
  await cp(join(ROOT, 'examples', 'evidence', 'northgate'), join(scratch, 'evidence'), { recursive: true });
});

afterAll(async () => {
  if (scratch) await removeScratch(scratch);
  await rm(lookalikeOut, { recursive: true, force: true });
});

describe('a build outside the project tree', () => {
  it('succeeds with config, evidence and output elsewhere, and writes nothing but --out', async () => {
    const before = await folderSnapshot(scratch);
    const run = await runCli(['build', '--evidence', 'evidence', '--out', 'rollout-site', '--today', '2027-02-12', '--quiet'], { cwd: scratch });
    // The plan date lies after the start (so that the evidence counts): only that warning is expected.
    expect(run.stderr.trim()).toMatch(/^warning: tenant\.config\.json:\d+:\d+ startDate: the start date 2027-01-11 is in the past/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(0);
    const after = await folderSnapshot(scratch);
    const added = Object.keys(after).filter((path) => !(path in before));
    // Everything new is inside the output folder: no .astro/, no staging or temporary folder beside the user's files.
    expect(added.filter((path) => !path.startsWith('rollout-site'))).toEqual([]);
    for (const [path, hash] of Object.entries(before)) expect(after[path], path).toBe(hash);
    const model = JSON.parse(await readFile(join(scratch, 'rollout-site', 'admin', 'playbook.json'), 'utf8'));
    expect(model.organisation.name).toBe('Northgate Engineering Ltd');
    expect(model.evidence).not.toBeNull();
    expect(await readFile(join(scratch, 'rollout-site', 'admin', 'index.html'), 'utf8')).toContain('Northgate Engineering Ltd');
  }, 600_000);

  it('succeeds with an output path that starts with the project path as text', async () => {
    const run = await runCli(['build', '--out', lookalikeOut, '--today', '2027-01-04', '--quiet'], { cwd: scratch });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readdir(lookalikeOut)).sort()).toEqual(['.mfa-playbook-output', 'admin', 'helpdesk', 'staff']);
    expect((await readdir(join(lookalikeOut, 'staff'))).sort()).toContain('index.html');
  }, 600_000);
});
