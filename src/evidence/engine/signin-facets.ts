/**
 * Counting a portal sign-in CSV in the engine. One pass over the file groups its rows once per part
 * of the analysis (GROUPING SETS), each grouping keeping only the columns that part reads, so the
 * groups number in the users and apps rather than in the rows. Every group then counts as its
 * sign-ins would: its record is the canonical one `toSignIn` makes from its key values (once for all
 * groups alike but for their user, see GroupTemplate), with its own user and times, and it goes to
 * the same accumulator as a single row, with its count. The engine only decides what may be grouped:
 * a value whose reading belongs to the TypeScript vocabulary (client apps, break-glass accounts,
 * dates) is grouped by its raw text, and where the engine cannot be sure of the outcome it keeps the
 * column in the group, never drops it.
 *
 * A file is counted this way only when every row is plainly usable (a UTC date in the portal's
 * format, a user name with an @, a numeric error code, a request ID without spaces at its ends) and no request ID repeats
 * one already counted or another row of the file. Otherwise, and when the dialect rejects a row,
 * the caller reads the file row by row as before, which names each unusable row with its line and
 * decides which copy of a repeated sign-in counts.
 */
import type { DuckDBValue, DuckDBVector } from '@duckdb/node-api';
import { MODERN_CLIENT_APPS } from '../../model/client-apps.ts';
import type { ColumnMap, SignInField } from '../signins/headers.ts';
import { canonicalUserPrincipalName, toSignIn } from '../signins/record.ts';
import type { RawRecord, SignIn } from '../signins/record.ts';
import { SIGN_IN_PARTS } from '../analysis/signins.ts';
import type { SignInAccumulator } from '../analysis/signins.ts';
import { requestIdHash, splitRequestIdHash } from '../analysis/request-ids.ts';
import type { EvidenceWindows } from '../../model/evidence-windows.ts';
import { csvColumn, enginePath } from './csv-scan.ts';
import { sqlIdentifier, sqlString } from './database.ts';
import type { EvidenceEngine } from './database.ts';

/** Fields the grouped count reads; a file mapping any field outside these and the ignored ones is read row by row. */
const READ_FIELDS = [
  'createdUtc',
  'requestId',
  'userPrincipalName',
  'errorCode',
  'clientApp',
  'deviceId',
  'deviceName',
  'browser',
  'operatingSystem',
  'userAgent',
  'ipAddress',
  'authRequirement',
  'conditionalAccessStatus',
  'mfaMethod',
] as const satisfies readonly SignInField[];
/** Fields no part of the analysis reads once the error code is a number and the user name is present. */
const IGNORED_FIELDS: readonly SignInField[] = [
  'userDisplayName',
  'userId',
  'userType',
  'appDisplayName',
  'status',
  'failureReason',
  'mfaResult',
  'servicePrincipalId',
  'servicePrincipalName',
];

type ReadField = (typeof READ_FIELDS)[number];

/** Whether a portal CSV with this column map can be counted by groups. */
export function groupedCountFits(map: ColumnMap): boolean {
  if (map.createdUtc === undefined || map.userPrincipalName === undefined || map.errorCode === undefined) return false;
  return (Object.keys(map) as SignInField[]).every((f) => (READ_FIELDS as readonly SignInField[]).includes(f) || IGNORED_FIELDS.includes(f));
}

/** A stand-in user name for groups whose part never reads the user: present (so the record is usable) and no account's name. */
const ANY_USER = '\u0000';

/**
 * One grouping set: the parts it feeds, the key columns it keeps, and which of them names the user
 * (the one key that differs between most groups of a set; see `GroupTemplate`).
 */
interface Facet {
  parts: number;
  keys: readonly string[];
  user: string | null;
}

