/**
 * Everything the report needs from the sign-ins, counted by the engine over the canonical table:
 * a sign-in saved in two files (the same request ID) is counted once, the first file in reading
 * order keeping it; the engine's memory cap bounds the work, not the number of rows. Only the
 * groups (users, client apps, devices, error codes) come back to TypeScript, which assembles the
 * summary and sorts it as the report expects.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue } from '@duckdb/node-api';
import { signInErrorCode, UNKNOWN_CODE_TEXT } from '../../model/error-codes.ts';
import { reportOnlyResults } from '../../model/report-only.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import type { EvidenceContext } from '../context.ts';
import { newReportOnlyTally, tallyResult } from '../analysis/go-no-go.ts';
import { MAX_LISTED_USERS } from '../analysis/signins.ts';
import type { BreakGlassActivity, FailureCluster, LegacyDependency, SignInSummary, WindowCounts } from '../analysis/signins.ts';
import { REMEDIATION, remediationCategory } from '../signins/legacy.ts';
import { evidenceWindows } from '../windows.ts';
import { execute, queryRows } from './database.ts';
import type { EvidenceEngine } from './database.ts';
import { AUTH_DETAIL_TABLE, REPORT_ONLY_TABLE, SIGNIN_TABLE } from './signin-load.ts';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : []);

const COUNTED = 'counted_signin';
const REPEATED = 'repeated_signin';

/** The interactivity split of `n` over a filter, as SQL aggregates. */
const WINDOW_COUNTS = `sum(n), sum(n) FILTER (WHERE interactive), sum(n) FILTER (WHERE NOT interactive), sum(n) FILTER (WHERE interactive IS NULL)`;
const windowCounts = (row: unknown[] | undefined, from = 0): WindowCounts => ({
  total: num(row?.[from]),
  interactive: num(row?.[from + 1]),
  nonInteractive: num(row?.[from + 2]),
  unknown: num(row?.[from + 3]),
});

export interface CountedSignIns {
  summary: SignInSummary;
  /** Per file number: sign-ins already read from an earlier file (or earlier in the same file), counted once. */
  repeatedByFile: Map<number, number>;
}

