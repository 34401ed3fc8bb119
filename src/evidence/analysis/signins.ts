/**
 * Everything the report needs from sign-ins, gathered in one pass over a stream of records.
 * Pure: no I/O and no clock; memory grows with distinct users, apps, devices and error codes,
 * never with the number of rows.
 */
import type { EvidenceContext } from '../../model/evidence-context.ts';
import { evidenceWindows } from '../../model/evidence-windows.ts';
import { createRequestIdSet } from './request-ids.ts';
import type { RequestIdSet } from './request-ids.ts';
import { signInErrorCode, UNKNOWN_CODE_TEXT, type SignInErrorKind } from '../../model/error-codes.ts';
import type { RunbookSymptomId } from '../../model/runbook-ids.ts';
import { canonicalClientApp, isLegacyClientApp, REMEDIATION, remediationCategory } from '../signins/legacy.ts';
import type { RemediationCategory } from '../signins/legacy.ts';
import type { SignIn } from '../signins/record.ts';
import { newReportOnlyTally, tallyResult, tallySignIn } from './go-no-go.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import type { ReportOnlyTally } from './go-no-go.ts';

export const MAX_LISTED_USERS = 25;

export interface LegacyDevice {
  device: string;
  signIns: number;
  lastSeenUtc: string;
}
export interface LegacyUser {
  userPrincipalName: string;
  signIns: number;
  successful: number;
  /** The user's earliest legacy sign-in with this client app: `status` names users new since the previous snapshot by it. */
  firstSeenUtc: string;
  lastSeenUtc: string;
  devices: LegacyDevice[];
}
export interface LegacyDependency {
  clientApp: string;
  category: RemediationCategory;
  remediationTitle: string;
  remediation: string;
  signIns: number;
  successful: number;
  lastSeenUtc: string;
  users: LegacyUser[];
}

export interface BreakGlassActivity {
  account: string;
  signIns: number;
  successful: number;
  lastSignInUtc: string | null;
  lastSuccessUtc: string | null;
  methods: string[];
  conditionalAccess: string[];
  errorCodes: number[];
}

export interface FailureCluster {
  errorCode: number | null;
  meaning: string;
  kind: Exclude<SignInErrorKind, 'success'>;
  countsAsFailure: boolean;
  rolloutRelated: boolean;
  runbookSymptom: RunbookSymptomId | null;
  signIns: number;
  signInsFirst72h: number;
  userCount: number;
  users: string[]; // sorted, first MAX_LISTED_USERS
  firstSeenUtc: string;
  lastSeenUtc: string;
}

export interface WindowCounts {
  total: number;
  interactive: number;
  nonInteractive: number;
  unknown: number;
}

export interface SignInSummary {
  total: number;
  interactive: number;
  nonInteractive: number;
  unknownInteractivity: number;
  firstUtc: string | null;
  lastUtc: string | null;
  legacy: LegacyDependency[];
  /** Sign-ins in the validation window (enforcement day to the end of validation). */
  validationWindow: WindowCounts & { startUtc: string; endUtc: string };
  legacyInWindow: { successful: number; failed: number; interactive: number; nonInteractive: number; unknown: number; pairs: string[] };
  breakGlass: BreakGlassActivity[];
  failureClusters: FailureCluster[];
  first72h: WindowCounts & { startUtc: string; endUtc: string };
  /** Successful single-factor sign-ins where no Conditional Access policy applied, in the first 72 hours. */
  gapsFirst72h: { signIns: number; userCount: number; users: string[] };
  /** Report-only results of the all-users policy, for the go/no-go. */
  reportOnly: ReportOnlyTally;
}

/**
 * A row of a Log Analytics summary: `count` sign-ins alike in every field the analysis reads, seen
 * from `firstUtc` to the sign-in's `createdUtc`, all on the same side of every window boundary
 * (the queries group by those boundaries), so one row counts exactly as its sign-ins would.
 */
export interface SignInGroup {
  count: number;
  firstUtc: string;
}

/**
 * The parts of the analysis a sign-in is counted into. The engine counts a large export by groups
 * of alike sign-ins, one set of groups per part, each keeping only the fields that part reads.
 */
