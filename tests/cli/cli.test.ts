import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_TODAY, ROOT } from '../helpers/example.ts';

describe('mfa-playbook command', () => {
  it('--version prints the package version', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8'));
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('--help lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['init', 'check', 'build', 'status', 'schema']) expect(run.stdout).toContain(command);
  });

  it('build --help lists its options', async () => {
    const run = await runCli(['build', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--config', '--out', '--start', '--today', '--evidence', '--quiet']) expect(run.stdout).toContain(option);
  });

  it('an unknown command exits non-zero and names the commands', async () => {
    const run = await runCli(['deploy']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "deploy"');
  });

  it('check accepts the example tenant and prints its enforcement date', async () => {
    const run = await runCli(['check', '--today', EXAMPLE_TODAY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Northgate Engineering Ltd, start 2027-01-11, enforcement 2027-02-08');
  });

  it('check warns, without failing, when the start date is in the past', async () => {
    const run = await runCli(['check', '--today', '2027-03-01']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: tenant.config.json:11:16 startDate: the start date 2027-01-11 is in the past (today is 2027-03-01)');
  });

  it('check warns when a time-sensitive fact was last checked more than 180 days before the plan date', async () => {
    const fresh = await runCli(['check', '--today', '2027-05-22']); // 180 days after the facts were checked
    expect(fresh.stderr).not.toContain('was last checked');
    const stale = await runCli(['check', '--today', '2027-05-23']);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(
      /^warning: tenant\.config\.json facts\.sms-voice-retirement: Fact "sms-voice-retirement" was last checked on 2026-11-23, 181 days before the plan date \(more than 180\)\. Re-read https:\/\/learn\.microsoft\.com\/\S+ and update it in src\/content\/facts\.json\.$/m,
    );
  });

  it("check warns about dated facts near the plan's dates, with what they mean for it", async () => {
    const run = await runCli(['check', '--today', EXAMPLE_TODAY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: tenant.config.json facts.smtp-auth-basic-default-off: Basic authentication for SMTP AUTH is disabled by default for existing tenants from the end of December 2026',
    );
    expect(run.stderr).toContain('For this plan: the end of December 2026 comes before the start on Monday, 11 January 2027.');
  });

  it('init writes a starter file that passes check, and refuses to overwrite it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-init-'));
    const file = join(dir, 'tenant.config.json');
    const first = await runCli(['init', '--out', file]);
    expect(first.code).toBe(0);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.$schema).toMatch(/schema\/tenant\.config\.schema\.json$/);
    const check = await runCli(['check', '--config', file]);
    // The only warnings a fresh starter file may get are about the plan's dates next to dated facts
    // (what Microsoft changes near the plan), never about the file itself.
    expect(check.stderr.split('\n').filter((line) => line !== '' && !/ (facts|schedule\.tasks)\.[\w.-]+: /.test(line))).toEqual([]);
    expect(check.code).toBe(0);
    const again = await runCli(['init', '--out', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; pass --force to overwrite it');
  });
});