/** Key columns (computed per row in the projection below) and the record field each stands for; null for what the count itself reads. */
const KEY_FIELDS: Readonly<Record<string, ReadField | null>> = {
  t_code: 'errorCode',
  clean: null,
  unlabelled: null,
  v_from: null,
  v_before_end: null,
  e_in72: null,
  e_upn: 'userPrincipalName',
  e_requirement: 'authRequirement',
  e_ca: 'conditionalAccessStatus',
  l_client: 'clientApp',
  l_upn: 'userPrincipalName',
  l_device: 'deviceName',
  l_os: 'operatingSystem',
  l_browser: 'browser',
  l_device_id: 'deviceId',
  l_agent: 'userAgent',
  l_ip: 'ipAddress',
  l_window: null,
  x_code: 'errorCode',
  x_upn: 'userPrincipalName',
  b_request: 'requestId',
  b_ca: 'conditionalAccessStatus',
  b_method: 'mfaMethod',
  h: null,
};
const KEY_COLUMNS = Object.keys(KEY_FIELDS);
/** The key columns a group's template is told by: all but the users' and the request IDs'. */
const TEMPLATE_COLUMNS = KEY_COLUMNS.filter((c) => KEY_FIELDS[c] !== 'userPrincipalName' && c !== 'h');
/** The users' key columns: a group keeps at most one of them (one a set), the others are null. */
const USER_COLUMNS = KEY_COLUMNS.filter((c) => KEY_FIELDS[c] === 'userPrincipalName');
/** Characters of a time as the engine writes it for the accumulator: `2026-03-24T09:30:00.250Z`. */
const STAMP_LENGTH = 24;
/** Result column of a key column (the first result column is the grouping). */
const resultColumn = (key: string): number => KEY_COLUMNS.indexOf(key) + 1;

const FACETS: readonly Facet[] = [
  // Every row by raw error code and the window boundaries: the totals, the validation window's counts, the counts
  // from enforcement on and the first 72 hours, and the sign-ins no policy may have covered. Whether every row was
  // plainly usable, and whether a legacy sign-in lacks the labels that name its device, are keys too, so no other
  // set carries them.
  {
    parts: SIGN_IN_PARTS.totals | SIGN_IN_PARTS.validation | SIGN_IN_PARTS.enforcement,
    keys: ['v_from', 'v_before_end', 'e_in72', 't_code', 'e_upn', 'e_requirement', 'e_ca', 'clean', 'unlabelled'],
    user: 'e_upn',
  },
  // Legacy authentication by client app, user and device, in the validation window or not; the outcome is counted
  // (successful), not a key. A group outside the window may hold sign-ins from before and after it: the legacy part
  // reads no window, and the validation window's part finds none of it inside.
  {
    parts: SIGN_IN_PARTS.legacy | SIGN_IN_PARTS.validationLegacy,
    keys: ['l_client', 'l_upn', 'l_device', 'l_os', 'l_browser', 'l_device_id', 'l_agent', 'l_ip', 'l_window'],
    user: 'l_upn',
  },
  // Sign-ins of accounts that may be break-glass accounts, each (by request ID), and the failed sign-ins from
  // enforcement on by error code and user. Each part reads only the groups that are its own: the break-glass
  // part finds no account for another user, the failure users' part skips successes and what came before enforcement.
  { parts: SIGN_IN_PARTS.breakGlass | SIGN_IN_PARTS.failureUsers, keys: ['v_from', 'x_code', 'x_upn', 'b_request', 'b_ca', 'b_method'], user: 'x_upn' },
  { parts: 0, keys: ['h'], user: null }, // request IDs, each with how often it occurs in the file
];

/** DuckDB's grouping() bits for a set: 1 for each key column the set leaves out, first column highest. */
const groupingMask = (keys: readonly string[]): number => KEY_COLUMNS.reduce((mask, c) => mask * 2 + (keys.includes(c) ? 0 : 1), 0);

/**
 * A portal timestamp the engine reads to the same instant as parseUtcTimestamp: UTC, whole seconds or
 * milliseconds (`YYYY-MM-DDTHH:MM:SSZ`, `…:SS.mmmZ`), a year from 1000, a real day and an hour below 24.
 * Checked by position rather than by a regular expression (a third of the scan's time); the digits
 * are the cast's to check.
 */
const plainDateSql = (d: string, ts: string): string =>
  `coalesce(${ts} >= TIMESTAMP '1000-01-01' AND (length(${d}) = 20 OR (length(${d}) = 24 AND ${d}[20] = '.')) AND ${d}[5] = '-' AND ${d}[11] = 'T' ` +
  `AND ${d}[-1] = 'Z' AND ${d}[12:13] < '24', false)`;

