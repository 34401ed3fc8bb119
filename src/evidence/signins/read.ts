import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { csvHeaderOf, lastCsvRow, locateCsvProblems, UnusableRows } from '../csv.ts';
import { withEngine } from '../engine/database.ts';
import type { EvidenceEngine } from '../engine/database.ts';
import { scanCsv } from '../engine/csv-scan.ts';
import { addMalformed, addWarning, newProblems } from '../problems.ts';
import type { FileKind, FileProblems } from '../problems.ts';
import { readHead, sniffShape } from '../sniff.ts';
import { splitJsonArray } from '../json-split.ts';
import { mapColumns } from './headers.ts';
import type { ColumnMap, SignInField } from './headers.ts';
import { rawFromJsonObject, toSignIn } from './record.ts';
import type { RawRecord, RecordResult, SignIn } from './record.ts';
import type { SignInGroup } from '../analysis/signins.ts';
import { reportOnlyResults } from '../../model/report-only.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import { parseUtcTimestamp } from '../dates.ts';
import { countCsvByGroups } from '../engine/signin-facets.ts';
import type { SignInAccumulator } from '../analysis/signins.ts';
import type { EvidenceWindows } from '../../model/evidence-windows.ts';

export interface SignInFileResult {
  kind: FileKind;
  rows: number; // user sign-ins delivered
  problems: FileProblems;
}

/** Receives every user sign-in read; one record at a time, nothing is kept by the reader. A Log Analytics summary row comes with its count of alike sign-ins. */
export type SignInSink = (signIn: SignIn, group?: SignInGroup) => void;
/** Receives a row of the Log Analytics report-only query's result. */
export type ReportOnlySink = (result: ReportOnlyResult, count: number, firstUtc: string, lastUtc: string, who: { user: string; clientApp: string }) => void;
/** Receives authentication-method rows of an AuthDetails companion file. */
export type AuthDetailSink = (requestId: string, method: string, succeeded: boolean) => void;

/** Interactive or not, from the portal's file name (`InteractiveSignIns_…`, `NonInteractiveSignIns_…`). */
export function interactiveFromFileName(name: string): boolean | null {
  const n = name.toLowerCase().replace(/[\s_-]/g, '');
  // English portal names, and Spanish-style names ("…NoInteractivo…") as some admins rename them.
  if (n.includes('noninteractive') || n.includes('nointeractiv')) return false;
  if (n.includes('interactive') || n.includes('interactiv')) return true;
  return null;
}

const REGISTRATION_MARKERS = ['ismfacapable', 'mfa capable', 'multifactor authentication capable', 'methodsregistered', 'methods registered'];

interface CsvClassification {
  kind: FileKind;
  message?: string;
}

export function classifySignInHeaders(headers: readonly string[], map: ColumnMap): CsvClassification {
  const has = (h: string): boolean => headers.includes(h);
  if (REGISTRATION_MARKERS.some(has)) {
    return { kind: 'wrong-kind', message: 'This is a user registration details export, not a sign-in export; put it in the registration folder.' };
  }
  if ((has('service principal id') || has('service principal name')) && map.userPrincipalName === undefined) {
    return {
      kind: 'wrong-kind',
      message: 'This is an application (service principal) sign-ins export; user sign-ins were expected. Download "Interactive sign-ins" and "Non-interactive sign-ins" instead.',
    };
  }
  if (has('signins') && has('firstseen') && has('lastseen') && (has('userprincipalname') || has('reportonlyresult'))) {
    return { kind: 'signins-log-analytics-summary-csv' };
  }
  if (has('request id') && (has('authentication method') || has('método de autenticación')) && map.clientApp === undefined) {
    return { kind: 'signins-auth-details-csv' };
  }
  if (map.createdUtc === undefined && map.timeGenerated === undefined) {
    return { kind: 'wrong-kind', message: 'No sign-in date column found (expected "Date (UTC)", "CreatedDateTime" or a translation); this does not look like a sign-in export.' };
  }
  if (map.userPrincipalName === undefined) {
    return {
      kind: 'wrong-kind',
      message: 'No user name column found (expected "Username", "UserPrincipalName" or a translation); this does not look like a user sign-ins export.',
    };
  }
  if (has('timegenerated') || has('resulttype') || has('clientappused')) return { kind: 'signins-log-analytics-csv' };
  if (has('createddatetime') && map.clientApp === undefined) return { kind: 'signins-legacy-portal-csv' };
  return { kind: 'signins-portal-csv' };
}

