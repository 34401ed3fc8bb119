import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../helpers/fingerprint.ts';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { EXAMPLE_TODAY, ROOT } from '../helpers/example.ts';
import { listFiles } from '../../src/site/build-sites.ts';

const work = join(ROOT, '.tmp', `determinism-${process.pid}`);

describe('the example build', () => {
  const first = join(work, 'first');
  const second = join(work, 'second');
  let runs: CliRun[];

  beforeAll(async () => {
    // Two builds at different wall-clock times (and time zones of the machine): same input, same bytes.
    runs = [
      await runCli(['build', '--out', first, '--today', EXAMPLE_TODAY], { env: { TZ: 'UTC' } }),
      await runCli(['build', '--out', second, '--today', EXAMPLE_TODAY], { env: { TZ: 'Pacific/Auckland' } }),
    ];
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('succeeds and reports its steps on stderr', () => {
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/✓ model \(1 tenant\)\s+\d+ ms/);
      expect(run.stderr).toMatch(/✓ sites\s+\d+ ms/);
      expect(run.stderr).not.toMatch(/\u001b\[/); // NO_COLOR and not a terminal: no colour codes
    }
  });

  it('gives byte-identical output for the same input', async () => {
    const [a, b] = [await fingerprint(first), await fingerprint(second)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
    expect(differing).toEqual([]);
    expect(a.size).toBeGreaterThan(40);
  });

  it('writes the model with the contract milestone ids and dates', async () => {
    const playbook = JSON.parse(await readFile(join(first, 'admin/playbook.json'), 'utf8'));
    const milestones = Object.fromEntries(Object.entries(playbook.schedule.milestones as Record<string, { date: string }>).map(([id, m]) => [id, m.date]));
    expect(milestones).toMatchObject({
      announcement: '2027-01-13',
      'reminder-check': '2027-01-22',
      'individual-contact': '2027-01-26',
      'pilot-start': '2027-02-02',
      enforcement: '2027-02-08',
      'watch-end': '2027-02-10',
      'log-review': '2027-02-11',
      'validation-signoff': '2027-02-11',
    });
    expect(playbook.meta.asOf).toBe(EXAMPLE_TODAY);
  });

  it('leaves no staging folder behind', async () => {
    const entries = await listFiles(work);
    expect(entries.filter((entry) => entry.includes('staging'))).toEqual([]);
  });

  it('--quiet prints nothing on success', async () => {
    const run = await runCli(['build', '--out', join(work, 'quiet'), '--today', EXAMPLE_TODAY, '--quiet']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  }, 600_000); // a whole build: generous on a busy 2-core machine
});
