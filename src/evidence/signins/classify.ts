/** What a sign-in export is, from its header row and file name (before any row is read). */
import type { FileKind } from '../problems.ts';
import type { ColumnMap } from './headers.ts';

/** Interactive or not, from the portal's file name (`InteractiveSignIns_…`, `NonInteractiveSignIns_…`). */
export function interactiveFromFileName(name: string): boolean | null {
  const n = name.toLowerCase().replace(/[\s_-]/g, '');
  // English portal names, and Spanish-style names ("…NoInteractivo…") as some admins rename them.
  if (n.includes('noninteractive') || n.includes('nointeractiv')) return false;
  if (n.includes('interactive') || n.includes('interactiv')) return true;
  return null;
}

const REGISTRATION_MARKERS = ['ismfacapable', 'mfa capable', 'multifactor authentication capable', 'methodsregistered', 'methods registered'];

export interface CsvClassification {
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

