/**
 * Column names of sign-in exports. Portal CSV headers drift between versions, carry stray spaces
 * (`Application ID `, `Autonomous system  number`), repeat a column (`Incoming token type`) and are
 * translated into the admin's UI language, so columns are always matched by normalised name.
 */

/** Trim, drop a BOM, collapse inner whitespace, lower-case, and drop a trailing ` [UTC]` suffix. */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ \[utc\]$/, '');
}

/**
 * Normalise a header row and make every name unique: the second `incoming token type` becomes
 * `incoming token type_2`, a third `_3`, and so on. Used as csv-parse's `columns` function.
 */
export function dedupeHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h) => {
    const name = normaliseHeader(h);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** Fields of the canonical sign-in model that can come from a column. */
export type SignInField =
  | 'createdUtc'
  | 'timeGenerated'
  | 'requestId'
  | 'userPrincipalName'
  | 'userDisplayName'
  | 'userId'
  | 'userType'
  | 'appDisplayName'
  | 'status'
  | 'errorCode'
  | 'failureReason'
  | 'clientApp'
  | 'deviceId'
  | 'deviceName'
  | 'browser'
  | 'operatingSystem'
  | 'deviceDetail'
  | 'authRequirement'
  | 'mfaResult'
  | 'mfaMethod'
  | 'authMethodList'
  | 'authenticationDetails'
  | 'ipAddress'
  | 'userAgent'
  | 'isInteractive'
  | 'conditionalAccessStatus'
  | 'conditionalAccessPolicies'
  | 'category'
  | 'servicePrincipalId'
  | 'servicePrincipalName';

/**
 * Normalised header names accepted for each field, most specific first. English portal names
 * (all header versions), the older "legacy portal" export, Log Analytics / Graph names (compared
 * lower-cased) and the Spanish portal names.
 */
export const SIGNIN_ALIASES: Readonly<Record<SignInField, readonly string[]>> = {
  createdUtc: ['date (utc)', 'date', 'createddatetime', 'fecha (utc)', 'fecha', 'lastseen'],
  timeGenerated: ['timegenerated'],
  requestId: ['request id', 'id', 'id. de solicitud', 'identificador de solicitud'],
  userPrincipalName: ['username', 'userprincipalname', 'user principal name', 'nombre de usuario'],
  userDisplayName: ['user', 'userdisplayname', 'usuario'],
  userId: ['user id', 'userid', 'id. de usuario'],
  userType: ['user type', 'usertype', 'tipo de usuario'],
  appDisplayName: ['application', 'appdisplayname', 'aplicación'],
  status: ['status', 'estado'],
  errorCode: ['sign-in error code', 'resulttype', 'código de error de inicio de sesión', 'errorcode'],
  failureReason: ['failure reason', 'motivo del error', 'resultdescription'],
  clientApp: ['client app', 'clientappused', 'aplicación cliente'],
  deviceId: ['device id', 'id. de dispositivo', 'deviceid'],
  deviceName: ['device', 'devicename'],
  browser: ['browser', 'explorador'],
  operatingSystem: ['operating system', 'os', 'sistema operativo', 'operatingsystem'],
  deviceDetail: ['devicedetail'],
  authRequirement: ['authentication requirement', 'authenticationrequirement', 'requisito de autenticación'],
  mfaResult: ['multifactor authentication result', 'resultado de la autenticación multifactor'],
  mfaMethod: ['multifactor authentication auth method', 'método de autenticación multifactor'],
  authMethodList: ['authmethods'], // the Log Analytics break-glass query: succeeded methods joined with "; "

  authenticationDetails: ['authenticationdetails'],
  ipAddress: ['ip address', 'ipaddress', 'dirección ip'],
  userAgent: ['user agent', 'useragent', 'agente de usuario'],
  isInteractive: ['isinteractive'],
  conditionalAccessStatus: ['conditional access', 'conditionalaccessstatus', 'acceso condicional'],
  conditionalAccessPolicies: ['conditionalaccesspolicies', 'appliedconditionalaccesspolicies'],
  category: ['category', 'type'],
  servicePrincipalId: ['service principal id', 'serviceprincipalid'],
  servicePrincipalName: ['service principal name', 'serviceprincipalname'],
};

/** For one header row, the column key (normalised, de-duplicated) holding each field. */
export type ColumnMap = Partial<Record<SignInField, string>>;

export function mapColumns(headers: readonly string[]): ColumnMap {
  const present = new Set(headers);
  const map: ColumnMap = {};
  for (const field of Object.keys(SIGNIN_ALIASES) as SignInField[]) {
    const hit = SIGNIN_ALIASES[field].find((alias) => present.has(alias));
    if (hit !== undefined) map[field] = hit;
  }
  return map;
}