export interface GroupedCountInput {
  path: string;
  map: ColumnMap;
  /** Column index in the file of each header key. */
  columnIndex: (header: string) => number;
  columnCount: number;
  windows: EvidenceWindows;
  /** Break-glass accounts, trimmed and lower-cased. */
  breakGlassAccounts: readonly string[];
  /** Interactive or not, from the file name; null when it does not say. */
  interactive: boolean | null;
  /**
   * Whether the file's request IDs must join the shared table: another sign-in file was read before
   * it or comes after it. When not, the engine only looks for an ID repeated within the file.
   */
  shareRequestIds: boolean;
  /**
   * The request ID of the file's last row as written (see lastCsvRow), or null when the file's end does
   * not tell it. The engine can stop reading without an error at an over-long line; a file is counted
   * by groups only when its last row was read.
   */
  lastRequestId: string | null;
}

/** What one pass reads beyond the usual columns. */
interface PassOptions {
  /** Device ID, user agent and IP address: a legacy sign-in names its device by them only when it has no device name, system or browser. */
  deviceDetail: boolean;
}

/** Sign-ins counted, or why the file must be read row by row. */
export type GroupedCountResult = { counted: true; rows: number } | { counted: false; reason: string };

/** The SQL of the grouped count, and its bound values. */
export function groupedCountSql(input: GroupedCountInput, path: string, pass: PassOptions): { sql: string; params: Record<string, DuckDBValue> } | null {
  const params: Record<string, DuckDBValue> = {
    path,
    enforcement: input.windows.enforcementStartUtc,
    validationEnd: input.windows.validationEndUtc,
    end72: input.windows.first72hEndUtc,
  };
  if (input.lastRequestId !== null && !input.shareRequestIds) params['lastRequestId'] = input.lastRequestId;
  const raw = (field: ReadField): string => {
    const header = input.map[field];
    const detail = field === 'deviceId' || field === 'userAgent' || field === 'ipAddress';
    return header === undefined || (detail && !pass.deviceDetail) ? 'NULL::VARCHAR' : sqlIdentifier(csvColumn(input.columnIndex(header)));
  };
  const columns = Array.from({ length: input.columnCount }, (_, i) => `${sqlString(csvColumn(i))}: 'VARCHAR'`).join(', ');
  const source = `read_csv($path, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true, ` + `columns = {${columns}})`;
  const bg = input.breakGlassAccounts.map((account, i) => {
    params[`bg${i}`] = account;
    return `contains(lower(upn), $bg${i})`;
  });
  // Modern client apps as literals (IN takes values, not a list parameter); the vocabulary is the project's own text.
  const modernList = [...MODERN_CLIENT_APPS].map(sqlString).join(', ');
  const sql = `
WITH src AS (
  SELECT ${(READ_FIELDS as readonly ReadField[]).map((f) => `${raw(f)} AS ${sqlIdentifier(f)}`).join(', ')} FROM ${source}
), r AS (
  SELECT ts AS d, "requestId" AS rid, "userPrincipalName" AS upn, "errorCode" AS code, "clientApp" AS client,
    ${plainDateSql('"createdUtc"', 'ts')}
      AND coalesce(contains("userPrincipalName", '@'), false)
      AND ("requestId" IS NULL OR coalesce("requestId"[1] BETWEEN '!' AND '~' AND "requestId"[-1] BETWEEN '!' AND '~', false)) AS clean,
    "errorCode" AS t_code,
    ("clientApp" IS NOT NULL AND NOT list_contains([${modernList}], lower(trim("clientApp")))) AS legacy,
    ${bg.length === 0 ? 'false' : `coalesce(${bg.join(' OR ')}, false)`} AS bg,
    ltrim("errorCode", '-0') = '' AS ok,
    coalesce("deviceName"[1] BETWEEN '!' AND '~', false) OR coalesce("operatingSystem"[1] BETWEEN '!' AND '~', false) OR coalesce("browser"[1] BETWEEN '!' AND '~', false) AS labelled,
    -- A successful sign-in of the first 72 hours that may count as not covered by any policy: single-factor (not plainly
    -- multifactor) and no policy applied (plainly not when the status does not mention it).
    ts >= $enforcement::TIMESTAMP AND ts < $end72::TIMESTAMP AND ltrim("errorCode", '-0') = ''
      AND NOT coalesce(contains(lower("authRequirement"), 'multifactor'), false)
      AND coalesce(contains(lower("conditionalAccessStatus"), 'applied'), false) AS gap,
    ts >= $enforcement::TIMESTAMP AS v_from, ts < $validationEnd::TIMESTAMP AS v_before_end, ts < $end72::TIMESTAMP AS e_in72,
    "deviceName", "operatingSystem", "browser", "deviceId", "userAgent", "ipAddress", "authRequirement", "conditionalAccessStatus", "mfaMethod"
  FROM (SELECT *, try_cast("createdUtc" AS TIMESTAMP) AS ts FROM src)
), k AS (
  SELECT d, ok, clean, t_code, legacy AND NOT labelled AS unlabelled,
    CASE WHEN legacy THEN client END AS l_client,
    CASE WHEN legacy THEN upn END AS l_upn,
    CASE WHEN legacy THEN "deviceName" END AS l_device,
    CASE WHEN legacy THEN "operatingSystem" END AS l_os,
    CASE WHEN legacy THEN "browser" END AS l_browser,
    CASE WHEN legacy AND NOT labelled THEN "deviceId" END AS l_device_id,
    CASE WHEN legacy AND NOT labelled THEN "userAgent" END AS l_agent,
    CASE WHEN legacy AND NOT labelled THEN "ipAddress" END AS l_ip,
    CASE WHEN legacy THEN v_from AND v_before_end END AS l_window,
    v_from, v_before_end,
    CASE WHEN bg OR (v_from AND NOT ok) THEN code END AS x_code,
    CASE WHEN bg OR (v_from AND NOT ok) THEN upn END AS x_upn,
    CASE WHEN bg THEN rid END AS b_request,
    CASE WHEN bg THEN "conditionalAccessStatus" END AS b_ca,
    CASE WHEN bg THEN "mfaMethod" END AS b_method,
    e_in72,
    CASE WHEN gap THEN upn END AS e_upn,
    CASE WHEN gap THEN "authRequirement" END AS e_requirement,
    CASE WHEN gap THEN "conditionalAccessStatus" END AS e_ca,
    -- The MD5 half the shared table holds; the engine's own hash when the IDs never leave it (only a repeat within the file is looked for).
    CASE WHEN rid IS NOT NULL THEN ${input.shareRequestIds ? 'md5_number_lower(rid)' : 'hash(rid)'} END AS h
  FROM r
)
SELECT grouping(${KEY_COLUMNS.join(', ')})::INTEGER AS facet, ${KEY_COLUMNS.join(', ')},
  -- Counts as doubles (exact far beyond any export's rows) and one text a group, so reading a group out of the engine
  -- costs little: most of a large file's groups differ only in their user and times.
  count(*)::DOUBLE AS n, count_if(ok)::DOUBLE AS successful,
  -- The group's first and last time (each ${STAMP_LENGTH} characters, the accumulator's own form) and its user's name as exported; only for the groups that are counted.
  CASE WHEN grouping(h) = 1 THEN concat(strftime(min(d), '%Y-%m-%dT%H:%M:%S.%gZ'), strftime(max(d), '%Y-%m-%dT%H:%M:%S.%gZ'), ${USER_COLUMNS.join(', ')}) END AS stamp,
  -- The group's template: its set and every key but the users' (64 bits, as request IDs are told apart; see GroupTemplate).
  CASE WHEN grouping(h) = 1 THEN hash(grouping(${KEY_COLUMNS.join(', ')}), ${TEMPLATE_COLUMNS.join(', ')}) END AS template
FROM k
GROUP BY GROUPING SETS (${FACETS.map((f) => `(${f.keys.join(', ')})`).join(', ')})
${input.shareRequestIds ? '' : `HAVING grouping(h) = 1 OR count(*) > 1${input.lastRequestId === null ? '' : ' OR h = hash($lastRequestId)'}`}`;
  return { sql, params };
}