function deliver(
  result: RecordResult,
  line: number,
  defaults: { interactive: boolean | null },
  sink: SignInSink,
  out: SignInFileResult,
  counters: { servicePrincipal: number },
  group?: SignInGroup,
  unusable?: UnusableRows,
): void {
  if (result.kind === 'malformed') {
    // A CSV row is numbered by the engine; its line is found afterwards (see locateCsvProblems).
    if (unusable !== undefined) unusable.add(line, result.reason);
    else addMalformed(out.problems, line, result.reason);
    return;
  }
  if (result.kind === 'service-principal') {
    counters.servicePrincipal += 1;
    return;
  }
  const s = result.signIn;
  if (s.interactive === null && defaults.interactive !== null) s.interactive = defaults.interactive;
  out.rows += 1;
  sink(s, group);
}

/** The count and first time of a Log Analytics summary row, or why the row cannot be used. */
function summaryOf(rec: Record<string, string>): { count: number; firstUtc: string; lastUtc: string } | string {
  const count = (rec['signins'] ?? '').trim();
  if (!/^[1-9]\d*$/.test(count)) return `sign-in count is not a positive whole number: "${count.slice(0, 40)}"`;
  const firstUtc = parseUtcTimestamp(rec['firstseen'] ?? '');
  const lastUtc = parseUtcTimestamp(rec['lastseen'] ?? '');
  if (firstUtc === null || lastUtc === null) return 'unreadable FirstSeen or LastSeen';
  return { count: Number(count), firstUtc, lastUtc };
}

const isReportOnlyResult = (v: string): v is ReportOnlyResult => (reportOnlyResults as readonly string[]).includes(v);

function finishServicePrincipals(out: SignInFileResult, counters: { servicePrincipal: number }): void {
  if (counters.servicePrincipal === 0) return;
  if (out.rows === 0 && out.problems.malformedCount === 0) {
    out.kind = 'wrong-kind';
    addWarning(out.problems, 'This holds only application, service principal or managed identity sign-ins; user sign-ins were expected.');
  } else {
    addWarning(out.problems, `${counters.servicePrincipal} service principal or managed identity records skipped (not user sign-ins).`);
  }
}

/** Header names a Log Analytics summary or report-only result row reads besides the mapped fields. */
const SUMMARY_COLUMNS = ['signins', 'firstseen', 'lastseen', 'reportonlyresult', 'userprincipalname', 'clientappused'];
/** Header names an AuthDetails companion row reads. */
const AUTH_DETAIL_COLUMNS = ['request id', 'authentication method', 'método de autenticación', 'succeeded'];

