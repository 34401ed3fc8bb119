/**
 * The Log Analytics queries: each parses without a diagnostic in Microsoft's Kusto language service
 * with the sign-in tables' schemas, is dated to the plan's windows, escapes every configured value,
 * and its result CSV reads back into the same report the raw exports give for the same sign-ins.
 */
import { fileURLToPath } from 'node:url';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import { kqlQueries, kqlString } from '../../src/kql/queries.ts';
import { context } from '../evidence/helpers.ts';
import { kustoDiagnostics } from './kusto.ts';

const gate = { policyName: 'CA002 - Require MFA - All users', decisionDate: '2026-03-20', maxWouldBlockRate: 10 };
const ctx = context({ goNoGo: gate });
const LA = fileURLToPath(new URL('../fixtures/evidence/log-analytics/', import.meta.url));

describe('generated KQL', () => {
  const queries = kqlQueries(ctx);

  it('has the five queries the evidence needs', () => {
    expect(queries.map((q) => q.id)).toEqual(['legacy-auth', 'break-glass', 'failures-after-enforcement', 'other-sign-ins', 'report-only']);
  });

  it.each(queries.map((q) => [q.id, q.text]))('%s parses and resolves every name and type against SigninLogs and AADNonInteractiveUserSignInLogs', (_id, text) => {
    expect(kustoDiagnostics(text)).toEqual([]);
  });

  it('the checker is not lenient: it rejects the traps the queries avoid (a member of a string column, a string compared as a number, an unknown column)', () => {
    expect(kustoDiagnostics('AADNonInteractiveUserSignInLogs | extend x = tostring(DeviceDetail.displayName)').map((d) => d.message)).toEqual([
      "The name 'displayName' does not refer to any known column, table, variable or function.",
    ]);
    expect(kustoDiagnostics('SigninLogs | where ResultType > 0').map((d) => d.message)).toEqual(["The operator '>' is not defined for the operand types string and long."]);
    expect(kustoDiagnostics('SigninLogs | project Nope')).toHaveLength(1);
  });

  it('is dated to the plan: register phase start, switch-on, 72 hours, end of validation and the go/no-go day, in UTC', () => {
    const legacy = queries.find((q) => q.id === 'legacy-auth')!;
    expect(legacy.text).toContain('let WindowStart = datetime(2026-03-04T00:00:00.000Z);');
    expect(legacy.text).toContain('let EnforcementStart = datetime(2026-03-24T00:00:00.000Z);');
    expect(legacy.text).toContain('let First72hEnd = datetime(2026-03-27T00:00:00.000Z);');
    expect(legacy.text).toContain('let ValidationEnd = datetime(2026-03-28T00:00:00.000Z);');
    const reportOnly = queries.find((q) => q.id === 'report-only')!;
    expect(reportOnly.text).toContain('let DecisionEnd = datetime(2026-03-21T00:00:00.000Z);');
    expect(reportOnly.text).toContain('let AllUsersPolicy = "ca002 - require mfa - all users";');
    // British Summer Time: enforcement at 08:00 local on 1 April is 07:00 UTC.
    const summer = kqlQueries(context({ enforcementDate: '2026-04-01', enforcementTime: '08:00', validateEndDate: '2026-04-03' }));
    expect(summer[0]!.text).toContain('let EnforcementStart = datetime(2026-04-01T07:00:00.000Z);');
    expect(summer[0]!.text).toContain('let ValidationEnd = datetime(2026-04-03T23:00:00.000Z);');
  });

  it('compares ResultType as a string and reads the dynamic-or-string columns through parse_json(tostring())', () => {
    for (const q of queries) {
      expect(q.text).not.toMatch(/ResultType\s*[!=<>]=?\s*\d/);
      expect(q.text).not.toMatch(/DeviceDetail\./);
    }
    expect(queries[0]!.text).toContain('Device = parse_json(tostring(DeviceDetail))');
    expect(queries[0]!.text).toContain('Policies = parse_json(tostring(ConditionalAccessPolicies))');
  });

  it('escapes configured values: a break-glass name or policy name cannot end the string or add a pipe stage', () => {
    const hostile = kqlQueries(context({ breakGlassAccounts: ['o"brien\\" | take 1 //@x.example'], goNoGo: { ...gate, policyName: 'Policy "A"\n| where false' } }));
    for (const q of hostile) expect(kustoDiagnostics(q.text)).toEqual([]);
    expect(hostile[0]!.text).toContain('let BreakGlass = dynamic(["o\\"brien\\\\\\" | take 1 //@x.example"]);');
    expect(hostile[4]!.text).toContain('let AllUsersPolicy = "policy \\"a\\"\\n| where false";');
    expect(kqlString('tab\there\u0007bell')).toBe('"tab\\there' + 'bell"');
  });

  it('names each result file as the fixtures are named, so the reader takes them from the signins folder', async () => {
    expect(queries.map((q) => q.fileName).sort()).toEqual((await readdir(`${LA}results/signins`)).sort());
  });
});

describe('query results read back', () => {
  it('give the same report as the raw sign-ins they were counted from: legacy auth, break-glass, failures, windows, verdicts and the go/no-go', async () => {
    const raw = await readEvidence(`${LA}raw`, ctx);
    const fromResults = await readEvidence(`${LA}results`, ctx);
    expect(fromResults.files.map((f) => [f.kind, f.malformedCount, f.warnings])).toEqual(fromResults.files.map(() => ['signins-log-analytics-summary-csv', 0, []]));
    const { files: _a, ...rawReport } = raw;
    const { files: _b, ...resultReport } = fromResults;
    expect(resultReport).toEqual(rawReport);
    // The comparison is not vacuous: the constructed sign-ins reach every part of the report.
    expect(raw.signIns).toMatchObject({ total: 13, interactive: 10, nonInteractive: 3 });
    expect(raw.legacyAuth.map((g) => [g.clientApp, g.signIns])).toEqual([
      ['Authenticated SMTP', 1],
      ['IMAP4', 2],
    ]);
    expect(raw.breakGlass[0]).toMatchObject({ signIns: 1, methods: ['FIDO2 security key'] });
    expect(raw.failureClusters.map((c) => [c.errorCode, c.signIns, c.signInsFirst72h])).toEqual([
      [50126, 1, 0],
      [53003, 1, 1],
      [500121, 1, 1],
      [50074, 2, 2],
    ]);
    expect(raw.goNoGo).toMatchObject({ evaluated: 3, wouldBlock: 1, wouldBlockRate: 33.3, decision: 'no-go' });
    expect(raw.verdicts.map((v) => v.status)).toEqual(['insufficient-evidence', 'pass', 'insufficient-evidence', 'fail']);
  });
});