/**
 * What the groups of one set share but for their user: the canonical record of every key column but
 * the user's, made once by `toSignIn`. The user is the only key that differs between most groups of
 * a set, and `toSignIn` reads it into nothing but `userPrincipalName` (see canonicalUserPrincipalName),
 * so a group's record is its template's with its own user and time.
 */
interface GroupTemplate {
  parts: number;
  signIn: SignIn;
}

/** One group: its template, its user's name as exported (null when its set keeps none), how many sign-ins, how many succeeded, first and last time. */
interface Group {
  template: GroupTemplate;
  user: string | null;
  count: number;
  successful: number;
  first: string;
  last: string;
}

/** The template of a set's groups alike in `values` (every key column but the user's). */
function groupTemplate(facet: Facet, values: ReadonlyMap<string, string>): GroupTemplate {
  // Any valid time: each group's own time replaces it.
  const raw: RawRecord = { createdUtc: '2000-01-01T00:00:00Z', userPrincipalName: ANY_USER };
  for (const [column, value] of values) {
    const field = KEY_FIELDS[column];
    if (field === null || field === undefined) continue;
    raw[field] = value;
  }
  const record = toSignIn(raw);
  // Every row passed the usable-row test, so every group makes a user sign-in.
  if (record.kind !== 'user') throw new Error(`a checked group did not make a sign-in (${record.kind})`);
  return { parts: facet.parts, signIn: record.signIn };
}

