import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { rankByRisk, tenantStanding } from '../../src/model/portfolio.ts';
import { renderPortfolioFiles } from '../../src/build/portfolio-files.ts';
import { loadPdfFonts, type PdfFonts } from '../../src/pdf/index.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { rawContent, readPdf, type ReadPdf } from '../pdf/read.ts';

// Three tenants judged on 3 February 2027, the week of the example's enforcement (8 February):
// - Northgate (the example) with its exports: 88% registered on 22 January against a 95% target, 5 days out;
// - a tenant whose name starts with "=" (a spreadsheet formula) and whose service-account exception lapsed on 31 January;
// - Harbour & Vale, starting on 1 March: not started, nothing late.
const TODAY = '2027-02-03';
type Json = Record<string, any>;

function configText(change: (config: Json) => void): string {
  const config = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  delete config.$schema;
  change(config);
  return JSON.stringify(config, null, 2);
}

function playbookOf(text: string, file: string): Playbook {
  const { config } = parseConfig(text, file, { today: TODAY });
  return buildPlaybook(config, { today: TODAY, generatorVersion: 'portfolio-test' });
}

let fonts: PdfFonts;
let playbooks: Playbook[];
let files: Map<string, Uint8Array | string>;
let portfolio: ReadPdf;

beforeAll(async () => {
  fonts = await loadPdfFonts();
  const northgatePlan = playbookOf(
    configText(() => undefined),
    'a-northgate.json',
  );
  const evidence = await readEvidence(join(ROOT, 'examples/evidence/northgate'), evidenceContextFromPlaybook(northgatePlan, TODAY));
  const { config } = parseConfig(
    configText(() => undefined),
    'a-northgate.json',
    { today: TODAY },
  );
  const northgate = buildPlaybook(config, { today: TODAY, generatorVersion: 'portfolio-test', evidence });
  const kestrel = playbookOf(
    configText((c) => {
      c.organisation = { ...c.organisation, name: '=Kestrel Logistics "Ltd"', shortName: 'KL', domain: 'kestrel.example', tenantDomain: 'kestrel.onmicrosoft.com' };
      c.exceptions = [{ account: 'printer@kestrel.example', kind: 'service-account', plan: 'Move the printer to the relay.', owner: 'Sam Quayle', expiry: '2027-01-31' }];
    }),
    'b-kestrel.json',
  );
  const harbour = playbookOf(
    configText((c) => {
      c.organisation = {
        ...c.organisation,
        name: 'Harbour & Vale Surveyors',
        shortName: 'HVS',
        domain: 'harbourvale.example',
        tenantDomain: 'harbourvale.onmicrosoft.com',
        userCount: 80,
      };
      c.startDate = '2027-03-01';
      c.exceptions = [];
    }),
    'c-harbour.json',
  );
  playbooks = [northgate, kestrel, harbour];
  const tenants = [
    ...playbooks.map((playbook) => ({ ok: true as const, playbook })),
    { ok: false as const, file: 'd-broken.json', problems: ['error: d-broken.json:9:14 licence: expected one of free, P1, P2, found "E5"'] },
  ];
  files = new Map((await renderPortfolioFiles(tenants, TODAY, fonts)).map((file) => [file.path, file.bytes]));
  portfolio = await readPdf(files.get('portfolio.pdf') as Uint8Array);
});

describe('risk ranking (model)', () => {
  it('ranks what is late and a shortfall near enforcement high, a tenant not started low, and says why', () => {
    const ranked = rankByRisk(playbooks.map((playbook) => tenantStanding(playbook, TODAY)));
    expect(ranked.map((tenant) => [tenant.name, tenant.risk.level])).toEqual([
      [expect.any(String), 'high'],
      [expect.any(String), 'high'],
      ['Harbour & Vale Surveyors', 'low'],
    ]);
    const northgate = ranked.find((tenant) => tenant.slug === 'northgate-engineering-ltd')!;
    expect(northgate.rate).toEqual({ value: 88, date: '2027-01-22' });
    expect(northgate.shortfall).toBe(7);
    expect(northgate.risk.reasons).toContain('registration 7.0 points below target with enforcement in 5 days');
    const kestrel = ranked.find((tenant) => tenant.name.startsWith('=Kestrel'))!;
    expect(kestrel.expired.map((entry) => entry.item)).toEqual(['Exception printer@kestrel.example (service account)']);
    expect(kestrel.risk.reasons).toContain('1 expired exemption or exception');
    expect(kestrel.risk.reasons).toContain('registration not measured (no exports read)');
    expect(ranked[2]!.phase).toBe('Not started (starts Mon, 1 Mar 2027)');
    expect(ranked[2]!.risk.reasons).toEqual([]);
  });
});

