import { spawn } from 'node:child_process';
import { cp, readFile, readdir } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';

// The published shape, tried as a new user would: `npm pack`, install the tarball into an empty folder outside the
// project, then run the command there with npx. The installed copy runs the compiled JavaScript (Node refuses to strip
// types under node_modules) on the Node this test runs on (the pinned one); the user needs Node 22.12 or newer.
let scratch = '';
let app = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: this Node first on PATH, and none of the npm settings of the test's own run. */
function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  env.PATH = [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter).filter((part) => !part.includes('node_modules'))].join(delimiter);
  env.NO_COLOR = '1';
  return env;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const npx = (args: string[]) => run('npx', ['--no-install', 'mfa-playbook', ...args], app);

beforeAll(async () => {
  scratch = await scratchFolder('package');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }];
  app = join(scratch, 'my-org');
  await cp(join(ROOT, 'examples', 'evidence', 'northgate'), join(app, 'evidence'), { recursive: true });
  // --prefer-offline: the packages npm ci fetched for the project are in npm's cache already.
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', join(scratch, filename)], app);
  expect(installed.code, installed.stderr).toBe(0);
}, 1_800_000);

afterAll(async () => {
  if (scratch) await removeScratch(scratch);
});

describe('the installed package', () => {
  it('ships compiled JavaScript, the site sources and the schema, and no tests', async () => {
    const packageDir = join(app, 'node_modules', 'mfa-playbook');
    const top = (await readdir(packageDir)).filter((name) => !name.startsWith('.') && name !== 'node_modules').sort();
    expect(top).toEqual(['README.md', 'bin', 'lib', 'package.json', 'schema', 'src']);
    expect(await readdir(join(packageDir, 'lib', 'cli'))).toContain('main.js');
    expect(await readdir(join(packageDir, 'src', 'pages'))).toContain('[...path].astro');
  });

  it('init, check, build and status work in a folder outside the project', async () => {
    const init = await npx(['init']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const config = JSON.parse(await readFile(join(app, 'tenant.config.json'), 'utf8'));
    // The starter's $schema points into the installed package, where the schema is.
    expect(config.$schema).toBe('./node_modules/mfa-playbook/schema/tenant.config.schema.json');
    expect(JSON.parse(await readFile(join(app, config.$schema), 'utf8')).title).toBe('mfa-playbook tenant configuration');

    const check = await npx(['check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^tenant\.config\.json: ok — Example Organisation Ltd, start \d{4}-\d{2}-\d{2}, enforcement \d{4}-\d{2}-\d{2}/);

    const build = await npx(['build', '--quiet', '--out', 'site']);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(await readFile(join(app, 'site', 'admin', 'index.html'), 'utf8')).toContain('Example Organisation Ltd');
    expect(await readFile(join(app, 'site', 'staff', 'index.html'), 'utf8')).toContain('Example Organisation Ltd');
    const model = JSON.parse(await readFile(join(app, 'site', 'admin', 'playbook.json'), 'utf8'));
    expect(model.organisation.name).toBe('Example Organisation Ltd');
    // Nothing was written beside the user's files but the output (no .astro/, no staging folder).
    expect((await readdir(app)).sort()).toEqual(['evidence', 'node_modules', 'site', 'tenant.config.json']);

    const status = await npx(['status', '--config', 'tenant.config.json', '--evidence', 'evidence', '--today', model.schedule.enforcementDate]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`MFA rollout status for ${model.schedule.enforcementDate}`);
    expect(status.stdout).toMatch(/Registration:\n {2}\d+(\.\d)?% \(\d+\/\d+\)/);
  }, 1_800_000);
});