async function readCsv(
  engine: EvidenceEngine,
  path: string,
  name: string,
  head: string,
  sink: SignInSink,
  authSink: AuthDetailSink | null,
  reportOnlySink: ReportOnlySink | null,
): Promise<SignInFileResult> {
  const out: SignInFileResult = { kind: 'signins-portal-csv', rows: 0, problems: newProblems() };
  const defaults = { interactive: interactiveFromFileName(name) };
  const counters = { servicePrincipal: 0 };
  const headers = csvHeaderOf(head);
  if (headers.length === 0) {
    out.kind = 'unreadable';
    addWarning(out.problems, 'The file has no header row.');
    return out;
  }
  const map = mapColumns(headers);
  const classification = classifySignInHeaders(headers, map);
  if (classification.kind === 'wrong-kind') {
    out.kind = 'wrong-kind';
    addWarning(out.problems, classification.message ?? 'Not a user sign-ins export.');
    return out;
  }
  out.kind = classification.kind;
  if (classification.kind === 'signins-legacy-portal-csv') {
    addWarning(out.problems, 'Old portal export: dates are read month-first (US) and taken as UTC; it has no client app column, so legacy authentication cannot be seen in it.');
  }

  // Only the columns this kind of file needs leave the engine.
  const wanted = new Set<string>(Object.values(map));
  if (classification.kind === 'signins-log-analytics-summary-csv') for (const c of SUMMARY_COLUMNS) wanted.add(c);
  if (classification.kind === 'signins-auth-details-csv') for (const c of AUTH_DETAIL_COLUMNS) wanted.add(c);
  const selectedNames = headers.filter((h) => wanted.has(h));
  const selected = selectedNames.map((h) => headers.indexOf(h));
  // Each mapped field with its place among the selected values, so a row's record is built straight from them.
  const fieldPlaces = (Object.entries(map) as [SignInField, string][]).map(([field, header]) => [field, selectedNames.indexOf(header)] as const);
  const unusable = new UnusableRows();
  const recordOf = (values: readonly (string | null)[]): RawRecord => {
    const raw: RawRecord = {};
    for (const [field, place] of fieldPlaces) raw[field] = place === -1 ? undefined : (values[place] ?? '');
    return raw;
  };

  const onRow = (ordinal: number, values: (string | null)[]): void => {
    const kind = classification.kind;
    if (kind !== 'signins-auth-details-csv' && kind !== 'signins-log-analytics-summary-csv') {
      deliver(toSignIn(recordOf(values)), ordinal, defaults, sink, out, counters, undefined, unusable);
      return;
    }
    const rec: Record<string, string> = {};
    for (let i = 0; i < selectedNames.length; i += 1) rec[selectedNames[i] as string] = values[i] ?? '';
    if (kind === 'signins-auth-details-csv') {
      if (authSink !== null) {
        const requestId = (rec['request id'] ?? '').trim();
        const method = (rec['authentication method'] ?? rec['método de autenticación'] ?? '').trim();
        const succeeded = (rec['succeeded'] ?? '').trim().toLowerCase() !== 'false';
        if (requestId !== '' && method !== '') authSink(requestId, method, succeeded);
      }
      out.rows += 1;
      return;
    }
    // A Log Analytics summary row, or a row of the report-only query's result.
    const summary = summaryOf(rec);
    if (typeof summary === 'string') {
      unusable.add(ordinal, summary);
      return;
    }
    if (rec['reportonlyresult'] !== undefined) {
      const result = rec['reportonlyresult'].trim();
      if (!isReportOnlyResult(result)) {
        unusable.add(ordinal, `not a report-only result: "${result.slice(0, 40)}"`);
        return;
      }
      reportOnlySink?.(result, summary.count, summary.firstUtc, summary.lastUtc, {
        user: (rec['userprincipalname'] ?? '').trim().toLowerCase(),
        clientApp: (rec['clientappused'] ?? '').trim(),
      });
      out.rows += 1;
      return;
    }
    deliver(toSignIn(recordOf(values)), ordinal, defaults, sink, out, counters, { count: summary.count, firstUtc: summary.firstUtc }, unusable);
  };

  let rejectedLines: number[] = [];
  try {
    ({ rejectedLines } = await scanCsv(engine, path, { columnCount: headers.length, headerLine: 1, selected }, onRow));
  } catch (e) {
    addWarning(out.problems, `Reading stopped early: ${(e as Error).message}`);
  }
  if (unusable.size > 0 || rejectedLines.length > 0) {
    try {
      await locateCsvProblems(path, out.problems, unusable);
    } catch (e) {
      addWarning(out.problems, `Reading stopped early: ${(e as Error).message}`);
    }
  }
  finishServicePrincipals(out, counters);
  return out;
}

