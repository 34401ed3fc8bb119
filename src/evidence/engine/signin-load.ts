/**
 * Loading sign-in exports into the engine: each file of any supported shape is read by the engine
 * into the one canonical table `signin` (one row per record: a user sign-in, a service principal
 * record, or a record that cannot be used with the reason). The file's kind, its warnings and the
 * lines of unusable records are reported as the TypeScript readers reported them.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue } from '@duckdb/node-api';
import { reportOnlyResults } from '../../model/report-only.ts';
import { csvHeaderOf, locateCsvProblems } from '../csv.ts';
import { splitJsonArray } from '../json-split.ts';
import { addMalformed, addWarning, MAX_MALFORMED_LISTED, newProblems } from '../problems.ts';
import type { FileKind, FileProblems } from '../problems.ts';
import { readHead, sniffShape } from '../sniff.ts';
import { mapColumns } from '../signins/headers.ts';
import type { SignInField } from '../signins/headers.ts';
import { classifySignInHeaders, interactiveFromFileName } from '../signins/classify.ts';
import { execute, queryRows, sqlIdentifier } from './database.ts';
import type { EvidenceEngine } from './database.ts';
import { csvColumn, enginePath, readCsvCall } from './csv-scan.ts';
import { caPoliciesExpression, canonicalSelect, csvRawSelect, jsonRawSelect, methodsExpression, utcText, vocabularyParams } from './signin-sql.ts';

export const SIGNIN_TABLE = 'signin';
export const AUTH_DETAIL_TABLE = 'auth_detail';
export const REPORT_ONLY_TABLE = 'report_only_row';

export interface LoadOptions {
  /** Keep every display field and every sign-in's methods and policies (for listing sign-ins); otherwise only what the analysis counts. */
  full: boolean;
  /** Break-glass accounts (lower-cased): their sign-ins keep their authentication methods. */
  breakGlass: readonly string[];
  /** The all-users policy whose report-only result each sign-in keeps (null: none). */
  policyName: string | null;
}

export interface LoadedFile {
  kind: FileKind;
  rows: number;
  problems: FileProblems;
}

/** Create the tables the loads fill. */
export async function createSignInTables(engine: EvidenceEngine): Promise<void> {
  await execute(engine, 
    `CREATE TABLE ${SIGNIN_TABLE} (file_ord INTEGER, ordinal BIGINT, line BIGINT, kind VARCHAR, problem VARCHAR, request_id VARCHAR, t VARCHAR, first_t VARCHAR, n BIGINT, ` +
      `upn VARCHAR, client_app VARCHAR, app_name VARCHAR, legacy BOOLEAN, status VARCHAR, code BIGINT, auth_req VARCHAR, interactive BOOLEAN, ca_status VARCHAR, ` +
      `device_label VARCHAR, methods VARCHAR[], has_policies BOOLEAN, policy_result VARCHAR, grouped BOOLEAN, ` +
      `user_display_name VARCHAR, user_type VARCHAR, app_display_name VARCHAR, failure_reason VARCHAR, mfa_result VARCHAR, device_name VARCHAR, ` +
      `operating_system VARCHAR, browser VARCHAR, device_id VARCHAR, user_agent VARCHAR, ip_address VARCHAR, ca_list VARCHAR); ` +
      `CREATE TABLE ${AUTH_DETAIL_TABLE} (request_id VARCHAR, method VARCHAR, succeeded BOOLEAN); ` +
      `CREATE TABLE ${REPORT_ONLY_TABLE} (result VARCHAR, n BIGINT, first_t VARCHAR, last_t VARCHAR, upn VARCHAR, client_app VARCHAR)`,
  );
}

