import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/build/output-folder.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, ROOT } from '../helpers/example.ts';
import { folderSnapshot, removeScratch, scratchFolder } from '../helpers/scratch.ts';

// Ctrl-C (SIGINT) and kill (SIGTERM) sent to the command at several moments of a build. When the system Node is too
// old for type stripping, the bin re-runs itself on the pinned Node: the signal then goes to that wrapper, which must
// pass it on. Either way the build stops, cleans up, and the previous output stays as it was.
const SITE_WORK = join(ROOT, '.site-build');

/** The system's own Node when it makes the bin re-run itself (older than 22.18), else the test's Node. */
function nodeForTheBin(): { path: string; wrapped: boolean } {
  const found = spawnSync('sh', ['-c', 'command -v node'], {
    env: {
      PATH: (process.env.PATH ?? '')
        .split(':')
        .filter((part) => !part.includes('node_modules'))
        .join(':'),
    },
    encoding: 'utf8',
  });
  const path = found.stdout.trim();
  if (found.status === 0 && path) {
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 18)) return { path, wrapped: true };
  }
  return { path: process.execPath, wrapped: false };
}

const node = nodeForTheBin();
let scratch = '';
let out = '';

beforeAll(async () => {
  scratch = await scratchFolder('signals');
  await writeFile(join(scratch, 'tenant.config.json'), await readFile(EXAMPLE_CONFIG));
  // The output of an earlier build: it must survive every interrupted build unchanged.
  out = join(scratch, 'site');
  await mkdir(join(out, 'admin'), { recursive: true });
  await writeFile(join(out, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  await writeFile(join(out, 'admin', 'index.html'), 'previous build');
});

afterAll(async () => {
  if (scratch) await removeScratch(scratch);
});

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process id in the name of a staging folder (`.site.staging-<pid>`) or site work folder (`<pid>-<uuid>`). */
async function buildProcessId(moment: 'staging' | 'sites'): Promise<number | undefined> {
  if (moment === 'staging') {
    const name = (await readdir(scratch)).find((entry) => entry.startsWith('.site.staging-'));
    return name ? Number(name.slice('.site.staging-'.length)) : undefined;
  }
  const names = await readdir(SITE_WORK).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    // Only this test's build: its staging folder carries the same process id.
    if ((await readdir(scratch)).includes(`.site.staging-${pid}`)) return pid;
  }
  return undefined;
}

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  buildPid: number;
}

/** Starts a build, waits for the moment, sends the signal to the command (the wrapper when there is one). */
async function interruptBuild(signal: 'SIGINT' | 'SIGTERM', moment: 'staging' | 'sites'): Promise<Interrupted> {
  const child = spawn(node.path, [join(ROOT, 'bin', 'mfa-playbook.mjs'), 'build', '--out', 'site', '--today', EXAMPLE_TODAY], {
    cwd: scratch,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let buildPid: number | undefined;
  while (buildPid === undefined && child.exitCode === null) {
    await sleep(25);
    buildPid = await buildProcessId(moment);
  }
  if (buildPid === undefined) throw new Error(`the build ended before the moment "${moment}": ${stderr}`);
  child.kill(signal);
  return { ...(await exited), stderr, buildPid };
}

async function leftovers(buildPid: number): Promise<string[]> {
  const beside = (await readdir(scratch)).filter((entry) => entry !== 'site' && entry !== 'tenant.config.json');
  const work = (await readdir(SITE_WORK).catch(() => [] as string[])).filter((entry) => entry.startsWith(`${buildPid}-`));
  return [...beside, ...work];
}

describe(`a build stopped by a signal (${node.wrapped ? 'through the wrapper that re-runs on the pinned Node' : 'run directly'})`, () => {
  const cases = [
    ['SIGINT', 'staging'],
    ['SIGTERM', 'staging'],
    ['SIGINT', 'sites'],
    ['SIGTERM', 'sites'],
  ] as const;
  for (const [signal, moment] of cases) {
    it(`${signal} once the ${moment === 'staging' ? 'staging folder exists' : 'site builder is working'}: stops, removes its folders, keeps the previous output`, async () => {
      const before = await folderSnapshot(out);
      const run = await interruptBuild(signal, moment);
      // Ended by the signal: exit code 128 + signal number, or the signal itself when re-raised.
      expect(run.code === (signal === 'SIGINT' ? 130 : 143) || run.signal === signal, `${run.code} ${run.signal} ${run.stderr}`).toBe(true);
      expect(run.stderr).toContain(`stopped (${signal}); nothing was written and the previous output is unchanged`);
      expect(isRunning(run.buildPid)).toBe(false);
      expect(await leftovers(run.buildPid)).toEqual([]);
      expect(await folderSnapshot(out)).toEqual(before);
    }, 600_000);
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} as soon as the tenant is read (before anything is written): stops, leaves nothing, keeps the previous output`, async () => {
      const before = await folderSnapshot(out);
      const beside = await readdir(scratch);
      const child = spawn(node.path, [join(ROOT, 'bin', 'mfa-playbook.mjs'), 'build', '--out', 'site', '--today', EXAMPLE_TODAY], {
        cwd: scratch,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, ended) => resolve({ code, signal: ended })));
      const modelRead = new Promise<void>((resolve) =>
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          if (stderr.includes('✓ model')) resolve();
        }),
      );
      await Promise.race([modelRead, exited]);
      expect(stderr).toContain('✓ model');
      child.kill(signal);
      const run = await exited;
      expect(run.code === (signal === 'SIGINT' ? 130 : 143) || run.signal === signal, `${run.code} ${run.signal} ${stderr}`).toBe(true);
      expect(stderr).not.toContain('built 1 tenant');
      expect(await readdir(scratch)).toEqual(beside);
      expect(await folderSnapshot(out)).toEqual(before);
    }, 600_000);
  }

  it('the next build removes a stale staging folder and site work folder left by a build killed with -9', async () => {
    const gone = 2_000_000_000;
    await mkdir(join(scratch, `.site.staging-${gone}`, 'admin'), { recursive: true });
    await writeFile(join(scratch, `.site.staging-${gone}`, 'admin', 'index.html'), 'half-written');
    await mkdir(join(SITE_WORK, `${gone}-stale`, 'out'), { recursive: true });
    const run = spawnSync(node.path, [join(ROOT, 'bin', 'mfa-playbook.mjs'), 'build', '--out', 'site', '--today', EXAMPLE_TODAY, '--quiet'], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await readdir(scratch)).sort()).toEqual(['site', 'tenant.config.json']);
    expect(await readdir(SITE_WORK)).not.toContain(`${gone}-stale`);
    expect(await readFile(join(out, 'admin', 'index.html'), 'utf8')).toContain('Northgate Engineering Ltd');
  }, 600_000);
});