export async function summariseSignIns(engine: EvidenceEngine, ctx: EvidenceContext): Promise<CountedSignIns> {
  const windows = evidenceWindows(ctx);
  const breakGlass = ctx.breakGlassAccounts.map((a) => a.trim().toLowerCase());
  const params: Record<string, DuckDBValue> = {
    enforcement: windows.enforcementStartUtc,
    validation_end: windows.validationEndUtc,
    end72: windows.first72hEndUtc,
    break_glass: new DuckDBListValue(breakGlass),
  };
  const run = (sql: string, extra: Record<string, DuckDBValue> = {}) => queryRows(engine, sql, { ...params, ...extra });

  // Only request IDs seen more than once are kept beyond the grouping (spilled by the engine when large).
  // Within one file the copies are told apart by content (a file is read in parallel, unnumbered), so the choice is the same on every run.
  await execute(
    engine,
    `CREATE OR REPLACE TEMP TABLE ${REPEATED} AS SELECT file_ord, rid FROM (SELECT file_ord, rowid AS rid, row_number() OVER (PARTITION BY request_id ` +
      `ORDER BY file_ord, ordinal, line, t, upn, status, code, client_app, interactive, ca_status, auth_req, device_label, policy_result, has_policies, first_t, n) AS k ` +
      `FROM ${SIGNIN_TABLE} WHERE kind = 'user' AND request_id IN (SELECT request_id FROM ${SIGNIN_TABLE} WHERE kind = 'user' AND request_id <> '' GROUP BY request_id HAVING count(*) > 1)) WHERE k > 1; ` +
      `CREATE OR REPLACE TEMP VIEW ${COUNTED} AS SELECT s.* FROM ${SIGNIN_TABLE} s ANTI JOIN ${REPEATED} r ON s.rowid = r.rid WHERE s.kind = 'user'`,
  );
  const repeatedByFile = new Map((await run(`SELECT file_ord, count(*) FROM ${REPEATED} GROUP BY file_ord`)).map(([f, c]) => [num(f), num(c)]));

  const [totals] = await run(`SELECT ${WINDOW_COUNTS}, min(first_t), max(t) FROM ${COUNTED}`);

  // Legacy authentication: client app, user, device.
  const legacyRows = await run(
    `SELECT app_name, upn, device_label, sum(n), sum(n) FILTER (WHERE status = 'success'), max(t) FROM ${COUNTED} WHERE legacy GROUP BY app_name, upn, device_label`,
  );
  const apps = new Map<string, { signIns: number; successful: number; last: string; users: Map<string, { signIns: number; successful: number; last: string; devices: Map<string, { signIns: number; last: string }> }> }>();
  for (const [app, upn, device, n, ok, last] of legacyRows as [string, string, string, number, number | null, string][]) {
    let g = apps.get(app);
    if (g === undefined) apps.set(app, (g = { signIns: 0, successful: 0, last, users: new Map() }));
    g.signIns += num(n);
    g.successful += num(ok);
    if (last > g.last) g.last = last;
    let u = g.users.get(upn);
    if (u === undefined) g.users.set(upn, (u = { signIns: 0, successful: 0, last, devices: new Map() }));
    u.signIns += num(n);
    u.successful += num(ok);
    if (last > u.last) u.last = last;
    u.devices.set(device, { signIns: num(n), last });
  }
  const legacy: LegacyDependency[] = [...apps.entries()]
    .sort((a, b) => byString(a[0], b[0]))
    .map(([app, g]) => {
      const category = remediationCategory(app);
      return {
        clientApp: app,
        category,
        remediationTitle: REMEDIATION[category].title,
        remediation: REMEDIATION[category].action,
        signIns: g.signIns,
        successful: g.successful,
        lastSeenUtc: g.last,
        users: [...g.users.entries()]
          .sort((a, b) => byString(a[0], b[0]))
          .map(([upn, u]) => ({
            userPrincipalName: upn,
            signIns: u.signIns,
            successful: u.successful,
            lastSeenUtc: u.last,
            devices: [...u.devices.entries()].sort((a, b) => byString(a[0], b[0])).map(([device, d]) => ({ device, signIns: d.signIns, lastSeenUtc: d.last })),
          })),
      };
    });

  // The validation window (enforcement to the end of validation).
  const inValidation = `t >= $enforcement AND t < $validation_end`;
  const [validation] = await run(`SELECT ${WINDOW_COUNTS} FROM ${COUNTED} WHERE ${inValidation}`);
  const [legacyWindow] = await run(
    `SELECT sum(n) FILTER (WHERE status = 'success'), sum(n) FILTER (WHERE status <> 'success'), sum(n) FILTER (WHERE interactive), sum(n) FILTER (WHERE NOT interactive), ` +
      `sum(n) FILTER (WHERE interactive IS NULL) FROM ${COUNTED} WHERE legacy AND ${inValidation}`,
  );
  const pairs = (await run(`SELECT DISTINCT app_name, upn, status = 'success' FROM ${COUNTED} WHERE legacy AND ${inValidation}`))
    .map(([app, upn, ok]) => `${app as string}: ${upn as string}${ok === true ? '' : ' (blocked or failed)'}`)
    .sort(byString);

  // Break-glass accounts: every sign-in, and how the successful ones authenticated.
  const bgRows = new Map(
    (
      await run(
        `SELECT upn, sum(n), sum(n) FILTER (WHERE status = 'success'), max(t), max(t) FILTER (WHERE status = 'success'), ` +
          `flatten(list(methods) FILTER (WHERE status = 'success' AND methods IS NOT NULL)), list(DISTINCT ca_status) FILTER (WHERE ca_status <> ''), ` +
          `list(DISTINCT code) FILTER (WHERE code IS NOT NULL AND code <> 0) FROM ${COUNTED} WHERE list_contains($break_glass, upn) GROUP BY upn`,
      )
    ).map((r) => [r[0] as string, r]),
  );
  const companionMethods = new Map(
    (
      await run(
        `SELECT c.upn, list(DISTINCT a.method) FROM ${COUNTED} c JOIN ${AUTH_DETAIL_TABLE} a ON a.request_id = c.request_id ` +
          `WHERE list_contains($break_glass, c.upn) AND c.status = 'success' AND c.request_id <> '' AND a.succeeded GROUP BY c.upn`,
      )
    ).map(([upn, methods]) => [upn as string, strings(methods)]),
  );
  const bgAccounts = [...new Set(breakGlass)].sort(byString);
  const breakGlassActivity: BreakGlassActivity[] = bgAccounts.map((account) => {
    const r = bgRows.get(account);
    const codes = Array.isArray(r?.[7]) ? (r[7] as unknown[]).map(Number) : [];
    return {
      account,
      signIns: num(r?.[1]),
      successful: num(r?.[2]),
      lastSignInUtc: (r?.[3] as string | null | undefined) ?? null,
      lastSuccessUtc: (r?.[4] as string | null | undefined) ?? null,
      methods: [...new Set([...strings(r?.[5]), ...(companionMethods.get(account) ?? [])])].sort(byString),
      conditionalAccess: strings(r?.[6]).sort(byString),
      errorCodes: codes.sort((x, y) => x - y),
    };
  });

  // Failures after enforcement, by error code.
  const clusterRows = await run(
    `SELECT code, sum(n), sum(n) FILTER (WHERE t < $end72), list(DISTINCT upn), min(first_t), max(t) FROM ${COUNTED} WHERE t >= $enforcement AND status <> 'success' GROUP BY code`,
  );
  const failureClusters: FailureCluster[] = clusterRows
    .map(([codeValue, n, in72, users, first, last]) => {
      const code = codeValue === null ? null : Number(codeValue);
      const info = code === null ? null : signInErrorCode(code);
      const sorted = strings(users).sort(byString);
      return {
        errorCode: code,
        meaning: info?.meaning ?? (code === null ? 'No error code in the export.' : `${UNKNOWN_CODE_TEXT}${code}`),
        kind: info && info.kind !== 'success' ? info.kind : 'unknown',
        countsAsFailure: info?.kind !== 'interrupt',
        rolloutRelated: info?.rolloutRelated ?? false,
        runbookSymptom: info?.symptom ?? null,
        signIns: num(n),
        signInsFirst72h: num(in72),
        userCount: sorted.length,
        users: sorted.slice(0, MAX_LISTED_USERS),
        firstSeenUtc: first as string,
        lastSeenUtc: last as string,
      } satisfies FailureCluster;
    })
    .sort((a, b) => Number(b.countsAsFailure) - Number(a.countsAsFailure) || b.signIns - a.signIns || (a.errorCode ?? -1) - (b.errorCode ?? -1));

  // The first 72 hours, and successful single-factor sign-ins no policy applied to.
  const first72 = `t >= $enforcement AND t < $end72`;
  const [counts72] = await run(`SELECT ${WINDOW_COUNTS} FROM ${COUNTED} WHERE ${first72}`);
  const [gaps] = await run(
    `SELECT sum(n), list(DISTINCT upn) FROM ${COUNTED} WHERE ${first72} AND status = 'success' AND auth_req = 'singleFactor' AND interactive IS DISTINCT FROM false ` +
      `AND regexp_full_match(ca_status, 'not ?applied', 'i') AND NOT list_contains($break_glass, upn)`,
  );
  const gapUsers = strings(gaps?.[1]).sort(byString);

  // The all-users policy's report-only results, from the sign-ins and from the query's result rows.
  const reportOnly = newReportOnlyTally();
  const tally = (rows: unknown[][]): void => {
    for (const [result, n, first, last, upn, app] of rows) {
      tallyResult(reportOnly, result as ReportOnlyResult, num(n), { firstUtc: first as string, lastUtc: last as string }, { user: upn as string, clientApp: app as string });
    }
  };
  if (ctx.goNoGo !== undefined) {
    const [withPolicies] = await run(`SELECT count(*) FROM ${COUNTED} WHERE has_policies`);
    reportOnly.signInsWithPolicyResults = num(withPolicies?.[0]);
    tally(
      await run(
        `SELECT policy_result, count(*), min(t), max(t), upn, client_app FROM ${COUNTED} WHERE has_policies AND list_contains($results, policy_result) GROUP BY ALL ORDER BY ALL`,
        { results: new DuckDBListValue([...reportOnlyResults]) },
      ),
    );
  }
  tally(await run(`SELECT result, n, first_t, last_t, upn, client_app FROM ${REPORT_ONLY_TABLE} ORDER BY ALL`));

  const summary: SignInSummary = {
    ...(() => {
      const c = windowCounts(totals);
      return { total: c.total, interactive: c.interactive, nonInteractive: c.nonInteractive, unknownInteractivity: c.unknown };
    })(),
    firstUtc: (totals?.[4] as string | null | undefined) ?? null,
    lastUtc: (totals?.[5] as string | null | undefined) ?? null,
    legacy,
    validationWindow: { ...windowCounts(validation), startUtc: windows.enforcementStartUtc, endUtc: windows.validationEndUtc },
    legacyInWindow: {
      successful: num(legacyWindow?.[0]),
      failed: num(legacyWindow?.[1]),
      interactive: num(legacyWindow?.[2]),
      nonInteractive: num(legacyWindow?.[3]),
      unknown: num(legacyWindow?.[4]),
      pairs: pairs.slice(0, MAX_LISTED_USERS),
    },
    breakGlass: breakGlassActivity,
    failureClusters,
    first72h: { ...windowCounts(counts72), startUtc: windows.enforcementStartUtc, endUtc: windows.first72hEndUtc },
    gapsFirst72h: { signIns: num(gaps?.[0]), userCount: gapUsers.length, users: gapUsers.slice(0, MAX_LISTED_USERS) },
    reportOnly,
  };
  return { summary, repeatedByFile };
}
