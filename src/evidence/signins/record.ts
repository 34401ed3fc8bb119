import { parseUtcTimestamp } from '../dates.ts';
import { isInterruptCode } from '../../model/error-codes.ts';
import type { SignInField } from './headers.ts';

/** One user sign-in, whatever the export it came from. */
export interface SignIn {
  requestId: string;
  createdUtc: string; // ISO 8601 UTC
  userPrincipalName: string; // lower-case
  userDisplayName: string;
  userType: string;
  appDisplayName: string;
  clientApp: string; // as exported, trimmed; '' when the export has none
  status: 'success' | 'failure' | 'interrupted';
  errorCode: number | null;
  failureReason: string;
  authRequirement: 'singleFactor' | 'multiFactor' | null;
  authMethods: string[]; // methods from authentication details or the MFA method column
  mfaResult: string;
  deviceId: string;
  deviceName: string;
  operatingSystem: string;
  browser: string;
  userAgent: string;
  ipAddress: string;
  interactive: boolean | null; // null when the export does not say
  conditionalAccessStatus: string;
  /** Each Conditional Access policy evaluated for the sign-in and its result (Graph `appliedConditionalAccessPolicies`, Log Analytics `ConditionalAccessPolicies`); absent when the export has none. */
  caPolicies?: CaPolicyResult[];
}

export interface CaPolicyResult {
  name: string; // display name, as exported
  result: string; // success, failure, notApplied, reportOnlySuccess, reportOnlyFailure, ...
}

/** Policy results from a Graph array or a Log Analytics JSON string (dynamic in SigninLogs, a string in the non-interactive table). */
function caPoliciesOf(v: unknown): CaPolicyResult[] {
  const out: CaPolicyResult[] = [];
  for (const p of arrayOf(v)) {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) continue;
    const o = lowerKeys(p as Record<string, unknown>);
    const result = text(o['result']);
    if (result !== '') out.push({ name: text(o['displayname']), result });
  }
  return out;
}

export type RecordResult = { kind: 'user'; signIn: SignIn } | { kind: 'service-principal' } | { kind: 'malformed'; reason: string };

/** Raw values of one record, by canonical field. Objects and arrays are allowed (JSON exports). */
export type RawRecord = Partial<Record<SignInField, unknown>>;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** Log Analytics writes dynamic columns as JSON text; accept either the text or the object. */
function objectOf(v: unknown): Record<string, unknown> | null {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return lowerKeys(v as Record<string, unknown>);
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(s);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return lowerKeys(parsed as Record<string, unknown>);
      } catch {
        return null;
      }
    }
  }
  return null;
}

function arrayOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(s);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        return [];
      }
    }
  }
  return [];
}

export function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const lk = k.toLowerCase();
    if (!(lk in out)) out[lk] = v;
  }
  return out;
}

function parseBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = text(v).toLowerCase();
  if (s === 'true' || s === 'yes' || s === '1') return true;
  if (s === 'false' || s === 'no' || s === '0') return false;
  return null;
}

function parseCode(v: unknown): number | null | 'bad' {
  const s = text(v);
  if (s === '') return null;
  if (!/^-?\d+$/.test(s)) return 'bad';
  return Number(s);
}

function authRequirementOf(v: string): SignIn['authRequirement'] {
  const s = v.toLowerCase().replace(/[\s-]/g, '');
  if (s === '') return null;
  if (s.includes('multifactor')) return 'multiFactor';
  if (s.includes('singlefactor') || s.includes('unsolofactor')) return 'singleFactor';
  return null;
}

function statusFromText(v: string): SignIn['status'] | null {
  const s = v.toLowerCase();
  if (s === '') return null;
  if (s.startsWith('success') || s === 'correcto' || s === 'éxito' || s === 'exito') return 'success';
  if (s.startsWith('interrupt') || s.startsWith('interrumpid')) return 'interrupted';
  if (s.startsWith('fail') || s === 'error' || s.startsWith('fallo') || s.startsWith('erróneo')) return 'failure';
  return null;
}

const SERVICE_PRINCIPAL_CATEGORIES = new Set(['serviceprincipalsigninlogs', 'managedidentitysigninlogs', 'aadserviceprincipalsigninlogs', 'aadmanagedidentitysigninlogs']);

/** A user principal name as the canonical record holds it (trimmed, lower-case): the one spelling every part of the analysis compares. */
export function canonicalUserPrincipalName(raw: unknown): string {
  return text(raw).toLowerCase();
}

