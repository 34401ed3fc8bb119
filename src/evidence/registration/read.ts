import { createReadStream } from 'node:fs';
import { exportCsvParser } from '../csv.ts';
import { localDay, parseUtcTimestamp } from '../dates.ts';
import { splitJsonArray } from '../json-split.ts';
import { addMalformed, addWarning, newProblems } from '../problems.ts';
import type { FileKind, FileProblems } from '../problems.ts';
import { readHead, sniffShape } from '../sniff.ts';
import { lowerKeys } from '../signins/record.ts';
import { canonicalMethod, splitMethodList } from './methods.ts';
import type { Method } from '../../model/registration-methods.ts';

/** One user's registration state in one snapshot. */
export interface RegistrationRecord {
  userPrincipalName: string; // lower-case
  displayName: string;
  userType: 'member' | 'guest' | 'unknown';
  isAdmin: boolean | null;
  isMfaCapable: boolean | null;
  isMfaRegistered: boolean | null;
  methods: Method[]; // canonical, sorted, unique
  otherMethodNames: string[]; // names that mapped to "other", as exported
  lastUpdatedUtc: string | null;
}

export interface RegistrationSnapshot {
  file: string;
  date: string | null; // tenant-local day of the snapshot
  dateSource: 'file-name' | 'content' | 'none';
  records: RegistrationRecord[];
  hasCapableColumn: boolean;
  /** The reader saw the file end in the middle of a record or document (a cut-off download). */
  truncated?: boolean;
  /** Rows of the file that could not be read as a user. */
  malformedRows?: number;
}

export interface RegistrationFileResult {
  kind: FileKind;
  rows: number;
  problems: FileProblems;
  snapshot: RegistrationSnapshot | null;
}

type RegField = 'upn' | 'displayName' | 'userType' | 'isAdmin' | 'isMfaCapable' | 'isMfaRegistered' | 'methods' | 'lastUpdated';

/** Normalised column names (CSV headers or lower-cased JSON keys) for each registration field. */
export const REGISTRATION_ALIASES: Readonly<Record<RegField, readonly string[]>> = {
  upn: ['userprincipalname', 'user principal name', 'upn', 'nombre principal de usuario'],
  displayName: ['userdisplayname', 'user display name', 'display name', 'name', 'displayname', 'nombre'],
  userType: ['usertype', 'user type', 'tipo de usuario'],
  isAdmin: ['isadmin', 'is admin', 'admin'],
  isMfaCapable: ['ismfacapable', 'mfa capable', 'multifactor authentication capable', 'is mfa capable', 'compatible con mfa'],
  isMfaRegistered: ['ismfaregistered', 'mfa registered', 'multifactor authentication registered', 'is mfa registered', 'registrado para mfa'],
  methods: ['methodsregistered', 'methods registered', 'métodos registrados'],
  lastUpdated: ['lastupdateddatetime', 'last updated time', 'last updated', 'lastupdated', 'hora de la última actualización'],
};

function pick(map: Record<string, unknown>, field: RegField): unknown {
  for (const alias of REGISTRATION_ALIASES[field]) if (alias in map) return map[alias];
  return undefined;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** true/false, Yes/No, Capable/Not Capable, Registered/Not Registered; null when unknown. */
export function parseFlag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = text(v).toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  if (s.startsWith('not ') || s.startsWith('no ') || s === 'no' || s === 'false' || s === '0' || s === 'incapable') return false;
  if (s === 'true' || s === 'yes' || s === 'sí' || s === 'si' || s === '1' || s === 'capable' || s === 'registered' || s === 'enabled') return true;
  return null;
}

/** Build a record from a lower-cased key map; a string is the reason it was rejected. */
export function toRegistrationRecord(map: Record<string, unknown>): RegistrationRecord | string {
  const upn = text(pick(map, 'upn')).toLowerCase();
  if (upn === '') return 'no user principal name';
  const rawMethods = pick(map, 'methods');
  const names = Array.isArray(rawMethods) ? rawMethods.map((m) => text(m)).filter((m) => m !== '') : splitMethodList(text(rawMethods));
  const methods = new Set<Method>();
  const other = new Set<string>();
  for (const n of names) {
    const m = canonicalMethod(n);
    methods.add(m);
    if (m === 'other') other.add(n);
  }
  const type = text(pick(map, 'userType')).toLowerCase();
  const updated = text(pick(map, 'lastUpdated'));
  return {
    userPrincipalName: upn,
    displayName: text(pick(map, 'displayName')),
    userType: type === 'guest' || type === 'invitado' ? 'guest' : type === 'member' || type === 'miembro' ? 'member' : 'unknown',
    isAdmin: parseFlag(pick(map, 'isAdmin')),
    isMfaCapable: parseFlag(pick(map, 'isMfaCapable')),
    isMfaRegistered: parseFlag(pick(map, 'isMfaRegistered')),
    methods: [...methods].sort(),
    otherMethodNames: [...other].sort(),
    lastUpdatedUtc: updated === '' ? null : parseUtcTimestamp(updated),
  };
}

