/**
 * The canonical sign-in in SQL: the engine turns the raw values of any export shape (portal CSV
 * columns, Log Analytics CSV, Graph / Log Analytics / diagnostic-settings JSON) into one row per
 * sign-in with the fields the analysis counts. The SQL is generated here from the TypeScript
 * vocabulary (column aliases, status texts, interrupt codes, modern client apps, service principal
 * categories), which stays the one owner of those rules; the vocabulary reaches the engine as bound
 * parameters, never as text spliced into the query.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue } from '@duckdb/node-api';
import { SIGN_IN_ERROR_CODES } from '../../model/error-codes.ts';
import { CLIENT_APP_SPELLINGS, MODERN_CLIENT_APPS } from '../signins/legacy.ts';
import { AUTH_REQUIREMENT_MARKS, BOOLEAN_WORDS, SERVICE_PRINCIPAL_CATEGORIES, SERVICE_PRINCIPAL_EVENT_TYPES, STATUS_TEXTS } from '../signins/record.ts';
import type { SignInField } from '../signins/headers.ts';
import { sqlString } from './database.ts';

/** Every raw value a source relation provides, as text (NULL when the export has no such value). */
export const RAW_FIELDS: readonly SignInField[] = [
  'createdUtc',
  'timeGenerated',
  'requestId',
  'userPrincipalName',
  'userDisplayName',
  'userId',
  'userType',
  'appDisplayName',
  'status',
  'errorCode',
  'failureReason',
  'clientApp',
  'deviceId',
  'deviceName',
  'browser',
  'operatingSystem',
  'deviceDetail',
  'authRequirement',
  'mfaResult',
  'mfaMethod',
  'authMethodList',
  'authenticationDetails',
  'ipAddress',
  'userAgent',
  'isInteractive',
  'conditionalAccessStatus',
  'conditionalAccessPolicies',
  'category',
  'servicePrincipalId',
  'servicePrincipalName',
];

/** Column of the raw relation holding a field. */
export const rawColumn = (field: SignInField): string => `r_${field}`;

/**
 * JSON property names of each field in a sign-in record (Graph camelCase); each is also looked up
 * with a capital first letter (Log Analytics PascalCase), at the top and under a diagnostic-settings
 * envelope's `properties`. Fields without a JSON property (portal-only columns) are absent.
 */
export const JSON_PROPERTIES: Partial<Record<SignInField, readonly string[]>> = {
  createdUtc: ['createdDateTime'],
  timeGenerated: ['timeGenerated'],
  requestId: ['id'],
  userPrincipalName: ['userPrincipalName'],
  userDisplayName: ['userDisplayName'],
  userId: ['userId'],
  userType: ['userType'],
  appDisplayName: ['appDisplayName'],
  status: ['status'],
  errorCode: ['resultType'],
  failureReason: ['resultDescription'],
  clientApp: ['clientAppUsed'],
  deviceDetail: ['deviceDetail'],
  authRequirement: ['authenticationRequirement'],
  authenticationDetails: ['authenticationDetails'],
  ipAddress: ['ipAddress'],
  userAgent: ['userAgent'],
  isInteractive: ['isInteractive'],
  conditionalAccessStatus: ['conditionalAccessStatus'],
  conditionalAccessPolicies: ['appliedConditionalAccessPolicies', 'conditionalAccessPolicies'],
  category: ['category', 'type'],
  servicePrincipalId: ['servicePrincipalId'],
  servicePrincipalName: ['servicePrincipalName'],
};

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const spellings = (name: string): string[] => [name, pascal(name)];

/** A JSON path for a property name (names here are plain identifiers; quoted for safety all the same). */
const jsonPath = (prefix: string, name: string): string => `${prefix}."${name.replaceAll('"', '')}"`;

/**
 * A raw relation from a relation of JSON documents (`ordinal`, `line`, `doc`): every field extracted with one
 * parse of the document. The envelope of diagnostic settings (`time`, `category`, `resultType`,
 * `properties{…}`) is unwrapped as the TypeScript reader did.
 */
