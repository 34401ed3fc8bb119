import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT, StagedOutput } from '../../src/build/output-folder.ts';
import { ROOT } from '../helpers/example.ts';

const work = join(ROOT, '.tmp', `output-folder-${process.pid}`);

async function previousBuild(): Promise<string> {
  const out = join(work, 'out');
  await mkdir(join(out, 'admin'), { recursive: true });
  await writeFile(join(out, 'admin', 'index.html'), 'previous');
  return out;
}

describe('the staged output folder', () => {
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('replaces the previous output only on commit, and leaves no staging folder', async () => {
    const out = await previousBuild();
    const staged = new StagedOutput(out, 'test');
    await staged.begin();
    await staged.write('admin/index.html', 'new');
    await staged.write('staff/index.html', 'staff');
    expect(await readFile(join(out, 'admin', 'index.html'), 'utf8')).toBe('previous');
    await staged.commit();
    expect(await readFile(join(out, 'admin', 'index.html'), 'utf8')).toBe('new');
    expect(await readFile(join(out, 'staff', 'index.html'), 'utf8')).toBe('staff');
    expect(await readdir(work)).toEqual(['out']);
  });

  it('leaves the previous output untouched when abandoned halfway', async () => {
    const out = await previousBuild();
    const staged = new StagedOutput(out, 'test');
    await staged.begin();
    await staged.write('admin/index.html', 'half-written');
    await staged.abandon();
    expect(await readFile(join(out, 'admin', 'index.html'), 'utf8')).toBe('previous');
    expect(await readdir(work)).toEqual(['out']);
  });

  it('creates the output folder when there was none', async () => {
    const staged = new StagedOutput(join(work, 'fresh'), 'test');
    await mkdir(work, { recursive: true });
    await staged.begin();
    await staged.write('admin/playbook.json', '{}');
    await staged.commit();
    expect(await readFile(join(work, 'fresh', 'admin', 'playbook.json'), 'utf8')).toBe('{}');
  });

  it('refuses a path that would escape the output folder', async () => {
    const staged = new StagedOutput(join(work, 'out'), 'test');
    await mkdir(work, { recursive: true });
    await staged.begin();
    await expect(staged.write('../outside.txt', 'x')).rejects.toThrow('refusing to write outside the output folder');
    // A sibling whose name merely starts like the staging folder's is outside it too.
    await expect(staged.write('../.out.staging-test-evil/x.txt', 'x')).rejects.toThrow('refusing to write outside the output folder');
    await staged.abandon();
  });

  // A process id above any system's limit: the process that left these folders is certainly gone.
  const GONE = 2_000_000_000;

  it('removes a stale staging folder left by an interrupted run (killed with -9)', async () => {
    const out = await previousBuild();
    await writeFile(join(out, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    const stale = join(work, `.out.staging-${GONE}`);
    await mkdir(join(stale, 'admin'), { recursive: true });
    await writeFile(join(stale, 'admin', 'index.html'), 'half-written confidential page');
    const staged = new StagedOutput(out, `${process.pid}`);
    await staged.begin();
    expect((await readdir(work)).sort()).toEqual([`.out.staging-${process.pid}`, 'out']);
    await staged.abandon();
    expect(await readdir(work)).toEqual(['out']);
    expect(await readFile(join(out, 'admin', 'index.html'), 'utf8')).toBe('previous');
  });

  it('puts back a previous output that an interrupted swap moved aside', async () => {
    const aside = join(work, `.out.previous-.out.staging-${GONE}`);
    await mkdir(join(aside, 'admin'), { recursive: true });
    await writeFile(join(aside, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    await writeFile(join(aside, 'admin', 'index.html'), 'previous');
    const staged = new StagedOutput(join(work, 'out'), `${process.pid}`);
    await staged.begin();
    expect(await readFile(join(work, 'out', 'admin', 'index.html'), 'utf8')).toBe('previous');
    await staged.abandon();
    expect(await readdir(work)).toEqual(['out']);
  });

  it('leaves a folder that only looks like a moved-aside output but has no marker', async () => {
    const lookalike = join(work, `.out.previous-.out.staging-${GONE}`);
    await mkdir(lookalike, { recursive: true });
    await writeFile(join(lookalike, 'mine.txt'), "not the tool's");
    const staged = new StagedOutput(join(work, 'out'), `${process.pid}`);
    await staged.begin();
    await staged.abandon();
    expect(await readFile(join(lookalike, 'mine.txt'), 'utf8')).toBe("not the tool's");
  });

  it('writes the output marker into every output', async () => {
    const staged = new StagedOutput(join(work, 'fresh'), 'test');
    await mkdir(work, { recursive: true });
    await staged.begin();
    await staged.commit();
    expect(await readFile(join(work, 'fresh', OUTPUT_MARKER), 'utf8')).toBe(OUTPUT_MARKER_TEXT);
  });
});
