/**
 * The go/no-go figure from evidence: the report-only results of the all-users policy, counted per
 * result from the sign-ins that carry per-policy results (Graph and portal JSON, diagnostic
 * settings, Log Analytics exports and the Log Analytics report-only query's result). Which results
 * count and how the share is taken is the model's (src/model/report-only.ts); the threshold comes
 * with the plan. Pure.
 */
import { GATE_COUNTED, GATE_EVALUATED, reportOnlyResults, wouldBlockShare } from '../../model/report-only.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import type { EvidenceContext } from '../../model/evidence-context.ts';
import type { SignIn } from '../signins/record.ts';

export const MAX_LISTED_WOULD_BLOCK = 25;

export interface ReportOnlyTally {
  /** Sign-ins the all-users policy evaluated in report-only, per result. */
  counts: Record<ReportOnlyResult, number>;
  /** Users and client apps behind the sign-ins that would have been blocked. */
  wouldBlockUsers: Map<string, number>;
  wouldBlockClientApps: Map<string, number>;
  firstUtc: string | null;
  lastUtc: string | null;
  /** Sign-ins that carried per-policy results at all (any policy), so "no results" can be told apart from "policy not found". */
  signInsWithPolicyResults: number;
}

export function newReportOnlyTally(): ReportOnlyTally {
  const counts = Object.fromEntries(reportOnlyResults.map((r) => [r, 0])) as Record<ReportOnlyResult, number>;
  return { counts, wouldBlockUsers: new Map(), wouldBlockClientApps: new Map(), firstUtc: null, lastUtc: null, signInsWithPolicyResults: 0 };
}

const isReportOnlyResult = (v: string): v is ReportOnlyResult => (reportOnlyResults as readonly string[]).includes(v);

/** Policy names are compared trimmed and case-insensitively: the portal keeps the case, admins may not. */
export const samePolicy = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Add the results of `count` sign-ins with one result (a query result row gives many at once). */
export function tallyResult(
  t: ReportOnlyTally,
  result: ReportOnlyResult,
  count: number,
  at: { firstUtc: string; lastUtc: string } | null,
  who?: { user: string; clientApp: string },
): void {
  t.counts[result] += count;
  if (at !== null) {
    if (t.firstUtc === null || at.firstUtc < t.firstUtc) t.firstUtc = at.firstUtc;
    if (t.lastUtc === null || at.lastUtc > t.lastUtc) t.lastUtc = at.lastUtc;
  }
  if (result === GATE_COUNTED && who !== undefined) {
    t.wouldBlockUsers.set(who.user, (t.wouldBlockUsers.get(who.user) ?? 0) + count);
    const app = who.clientApp === '' ? 'Unknown' : who.clientApp;
    t.wouldBlockClientApps.set(app, (t.wouldBlockClientApps.get(app) ?? 0) + count);
  }
}

/** Count one sign-in's result for the all-users policy, when the export carries per-policy results. */
export function tallySignIn(t: ReportOnlyTally, s: SignIn, policyName: string): void {
  const policies = s.caPolicies ?? [];
  if (policies.length === 0) return;
  t.signInsWithPolicyResults += 1;
  const hit = policies.find((p) => samePolicy(p.name, policyName));
  if (hit === undefined || !isReportOnlyResult(hit.result)) return;
  tallyResult(t, hit.result, 1, { firstUtc: s.createdUtc, lastUtc: s.createdUtc }, { user: s.userPrincipalName, clientApp: s.clientApp });
}

export interface GoNoGoFinding {
  policy: string;
  decisionDate: string;
  counts: Record<ReportOnlyResult, number>;
  countedResult: ReportOnlyResult;
  evaluatedResults: ReportOnlyResult[];
  evaluated: number;
  wouldBlock: number;
  /** Percent of evaluated sign-ins that would have been blocked, one decimal; null when none was evaluated. */
  wouldBlockRate: number | null;
  threshold: number;
  decision: 'go' | 'no-go' | 'insufficient-evidence';
  summary: string;
  firstUtc: string | null;
  lastUtc: string | null;
  wouldBlockUsers: { userPrincipalName: string; signIns: number }[];
  wouldBlockClientApps: { clientApp: string; signIns: number }[];
}

const byCountThenName =
  <K extends string>(key: K) =>
  (a: Record<K, string> & { signIns: number }, b: Record<K, string> & { signIns: number }): number =>
    b.signIns - a.signIns || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

/** The gate's figure and decision; null when the plan names no gate (a context built without one). */
export function goNoGoFinding(t: ReportOnlyTally, ctx: EvidenceContext): GoNoGoFinding | null {
  const gate = ctx.goNoGo;
  if (gate === undefined) return null;
  const evaluated = GATE_EVALUATED.reduce((n, r) => n + t.counts[r], 0);
  const share = wouldBlockShare(t.counts);
  const rate = share === null ? null : Math.round(share * 10) / 10;
  const wouldBlock = t.counts[GATE_COUNTED];
  let decision: GoNoGoFinding['decision'];
  let summary: string;
  if (rate === null) {
    decision = 'insufficient-evidence';
    summary =
      t.signInsWithPolicyResults === 0
        ? `No sign-in in the exports carries per-policy Conditional Access results; export sign-ins as JSON (Graph or the portal's JSON download) or from Log Analytics to see "${gate.policyName}" in report-only.`
        : `No sign-in was evaluated by "${gate.policyName}" in report-only; check that the policy exists under that name and is in report-only.`;
  } else {
    decision = rate > gate.maxWouldBlockRate ? 'no-go' : 'go';
    summary = `${rate}% of ${evaluated} evaluated sign-ins would have been blocked by "${gate.policyName}" (${wouldBlock}); the gate allows at most ${gate.maxWouldBlockRate}%.`;
  }
  return {
    policy: gate.policyName,
    decisionDate: gate.decisionDate,
    counts: { ...t.counts },
    countedResult: GATE_COUNTED,
    evaluatedResults: [...GATE_EVALUATED],
    evaluated,
    wouldBlock,
    wouldBlockRate: rate,
    threshold: gate.maxWouldBlockRate,
    decision,
    summary,
    firstUtc: t.firstUtc,
    lastUtc: t.lastUtc,
    wouldBlockUsers: [...t.wouldBlockUsers.entries()]
      .map(([userPrincipalName, signIns]) => ({ userPrincipalName, signIns }))
      .sort(byCountThenName('userPrincipalName'))
      .slice(0, MAX_LISTED_WOULD_BLOCK),
    wouldBlockClientApps: [...t.wouldBlockClientApps.entries()].map(([clientApp, signIns]) => ({ clientApp, signIns })).sort(byCountThenName('clientApp')),
  };
}