function objectRecord(text: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message.slice(0, 80)})`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not a JSON object';
  return parsed as Record<string, unknown>;
}

async function readJson(path: string, name: string, sink: SignInSink): Promise<SignInFileResult> {
  const out: SignInFileResult = { kind: 'signins-json', rows: 0, problems: newProblems() };
  const defaults = { interactive: interactiveFromFileName(name) };
  const counters = { servicePrincipal: 0 };
  let registrationRecords = 0;
  const source = createReadStream(path, { encoding: 'utf8' });
  const split = await splitJsonArray(source, ['value', 'records'], (text, line) => {
    const o = objectRecord(text);
    if (typeof o === 'string') {
      addMalformed(out.problems, line, o);
      return;
    }
    if (registrationRecords > 0 || 'ismfacapable' in lowerKeySet(o)) {
      registrationRecords += 1;
      return;
    }
    const { raw, eventTypes } = rawFromJsonObject(o);
    deliver(toSignIn(raw, eventTypes), line, defaults, sink, out, counters);
  });
  if (split.error !== null) addWarning(out.problems, `JSON structure problem at ${split.error}; the records before it were read.`);
  if (registrationRecords > 0) {
    out.kind = 'wrong-kind';
    addWarning(out.problems, 'This is a user registration details export, not a sign-in export; put it in the registration folder.');
    return out;
  }
  if (!split.foundArray) {
    out.kind = 'wrong-kind';
    addWarning(out.problems, 'JSON without a sign-in array (expected a list of records, or an object with "value").');
    return out;
  }
  if (split.topLevel['@odata.nextLink'] !== undefined) {
    addWarning(out.problems, 'This Graph page has an @odata.nextLink: more pages exist; put every page file in the folder.');
  }
  finishServicePrincipals(out, counters);
  return out;
}

function lowerKeySet(o: Record<string, unknown>): Record<string, true> {
  const s: Record<string, true> = {};
  for (const k of Object.keys(o)) s[k.toLowerCase()] = true;
  return s;
}

async function readJsonl(path: string, name: string, sink: SignInSink): Promise<SignInFileResult> {
  const out: SignInFileResult = { kind: 'signins-jsonl', rows: 0, problems: newProblems() };
  const defaults = { interactive: interactiveFromFileName(name) };
  const counters = { servicePrincipal: 0 };
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const l of rl) {
    line += 1;
    const t = line === 1 ? l.replace(/^\uFEFF/, '').trim() : l.trim();
    if (t === '') continue;
    const o = objectRecord(t);
    if (typeof o === 'string') {
      addMalformed(out.problems, line, o);
      continue;
    }
    const { raw, eventTypes } = rawFromJsonObject(o);
    deliver(toSignIn(raw, eventTypes), line, defaults, sink, out, counters);
  }
  finishServicePrincipals(out, counters);
  return out;
}

/**
 * Read one sign-in export of any supported shape, streaming, and pass each user sign-in to `sink`.
 * Never throws for bad content: problems are returned with the file's result.
 */
export async function readSignInFile(
  path: string,
  name: string,
  sink: SignInSink,
  authSink: AuthDetailSink | null = null,
  reportOnlySink: ReportOnlySink | null = null,
  engine?: EvidenceEngine,
): Promise<SignInFileResult> {
  let head: string;
  try {
    head = await readHead(path);
  } catch (e) {
    const problems = newProblems();
    addWarning(problems, `Cannot open the file: ${(e as Error).message}`);
    return { kind: 'unreadable', rows: 0, problems };
  }
  const shape = sniffShape(head);
  if (shape === 'empty' || shape === 'binary') {
    const problems = newProblems();
    addWarning(problems, shape === 'empty' ? 'The file is empty.' : 'The file is not text (a spreadsheet or archive?); export as CSV or JSON.');
    return { kind: 'unreadable', rows: 0, problems };
  }
  if (shape === 'json') return readJson(path, name, sink);
  if (shape === 'jsonl') return readJsonl(path, name, sink);
  return withEngine(engine, (e) => readCsv(e, path, name, head, sink, authSink, reportOnlySink));
}

/** Where a sign-in export counted by the engine goes: the accumulator, and what the grouping needs from the plan. */
export interface GroupedCountTarget {
  acc: SignInAccumulator;
  windows: EvidenceWindows;
  /** Break-glass accounts as the plan names them. */
  breakGlassAccounts: readonly string[];
  /** Whether another sign-in file comes after this one (its request IDs must then be kept to find repeats). */
  moreFilesFollow: boolean;
}

/**
 * Count a portal sign-in CSV in the engine, by groups (see engine/signin-facets.ts). Null when the
 * file is not a portal sign-in CSV or cannot be counted that way (unusable rows, a repeated request
 * ID): the caller then reads it row by row with readSignInFile, and nothing was counted.
 */
export async function countSignInCsvByGroups(path: string, name: string, target: GroupedCountTarget, engine: EvidenceEngine): Promise<SignInFileResult | null> {
  let head: string;
  try {
    head = await readHead(path);
  } catch {
    return null;
  }
  if (sniffShape(head) !== 'csv') return null;
  const headers = csvHeaderOf(head);
  if (headers.length === 0) return null;
  const map = mapColumns(headers);
  const kind = classifySignInHeaders(headers, map).kind;
  if (kind !== 'signins-portal-csv') return null;
  // The last row's request ID as written, when the file's end tells it: the grouped count must have read that row.
  const lastRow = await lastCsvRow(path, headers.length);
  const requestIdColumn = map.requestId === undefined ? -1 : headers.indexOf(map.requestId);
  const lastRequestId = lastRow === null || requestIdColumn === -1 ? null : lastRow[requestIdColumn] || null;
  const counted = await countCsvByGroups(
    engine,
    {
      path,
      map,
      columnIndex: (header) => headers.indexOf(header),
      columnCount: headers.length,
      windows: target.windows,
      breakGlassAccounts: target.breakGlassAccounts.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''),
      interactive: interactiveFromFileName(name),
      shareRequestIds: target.moreFilesFollow || target.acc.requestIds.size > 0,
      lastRequestId,
    },
    target.acc,
  );
  return counted.counted ? { kind, rows: counted.rows, problems: newProblems() } : null;
}