export const SIGN_IN_PARTS = {
  /** Totals, interactive or not, first and last sign-in. */
  totals: 1,
  /** Legacy authentication by client app, user and device. */
  legacy: 2,
  /** The validation window's counts. */
  validation: 4,
  /** The validation window's legacy sign-ins: counts by outcome and interactivity, and the app and user pairs. */
  validationLegacy: 128,
  /** Break-glass account activity. */
  breakGlass: 8,
  /** From enforcement on: the first 72 hours, failure clusters and sign-ins no policy covered. */
  enforcement: 16,
  /** Per-policy report-only results carried by the sign-in. */
  reportOnly: 32,
  /** From enforcement on: the users of each failure cluster (its counts and times are `enforcement`'s). */
  failureUsers: 64,
} as const;
const ALL_PARTS = 255;
/** The parts that read a sign-in's outcome as a count alone, so may take alike sign-ins of both outcomes at once. */
const OUTCOME_COUNTED_PARTS = SIGN_IN_PARTS.legacy | SIGN_IN_PARTS.validationLegacy;

export interface SignInAccumulator {
  /** Count one sign-in; false when its request ID was already counted (the same export saved twice, or a CSV and a Graph page of the same day). */
  add(s: SignIn, group?: SignInGroup): boolean;
  /**
   * Count `count` sign-ins alike in every field the given parts read (a bit set of SIGN_IN_PARTS),
   * seen from `firstUtc` to `s.createdUtc`, all on the same side of every window boundary. Their
   * request IDs were already taken into account (see `requestIds`). `successful` says how many of
   * them succeeded where only the legacy parts are given (they read the outcome as a count alone);
   * every other part reads the outcome from `s`, the same for all of them.
   */
  addAlike(s: SignIn, count: number, firstUtc: string, parts: number, successful?: number): void;
  /** The request IDs counted so far. */
  readonly requestIds: RequestIdSet;
  /** Report-only results already counted in the workspace (the Log Analytics go/no-go query's result). */
  addReportOnly(result: ReportOnlyResult, count: number, firstUtc: string, lastUtc: string, who: { user: string; clientApp: string }): void;
  /** A row of an AuthDetails companion file; used to learn how break-glass accounts authenticated. */
  addAuthDetail(requestId: string, method: string, succeeded: boolean): void;
  result(): SignInSummary;
}

function bump(c: WindowCounts, s: SignIn, n: number): void {
  c.total += n;
  if (s.interactive === true) c.interactive += n;
  else if (s.interactive === false) c.nonInteractive += n;
  else c.unknown += n;
}