/** Build the canonical sign-in from raw field values, or say why the record cannot be used. */
export function toSignIn(raw: RawRecord, eventTypes: readonly string[] = []): RecordResult {
  const category = text(raw.category).toLowerCase();
  const upnRaw = text(raw.userPrincipalName);
  if (
    SERVICE_PRINCIPAL_CATEGORIES.has(category) ||
    eventTypes.some((t) => t === 'servicePrincipal' || t === 'managedIdentity') ||
    (upnRaw === '' && (text(raw.servicePrincipalId) !== '' || text(raw.servicePrincipalName) !== ''))
  ) {
    return { kind: 'service-principal' };
  }

  const when = text(raw.createdUtc) || text(raw.timeGenerated);
  if (when === '') return { kind: 'malformed', reason: 'no sign-in date' };
  const createdUtc = parseUtcTimestamp(when);
  if (createdUtc === null) return { kind: 'malformed', reason: `unreadable date "${when.slice(0, 40)}"` };
  if (upnRaw === '') return { kind: 'malformed', reason: 'no user principal name' };

  // Status: a Graph object, a Log Analytics JSON string, or portal text.
  const statusObj = objectOf(raw.status);
  let code = parseCode(raw.errorCode);
  if (code === null && statusObj !== null) code = parseCode(statusObj['errorcode']);
  if (code === 'bad') return { kind: 'malformed', reason: `error code is not a number: "${text(raw.errorCode).slice(0, 40)}"` };
  const failureReason = text(raw.failureReason) || text(statusObj?.['failurereason']);
  const additional = text(statusObj?.['additionaldetails']);

  let status: SignIn['status'];
  if (code !== null) status = code === 0 ? 'success' : isInterruptCode(code) ? 'interrupted' : 'failure';
  else status = statusFromText(text(raw.status)) ?? 'success';

  const device = objectOf(raw.deviceDetail);
  const details = arrayOf(raw.authenticationDetails)
    .filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object')
    .map(lowerKeys);
  const methods = new Set<string>();
  for (const d of details) {
    const m = text(d['authenticationmethod']);
    if (m !== '' && d['succeeded'] !== false && text(d['succeeded']).toLowerCase() !== 'false') methods.add(m);
  }
  for (const m of text(raw.authMethodList).split(';')) if (m.trim() !== '') methods.add(m.trim());
  const mfaMethod = text(raw.mfaMethod);
  if (mfaMethod !== '') methods.add(mfaMethod);

  const eventInteractive = eventTypes.includes('interactiveUser') ? true : eventTypes.includes('nonInteractiveUser') ? false : null;
  let interactive = parseBool(raw.isInteractive) ?? eventInteractive;
  if (interactive === null && category !== '') {
    if (category.includes('noninteractive')) interactive = false;
    else if (category === 'signinlogs') interactive = true;
  }

  return {
    kind: 'user',
    signIn: {
      requestId: text(raw.requestId),
      createdUtc,
      userPrincipalName: canonicalUserPrincipalName(upnRaw),
      userDisplayName: text(raw.userDisplayName),
      userType: text(raw.userType),
      appDisplayName: text(raw.appDisplayName),
      clientApp: text(raw.clientApp),
      status,
      errorCode: code,
      failureReason,
      authRequirement: authRequirementOf(text(raw.authRequirement)),
      authMethods: [...methods].sort(),
      mfaResult: text(raw.mfaResult) || additional,
      deviceId: text(raw.deviceId) || text(device?.['deviceid']),
      deviceName: text(raw.deviceName) || text(device?.['displayname']),
      operatingSystem: text(raw.operatingSystem) || text(device?.['operatingsystem']),
      browser: text(raw.browser) || text(device?.['browser']),
      userAgent: text(raw.userAgent),
      ipAddress: text(raw.ipAddress),
      interactive,
      conditionalAccessStatus: text(raw.conditionalAccessStatus),
      caPolicies: caPoliciesOf(raw.conditionalAccessPolicies),
    },
  };
}

/** Canonical fields read from a (lower-cased) Graph, Log Analytics or diagnostic-settings JSON object. */
export function rawFromJsonObject(obj: Record<string, unknown>): { raw: RawRecord; eventTypes: string[] } {
  let o = lowerKeys(obj);
  let category: unknown = o['category'] ?? o['type'];
  let envelopeCode: unknown;
  let envelopeTime: unknown;
  const props = o['properties'];
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) {
    envelopeCode = o['resulttype'];
    envelopeTime = o['time'];
    o = lowerKeys(props as Record<string, unknown>);
    category = category ?? o['category'];
  }
  const eventTypes = Array.isArray(o['signineventtypes']) ? (o['signineventtypes'] as unknown[]).map(String) : [];
  const raw: RawRecord = {
    createdUtc: o['createddatetime'] ?? envelopeTime,
    timeGenerated: o['timegenerated'],
    requestId: o['id'],
    userPrincipalName: o['userprincipalname'],
    userDisplayName: o['userdisplayname'],
    userId: o['userid'],
    userType: o['usertype'],
    appDisplayName: o['appdisplayname'],
    status: o['status'],
    errorCode: o['resulttype'] ?? (objectOf(o['status']) === null ? envelopeCode : undefined),
    failureReason: o['resultdescription'],
    clientApp: o['clientappused'],
    deviceDetail: o['devicedetail'],
    authRequirement: o['authenticationrequirement'],
    authenticationDetails: o['authenticationdetails'],
    ipAddress: o['ipaddress'],
    userAgent: o['useragent'],
    isInteractive: o['isinteractive'],
    conditionalAccessStatus: o['conditionalaccessstatus'],
    conditionalAccessPolicies: o['appliedconditionalaccesspolicies'] ?? o['conditionalaccesspolicies'],
    category,
    servicePrincipalId: o['serviceprincipalid'],
    servicePrincipalName: o['serviceprincipalname'],
  };
  return { raw, eventTypes };
}