/** The INSERT of a canonical relation into the sign-in table. */
function insertCanonical(canonical: string, options: LoadOptions): string {
  const methods = options.full ? methodsExpression() : `CASE WHEN list_contains($break_glass, upn) AND status = 'success' THEN ${methodsExpression()} END`;
  const policies = caPoliciesExpression();
  const hit = `list_filter(${policies}, lambda p: lower(trim(p.name)) = lower(trim($policy_name)))`;
  const policyResult = `CASE WHEN $policy_name <> '' AND NOT grouped THEN list_transform(${hit}, lambda p: p.result)[1] END`;
  const full = options.full
    ? `user_display_name, user_type, app_display_name, failure_reason, mfa_result, device_name_full, operating_system_full, browser_full, device_id_full, user_agent, ip_address, to_json(${policies})::VARCHAR`
    : Array.from({ length: 12 }, () => 'NULL').join(', ');
  return (
    `INSERT INTO ${SIGNIN_TABLE} SELECT $file_ord, ordinal, line, kind, problem, request_id, t, first_t, n, upn, client_app, app_name, legacy, status, code, auth_req, ` +
    `interactive, ca_status, device_label, ${methods}, NOT grouped AND len(${policies}) > 0, ${policyResult}, grouped, ${full} ` +
    `FROM (SELECT *, n_given AS grouped FROM (${canonical}))`
  );
}

function loadParams(fileOrd: number, interactiveDefault: boolean | null, options: LoadOptions): Record<string, DuckDBValue> {
  return {
    ...vocabularyParams(),
    file_ord: fileOrd,
    interactive_default: interactiveDefault === null ? '' : String(interactiveDefault),
    break_glass: new DuckDBListValue([...options.breakGlass]),
    policy_name: options.policyName ?? '',
  };
}

/** Counts of one loaded file. */
async function fileCounts(engine: EvidenceEngine, fileOrd: number): Promise<{ users: number; servicePrincipals: number; malformed: number }> {
  const [counts] = await queryRows(
    engine,
    `SELECT count(*) FILTER (WHERE kind = 'user'), count(*) FILTER (WHERE kind = 'service-principal'), count(*) FILTER (WHERE kind = 'malformed') FROM ${SIGNIN_TABLE} WHERE file_ord = $f`,
    { f: fileOrd },
  );
  const [users, servicePrincipals, malformed] = (counts ?? [0, 0, 0]) as number[];
  return { users: users ?? 0, servicePrincipals: servicePrincipals ?? 0, malformed: malformed ?? 0 };
}

/**
 * The first unusable records of a file with their ordinal (and line where the source knows it). Run
 * only when the load found some: numbering the records makes the engine read the file in order on
 * one thread, so the load itself does not number them.
 */
async function listUnusable(engine: EvidenceEngine, numberedCanonical: string, params: Record<string, DuckDBValue>): Promise<{ ordinal: number; line: number | null; reason: string }[]> {
  const rows = await queryRows(engine, `SELECT ordinal, line, problem FROM (${numberedCanonical}) WHERE kind = 'malformed' ORDER BY ordinal LIMIT $limit`, {
    ...params,
    limit: MAX_MALFORMED_LISTED,
  });
  return rows.map(([o, l, r]) => ({ ordinal: o as number, line: l as number | null, reason: r as string }));
}

function finishServicePrincipals(out: LoadedFile, servicePrincipals: number): void {
  if (servicePrincipals === 0) return;
  if (out.rows === 0 && out.problems.malformedCount === 0) {
    out.kind = 'wrong-kind';
    addWarning(out.problems, 'This holds only application, service principal or managed identity sign-ins; user sign-ins were expected.');
  } else {
    addWarning(out.problems, `${servicePrincipals} service principal or managed identity records skipped (not user sign-ins).`);
  }
}

const SUMMARY_PROBLEM = (count: string, first: string, last: string): string =>
  `CASE WHEN NOT regexp_full_match(trim(coalesce(${count}, '')), '[1-9]\\d*') THEN 'sign-in count is not a positive whole number: "' || left(trim(coalesce(${count}, '')), 40) || '"' ` +
  `WHEN ${utcText(`trim(coalesce(${first}, ''))`)} IS NULL OR ${utcText(`trim(coalesce(${last}, ''))`)} IS NULL THEN 'unreadable FirstSeen or LastSeen' END`;

