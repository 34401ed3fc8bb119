/**
 * The engine's grouped count of a portal sign-in CSV against the row-by-row reader, which stays
 * the reference: the same file gives the same summary, field for field, whichever way it is read.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInAccumulator } from '../../src/evidence/analysis/signins.ts';
import type { SignInAccumulator } from '../../src/evidence/analysis/signins.ts';
import type { EvidenceContext } from '../../src/model/evidence-context.ts';
import { openEvidenceEngine } from '../../src/evidence/engine/database.ts';
import type { EvidenceEngine } from '../../src/evidence/engine/database.ts';
import { countSignInCsvByGroups, readSignInFile } from '../../src/evidence/signins/read.ts';
import { evidenceWindows } from '../../src/model/evidence-windows.ts';
import { requestIdHash, splitRequestIdHash } from '../../src/evidence/analysis/request-ids.ts';
import { BG1, context, SIGNINS, tempDir } from './helpers.ts';

let engine: EvidenceEngine;
beforeAll(async () => {
  engine = await openEvidenceEngine();
});
afterAll(async () => {
  await engine.close();
});

async function byGroups(path: string, ctx: EvidenceContext, acc = createSignInAccumulator(ctx), moreFilesFollow = true) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const result = await countSignInCsvByGroups(path, name, { acc, windows: evidenceWindows(ctx), breakGlassAccounts: ctx.breakGlassAccounts, moreFilesFollow }, engine);
  return { result, acc };
}

async function byRows(path: string, ctx: EvidenceContext, acc: SignInAccumulator = createSignInAccumulator(ctx)) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  let repeated = 0;
  const result = await readSignInFile(
    path,
    name,
    (s, group) => {
      if (!acc.add(s, group)) repeated += 1;
    },
    null,
    null,
    engine,
  );
  return { result, acc, repeated };
}

/** The 2026-01 portal header (57 columns, the duplicated `Incoming token type`), from the fixture. */
async function portalHeader(): Promise<string[]> {
  const text = await readFile(join(SIGNINS, 'InteractiveSignIns_2026-03-20_2026-03-26.csv'), 'utf8');
  return (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] as string).split(',');
}

type PortalRow = Partial<
  Record<
    | 'Date (UTC)'
    | 'Request ID'
    | 'Username'
    | 'Sign-in error code'
    | 'Client app'
    | 'Device ID'
    | 'Browser'
    | 'Operating System'
    | 'User agent'
    | 'IP address'
    | 'Authentication requirement'
    | 'Conditional Access'
    | 'Multifactor authentication auth method'
    | 'Status',
    string
  >
>;

async function portalCsv(dir: string, name: string, rows: PortalRow[]): Promise<string> {
  const header = await portalHeader();
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = rows.map((row) => header.map((h) => quote((row as Record<string, string>)[h] ?? '')).join(','));
  const path = join(dir, name);
  await writeFile(path, `\uFEFF${header.join(',')}\r\n${lines.join('\r\n')}\r\n`);
  return path;
}

/** Rows touching every part of the analysis: legacy apps with and without a device label, break-glass, failures and uncovered sign-ins around enforcement (24 March, London). */
function variedRows(): PortalRow[] {
  const rows: PortalRow[] = [];
  const users = ['alice', 'bob', 'carol', 'dave'].map((u) => `${u}@northgate-engineering.example`);
  const apps = ['Browser', 'Exchange ActiveSync', 'IMAP4', 'Authenticated SMTP', 'Mobile Apps and Desktop clients', 'AutoDiscover', 'Autodiscover', ''];
  const codes = ['0', '0', '50126', '53003', '50074', '0', '500121'];
  const days = [
    '2026-03-10T08:00:00Z',
    '2026-03-23T23:59:59Z',
    '2026-03-24T00:00:00Z',
    '2026-03-24T09:30:00.250Z',
    '2026-03-26T12:00:00Z',
    '2026-03-27T00:00:00Z',
    '2026-03-28T10:00:00Z',
  ];
  let id = 0;
  for (const day of days) {
    for (const [u, upn] of users.entries()) {
      for (const [a, app] of apps.entries()) {
        id += 1;
        const code = codes[(u + a + id) % codes.length] as string;
        rows.push({
          'Date (UTC)': day,
          'Request ID': `req-${id}`,
          Username: u === 2 ? upn.toUpperCase() : upn,
          'Sign-in error code': code,
          'Client app': app,
          Browser: a % 3 === 0 ? '' : 'Edge 120.0',
          'Operating System': a % 3 === 0 ? '' : 'Windows 10',
          'Device ID': a % 2 === 0 ? `dev-${u}` : '',
          'User agent': 'Mozilla/5.0, "quoted"',
          'IP address': `203.0.113.${u}`,
          'Authentication requirement': id % 3 === 0 ? 'Single-factor authentication' : 'Multifactor authentication',
          'Conditional Access': id % 4 === 0 ? 'Not Applied' : 'Success',
          Status: code === '0' ? 'Success' : 'Failure',
        });
      }
    }
    id += 1;
    rows.push({
      'Date (UTC)': day,
      'Request ID': `bg-${id}`,
      Username: BG1,
      'Sign-in error code': id % 2 === 0 ? '0' : '53003',
      'Client app': 'Browser',
      'Multifactor authentication auth method': 'FIDO2 security key',
      'Conditional Access': 'Not Applied',
      'Authentication requirement': 'Single-factor authentication',
    });
  }
  return rows;
}