/** Grow-as-needed list of the file's request-ID hashes, as the table's two 32-bit words. */
function hashList(): { push(value: bigint): void; forEach(f: (hi: number, lo: number) => void): void } {
  let words = new Uint32Array(1 << 16);
  let length = 0;
  return {
    push(value: bigint): void {
      if (length + 2 > words.length) {
        const next = new Uint32Array(words.length * 2);
        next.set(words);
        words = next;
      }
      const [hi, lo] = splitRequestIdHash(value);
      words[length] = hi;
      words[length + 1] = lo;
      length += 2;
    },
    forEach(f): void {
      for (let i = 0; i < length; i += 2) f(words[i] as number, words[i + 1] as number);
    },
  };
}

/** The groups of one pass, or why the file cannot be counted by groups. */
type PassResult = { groups: Group[]; hashes: ReturnType<typeof hashList>; rows: number; unlabelled: boolean } | { reason: string };

/** For each set: its grouping mask's facet and the result columns of its keys but the user's. */
interface FacetColumns {
  facet: Facet;
  keys: readonly { key: string; column: number }[];
}

const FACET_COLUMNS: ReadonlyMap<number, FacetColumns> = new Map(
  FACETS.map((facet) => [
    groupingMask(facet.keys),
    {
      facet,
      keys: facet.keys.filter((key) => key !== facet.user).map((key) => ({ key, column: resultColumn(key) })),
    },
  ]),
);

