/**
 * Go / no-go from evidence: the all-users policy's report-only results, read from every export shape
 * that carries per-policy results, counted per result, and the would-block share judged against the
 * plan's threshold.
 */
import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import { formatStatusText } from '../../src/evidence/status-text.ts';
import { context, evidenceDir, graphPage, graphSignIn } from './helpers.ts';

const POLICY = 'CA002 - Require MFA - All users';
const gate = { policyName: POLICY, decisionDate: '2026-03-20', maxWouldBlockRate: 10 };

type Result = 'reportOnlySuccess' | 'reportOnlyFailure' | 'reportOnlyInterrupted' | 'reportOnlyNotApplied';

/** A pilot-week sign-in with the all-users policy's report-only result next to the pilot policy's enforced one. */
function withPolicies(id: string, upn: string, result: Result, client = 'Browser'): Record<string, unknown> {
  return {
    ...graphSignIn({ id, when: `2026-03-1${id.length % 9}T09:00:00Z`, upn, client }),
    appliedConditionalAccessPolicies: [
      { id: 'p1', displayName: 'CA001 - Require MFA - Pilot', enforcedGrantControls: ['Mfa'], result: 'notApplied' },
      { id: 'p2', displayName: POLICY, enforcedGrantControls: ['Mfa'], result },
    ],
  };
}

/** 14 would pass, 3 would ask for MFA, `failures` would block, 1 not applied. */
function pilotWeek(failures: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 14; i += 1) out.push(withPolicies(`s${i}`, `user${i}@x.example`, 'reportOnlySuccess'));
  for (let i = 0; i < 3; i += 1) out.push(withPolicies(`i${i}`, `user${i}@x.example`, 'reportOnlyInterrupted'));
  for (let i = 0; i < failures; i += 1) out.push(withPolicies(`f${i}`, i === 0 ? 'printer@x.example' : 'scanner@x.example', 'reportOnlyFailure', 'Authenticated SMTP'));
  out.push(withPolicies('n0', 'guest@x.example', 'reportOnlyNotApplied'));
  return out;
}

describe('go / no-go from report-only results', () => {
  it('is a no-go when 2 of 19 evaluated sign-ins (10.5%) would be blocked, against a 10% gate; "user action required" and "not applied" do not count', async () => {
    const dir = await evidenceDir({ 'signins/pilot-week.json': graphPage(pilotWeek(2)) });
    const r = await readEvidence(dir, context({ goNoGo: gate }));
    expect(r.goNoGo).toEqual({
      policy: POLICY,
      decisionDate: '2026-03-20',
      counts: { reportOnlySuccess: 14, reportOnlyFailure: 2, reportOnlyInterrupted: 3, reportOnlyNotApplied: 1 },
      countedResult: 'reportOnlyFailure',
      evaluatedResults: ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'],
      evaluated: 19,
      wouldBlock: 2,
      wouldBlockRate: 10.5,
      threshold: 10,
      decision: 'no-go',
      summary: `10.5% of 19 evaluated sign-ins would have been blocked by "${POLICY}" (2); the gate allows at most 10%.`,
      firstUtc: '2026-03-12T09:00:00.000Z',
      lastUtc: '2026-03-13T09:00:00.000Z',
      wouldBlockUsers: [
        { userPrincipalName: 'printer@x.example', signIns: 1 },
        { userPrincipalName: 'scanner@x.example', signIns: 1 },
      ],
      wouldBlockClientApps: [{ clientApp: 'Authenticated SMTP', signIns: 2 }],
    });
  });

  it('is a go at 1 of 18 (5.6%), and the same page saved twice does not change the figure', async () => {
    const page = graphPage(pilotWeek(1));
    const dir = await evidenceDir({ 'signins/pilot-week.json': page, 'signins/pilot-week (copy).json': page });
    const ctx = context({ goNoGo: gate });
    const r = await readEvidence(dir, ctx);
    expect([r.goNoGo?.evaluated, r.goNoGo?.wouldBlock, r.goNoGo?.wouldBlockRate, r.goNoGo?.decision]).toEqual([18, 1, 5.6, 'go']);
    const text = formatStatusText(r, ctx);
    expect(text).toContain('Go / no-go (2026-03-20): GO');
    expect(text).toContain(`  5.6% of 18 evaluated sign-ins would have been blocked by "${POLICY}" (1); the gate allows at most 10%.`);
    expect(text).toContain('  report-only results: reportOnlySuccess 14, reportOnlyFailure 1, reportOnlyInterrupted 3, reportOnlyNotApplied 1');
    expect(text).toContain('  would be blocked: Authenticated SMTP (1)');
  });

  it('reads the same results from diagnostic-settings JSON lines and from a Log Analytics CSV export (policies as JSON text)', async () => {
    const records = pilotWeek(2);
    const jsonl = records.map((p) => JSON.stringify({ time: p['createdDateTime'], category: 'SignInLogs', resultType: '0', properties: p })).join('\n');
    const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const header = 'TimeGenerated [UTC],Id,UserPrincipalName,ResultType,ClientAppUsed,IsInteractive,ConditionalAccessPolicies';
    const rows = records.map((p) =>
      [p['createdDateTime'], p['id'], p['userPrincipalName'], '0', p['clientAppUsed'], 'false', q(JSON.stringify(p['appliedConditionalAccessPolicies']))].join(','),
    );
    const fromJsonl = await readEvidence(await evidenceDir({ 'signins/diagnostic.jsonl': jsonl }), context({ goNoGo: gate }));
    const fromLogAnalytics = await readEvidence(await evidenceDir({ 'signins/AADNonInteractiveUserSignInLogs.csv': `${header}\n${rows.join('\n')}\n` }), context({ goNoGo: gate }));
    expect(fromJsonl.goNoGo?.counts).toEqual({ reportOnlySuccess: 14, reportOnlyFailure: 2, reportOnlyInterrupted: 3, reportOnlyNotApplied: 1 });
    expect(fromLogAnalytics.goNoGo).toEqual(fromJsonl.goNoGo);
    expect(fromLogAnalytics.files[0]?.kind).toBe('signins-log-analytics-csv');
  });

  it('says there is not enough evidence when the exports carry no per-policy results (a portal CSV), or when the policy is not among them', async () => {
    const plain = await readEvidence(
      await evidenceDir({ 'signins/page.json': graphPage([graphSignIn({ id: 'a', when: '2026-03-12T09:00:00Z', upn: 'a@x.example' })]) }),
      context({ goNoGo: gate }),
    );
    expect(plain.goNoGo).toMatchObject({ decision: 'insufficient-evidence', wouldBlockRate: null, evaluated: 0 });
    expect(plain.goNoGo?.summary).toBe(
      `No sign-in in the exports carries per-policy Conditional Access results; export sign-ins as JSON (Graph or the portal's JSON download) or from Log Analytics to see "${POLICY}" in report-only.`,
    );
    const renamed = await readEvidence(
      await evidenceDir({ 'signins/page.json': graphPage(pilotWeek(1)) }),
      context({ goNoGo: { ...gate, policyName: 'Require MFA for everyone' } }),
    );
    expect(renamed.goNoGo?.summary).toBe(
      'No sign-in was evaluated by "Require MFA for everyone" in report-only; check that the policy exists under that name and is in report-only.',
    );
  });

  it('matches the policy name whatever its case and surrounding spaces', async () => {
    const r = await readEvidence(await evidenceDir({ 'signins/page.json': graphPage(pilotWeek(1)) }), context({ goNoGo: { ...gate, policyName: ` ${POLICY.toUpperCase()} ` } }));
    expect(r.goNoGo?.evaluated).toBe(18);
  });
});