export function jsonRawSelect(source: string): string {
  const paths: string[] = [];
  const index = (path: string): number => {
    paths.push(path);
    return paths.length; // DuckDB lists are 1-based
  };
  const pick = (prefix: string, names: readonly string[]): string => {
    const slots = names.flatMap(spellings).map((n) => `j[${index(jsonPath(prefix, n))}]`);
    return slots.length === 1 ? (slots[0] as string) : `coalesce(${slots.join(', ')})`;
  };
  const propertiesSlot = `j[${index('$.properties')}]`;
  const envelopeTime = pick('$', ['time']);
  const envelopeCode = pick('$', ['resultType']);
  const eventTypes = `coalesce(${pick('$.properties', ['signInEventTypes'])}, ${pick('$', ['signInEventTypes'])})`;
  const columns: string[] = [];
  for (const field of RAW_FIELDS) {
    const names = JSON_PROPERTIES[field];
    if (names === undefined) {
      columns.push(`NULL::VARCHAR AS ${rawColumn(field)}`);
      continue;
    }
    const top = pick('$', names);
    const inner = pick('$.properties', names);
    let value = `CASE WHEN has_properties THEN ${inner} ELSE ${top} END`;
    if (field === 'createdUtc') value = `CASE WHEN has_properties THEN coalesce(${inner}, ${envelopeTime}) ELSE ${top} END`;
    if (field === 'category') value = `coalesce(${top}, CASE WHEN has_properties THEN ${inner} END)`;
    columns.push(`${value} AS ${rawColumn(field)}`);
  }
  // The envelope's resultType stands in for the error code when the record's status is not an object.
  const code = columns.findIndex((c) => c.endsWith(` AS ${rawColumn('errorCode')}`));
  const status = `CASE WHEN has_properties THEN ${pick('$.properties', ['status'])} ELSE ${pick('$', ['status'])} END`;
  columns[code] =
    `coalesce(CASE WHEN has_properties THEN ${pick('$.properties', ['resultType'])} ELSE ${pick('$', ['resultType'])} END, ` +
    `CASE WHEN NOT starts_with(ltrim(coalesce(${status}, '')), '{') THEN ${envelopeCode} END) AS ${rawColumn('errorCode')}`;
  return (
    `SELECT ordinal, line, problem, ${columns.join(', ')}, ${eventTypes} AS r_eventtypes, NULL::VARCHAR AS r_count, NULL::VARCHAR AS r_first ` +
    `FROM (SELECT *, starts_with(ltrim(coalesce(${propertiesSlot}, '')), '{') AS has_properties FROM (` +
    `SELECT ordinal, line, problem, CASE WHEN problem IS NULL THEN json_extract_string(doc, [${paths.map(sqlString).join(', ')}]) END AS j FROM (` +
    `SELECT ordinal, line, doc, CASE WHEN NOT json_valid(doc) THEN 'not valid JSON' WHEN NOT starts_with(ltrim(doc), '{') THEN 'not a JSON object' END AS problem ` +
    `FROM ${source})))`
  );
}

/** A raw relation from a CSV relation whose columns are `c0`, `c1`, …: the mapped column of each field. */
export function csvRawSelect(source: string, columnOf: Partial<Record<SignInField, string>>, extra: { count?: string; first?: string; problem?: string } = {}): string {
  const columns = RAW_FIELDS.map((field) => `${columnOf[field] ?? 'NULL::VARCHAR'} AS ${rawColumn(field)}`);
  return (
    `SELECT ordinal, NULL::BIGINT AS line, ${extra.problem ?? 'NULL::VARCHAR'} AS problem, ${columns.join(', ')}, NULL::VARCHAR AS r_eventtypes, ` +
    `${extra.count ?? 'NULL::VARCHAR'} AS r_count, ${extra.first ?? 'NULL::VARCHAR'} AS r_first FROM ${source}`
  );
}