async function groupedPass(engine: EvidenceEngine, input: GroupedCountInput, path: string, pass: PassOptions): Promise<PassResult> {
  const query = groupedCountSql(input, path, pass);
  if (query === null) return { reason: 'window boundaries' };
  const groups: Group[] = [];
  const templates = new Map<bigint, GroupTemplate>();
  const lastHash = input.lastRequestId === null ? null : requestIdHash(input.lastRequestId);
  let lastRowRead = false;
  const hashes = hashList();
  let rows = 0;
  let clean = true;
  let unlabelled = false;
  const countAt = KEY_COLUMNS.length + 1;
  const successfulAt = countAt + 1;
  const stampAt = countAt + 2;
  const templateAt = countAt + 3;
  const hashAt = resultColumn('h');
  const codeAt = resultColumn('t_code');
  const cleanAt = resultColumn('clean');
  const unlabelledAt = resultColumn('unlabelled');
  try {
    const result = await engine.connection.stream(query.sql, query.params);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      // Columns are read one value at a time, and only those a row's grouping keeps.
      const vectors: (DuckDBVector | undefined)[] = [];
      const column = (i: number): DuckDBVector => (vectors[i] ??= chunk.getColumnVector(i));
      for (let r = 0; r < chunk.rowCount; r += 1) {
        const set = FACET_COLUMNS.get(column(0).getItem(r) as number);
        if (set === undefined) throw new Error('the engine returned a grouping the count does not know');
        const count = column(countAt).getItem(r) as number;
        if (set.facet.parts === 0) {
          const h = column(hashAt).getItem(r) as bigint | null;
          if (h === null) continue;
          if (count > 1) return { reason: 'a request ID repeats within the file' };
          if (!input.shareRequestIds) {
            // Unshared, the engine gives an ID seen once only when it is the last row's.
            lastRowRead = true;
            continue;
          }
          hashes.push(h);
          if (lastHash !== null && splitRequestIdHash(h).every((word, i) => word === lastHash[i])) lastRowRead = true;
          continue;
        }
        if ((set.facet.parts & SIGN_IN_PARTS.totals) !== 0) {
          rows += count;
          if (column(cleanAt).getItem(r) !== true) clean = false;
          if (column(unlabelledAt).getItem(r) === true) unlabelled = true;
          // The engine tells success from failure by this text (ltrim of '-' and '0'), so it must be a plain number as written.
          const code = column(codeAt).getItem(r);
          if (typeof code !== 'string' || !/^-?\d+$/.test(code)) clean = false;
          // Nothing of the file is counted by groups now: stop reading them.
          if (!clean) return { reason: 'unusable rows' };
        }
        // Groups alike but for their user share a template; its key values are read for the first of them only.
        const templateKey = column(templateAt).getItem(r) as bigint;
        let template = templates.get(templateKey);
        if (template === undefined) {
          const values = new Map<string, string>();
          for (const { key, column: at } of set.keys) {
            const v = column(at).getItem(r);
            if (typeof v === 'string') values.set(key, v);
          }
          template = groupTemplate(set.facet, values);
          templates.set(templateKey, template);
        }
        const stamp = column(stampAt).getItem(r) as string;
        groups.push({
          template,
          // A user's name as exported always has an @ (the usable-row test), so an empty one is a set without users.
          user: stamp.length > 2 * STAMP_LENGTH ? stamp.slice(2 * STAMP_LENGTH) : null,
          count,
          successful: column(successfulAt).getItem(r) as number,
          first: stamp.slice(0, STAMP_LENGTH),
          last: stamp.slice(STAMP_LENGTH, 2 * STAMP_LENGTH),
        });
      }
    }
  } catch (e) {
    return { reason: (e as Error).message };
  }
  if (!clean) return { reason: 'unusable rows' };
  if (input.lastRequestId !== null && !lastRowRead) return { reason: 'the engine stopped before the last row' };
  return { groups, hashes, rows, unlabelled };
}

/**
 * Count a portal sign-in CSV into `acc` by groups. Nothing reaches the accumulator unless the whole
 * file could be counted this way.
 */
export async function countCsvByGroups(engine: EvidenceEngine, input: GroupedCountInput, acc: SignInAccumulator): Promise<GroupedCountResult> {
  if (!groupedCountFits(input.map)) return { counted: false, reason: 'columns' };
  const path = await enginePath(engine, input.path);
  let pass = await groupedPass(engine, input, path, { deviceDetail: false });
  // A legacy sign-in without a device name, system or browser: read again with the columns that name its device.
  if (!('reason' in pass) && pass.unlabelled) pass = await groupedPass(engine, input, path, { deviceDetail: true });
  if ('reason' in pass) return { counted: false, reason: pass.reason };

  if (input.shareRequestIds) {
    let seenBefore = false;
    pass.hashes.forEach((hi, lo) => {
      if (!seenBefore && acc.requestIds.hasHash(hi, lo)) seenBefore = true;
    });
    if (seenBefore) return { counted: false, reason: 'a request ID was counted from another file' };
    pass.hashes.forEach((hi, lo) => acc.requestIds.addHash(hi, lo));
  }

  for (const group of pass.groups) {
    // The template's record stands for each of its groups in turn: the accumulator reads it and keeps none of it.
    const s = group.template.signIn;
    s.userPrincipalName = group.user === null ? ANY_USER : canonicalUserPrincipalName(group.user);
    // The engine writes both times in the accumulator's own form (ISO 8601 UTC with milliseconds).
    s.createdUtc = group.last;
    if (s.interactive === null) s.interactive = input.interactive;
    const parts = group.template.parts;
    acc.addAlike(s, group.count, group.first, parts, parts === (SIGN_IN_PARTS.legacy | SIGN_IN_PARTS.validationLegacy) ? group.successful : undefined);
  }
  return { counted: true, rows: pass.rows };
}