describe('portfolio.csv for three tenants', () => {
  it('reads back with csv-parse: one row per tenant in risk order, the figures of the model, the formula defused', () => {
    const rows = parse(files.get('portfolio.csv') as string) as string[][];
    const ranked = rankByRisk(playbooks.map((playbook) => tenantStanding(playbook, TODAY)));
    expect(rows[0]).toEqual([
      'rank',
      'organisation',
      'risk',
      'why',
      'phase',
      'registration rate',
      'measured on',
      'target',
      'next milestone',
      'next milestone date',
      'enforcement',
      'days to enforcement',
      'overdue items',
      'open exemptions and exceptions',
      'reviews due',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((row) => row[1])).toEqual(ranked.map((tenant) => (tenant.name.startsWith('=') ? `'${tenant.name}` : tenant.name)));
    const northgate = rows.find((row) => row[1] === 'Northgate Engineering Ltd')!;
    expect(northgate.slice(4, 12)).toEqual(['Pilot', '88.0', '2027-01-22', '95', 'Go / no-go decision', '2027-02-05', '2027-02-08', '5']);
    expect(northgate[13]).toBe('4'); // the example's four exceptions, all in force
    const kestrel = rows.find((row) => row[1] === `'=Kestrel Logistics "Ltd"`)!;
    expect(kestrel[2]).toBe('High');
    expect(Number(kestrel[12])).toBeGreaterThanOrEqual(1);
    expect(kestrel[13]).toBe('0');
    expect(rows[3]!.slice(0, 5)).toEqual(['3', 'Harbour & Vale Surveyors', 'Low', '', 'Not started (starts Mon, 1 Mar 2027)']);
    expect(rows[3]![12]).toBe('0');
  });
});

describe('portfolio.pdf for three tenants', () => {
  it('reads back with pdf.js: the ranked summary on page 1, then one page per tenant in the same order', () => {
    const ranked = rankByRisk(playbooks.map((playbook) => tenantStanding(playbook, TODAY)));
    expect(portfolio.pageCount).toBe(4);
    const summary = portfolio.pages[0]!.replace(/\s+/g, ' ');
    expect(summary).toContain('MFA rollout portfolio');
    expect(summary).toContain('Wednesday, 3 February 2027: 3 tenants built, 1 not built.');
    const positions = ranked.map((tenant) => summary.indexOf(tenant.name.slice(0, 20)));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(summary).toContain('Northgate Engineering Ltd High Pilot 88.0% of 95% target, 7.0 points below Go / no-go decision, Fri, 5 Feb 2027 (in 2 days)');
    expect(summary).toContain('d-broken.json');
    ranked.forEach((tenant, index) => {
      const page = portfolio.pages[index + 1]!.replace(/\s+/g, ' ');
      expect(page, tenant.name).toContain(tenant.name);
      expect(page).toContain(`Risk: ${tenant.risk.level === 'high' ? 'High' : 'Low'}`);
    });
    const kestrelPage = portfolio.pages[1 + ranked.findIndex((tenant) => tenant.name.startsWith('=Kestrel'))]!.replace(/\s+/g, ' ');
    expect(kestrelPage).toContain('Exception printer@kestrel.example (service account), owner Sam Quayle: expired 3 days ago');
    const harbourPage = portfolio.pages[3]!.replace(/\s+/g, ' ');
    expect(harbourPage).toContain('Phase Not started (starts Mon, 1 Mar 2027)');
    expect(harbourPage).toContain('Nothing is late.');
    expect(portfolio.outline.map((entry) => entry.title)).toEqual(['Ranked by risk', ...ranked.map((tenant) => tenant.name)]);
  });

  it('is tagged, labelled for the provider and dated by the plan date, never the clock', () => {
    const raw = rawContent(files.get('portfolio.pdf') as Uint8Array);
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (en-GB)');
    expect(portfolio.text).toContain('Confidential — service provider');
    expect(String(portfolio.info.CreationDate)).toContain('20270203');
  });

  it('is byte-identical from one run to the next', async () => {
    const render = async () =>
      new Map(
        (
          await renderPortfolioFiles(
            playbooks.map((playbook) => ({ ok: true as const, playbook })),
            TODAY,
            fonts,
          )
        ).map((file) => [file.path, file.bytes]),
      );
    const again = await render();
    const first = await render();
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(Buffer.from(again.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
  });
});

describe('client summaries', () => {
  it('one to two pages per tenant with its phase, key dates and what is late, in the tenant folder name under clients/', async () => {
    expect([...files.keys()].filter((path) => path.startsWith('clients/')).sort()).toEqual(playbooks.map((playbook) => `clients/${playbook.organisation.slug}-summary.pdf`).sort());
    for (const playbook of playbooks) {
      const summary = await readPdf(files.get(`clients/${playbook.organisation.slug}-summary.pdf`) as Uint8Array);
      expect(summary.pageCount, playbook.organisation.name).toBeGreaterThanOrEqual(1);
      expect(summary.pageCount, playbook.organisation.name).toBeLessThanOrEqual(2);
      const text = summary.text.replace(/\s+/g, ' ');
      expect(text).toContain(playbook.organisation.name);
      expect(text).toContain('Key dates');
      expect(text).toContain(tenantStanding(playbook, TODAY).phase);
    }
    const northgate = (await readPdf(files.get('clients/northgate-engineering-ltd-summary.pdf') as Uint8Array)).text.replace(/\s+/g, ' ');
    expect(northgate).toContain('Monday, 8 February 2027 at 08:00 (in 5 days)');
    expect(northgate).toContain('88.0% of 95% target, 7.0 points below, measured');
  });
});
