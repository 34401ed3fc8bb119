import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/example.ts';

// The README's "your own tenant" steps, in the order and folder it gives them.
const work = join(ROOT, '.tmp', `own-tenant-${process.pid}`, 'my-org');

describe('the README flow for your own tenant', () => {
  afterAll(async () => {
    await rm(join(work, '..'), { recursive: true, force: true });
  });

  it('init, check and build work in a new folder with the defaults', async () => {
    await mkdir(work, { recursive: true });
    const init = await runCli(['init'], { cwd: work });
    expect(init.code).toBe(0);
    const config = JSON.parse(await readFile(join(work, 'tenant.config.json'), 'utf8'));
    expect(config.$schema).toBe('../../../schema/tenant.config.schema.json');
    // The $schema path resolves to the committed schema from where the file is.
    expect(JSON.parse(await readFile(join(work, config.$schema), 'utf8')).title).toBe('mfa-playbook tenant configuration');

    const check = await runCli(['check'], { cwd: work });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^tenant\.config\.json: ok — Example Organisation Ltd, start \d{4}-\d{2}-\d{2}, enforcement \d{4}-\d{2}-\d{2}/);

    const build = await runCli(['build', '--quiet'], { cwd: work });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const page = await readFile(join(work, 'dist/admin/index.html'), 'utf8');
    expect(page).toContain('Example Organisation Ltd');
    const model = JSON.parse(await readFile(join(work, 'dist/admin/playbook.json'), 'utf8'));
    expect(page).toContain(model.schedule.enforcementDate.slice(0, 4));
  }, 600_000); // init, check and a whole build: generous on a busy 2-core machine
});