/** A CSV export: portal (any header version, translated), old portal, Log Analytics, a query's result, or an AuthDetails companion. */
async function loadCsv(engine: EvidenceEngine, fileOrd: number, path: string, name: string, head: string, options: LoadOptions): Promise<LoadedFile> {
  const out: LoadedFile = { kind: 'signins-portal-csv', rows: 0, problems: newProblems() };
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
    addWarning(
      out.problems,
      'Old portal export: dates are read month-first (US) and taken as UTC; it has no client app column, so legacy authentication cannot be seen in it.',
    );
  }
  const col = (header: string): string | null => (headers.includes(header) ? sqlIdentifier(csvColumn(headers.indexOf(header))) : null);
  const rejects = engine.uniqueName('rejects');
  // The rows the dialect rejects are counted from the first read; a second read (numbering the rows) keeps its own.
  const sourceOf = (numbered: boolean, rejectsTable = rejects): string =>
    `(SELECT ${numbered ? 'row_number() OVER ()' : 'NULL::BIGINT'} AS ordinal, * FROM ${readCsvCall(headers.length, 1, rejectsTable)})`;
  const source = sourceOf(true);
  const params: Record<string, DuckDBValue> = { ...loadParams(fileOrd, interactiveFromFileName(name), options), path: await enginePath(engine, path) };

  let readable = 0;
  let servicePrincipals = 0;
  const reasons = new Map<number, string>(); // row ordinal -> why it cannot be used (the first ones, for the listing)
  let unusableCount = 0;
  try {
    if (classification.kind === 'signins-auth-details-csv') {
      const method = `coalesce(${col('authentication method') ?? 'NULL'}, ${col('método de autenticación') ?? 'NULL'}, '')`;
      await execute(engine, 
        `CREATE TEMP TABLE ${sqlIdentifier(`${rejects}_rows`)} AS SELECT trim(coalesce(${col('request id') ?? 'NULL'}, '')) AS request_id, trim(${method}) AS method, ` +
          `lower(trim(coalesce(${col('succeeded') ?? 'NULL'}, ''))) <> 'false' AS succeeded FROM ${source}`,
        { path: params['path'] as string },
      );
      await execute(engine, 
        `INSERT INTO ${AUTH_DETAIL_TABLE} SELECT * FROM ${sqlIdentifier(`${rejects}_rows`)} WHERE request_id <> '' AND method <> ''`,
      );
      readable = (await queryRows(engine, `SELECT count(*) FROM ${sqlIdentifier(`${rejects}_rows`)}`))[0]?.[0] as number;
      await execute(engine, `DROP TABLE ${sqlIdentifier(`${rejects}_rows`)}`);
      out.rows = readable;
    } else if (classification.kind === 'signins-log-analytics-summary-csv' && headers.includes('reportonlyresult')) {
      // The report-only query's result: counts per result, user and client app, already counted in the workspace.
      const rows = `${sqlIdentifier(`${rejects}_rows`)}`;
      const summaryProblem = SUMMARY_PROBLEM(col('signins') ?? 'NULL', col('firstseen') ?? 'NULL', col('lastseen') ?? 'NULL');
      const result = `trim(coalesce(${col('reportonlyresult') ?? 'NULL'}, ''))`;
      await execute(engine, 
        `CREATE TEMP TABLE ${rows} AS SELECT ordinal, coalesce(${summaryProblem}, CASE WHEN NOT list_contains($results, ${result}) THEN 'not a report-only result: "' || left(${result}, 40) || '"' END) AS problem, ` +
          `${result} AS result, TRY_CAST(trim(${col('signins') ?? 'NULL'}) AS BIGINT) AS n, ${utcText(`trim(coalesce(${col('firstseen') ?? 'NULL'}, ''))`)} AS first_t, ` +
          `${utcText(`trim(coalesce(${col('lastseen') ?? 'NULL'}, ''))`)} AS last_t, lower(trim(coalesce(${col('userprincipalname') ?? 'NULL'}, ''))) AS upn, ` +
          `trim(coalesce(${col('clientappused') ?? 'NULL'}, '')) AS client_app FROM ${source}`,
        { path: params['path'] as string, results: new DuckDBListValue([...reportOnlyResults]) },
      );
      await execute(engine, `INSERT INTO ${REPORT_ONLY_TABLE} SELECT result, n, first_t, last_t, upn, client_app FROM ${rows} WHERE problem IS NULL`);
      const [counts] = await queryRows(engine, `SELECT count(*) FILTER (WHERE problem IS NULL), count(*) FILTER (WHERE problem IS NOT NULL) FROM ${rows}`);
      out.rows = (counts?.[0] as number) ?? 0;
      unusableCount = (counts?.[1] as number) ?? 0;
      for (const [o, r] of await queryRows(engine, `SELECT ordinal, problem FROM ${rows} WHERE problem IS NOT NULL ORDER BY ordinal LIMIT $limit`, { limit: MAX_MALFORMED_LISTED })) {
        reasons.set(o as number, r as string);
      }
      await execute(engine, `DROP TABLE ${rows}`);
    } else {
      const columnOf: Partial<Record<SignInField, string>> = {};
      for (const [field, header] of Object.entries(map) as [SignInField, string][]) columnOf[field] = col(header) as string;
      // A query's summary row stands for `SignIns` alike sign-ins seen from FirstSeen to LastSeen.
      const summary = classification.kind === 'signins-log-analytics-summary-csv';
      const canonical = (numbered: boolean, rejectsTable = rejects): string =>
        canonicalSelect(
          csvRawSelect(
            sourceOf(numbered, rejectsTable),
            columnOf,
            summary
              ? {
                  count: col('signins') ?? 'NULL',
                  first: col('firstseen') ?? 'NULL',
                  problem: SUMMARY_PROBLEM(col('signins') ?? 'NULL', col('firstseen') ?? 'NULL', col('lastseen') ?? 'NULL'),
                }
              : {},
          ),
          { full: options.full },
        );
      await execute(engine, insertCanonical(canonical(options.full), options), params);
      const counts = await fileCounts(engine, fileOrd);
      out.rows = counts.users;
      unusableCount = counts.malformed;
      servicePrincipals = counts.servicePrincipals;
      if (counts.malformed > 0) for (const p of await listUnusable(engine, canonical(true, `${rejects}_again`), params)) reasons.set(p.ordinal, p.reason);
    }
    const rejected = (await queryRows(engine, `SELECT count(DISTINCT line) FROM ${sqlIdentifier(rejects)}`))[0]?.[0] as number;
    for (const table of [rejects, `${rejects}_scan`, `${rejects}_again`, `${rejects}_again_scan`]) await execute(engine, `DROP TABLE IF EXISTS ${sqlIdentifier(table)}`);
    if (reasons.size > 0 || rejected > 0) {
      // The cheap second pass, only for a file with unusable rows: their lines, and the rows the dialect rejected worded as before.
      await locateCsvProblems(path, out.problems, reasons);
      out.problems.malformedCount += unusableCount - reasons.size; // the rows past the listing limit
    }
  } catch (e) {
    addWarning(out.problems, `Reading stopped early: ${(e as Error).message}`);
  }
  finishServicePrincipals(out, servicePrincipals);
  return out;
}

