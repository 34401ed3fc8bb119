import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER } from '../../src/build/output-folder.ts';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, ROOT } from '../helpers/example.ts';
import { folderSnapshot, removeScratch, scratchFolder } from '../helpers/scratch.ts';

// The README's layout, in a scratch folder outside the project: my-org/ with the tenant file, notes and evidence.
let scratch = '';
let org = '';

beforeAll(async () => {
  scratch = await scratchFolder('output-guard');
  org = join(scratch, 'my-org');
  await mkdir(join(org, 'evidence', 'registration'), { recursive: true });
  await writeFile(join(org, 'tenant.config.json'), await readFile(EXAMPLE_CONFIG));
  await writeFile(join(org, 'notes.md'), 'meeting notes\n');
  await mkdir(join(scratch, 'foreign'));
  await writeFile(join(scratch, 'foreign', 'budget.xlsx'), 'numbers');
  await writeFile(join(scratch, 'a-file.txt'), 'not a folder');
});

afterAll(async () => {
  if (scratch) await removeScratch(scratch);
});

function build(out: string, extra: string[] = []) {
  return runCli(['build', '--config', 'tenant.config.json', '--out', out, '--today', EXAMPLE_TODAY, '--quiet', ...extra], { cwd: org });
}

/** The message with the scratch folder's path replaced, so that it can be pinned. */
function shown(stderr: string): string {
  return stderr.split(scratch).join('<scratch>').split(ROOT.replace(/\/$/, '')).join('<project>').trim();
}

describe('the output folder guard', () => {
  it('refuses --out . (the working folder) and changes nothing', async () => {
    const before = await folderSnapshot(scratch);
    const run = await build('.');
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out .: this folder is the working folder (<scratch>/my-org); a build replaces its whole output folder, so it refuses this one. Choose a new folder such as --out dist
      nothing was written; . is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it('refuses --out .. (an ancestor of the working folder) and changes nothing', async () => {
    const before = await folderSnapshot(scratch);
    const run = await build('..');
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out ..: this folder contains the working folder (<scratch>/my-org); a build replaces its whole output folder, so it refuses this one. Choose a new folder such as --out dist
      nothing was written; .. is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it("refuses --out naming the project (the program's own folder)", async () => {
    const before = await folderSnapshot(ROOT, ['node_modules', '.git', '.tmp', '.astro', '.site-build', 'dist']);
    const run = await build(ROOT);
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toContain("this folder is the mfa-playbook program's own folder (<project>)");
    expect(await folderSnapshot(ROOT, ['node_modules', '.git', '.tmp', '.astro', '.site-build', 'dist'])).toEqual(before);
  });

  it("refuses --out naming the config's folder when run from elsewhere", async () => {
    const before = await folderSnapshot(scratch);
    const run = await runCli(['build', '--config', join(org, 'tenant.config.json'), '--out', org, '--today', EXAMPLE_TODAY, '--quiet'], { cwd: join(scratch, 'foreign') });
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out <scratch>/my-org: this folder is the tenant config (<scratch>/my-org); a build replaces its whole output folder, so it refuses this one. Choose a new folder such as --out dist
      nothing was written; <scratch>/my-org is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it('refuses --out naming the evidence folder', async () => {
    const before = await folderSnapshot(scratch);
    const run = await build('evidence', ['--evidence', 'evidence']);
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out evidence: this folder is the evidence (evidence); a build replaces its whole output folder, so it refuses this one. Choose a new folder such as --out dist
      nothing was written; evidence is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it('refuses --out naming a file', async () => {
    const before = await folderSnapshot(scratch);
    const run = await build('../a-file.txt');
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out ../a-file.txt: this is a file, not a folder; a build would replace it. Choose a folder that does not exist yet, such as --out dist
      nothing was written; ../a-file.txt is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it('refuses a non-empty folder that no build wrote, and says how to proceed', async () => {
    const before = await folderSnapshot(scratch);
    const run = await build('../foreign');
    expect(run.code).toBe(1);
    expect(shown(run.stderr)).toMatchInlineSnapshot(`
      "error: --out ../foreign: this folder holds files that mfa-playbook did not write (it has no .mfa-playbook-output file); a build replaces the whole folder, so it refuses this one. Choose a new or empty folder, or move those files away first
      nothing was written; ../foreign is unchanged"
    `);
    expect(await folderSnapshot(scratch)).toEqual(before);
  });

  it('builds into a new folder, marks it, and replaces it on the next build', async () => {
    const first = await build('../site');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const entries = await readdir(join(scratch, 'site'));
    expect(entries).toEqual(expect.arrayContaining([OUTPUT_MARKER, 'admin', 'helpdesk', 'staff']));
    expect(await readFile(join(scratch, 'site', OUTPUT_MARKER), 'utf8')).toContain('written by mfa-playbook');
    // The user's folder holds exactly what it held before: no .astro/, no staging folder.
    expect((await readdir(org)).sort()).toEqual(['evidence', 'notes.md', 'tenant.config.json']);
    const second = await build('../site');
    expect(second.code).toBe(0);
    expect((await readdir(scratch)).sort()).toEqual(['a-file.txt', 'foreign', 'my-org', 'site']);
  }, 600_000);
});