/** A regular expression matching `text` literally. */
const literalPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parameters every canonical query binds: the vocabulary of the TypeScript readers. */
export function vocabularyParams(): Record<string, DuckDBValue> {
  const list = (items: readonly (string | number)[]) => new DuckDBListValue([...items]);
  return {
    interrupt_codes: list(SIGN_IN_ERROR_CODES.filter((c) => c.kind === 'interrupt').map((c) => String(c.code))),
    modern_apps: list([...MODERN_CLIENT_APPS]),
    spelling_keys: list(Object.keys(CLIENT_APP_SPELLINGS)),
    spelling_names: list(Object.values(CLIENT_APP_SPELLINGS)),
    sp_categories: list([...SERVICE_PRINCIPAL_CATEGORIES]),
    sp_event_types: list(SERVICE_PRINCIPAL_EVENT_TYPES),
    true_words: list(BOOLEAN_WORDS.true),
    false_words: list(BOOLEAN_WORDS.false),
    // Marks of the authentication requirement, as one pattern each (any of the marks, taken literally).
    multi_marks: AUTH_REQUIREMENT_MARKS.multiFactor.map(literalPattern).join('|'),
    single_marks: AUTH_REQUIREMENT_MARKS.singleFactor.map(literalPattern).join('|'),
    success_prefixes: list(STATUS_TEXTS[0]!.prefixes),
    success_words: list(STATUS_TEXTS[0]!.words),
    interrupted_prefixes: list(STATUS_TEXTS[1]!.prefixes),
    interrupted_words: list(STATUS_TEXTS[1]!.words),
    failure_prefixes: list(STATUS_TEXTS[2]!.prefixes),
    failure_words: list(STATUS_TEXTS[2]!.words),
  };
}

/** Trimmed text, '' for NULL (the readers' `text()`). */
const txt = (x: string): string => `coalesce(trim(${x}, E' \\t\\r\\n'), '')`;

/** The first non-empty of several texts (the readers' `a || b`). */
const firstText = (...xs: string[]): string => `coalesce(${xs.map((x) => `nullif(${x}, '')`).join(', ')}, '')`;

/** Values of an object given as JSON text (an object, or a string holding one), by property (either spelling). */
function objectValues(x: string, names: readonly string[]): string {
  const paths = names.flatMap(spellings).map((n) => sqlString(jsonPath('$', n)));
  return `CASE WHEN starts_with(${x}, '{') AND json_valid(${x}) THEN json_extract_string(${x}, [${paths.join(', ')}]) END`;
}
/** Property `name` from the values of objectValues (two spellings per name, in the same order). */
const objectValue = (values: string, names: readonly string[], name: string): string => {
  const i = names.indexOf(name) * 2 + 1;
  return txt(`coalesce(${values}[${i}], ${values}[${i + 1}])`);
};

/** `body` with `name` bound to the value of `value`, which is computed once per row. */
const bind = (name: string, value: string, body: string): string => `list_transform([${value}], lambda ${name}: ${body})[1]`;

