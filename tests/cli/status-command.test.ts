import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The `status` command as an admin runs it: a child process, its exit code (3 when checks are overdue), its
// terminal text and --json. What it works out is tested in-process in tests/cli/status.test.ts and
// tests/evidence/report.test.ts.
const root = fileURLToPath(new URL('../../', import.meta.url));
const node = fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));
const EVIDENCE = 'examples/evidence/northgate';

describe('status command', () => {
  const run = (...args: string[]) => spawnSync(node, ['bin/mfa-playbook.mjs', 'status', '--config', 'tenant.config.json', ...args], { cwd: root, encoding: 'utf8' });

  it('runs without --evidence on day 1 and exits 3 because checks of the phase under way are overdue', () => {
    const r = run('--today', '2027-01-11');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('Overdue:\n  - Check checklist-prepare/');
  });

  it('exits 0 with nothing overdue, and --json carries the plan status and the evidence report', () => {
    const r = run('--today', '2027-02-12', '--evidence', EVIDENCE, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { plan: { overdue: unknown[]; smsVoiceOnly: { total: number } }; evidence: { registration: { smsVoiceOnly: unknown[] } } };
    expect(json.plan.overdue).toEqual([]);
    expect(json.plan.smsVoiceOnly.total).toBe(json.evidence.registration.smsVoiceOnly.length);
  });
});

describe('status command with the test fixtures', () => {
  it('prints the terminal report for the example tenant and the fixture evidence', () => {
    const r = spawnSync(node, ['bin/mfa-playbook.mjs', 'status', '--config', 'tenant.config.json', '--evidence', 'tests/fixtures/evidence', '--today', '2027-01-20'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    // 3: checks of the register phase due on 13 and 15 January are past their date (see tests/cli/status.test.ts).
    expect(r.status).toBe(3);
    expect(r.stdout.split('\n')[0]).toBe('MFA rollout status for 2027-01-20 (Europe/London) - admin only');
    expect(r.stdout).toContain('[FAIL] registration-complete: Registration is 90%: 1 active account is not ready; 2 rely on SMS or voice only.');
    expect(r.stdout).toContain('signins/ApplicationSignIns_2026-03-20_2026-03-26.csv: This is an application (service principal) sign-ins export');
  });

  it('refuses a missing evidence folder and a bad date with a one-line error', () => {
    const run = (...args: string[]) => spawnSync(node, ['bin/mfa-playbook.mjs', 'status', '--config', 'tenant.config.json', ...args], { cwd: root, encoding: 'utf8' });
    const missing = run('--evidence', 'no-such-folder', '--today', '2027-01-20');
    expect([missing.status, missing.stderr]).toEqual([1, 'error: --evidence no-such-folder: not a folder (expected one with registration/ and signins/ inside)\n']);
    const badDate = run('--evidence', 'tests/fixtures/evidence', '--today', '2027-13-20');
    expect([badDate.status, badDate.stderr]).toEqual([1, 'error: --today: expected a date written YYYY-MM-DD, found "2027-13-20"\n']);
  });
});
