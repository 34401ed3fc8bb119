import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { launchBrowser } from '../helpers/browser.ts';

// `npm run dev` is `astro dev` with the project's astro.config.mjs; MFA_PLAYBOOK_CONFIG points it at a copy
// of the example tenant so that the test can edit the file the way an admin would.
const work = join(ROOT, '.tmp', `dev-server-${process.pid}`);
const configFile = join(work, 'tenant.config.json');
// A port the system has just handed out as free, so parallel runs on one machine do not meet.
let port = 0;
let origin = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

/** The environment a person's shell would have: without the test runner's own variables (NODE_ENV=test, VITEST…). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|VITE_|NODE_ENV$|TEST$|MODE$)/.test(name)));
}

function startDevServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: ROOT,
      env: { ...cleanEnv(), MFA_PLAYBOOK_CONFIG: configFile, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`${port}`) && /ready|Local/i.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`astro dev exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`astro dev did not start: ${output}`)), 120_000).unref();
  });
}

describe('npm run dev', () => {
  let server: ChildProcess;
  let browser: Browser;

  beforeAll(async () => {
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    await mkdir(work, { recursive: true });
    await writeFile(configFile, await readFile(EXAMPLE_CONFIG, 'utf8'));
    server = await startDevServer();
    // Astro prints "ready" and then may still re-optimise dependencies and sync content: wait for a real page.
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const status = (await fetch(`${origin}/admin/index.html`).catch(() => undefined))?.status;
      if (status === 200) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    await rm(work, { recursive: true, force: true });
  });

  it('serves the three sites of the tenant file', async () => {
    for (const site of ['admin', 'helpdesk', 'staff']) {
      const response = await fetch(`${origin}/${site}/index.html`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Northgate Engineering Ltd');
    }
  });

  it('reloads an open page when the tenant file changes', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/staff/index.html`);
    await expect.poll(() => page.textContent('h1'), { timeout: 60_000 }).toContain('Northgate Engineering Ltd');
    const edited = (await readFile(configFile, 'utf8')).replace('"name": "Northgate Engineering Ltd"', '"name": "Northgate Renamed Ltd"');
    await writeFile(configFile, edited);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Northgate Renamed Ltd'), undefined, { timeout: 60_000 });
    expect(await page.textContent('h1')).toContain('Northgate Renamed Ltd');
    await page.close();
  });
});