/** A date in the file name: `2026-03-05`, `2026_03_05` or `20260305`. The last one wins for ranges. */
export function dateFromFileName(name: string): string | null {
  const re = /(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/g;
  let last: string | null = null;
  for (const m of name.matchAll(re)) last = `${m[1]}-${m[2]}-${m[3]}`;
  return last;
}

const SIGNIN_MARKERS = ['date (utc)', 'request id', 'createddatetime', 'clientappused', 'client app', 'fecha (utc)'];

/** Read one registration details export (Graph JSON, PowerShell CSV or portal CSV), streaming. */
export async function readRegistrationFile(path: string, name: string, timeZone: string): Promise<RegistrationFileResult> {
  const problems = newProblems();
  let head: string;
  try {
    head = await readHead(path);
  } catch (e) {
    addWarning(problems, `Cannot open the file: ${(e as Error).message}`);
    return { kind: 'unreadable', rows: 0, problems, snapshot: null };
  }
  const shape = sniffShape(head);
  if (shape === 'empty' || shape === 'binary') {
    addWarning(problems, shape === 'empty' ? 'The file is empty.' : 'The file is not text (a spreadsheet or archive?); export as CSV or JSON.');
    return { kind: 'unreadable', rows: 0, problems, snapshot: null };
  }
  const records: RegistrationRecord[] = [];
  let kind: FileKind;
  let hasCapableColumn = false;
  let wrong: string | null = null;
  let truncated = false;

  let lastRecordLine = 0;
  const take = (map: Record<string, unknown>, line: number): void => {
    lastRecordLine = line;
    if (records.length === 0 && SIGNIN_MARKERS.some((m) => m in map) && pick(map, 'isMfaCapable') === undefined) {
      wrong = 'This is a sign-in export, not a registration details export; put it in the signins folder.';
    }
    if (wrong !== null) return;
    if (pick(map, 'isMfaCapable') !== undefined) hasCapableColumn = true;
    const r = toRegistrationRecord(map);
    if (typeof r === 'string') addMalformed(problems, line, r);
    else records.push(r);
  };

  if (shape === 'csv') {
    let headers: string[] = [];
    // Windows PowerShell's Export-Csv writes a "#TYPE ..." line before the header unless told not to.
    const typeLine = /^#TYPE /.test(head);
    if (typeLine) addWarning(problems, 'Skipped the "#TYPE" line written by PowerShell before the header.');
    const parser = exportCsvParser(problems, {
      fromLine: typeLine ? 2 : 1,
      onHeaders: (found) => {
        headers = found;
      },
    });
    const source = createReadStream(path);
    source.pipe(parser);
    try {
      for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        take(item.record, item.info.lines);
        if (wrong !== null) break;
      }
    } catch (e) {
      truncated = true;
      addWarning(problems, `Reading stopped early: ${(e as Error).message}`);
    } finally {
      source.destroy();
    }
    // A download cut off mid-row leaves a broken row after the last good one.
    if (problems.lastMalformedLine > lastRecordLine) truncated = true;
    kind = headers.includes('ismfacapable') || headers.includes('methodsregistered') ? 'registration-powershell-csv' : 'registration-portal-csv';
    if (wrong === null && headers.length > 0 && !REGISTRATION_ALIASES.upn.some((a) => headers.includes(a))) {
      wrong = 'No user principal name column: this does not look like a registration details export.';
    }
  } else if (shape === 'json') {
    kind = 'registration-graph-json';
    const split = await splitJsonArray(createReadStream(path, { encoding: 'utf8' }), ['value'], (t, line) => {
      if (wrong !== null) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(t);
      } catch {
        addMalformed(problems, line, 'not valid JSON');
        return;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        addMalformed(problems, line, 'not a JSON object');
        return;
      }
      take(lowerKeys(parsed as Record<string, unknown>), line);
    });
    if (split.error !== null) {
      truncated = true;
      addWarning(problems, `JSON structure problem at ${split.error}; the records before it were read.`);
    }
    if (!split.foundArray) wrong = 'JSON without a list of users (expected an array, or an object with "value").';
    if (split.topLevel['@odata.nextLink'] !== undefined) {
      addWarning(problems, 'This Graph page has an @odata.nextLink: put the following pages in the folder with the same date in their names; pages of one day are merged.');
    }
  } else {
    kind = 'wrong-kind';
    wrong = 'JSON lines are sign-in records from diagnostic settings, not a registration details export.';
  }

  if (wrong !== null) {
    addWarning(problems, wrong);
    return { kind: 'wrong-kind', rows: 0, problems, snapshot: null };
  }

  let date = dateFromFileName(name);
  let dateSource: RegistrationSnapshot['dateSource'] = date === null ? 'none' : 'file-name';
  if (date === null) {
    let latest: string | null = null;
    for (const r of records) if (r.lastUpdatedUtc !== null && (latest === null || r.lastUpdatedUtc > latest)) latest = r.lastUpdatedUtc;
    if (latest !== null) {
      date = localDay(latest, timeZone);
      dateSource = 'content';
    } else {
      addWarning(problems, 'No date in the file name (YYYY-MM-DD) and no "last updated" time in the content: the snapshot cannot be placed on the timeline.');
    }
  }
  if (!hasCapableColumn && records.length > 0) {
    addWarning(problems, 'No "MFA capable" column: registration is counted from "MFA registered", which may include methods the policy does not allow.');
  }
  const unknown = new Set<string>();
  for (const r of records) for (const o of r.otherMethodNames) unknown.add(o);
  if (unknown.size > 0) addWarning(problems, `Method names not recognised, counted as "other": ${[...unknown].sort().slice(0, 10).join(', ')}.`);
  records.sort((a, b) => (a.userPrincipalName < b.userPrincipalName ? -1 : a.userPrincipalName > b.userPrincipalName ? 1 : 0));
  return { kind, rows: records.length, problems, snapshot: { file: name, date, dateSource, records, hasCapableColumn, truncated, malformedRows: problems.malformedCount } };
}
