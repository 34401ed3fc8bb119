import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../helpers/fingerprint.ts';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';
import { readPdf, type ReadPdf } from '../pdf/read.ts';
import type { Playbook } from '../../src/model/playbook.ts';

// Whole builds through the command: a 5,000-user tenant in waves (its forecast in the admin site and the plan
// PDF), and a tenant whose waves come to one, whose every output is byte for byte the plain example's.

const example = async () => JSON.parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as Record<string, any>;

describe('builds of tenants in waves', () => {
  let work: string;
  let playbook: Playbook;
  let adminPlan: string;
  let pdf: ReadPdf;

  beforeAll(async () => {
    work = await scratchFolder('waves');
    const large = await example();
    delete large.$schema;
    large.organisation.userCount = 5000;
    large.current.securityDefaults = false;
    large.waves = { mode: 'auto', helpdeskCallsPerDay: 60, expectedCallsPerUser: 0.3 };
    await writeFile(join(work, 'large.json'), JSON.stringify(large, null, 2));
    const run = await runCli(['build', '--config', join(work, 'large.json'), '--out', join(work, 'large'), '--today', EXAMPLE_TODAY, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    playbook = JSON.parse(await readFile(join(work, 'large/admin/playbook.json'), 'utf8'));
    adminPlan = await readFile(join(work, 'large/admin/index.html'), 'utf8');
    pdf = await readPdf(new Uint8Array(await readFile(join(work, 'large/admin/plan.pdf'))));
  });

  afterAll(async () => {
    await removeScratch(work);
  });

  it('the admin plan page shows every wave and every figure of the forecast table', () => {
    const plan = playbook.waves!;
    expect(adminPlan).toContain(`data-waves="${plan.waves.length}"`);
    for (const wave of plan.waves) expect(adminPlan).toMatch(new RegExp(`data-wave="${wave.number}" data-enforcement="${wave.enforcementDate}"`));
    const rows = [
      ...adminPlan.matchAll(
        /<tr data-date="(\d{4}-\d{2}-\d{2})" data-calls="(\d+)"[^>]*>\s*<th scope="row">[^<]*<\/th>\s*<td data-label="Expected calls">(\d+)<\/td>\s*<td data-label="Capacity">(\d+)<\/td>/g,
      ),
    ];
    expect(rows.map((row) => [row[1], Number(row[3]), Number(row[4])])).toEqual(plan.forecast!.days.map((day) => [day.date, Math.round(day.calls), 60]));
    expect(adminPlan).toContain(`data-days="${plan.forecast!.days.length}"`);
    expect(adminPlan).toContain('Every day stays at or under capacity.');
  });

  it("the plan PDF has the waves section, and its forecast table holds every day's figure in order", () => {
    const plan = playbook.waves!;
    expect(pdf.outline.map((item) => item.title)).toContain('Waves and helpdesk forecast');
    const start = pdf.text.indexOf('Helpdesk calls forecast');
    const section = pdf.text.slice(start, pdf.text.indexOf('Phases and tasks', start));
    expect(section).toContain(`capacity of 60`);
    // Each row: the short date, the whole calls and the capacity, in the table's order.
    let at = section.indexOf('Expected calls');
    for (const day of plan.forecast!.days) {
      const row = new RegExp(`\\b${Math.round(day.calls)}\\s+60\\b`, 'g');
      row.lastIndex = at;
      const found = row.exec(section);
      expect(found, `${day.date}: ${Math.round(day.calls)} calls`).not.toBeNull();
      at = found!.index + 1;
    }
    for (const wave of plan.waves) expect(pdf.text).toContain(wave.label);
  });

  it('a tenant whose waves come to one builds byte for byte the same outputs as without waves', async () => {
    const oneWave = await example();
    oneWave.waves = { mode: 'auto', helpdeskCallsPerDay: 500, expectedCallsPerUser: 0.3 };
    await writeFile(join(work, 'one-wave.json'), JSON.stringify(oneWave, null, 2));
    const runs = [
      await runCli(['build', '--config', EXAMPLE_CONFIG, '--out', join(work, 'plain'), '--today', EXAMPLE_TODAY, '--quiet']),
      await runCli(['build', '--config', join(work, 'one-wave.json'), '--out', join(work, 'one-wave'), '--today', EXAMPLE_TODAY]),
    ];
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(runs[1]!.stderr).toContain('the plan keeps one wave');
    const [plain, one] = [await fingerprint(join(work, 'plain')), await fingerprint(join(work, 'one-wave'))];
    expect([...one.keys()]).toEqual([...plain.keys()]);
    expect([...plain].filter(([file, hash]) => one.get(file) !== hash).map(([file]) => file)).toEqual([]);
    expect(plain.size).toBeGreaterThan(40);
  }, 600_000);
});