/** A timestamp as the readers take it: ISO 8601 (UTC when no zone) or a US-locale date; ISO 8601 UTC text with milliseconds, or NULL. */
export function utcText(w: string): string {
  const isoParts = `regexp_extract(${w}, '^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?([Zz]|[+-]\\d{2}:?\\d{2})?$', ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z'])`;
  const usParts = `regexp_extract(${w}, '^(\\d{1,2})/(\\d{1,2})/(\\d{4}),?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?\\s*([AaPp][Mm])?$', ['a', 'b', 'y', 'h', 'mi', 's', 'f', 'ampm'])`;
  // ISO: the day may run past the month's end (as JavaScript's Date.parse allows); the fraction is cut to milliseconds.
  const isoValue =
    `CASE WHEN iso.y <> '' AND iso.mo::INT BETWEEN 1 AND 12 AND iso.d::INT BETWEEN 1 AND 31 AND iso.h::INT <= 24 AND iso.mi::INT <= 59 AND coalesce(nullif(iso.s, ''), '0')::INT <= 59 THEN ` +
    `make_date(iso.y::INT, iso.mo::INT, 1)::TIMESTAMP + to_days(iso.d::INT - 1) + to_hours(iso.h::INT) + to_minutes(iso.mi::INT) + to_seconds(coalesce(nullif(iso.s, ''), '0')::INT) + ` +
    `to_milliseconds(coalesce(nullif(rpad(left(iso.f, 3), 3, '0'), ''), '0')::INT) - ` +
    `CASE WHEN iso.z IN ('', 'Z', 'z') THEN INTERVAL 0 MINUTE ELSE (CASE WHEN starts_with(iso.z, '-') THEN -1 ELSE 1 END) * to_minutes(substr(iso.z, 2, 2)::INT * 60 + right(iso.z, 2)::INT) END END`;
  // US: month first unless the first number cannot be a month; an invalid day (31/02) is refused.
  const usFields =
    `{'mo': CASE WHEN us.a::INT > 12 AND us.b::INT <= 12 THEN us.b::INT ELSE us.a::INT END, ` +
    `'d': CASE WHEN us.a::INT > 12 AND us.b::INT <= 12 THEN us.a::INT ELSE us.b::INT END, ` +
    `'sec': coalesce(nullif(us.s, ''), '0')::INT, 'mi': us.mi::INT, 'y': us.y::INT, ` +
    `'ms': CASE WHEN us.f = '' THEN 0 ELSE round(('0.' || us.f)::DOUBLE * 1000)::INT END, ` +
    `'hh': CASE WHEN us.ampm = '' THEN us.h::INT WHEN us.h::INT < 1 OR us.h::INT > 12 THEN -1 WHEN upper(us.ampm) = 'AM' THEN us.h::INT % 12 ELSE us.h::INT % 12 + 12 END}`;
  const usValue = `CASE WHEN us.y <> '' THEN ${bind(
    'v',
    usFields,
    `CASE WHEN v.mo BETWEEN 1 AND 12 AND v.d BETWEEN 1 AND 31 AND v.hh BETWEEN 0 AND 23 AND v.mi <= 59 AND v.sec <= 59 AND v.d <= day(last_day(make_date(v.y, v.mo, 1))) THEN ` +
      `make_date(v.y, v.mo, v.d)::TIMESTAMP + to_hours(v.hh) + to_minutes(v.mi) + to_seconds(v.sec) + to_milliseconds(v.ms) END`,
  )} END`;
  const value = `CASE WHEN starts_with(${w}, '1') OR starts_with(${w}, '2') OR starts_with(${w}, '0') OR starts_with(${w}, '3') OR starts_with(${w}, '4') OR starts_with(${w}, '5') OR starts_with(${w}, '6') OR starts_with(${w}, '7') OR starts_with(${w}, '8') OR starts_with(${w}, '9') THEN coalesce(${bind('iso', isoParts, isoValue)}, ${bind('us', usParts, usValue)}) END`;
  // The shape nearly every export writes (ISO 8601, UTC, at most milliseconds) takes the engine's own cast; the rest the full parse.
  const plain = `regexp_full_match(${w}, '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?[Zz]?')`;
  const cast = `TRY_CAST(rtrim(${w}, 'Zz') AS TIMESTAMP)`;
  return `strftime(CASE WHEN ${plain} AND ${cast} IS NOT NULL THEN ${cast} ELSE ${value} END, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}

/** Lower-cased with runs of whitespace as one space (the regular expression only where a run exists: it is the costly part). */
const collapsed = (x: string): string =>
  `CASE WHEN contains(${x}, '  ') OR contains(${x}, chr(9)) OR contains(${x}, chr(10)) OR contains(${x}, chr(13)) THEN regexp_replace(${x}, '\\s+', ' ', 'g') ELSE ${x} END`;
const lowerKey = (x: string): string => `lower(${collapsed(x)})`;

/** Which canonical columns to compute; the others are NULL (the analysis needs fewer than a listing of sign-ins). */
export interface CanonicalOptions {
  /** Every display field of a sign-in, for listing them; otherwise only what the analysis counts. */
  full: boolean;
}

/**
 * The canonical relation from a raw relation (see csvRawSelect / jsonRawSelect). Columns:
 * ordinal, kind ('user' | 'service-principal' | 'malformed'), problem, request_id, t (ISO UTC),
 * first_t, n, upn, client_app, app_key, legacy, status, code, auth_req, interactive, ca_status,
 * device_label, auth_details, method_list, mfa_method, ca_policies and, with `full`, the display fields.
 * Parameters: the vocabulary (vocabularyParams) and `$interactive_default` ('true', 'false' or '' when the file name does not say).
 */
export function canonicalSelect(raw: string, options: CanonicalOptions): string {
  const r = (f: SignInField): string => txt(rawColumn(f));
  const statusValues = objectValues(r('status'), ['errorCode', 'failureReason', 'additionalDetails']);
  const deviceValues = objectValues(r('deviceDetail'), ['deviceId', 'displayName', 'operatingSystem', 'browser']);
  const statusNames = ['errorCode', 'failureReason', 'additionalDetails'];
  const deviceNames = ['deviceId', 'displayName', 'operatingSystem', 'browser'];
  const events = `CASE WHEN json_valid(r_eventtypes) THEN json_extract_string(r_eventtypes, '$[*]') END`;
  const category = `lower(${r('category')})`;

  // Stage 1: texts and parsed pieces.
  const stage1 = [
    'ordinal',
    'line',
    'problem',
    `${r('requestId')} AS request_id`,
    `${firstText(r('createdUtc'), r('timeGenerated'))} AS when_text`,
    `${r('userPrincipalName')} AS upn_text`,
    `${r('errorCode')} AS code_text`,
    `${statusValues} AS status_values`,
    `${r('status')} AS status_text`,
    `${deviceValues} AS device_values`,
    `${events} AS event_types`,
    `${category} AS category`,
    `${r('clientApp')} AS client_app`,
    `${r('authRequirement')} AS auth_req_text`,
    `lower(${r('isInteractive')}) AS interactive_text`,
    `${r('conditionalAccessStatus')} AS ca_status`,
    `${r('servicePrincipalId')} AS sp_id`,
    `${r('servicePrincipalName')} AS sp_name`,
    `${r('deviceName')} AS device_name`,
    `${r('operatingSystem')} AS operating_system`,
    `${r('browser')} AS browser`,
    `${r('deviceId')} AS device_id`,
    `${r('userAgent')} AS user_agent`,
    `${r('ipAddress')} AS ip_address`,
    `${r('authenticationDetails')} AS auth_details`,
    `${r('authMethodList')} AS method_list`,
    `${r('mfaMethod')} AS mfa_method`,
    `${r('conditionalAccessPolicies')} AS ca_policies`,
    `r_count`,
    `r_first`,
    ...(options.full
      ? [
          `${r('userDisplayName')} AS user_display_name`,
          `${r('userType')} AS user_type`,
          `${r('appDisplayName')} AS app_display_name`,
          `${r('failureReason')} AS failure_reason_text`,
          `${r('mfaResult')} AS mfa_result_text`,
        ]
      : []),
  ].join(', ');

  // Stage 2: codes, dates, status; the reason a record cannot be used.
  const codeFromStatus = objectValue('status_values', statusNames, 'errorCode');
  const stage2 = [
    '*',
    `CASE WHEN code_text <> '' THEN code_text ELSE ${codeFromStatus} END AS code_any`,
    `CASE WHEN when_text = '' THEN NULL ELSE ${utcText('when_text')} END AS t`,
    `(list_contains($sp_categories, category) OR list_has_any(coalesce(event_types, []), $sp_event_types) OR (upn_text = '' AND (sp_id <> '' OR sp_name <> ''))) AS is_sp`,
    `${lowerKey('client_app')} AS app_key`,
  ].join(', ');

  const codeBad = `(code_any <> '' AND NOT regexp_full_match(code_any, '-?\\d+'))`;
  const kind = `CASE WHEN problem IS NOT NULL THEN 'malformed' WHEN is_sp THEN 'service-principal' WHEN when_text = '' OR t IS NULL OR upn_text = '' OR ${codeBad} THEN 'malformed' ELSE 'user' END`;
  const reason =
    `CASE WHEN problem IS NOT NULL THEN problem WHEN is_sp THEN NULL WHEN when_text = '' THEN 'no sign-in date' ` +
    `WHEN t IS NULL THEN 'unreadable date "' || left(when_text, 40) || '"' WHEN upn_text = '' THEN 'no user principal name' ` +
    `WHEN ${codeBad} THEN 'error code is not a number: "' || left(code_text, 40) || '"' END`;
  const statusLower = `lower(status_text)`;
  const statusFromText =
    `CASE WHEN ${statusLower} = '' THEN NULL ` +
    `WHEN list_bool_or(list_transform($success_prefixes, lambda p: starts_with(${statusLower}, p))) OR list_contains($success_words, ${statusLower}) THEN 'success' ` +
    `WHEN list_bool_or(list_transform($interrupted_prefixes, lambda p: starts_with(${statusLower}, p))) OR list_contains($interrupted_words, ${statusLower}) THEN 'interrupted' ` +
    `WHEN list_bool_or(list_transform($failure_prefixes, lambda p: starts_with(${statusLower}, p))) OR list_contains($failure_words, ${statusLower}) THEN 'failure' END`;
  const code = `CASE WHEN code_any <> '' THEN TRY_CAST(code_any AS BIGINT) END`;
  const status = `CASE WHEN ${code} IS NOT NULL THEN (CASE WHEN ${code} = 0 THEN 'success' WHEN list_contains($interrupt_codes, code_any) THEN 'interrupted' ELSE 'failure' END) ELSE coalesce(${statusFromText}, 'success') END`;
  const req = `regexp_replace(lower(auth_req_text), '[\\s-]', '', 'g')`;
  const authReq = `CASE WHEN auth_req_text = '' THEN NULL WHEN regexp_matches(${req}, $multi_marks) THEN 'multiFactor' WHEN regexp_matches(${req}, $single_marks) THEN 'singleFactor' END`;
  const interactive =
    `coalesce(CASE WHEN list_contains($true_words, interactive_text) THEN true WHEN list_contains($false_words, interactive_text) THEN false END, ` +
    `CASE WHEN list_contains(coalesce(event_types, []), 'interactiveUser') THEN true WHEN list_contains(coalesce(event_types, []), 'nonInteractiveUser') THEN false END, ` +
    `CASE WHEN category = '' THEN NULL WHEN contains(category, 'noninteractive') THEN false WHEN category = 'signinlogs' THEN true END, ` +
    `CASE $interactive_default WHEN 'true' THEN true WHEN 'false' THEN false END)`;
  const appKey = 'app_key';
  const legacy = `(app_key <> '' AND NOT list_contains($modern_apps, app_key))`;
  const dName = firstText('device_name', objectValue('device_values', deviceNames, 'displayName'));
  const dOs = firstText('operating_system', objectValue('device_values', deviceNames, 'operatingSystem'));
  const dBrowser = firstText('browser', objectValue('device_values', deviceNames, 'browser'));
  const dId = firstText('device_id', objectValue('device_values', deviceNames, 'deviceId'));
  const deviceLabel =
    `CASE WHEN concat_ws(' / ', nullif(${dName}, ''), nullif(${dOs}, ''), nullif(${dBrowser}, '')) <> '' THEN concat_ws(' / ', nullif(${dName}, ''), nullif(${dOs}, ''), nullif(${dBrowser}, '')) ` +
    `WHEN ${dId} <> '' THEN 'device ' || ${dId} WHEN user_agent <> '' THEN left(user_agent, 120) WHEN ip_address <> '' THEN 'unknown device at ' || ip_address ELSE 'unknown device' END`;
  const spelled = `list_position($spelling_keys, ${appKey})`;
  const appName = `CASE WHEN ${spelled} IS NOT NULL AND ${spelled} > 0 THEN $spelling_names[${spelled}] ELSE ${collapsed('client_app')} END`;

  const full = options.full
    ? [
        'user_display_name',
        'user_type',
        'app_display_name',
        `${firstText('failure_reason_text', objectValue('status_values', statusNames, 'failureReason'))} AS failure_reason`,
        `${firstText('mfa_result_text', objectValue('status_values', statusNames, 'additionalDetails'))} AS mfa_result`,
        `${dName} AS device_name_full`,
        `${dOs} AS operating_system_full`,
        `${dBrowser} AS browser_full`,
        `${dId} AS device_id_full`,
        'user_agent',
        'ip_address',
      ]
    : [];
  const columns = [
    'ordinal',
    'line',
    `${kind} AS kind`,
    `${reason} AS problem`,
    'request_id',
    't',
    'r_count IS NOT NULL AS n_given',
    `CASE WHEN r_first IS NULL THEN t ELSE ${utcText('trim(r_first)')} END AS first_t`,
    `coalesce(TRY_CAST(r_count AS BIGINT), 1) AS n`,
    `lower(upn_text) AS upn`,
    'client_app',
    `${appName} AS app_name`,
    `${legacy} AS legacy`,
    `${status} AS status`,
    `${code} AS code`,
    `${authReq} AS auth_req`,
    `${interactive} AS interactive`,
    'ca_status',
    `CASE WHEN ${legacy} THEN ${deviceLabel} END AS device_label`,
    'auth_details',
    'method_list',
    'mfa_method',
    'ca_policies',
    ...full,
  ].join(', ');
  return `SELECT ${columns} FROM (SELECT ${stage2} FROM (SELECT ${stage1} FROM (${raw})))`;
}

/** Successful authentication methods of a sign-in (details, the break-glass query's list, the MFA method column), sorted and unique. */
export function methodsExpression(): string {
  const detail = `CASE WHEN starts_with(ltrim(auth_details), '[') AND json_valid(auth_details) THEN json_extract(auth_details, '$[*]') END`;
  const method = `coalesce(json_extract_string(e, '$.authenticationMethod'), json_extract_string(e, '$.AuthenticationMethod'), '')`;
  const succeeded = `lower(coalesce(json_extract_string(e, '$.succeeded'), json_extract_string(e, '$.Succeeded'), ''))`;
  const fromDetails = `list_transform(list_filter(coalesce(${detail}, []), lambda e: json_type(e) = 'OBJECT' AND trim(${method}) <> '' AND ${succeeded} <> 'false'), lambda e: trim(${method}))`;
  const fromList = `list_transform(list_filter(string_split(coalesce(method_list, ''), ';'), lambda m: trim(m) <> ''), lambda m: trim(m))`;
  const fromColumn = `CASE WHEN coalesce(mfa_method, '') <> '' THEN [mfa_method] ELSE [] END`;
  return `list_sort(list_distinct(list_concat(${fromDetails}, ${fromList}, ${fromColumn})))`;
}

/** The Conditional Access policies evaluated for a sign-in, as (name, result) pairs with a result (from a JSON array or a string holding one). */
export function caPoliciesExpression(): string {
  const list = `CASE WHEN starts_with(ltrim(ca_policies), '[') AND json_valid(ca_policies) THEN json_extract(ca_policies, '$[*]') END`;
  const field = (name: string) => `trim(coalesce(json_extract_string(p, '$.${name}'), json_extract_string(p, '$.${pascal(name)}'), ''), E' \\t\\r\\n')`;
  return `list_transform(list_filter(coalesce(${list}, []), lambda p: json_type(p) = 'OBJECT' AND ${field('result')} <> ''), lambda p: {'name': ${field('displayName')}, 'result': ${field('result')}})`;
}