describe("the engine's grouped count of a portal CSV", () => {
  it('gives the summary the row-by-row reader gives, for the portal fixtures it can count', async () => {
    const ctx = context({ goNoGo: { policyName: 'CA002 - Require MFA - All users', decisionDate: '2026-03-20', maxWouldBlockRate: 10 } });
    const counted: string[] = [];
    for (const name of [
      'InteractiveSignIns_2026-03-20_2026-03-26.csv',
      'NonInteractiveSignIns_2026-03-20_2026-03-26.csv',
      'InicioSesionInteractivo_es.csv',
      'InteractiveSignIns_2024-05-01_2024-05-02.csv',
      'hostile-values.csv',
      'malformed-rows.csv',
    ]) {
      const path = join(SIGNINS, name);
      const grouped = await byGroups(path, ctx);
      if (grouped.result === null) continue;
      counted.push(name);
      const rows = await byRows(path, ctx);
      expect(grouped.result.rows, name).toBe(rows.result.rows);
      expect(grouped.result.kind, name).toBe(rows.result.kind);
      expect(grouped.acc.result(), name).toEqual(rows.acc.result());
    }
    expect(counted).toContain('InteractiveSignIns_2026-03-20_2026-03-26.csv');
    expect(counted).not.toContain('malformed-rows.csv');
  });

  it('gives the same summary on constructed rows that reach every part: legacy devices, the windows, break-glass, failures and uncovered sign-ins', async () => {
    const dir = await tempDir();
    const path = await portalCsv(dir, 'InteractiveSignIns_varied.csv', variedRows());
    for (const [ctx, moreFilesFollow] of [
      [context(), true],
      [context({ enforcementTime: '09:30' }), false],
      [context({ breakGlassAccounts: [] }), true],
    ] as const) {
      const grouped = await byGroups(path, ctx, undefined, moreFilesFollow);
      expect(grouped.result).not.toBeNull();
      const rows = await byRows(path, ctx);
      expect(grouped.result?.rows).toBe(rows.result.rows);
      const summary = grouped.acc.result();
      expect(summary).toEqual(rows.acc.result());
      // The constructed data does reach each part, so the comparison is not between empty summaries.
      expect(summary.legacy.length).toBeGreaterThan(3);
      expect(summary.failureClusters.length).toBeGreaterThan(2);
      expect(summary.validationWindow.total).toBeGreaterThan(0);
      if (ctx.breakGlassAccounts.length > 0) expect(summary.breakGlass[0]?.signIns).toBe(7);
    }
    const gaps = (await byGroups(path, context())).acc.result().gapsFirst72h;
    expect(gaps.signIns).toBeGreaterThan(0);
  });

  it('counts groups that span a window boundary as the rows would: legacy sign-ins before and after the validation window, break-glass sign-ins without request IDs on both sides of enforcement', async () => {
    const dir = await tempDir();
    const legacyUser = 'erin@northgate-engineering.example';
    const rows: PortalRow[] = [];
    for (const [i, day] of ['2026-03-10T08:00:00Z', '2026-03-25T08:00:00Z', '2026-03-28T08:00:00Z', '2026-04-02T08:00:00Z'].entries()) {
      // The same legacy client and device every day, a success and (every other day) a failure: only the day tells the validation window's sign-ins apart.
      rows.push({
        'Date (UTC)': day,
        'Request ID': `legacy-${i}`,
        Username: legacyUser,
        'Sign-in error code': i % 2 === 0 ? '0' : '50126',
        'Client app': 'IMAP4',
        Browser: 'Edge 120.0',
      });
      rows.push({ 'Date (UTC)': day, 'Request ID': `legacy-ok-${i}`, Username: legacyUser, 'Sign-in error code': '0', 'Client app': 'IMAP4', Browser: 'Edge 120.0' });
      // A break-glass account's failures with no request ID, alike but for the day, before and after enforcement.
      rows.push({ 'Date (UTC)': day, Username: BG1, 'Sign-in error code': '53003', 'Client app': 'Browser', 'Conditional Access': 'Failure' });
    }
    const path = await portalCsv(dir, 'InteractiveSignIns_spanning.csv', rows);
    const ctx = context();
    const grouped = await byGroups(path, ctx);
    expect(grouped.result).not.toBeNull();
    const summary = grouped.acc.result();
    expect(summary).toEqual((await byRows(path, ctx)).acc.result());
    // What the two reads agree on: one legacy pair in the window of each outcome, and the break-glass failures seen from enforcement on only.
    expect(summary.legacyInWindow).toMatchObject({ successful: 1, failed: 1 });
    expect(summary.legacyInWindow.pairs).toEqual([`IMAP4: ${legacyUser}`, `IMAP4: ${legacyUser} (blocked or failed)`]);
    expect(summary.breakGlass[0]).toMatchObject({ signIns: 4, successful: 0, lastSignInUtc: '2026-04-02T08:00:00.000Z' });
    const blocked = summary.failureClusters.find((c) => c.errorCode === 53003);
    expect(blocked).toMatchObject({ signIns: 3, userCount: 1, firstSeenUtc: '2026-03-25T08:00:00.000Z' });
  });

  it('counts request IDs it has seen in the shared table, so a later copy of the same sign-ins is found', async () => {
    const dir = await tempDir();
    const path = await portalCsv(dir, 'InteractiveSignIns_varied.csv', variedRows());
    const ctx = context();
    const grouped = await byGroups(path, ctx);
    expect(grouped.result).not.toBeNull();
    // The same file again into the same accumulator: the engine declines it, the row reader counts every sign-in as repeated.
    expect((await byGroups(path, ctx, grouped.acc)).result).toBeNull();
    const again = await byRows(path, ctx, grouped.acc);
    expect(again.repeated).toBe(again.result.rows);
    expect(grouped.acc.result().total).toBe(grouped.result?.rows);
  });

  it('leaves to the row-by-row reader a file with a request ID twice, an unreadable date, a code that is not a number or a row without a user, and counts nothing of it', async () => {
    const dir = await tempDir();
    const good: PortalRow = {
      'Date (UTC)': '2026-03-24T10:00:00Z',
      'Request ID': 'r-1',
      Username: 'alice@northgate-engineering.example',
      'Sign-in error code': '0',
      'Client app': 'Browser',
    };
    const cases: [string, PortalRow][] = [
      ['repeated', { ...good }],
      ['date', { ...good, 'Request ID': 'r-2', 'Date (UTC)': '2025-02-29T10:00:00Z' }],
      ['us-date', { ...good, 'Request ID': 'r-2', 'Date (UTC)': '3/24/2026 10:00:00 AM' }],
      ['code', { ...good, 'Request ID': 'r-2', 'Sign-in error code': ' 0' }],
      ['user', { ...good, 'Request ID': 'r-2', Username: '' }],
      ['request', { ...good, 'Request ID': ' r-2' }],
    ];
    for (const [label, second] of cases) {
      const path = await portalCsv(dir, `InteractiveSignIns_${label}.csv`, [good, second]);
      const ctx = context();
      const grouped = await byGroups(path, ctx, undefined, label === 'repeated');
      expect(grouped.result, label).toBeNull();
      expect(grouped.acc.result().total, label).toBe(0);
      expect(grouped.acc.requestIds.size, label).toBe(0);
    }
  });

  it('hashes a request ID as the shared table does (the lower half of its MD5), whatever its characters', async () => {
    const ids = ['a-0001', 'A-0001', '38f950fe-602b-4069-a728-1e536512dfb2', 'ñandú-é', '\u4e2d\u6587', ''];
    const reader = await engine.connection.runAndReadAll('SELECT md5_number_lower(unnest($ids::VARCHAR[]))', { ids: listValue(ids) });
    const fromEngine = reader.getColumns()[0] as bigint[];
    expect(fromEngine.map((v) => splitRequestIdHash(v))).toEqual(ids.map((id) => requestIdHash(id)));
  });
});
