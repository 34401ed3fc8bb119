import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, ROOT } from '../helpers/example.ts';
import { listFiles } from '../../src/site/build-sites.ts';

// Builds go under the project's git-ignored .tmp/: Astro keeps temporary files beside the project, and a
// unique folder per test file keeps parallel test files apart.
const work = join(ROOT, '.tmp', `multi-tenant-${process.pid}`);

describe('three tenant files in one run, one of them invalid', () => {
  let run: CliRun;
  const out = join(work, 'out');

  beforeAll(async () => {
    const tenants = join(work, 'tenants');
    await mkdir(tenants, { recursive: true });
    const example = JSON.parse(await readFile(EXAMPLE_CONFIG, 'utf8'));
    delete example.$schema;
    await writeFile(join(tenants, 'a-northgate.json'), JSON.stringify(example, null, 2));
    const second = structuredClone(example);
    second.organisation = {
      ...second.organisation,
      name: 'Harbour & Vale Surveyors',
      shortName: 'HVS',
      domain: 'harbourvale.example',
      tenantDomain: 'harbourvale.onmicrosoft.com',
      userCount: 80,
    };
    second.breakGlass.accounts = ['svc-emergency-alpha@harbourvale.onmicrosoft.com', 'svc-emergency-bravo@harbourvale.onmicrosoft.com'];
    second.startDate = '2027-03-01';
    second.holidays = { country: 'IE', extraClosedDays: [] };
    second.timeZone = 'Europe/Dublin';
    second.locale = 'en-IE';
    await writeFile(join(tenants, 'b-harbour.json'), JSON.stringify(second, null, 2));
    const broken = structuredClone(second);
    broken.organisation.name = 'Broken Tenant Ltd';
    broken.licence = 'E5';
    await writeFile(join(tenants, 'c-broken.json'), JSON.stringify(broken, null, 2));
    // Evidence for one tenant only, in its slug's folder: the other simply has none.
    const evidence = join(work, 'evidence');
    await cp(join(ROOT, 'examples/evidence/northgate'), join(evidence, 'northgate-engineering-ltd'), { recursive: true });
    run = await runCli(['build', '--config', tenants, '--out', out, '--today', '2027-01-25', '--evidence', evidence]);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('exits non-zero and names the invalid tenant and why', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*c-broken\.json:\d+:\d+ licence: expected one of free, P1, P2, found "E5"$/m);
    expect(run.stderr).toContain('1 tenant failed (see above)');
    expect(run.stderr).toContain('built 2 tenants into');
  });

  it('writes two complete outputs, each with its three sites and documents', async () => {
    const files = await listFiles(out);
    for (const slug of ['northgate-engineering-ltd', 'harbour-and-vale-surveyors']) {
      for (const path of [
        'admin/index.html',
        'admin/plan.pdf',
        'admin/checklists.pdf',
        'admin/playbook.json',
        'admin/calendar.ics',
        'helpdesk/index.html',
        'helpdesk/runbook.pdf',
        'staff/index.html',
        'staff/mfa-guide.pdf',
        'staff/calendar.ics',
      ]) {
        expect(files).toContain(`${slug}/${path}`);
      }
    }
    expect(files.some((file) => file.startsWith('broken-tenant-ltd/'))).toBe(false);
    const harbour = JSON.parse(await readFile(join(out, 'harbour-and-vale-surveyors/admin/playbook.json'), 'utf8'));
    expect(harbour.organisation.name).toBe('Harbour & Vale Surveyors');
    expect(harbour.evidence).toBeNull();
    expect(files).toContain('northgate-engineering-ltd/admin/tracking/index.html');
    expect(files).not.toContain('harbour-and-vale-surveyors/admin/tracking/index.html');
    expect(harbour.timeZone).toBe('Europe/Dublin');
  });

  it('writes a portfolio page listing the two built tenants with their phase, next milestone and enforcement date', async () => {
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<a href="./northgate-engineering-ltd/admin/index.html">Northgate Engineering Ltd</a>');
    expect(html).toContain('<a href="./harbour-and-vale-surveyors/admin/index.html">Harbour &amp; Vale Surveyors</a>');
    expect(html).toContain('<time datetime="2027-02-08">2027-02-08</time>'); // Northgate enforcement
    expect(html).toContain('<td>Register</td>'); // Northgate on 25 January 2027
    expect(html).toContain('Not started (starts Mon 1 Mar 2027)'); // Harbour & Vale writes en-IE: no comma after the weekday
    expect(html).toContain('Individual contact <time datetime="2027-01-26">');
    // The registration rate from the tenant's own evidence folder; none for the tenant without one.
    expect(html).toContain('<td>88.0% (2027-01-22)</td>');
    expect(html.match(/<td>—<\/td>/g)?.length).toBe(1);
    expect(html.match(/<tr>/g)?.length).toBe(3); // header row + two tenants
    expect(html).toContain('c-broken.json');
    expect(html).toContain('2 built, 1 not built');
  });

  it('writes the portfolio report, its spreadsheet and a client summary per built tenant beside the tenant folders, linked from the page', async () => {
    const files = await listFiles(out);
    for (const path of ['portfolio.pdf', 'portfolio.csv', 'clients/northgate-engineering-ltd-summary.pdf', 'clients/harbour-and-vale-surveyors-summary.pdf'])
      expect(files).toContain(path);
    expect(files.some((file) => file.startsWith('clients/broken'))).toBe(false);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<a href="./portfolio.pdf">');
    expect(html).toContain('<a href="./clients/harbour-and-vale-surveyors-summary.pdf">');
    const csv = await readFile(join(out, 'portfolio.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});