/** Record `line`'s reason as the TypeScript reader worded it: an invalid JSON text names the parser's complaint. */
function jsonProblem(reason: string, doc: string | null): string {
  if (reason !== 'not valid JSON') return reason;
  try {
    JSON.parse(doc ?? '');
    return reason;
  } catch (e) {
    return `not valid JSON (${(e as Error).message.slice(0, 80)})`;
  }
}

/** Load a relation of JSON documents (`ordinal`, `line`, `doc`; numbered or not) and report its unusable records by line. */
async function loadJsonDocuments(
  engine: EvidenceEngine,
  fileOrd: number,
  sourceOf: (numbered: boolean) => string,
  params: Record<string, DuckDBValue>,
  out: LoadedFile,
  options: LoadOptions,
): Promise<number> {
  const canonical = (numbered: boolean): string => canonicalSelect(jsonRawSelect(sourceOf(numbered)), { full: options.full });
  await execute(engine, insertCanonical(canonical(options.full), options), params);
  const counts = await fileCounts(engine, fileOrd);
  out.rows = counts.users;
  if (counts.malformed > 0) {
    const listed = await listUnusable(engine, canonical(true), params);
    const ordinals = new DuckDBListValue(listed.map((p) => p.ordinal));
    const docs = new Map(
      (await queryRows(engine, `SELECT ordinal, doc FROM ${sourceOf(true)} WHERE list_contains($ordinals, ordinal)`, { ...params, ordinals })).map(([o, d]) => [
        o as number,
        d as string | null,
      ]),
    );
    for (const p of listed) addMalformed(out.problems, p.line ?? p.ordinal, jsonProblem(p.reason, docs.get(p.ordinal) ?? null));
    out.problems.malformedCount += counts.malformed - listed.length;
  }
  return counts.servicePrincipals;
}