function deviceLabel(s: SignIn): string {
  const parts = [s.deviceName, s.operatingSystem, s.browser].filter((p) => p !== '');
  if (parts.length > 0) return parts.join(' / ');
  if (s.deviceId !== '') return `device ${s.deviceId}`;
  if (s.userAgent !== '') return s.userAgent.slice(0, 120);
  if (s.ipAddress !== '') return `unknown device at ${s.ipAddress}`;
  return 'unknown device';
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const maxIso = (a: string | null, b: string): string => (a === null || b > a ? b : a);

export function createSignInAccumulator(ctx: EvidenceContext): SignInAccumulator {
  const windows = evidenceWindows(ctx);
  const enforcementStart = windows.enforcementStartUtc;
  const validationEnd = windows.validationEndUtc;
  const end72 = windows.first72hEndUtc;
  const breakGlass = new Map<
    string,
    { signIns: number; successful: number; last: string | null; lastOk: string | null; methods: Set<string>; ca: Set<string>; codes: Set<number> }
  >();
  for (const a of ctx.breakGlassAccounts) {
    breakGlass.set(a.trim().toLowerCase(), { signIns: 0, successful: 0, last: null, lastOk: null, methods: new Set(), ca: new Set(), codes: new Set() });
  }

  let total = 0,
    interactive = 0,
    nonInteractive = 0,
    unknown = 0;
  let firstUtc: string | null = null;
  let lastUtc: string | null = null;
  const legacy = new Map<
    string,
    {
      category: RemediationCategory;
      signIns: number;
      successful: number;
      last: string;
      users: Map<string, { signIns: number; successful: number; first: string; last: string; devices: Map<string, { signIns: number; last: string }> }>;
    }
  >();
  const windowCounts: WindowCounts = { total: 0, interactive: 0, nonInteractive: 0, unknown: 0 };
  const legacyWindow = { successful: 0, failed: 0, interactive: 0, nonInteractive: 0, unknown: 0, pairs: new Set<string>() };
  const clusters = new Map<string, { code: number | null; signIns: number; in72: number; users: Set<string>; first: string; last: string }>();
  const counts72: WindowCounts = { total: 0, interactive: 0, nonInteractive: 0, unknown: 0 };
  let gaps = 0;
  const gapUsers = new Set<string>();
  const breakGlassRequests = new Map<string, string>(); // request id -> account, successful sign-ins only
  const seenRequests = createRequestIdSet();
  const reportOnly = newReportOnlyTally();

  const count = (s: SignIn, n: number, first: string, parts: number, successful: number): void => {
    const t = s.createdUtc;
    if ((parts & SIGN_IN_PARTS.totals) !== 0) {
      total += n;
      if (s.interactive === true) interactive += n;
      else if (s.interactive === false) nonInteractive += n;
      else unknown += n;
      if (firstUtc === null || first < firstUtc) firstUtc = first;
      if (lastUtc === null || t > lastUtc) lastUtc = t;
    }
    const ok = s.status === 'success';
    if ((parts & SIGN_IN_PARTS.reportOnly) !== 0 && ctx.goNoGo !== undefined) tallySignIn(reportOnly, s, ctx.goNoGo.policyName);

    const legacyApp = isLegacyClientApp(s.clientApp);
    if (legacyApp && (parts & SIGN_IN_PARTS.legacy) !== 0) {
      const app = canonicalClientApp(s.clientApp);
      let g = legacy.get(app);
      if (g === undefined) {
        g = { category: remediationCategory(s.clientApp), signIns: 0, successful: 0, last: t, users: new Map() };
        legacy.set(app, g);
      }
      g.signIns += n;
      g.successful += successful;
      if (t > g.last) g.last = t;
      let u = g.users.get(s.userPrincipalName);
      if (u === undefined) {
        u = { signIns: 0, successful: 0, first, last: t, devices: new Map() };
        g.users.set(s.userPrincipalName, u);
      }
      u.signIns += n;
      u.successful += successful;
      if (first < u.first) u.first = first;
      if (t > u.last) u.last = t;
      const label = deviceLabel(s);
      const d = u.devices.get(label);
      if (d === undefined) u.devices.set(label, { signIns: n, last: t });
      else {
        d.signIns += n;
        if (t > d.last) d.last = t;
      }
    }

    const inValidation = t >= enforcementStart && t < validationEnd;
    if (inValidation && (parts & SIGN_IN_PARTS.validation) !== 0) bump(windowCounts, s, n);
    if (inValidation && legacyApp && (parts & SIGN_IN_PARTS.validationLegacy) !== 0) {
      legacyWindow.successful += successful;
      legacyWindow.failed += n - successful;
      if (s.interactive === true) legacyWindow.interactive += n;
      else if (s.interactive === false) legacyWindow.nonInteractive += n;
      else legacyWindow.unknown += n;
      const pair = `${canonicalClientApp(s.clientApp)}: ${s.userPrincipalName}`;
      if (successful > 0) legacyWindow.pairs.add(pair);
      if (successful < n) legacyWindow.pairs.add(`${pair} (blocked or failed)`);
    }

    const bg = (parts & SIGN_IN_PARTS.breakGlass) !== 0 ? breakGlass.get(s.userPrincipalName) : undefined;
    if (bg !== undefined) {
      bg.signIns += n;
      bg.last = maxIso(bg.last, t);
      if (ok) {
        bg.successful += n;
        bg.lastOk = maxIso(bg.lastOk, t);
        for (const m of s.authMethods) bg.methods.add(m);
        if (s.requestId !== '') breakGlassRequests.set(s.requestId, s.userPrincipalName);
      }
      if (s.conditionalAccessStatus !== '') bg.ca.add(s.conditionalAccessStatus);
      if (s.errorCode !== null && s.errorCode !== 0) bg.codes.add(s.errorCode);
    }

    const counting = (parts & SIGN_IN_PARTS.enforcement) !== 0;
    if (t >= enforcementStart && (counting || (parts & SIGN_IN_PARTS.failureUsers) !== 0)) {
      const in72 = t < end72;
      if (in72 && counting) bump(counts72, s, n);
      if (!ok) {
        const key = s.errorCode === null ? 'none' : String(s.errorCode);
        let c = clusters.get(key);
        if (c === undefined) {
          c = { code: s.errorCode, signIns: 0, in72: 0, users: new Set(), first, last: t };
          clusters.set(key, c);
        }
        if (counting) {
          c.signIns += n;
          if (in72) c.in72 += n;
        }
        if ((parts & SIGN_IN_PARTS.failureUsers) !== 0) c.users.add(s.userPrincipalName);
        if (first < c.first) c.first = first;
        if (t > c.last) c.last = t;
      } else if (
        counting &&
        in72 &&
        s.authRequirement === 'singleFactor' &&
        s.interactive !== false &&
        /^not ?applied$/i.test(s.conditionalAccessStatus) &&
        !breakGlass.has(s.userPrincipalName)
      ) {
        gaps += n;
        gapUsers.add(s.userPrincipalName);
      }
    }
  };

  return {
    add(s: SignIn, group?: SignInGroup): boolean {
      if (s.requestId !== '') {
        if (!seenRequests.add(s.requestId)) return false;
      }
      // A Log Analytics summary row has no per-policy results of its own: the report-only query's rows carry them.
      const n = group?.count ?? 1;
      count(s, n, group?.firstUtc ?? s.createdUtc, group === undefined ? ALL_PARTS : ALL_PARTS & ~SIGN_IN_PARTS.reportOnly, s.status === 'success' ? n : 0);
      return true;
    },

    addAlike(s: SignIn, n: number, first: string, parts: number, successful?: number): void {
      if (successful !== undefined && (parts & ~OUTCOME_COUNTED_PARTS) !== 0) throw new Error('a count of successful sign-ins is taken for the legacy parts alone');
      count(s, n, first, parts, successful ?? (s.status === 'success' ? n : 0));
    },

    requestIds: seenRequests,

    addReportOnly(result, count, first, last, who): void {
      tallyResult(reportOnly, result, count, { firstUtc: first, lastUtc: last }, who);
    },

    addAuthDetail(requestId: string, method: string, succeeded: boolean): void {
      const account = breakGlassRequests.get(requestId);
      if (account === undefined || !succeeded) return;
      breakGlass.get(account)?.methods.add(method);
    },

    result(): SignInSummary {
      const legacyList: LegacyDependency[] = [...legacy.entries()]
        .sort((a, b) => byString(a[0], b[0]))
        .map(([app, g]) => ({
          clientApp: app,
          category: g.category,
          remediationTitle: REMEDIATION[g.category].title,
          remediation: REMEDIATION[g.category].action,
          signIns: g.signIns,
          successful: g.successful,
          lastSeenUtc: g.last,
          users: [...g.users.entries()]
            .sort((a, b) => byString(a[0], b[0]))
            .map(([upn, u]) => ({
              userPrincipalName: upn,
              signIns: u.signIns,
              successful: u.successful,
              firstSeenUtc: u.first,
              lastSeenUtc: u.last,
              devices: [...u.devices.entries()].sort((a, b) => byString(a[0], b[0])).map(([device, d]) => ({ device, signIns: d.signIns, lastSeenUtc: d.last })),
            })),
        }));
      const clusterList: FailureCluster[] = [...clusters.values()]
        .map((c) => {
          const info = c.code === null ? null : signInErrorCode(c.code);
          const users = [...c.users].sort(byString);
          return {
            errorCode: c.code,
            meaning: info?.meaning ?? (c.code === null ? 'No error code in the export.' : `${UNKNOWN_CODE_TEXT}${c.code}`),
            kind: info && info.kind !== 'success' ? info.kind : 'unknown',
            countsAsFailure: info?.kind !== 'interrupt',
            rolloutRelated: info?.rolloutRelated ?? false,
            runbookSymptom: info?.symptom ?? null,
            signIns: c.signIns,
            signInsFirst72h: c.in72,
            userCount: users.length,
            users: users.slice(0, MAX_LISTED_USERS),
            firstSeenUtc: c.first,
            lastSeenUtc: c.last,
          } satisfies FailureCluster;
        })
        .sort((a, b) => Number(b.countsAsFailure) - Number(a.countsAsFailure) || b.signIns - a.signIns || (a.errorCode ?? -1) - (b.errorCode ?? -1));
      const bgList: BreakGlassActivity[] = [...breakGlass.entries()]
        .sort((a, b) => byString(a[0], b[0]))
        .map(([account, b]) => ({
          account,
          signIns: b.signIns,
          successful: b.successful,
          lastSignInUtc: b.last,
          lastSuccessUtc: b.lastOk,
          methods: [...b.methods].sort(byString),
          conditionalAccess: [...b.ca].sort(byString),
          errorCodes: [...b.codes].sort((x, y) => x - y),
        }));
      const gapList = [...gapUsers].sort(byString);
      return {
        total,
        interactive,
        nonInteractive,
        unknownInteractivity: unknown,
        firstUtc,
        lastUtc,
        legacy: legacyList,
        validationWindow: { ...windowCounts, startUtc: enforcementStart, endUtc: validationEnd },
        legacyInWindow: { ...legacyWindow, pairs: [...legacyWindow.pairs].sort(byString).slice(0, MAX_LISTED_USERS) },
        breakGlass: bgList,
        failureClusters: clusterList,
        first72h: { ...counts72, startUtc: enforcementStart, endUtc: end72 },
        gapsFirst72h: { signIns: gaps, userCount: gapList.length, users: gapList.slice(0, MAX_LISTED_USERS) },
        reportOnly,
      };
    },
  };
}