/** JSON lines (diagnostic settings, Event Hub, a Log Analytics export): each line a record, numbered by the engine as the file's lines. */
async function loadJsonl(engine: EvidenceEngine, fileOrd: number, path: string, name: string, options: LoadOptions): Promise<LoadedFile> {
  const out: LoadedFile = { kind: 'signins-jsonl', rows: 0, problems: newProblems() };
  // One text column per line: no quote, and a separator that cannot occur in JSON text outside a string.
  const lines = (numbered: boolean): string =>
    `(SELECT ordinal, ordinal AS line, ltrim(text, '\uFEFF') AS doc FROM (SELECT ${numbered ? 'row_number() OVER ()' : 'NULL::BIGINT'} AS ordinal, text FROM ` +
    `read_csv($path, auto_detect = false, header = false, delim = '\x01', quote = '', escape = '', new_line = '\\n', strict_mode = false, columns = {'text': 'VARCHAR'})) ` +
    `WHERE trim(coalesce(text, ''), E' \\t\\r\\n') <> '')`;
  const params = { ...loadParams(fileOrd, interactiveFromFileName(name), options), path: await enginePath(engine, path) };
  try {
    finishServicePrincipals(out, await loadJsonDocuments(engine, fileOrd, lines, params, out, options));
  } catch (e) {
    addWarning(out.problems, `Reading stopped early: ${(e as Error).message}`);
  }
  return out;
}

const REGISTRATION_RECORD = /"ismfacapable"\s*:/i;

/**
 * A JSON document (a Graph page, the portal's JSON download, a storage `records` array): the
 * streaming splitter finds the records and their lines and stages them as a two-column CSV (line,
 * record) that the engine reads; the records are parsed by the engine.
 */
async function loadJson(engine: EvidenceEngine, fileOrd: number, path: string, name: string, options: LoadOptions): Promise<LoadedFile> {
  const out: LoadedFile = { kind: 'signins-json', rows: 0, problems: newProblems() };
  const staged = join(engine.stagingDir, `${engine.uniqueName('records')}.csv`);
  const sink = createWriteStream(staged, { encoding: 'utf8' });
  let registration = false;
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    if (!sink.write(pending)) await once(sink, 'drain');
    pending = '';
  };
  const split = await splitJsonArray(
    (async function* () {
      for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
        yield chunk;
        await flush();
      }
    })(),
    ['value', 'records'],
    (text, line) => {
      if (REGISTRATION_RECORD.test(text)) registration = true;
      pending += `${line},"${text.replaceAll('"', '""')}"\n`;
    },
  );
  await flush();
  sink.end();
  await once(sink, 'close');
  if (split.error !== null) addWarning(out.problems, `JSON structure problem at ${split.error}; the records before it were read.`);
  if (registration) {
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
  const records = (numbered: boolean): string =>
    `(SELECT ${numbered ? 'row_number() OVER ()' : 'NULL::BIGINT'} AS ordinal, line::BIGINT AS line, doc FROM read_csv($path, auto_detect = false, header = false, delim = ',', quote = '"', escape = '"', ` +
    `new_line = '\\n', strict_mode = true, columns = {'line': 'VARCHAR', 'doc': 'VARCHAR'}))`;
  const params = { ...loadParams(fileOrd, interactiveFromFileName(name), options), path: staged };
  try {
    finishServicePrincipals(out, await loadJsonDocuments(engine, fileOrd, records, params, out, options));
  } catch (e) {
    addWarning(out.problems, `Reading stopped early: ${(e as Error).message}`);
  }
  return out;
}

/**
 * Load one sign-in export of any supported shape into the engine's sign-in table as file number
 * `fileOrd`. Never throws for bad content: problems are returned with the file's result.
 */
export async function loadSignInFile(engine: EvidenceEngine, fileOrd: number, path: string, name: string, options: LoadOptions): Promise<LoadedFile> {
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
  if (shape === 'json') return loadJson(engine, fileOrd, path, name, options);
  if (shape === 'jsonl') return loadJsonl(engine, fileOrd, path, name, options);
  return loadCsv(engine, fileOrd, path, name, head, options);
}
