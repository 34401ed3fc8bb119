/**
 * One sign-in export read on its own and handed over record by record: the listing of a file's
 * sign-ins (the counting of a whole evidence folder happens in the engine, see
 * engine/signin-summary.ts). The file is loaded by the engine like any other and its canonical rows
 * are read back.
 */
import type { FileKind, FileProblems } from '../problems.ts';
import { execute, queryRows, withEngine } from '../engine/database.ts';
import type { EvidenceEngine } from '../engine/database.ts';
import { AUTH_DETAIL_TABLE, createSignInTables, loadSignInFile, REPORT_ONLY_TABLE, SIGNIN_TABLE } from '../engine/signin-load.ts';
import type { SignInGroup } from '../analysis/signins.ts';
import type { ReportOnlyResult } from '../../model/report-only.ts';
import type { CaPolicyResult, SignIn } from './record.ts';

export { classifySignInHeaders, interactiveFromFileName } from './classify.ts';

export interface SignInFileResult {
  kind: FileKind;
  rows: number; // user sign-ins delivered
  problems: FileProblems;
}

/** Receives every user sign-in read, in file order. A Log Analytics summary row comes with its count of alike sign-ins. */
export type SignInSink = (signIn: SignIn, group?: SignInGroup) => void;
/** Receives a row of the Log Analytics report-only query's result. */
export type ReportOnlySink = (result: ReportOnlyResult, count: number, firstUtc: string, lastUtc: string, who: { user: string; clientApp: string }) => void;
/** Receives authentication-method rows of an AuthDetails companion file. */
export type AuthDetailSink = (requestId: string, method: string, succeeded: boolean) => void;

const SIGN_IN_COLUMNS =
  'request_id, t, upn, user_display_name, user_type, app_display_name, client_app, status, code, failure_reason, auth_req, methods, mfa_result, ' +
  'device_id, device_name, operating_system, browser, user_agent, ip_address, interactive, ca_status, ca_list, grouped, n, first_t';

function signInOf(row: unknown[]): { signIn: SignIn; group?: SignInGroup } {
  const s = (i: number): string => (row[i] as string | null) ?? '';
  const signIn: SignIn = {
    requestId: s(0),
    createdUtc: s(1),
    userPrincipalName: s(2),
    userDisplayName: s(3),
    userType: s(4),
    appDisplayName: s(5),
    clientApp: s(6),
    status: s(7) as SignIn['status'],
    errorCode: row[8] === null ? null : Number(row[8]),
    failureReason: s(9),
    authRequirement: (row[10] as SignIn['authRequirement']) ?? null,
    authMethods: (row[11] as string[] | null) ?? [],
    mfaResult: s(12),
    deviceId: s(13),
    deviceName: s(14),
    operatingSystem: s(15),
    browser: s(16),
    userAgent: s(17),
    ipAddress: s(18),
    interactive: (row[19] as boolean | null) ?? null,
    conditionalAccessStatus: s(20),
    caPolicies: JSON.parse(s(21) || '[]') as CaPolicyResult[],
  };
  return row[22] === true ? { signIn, group: { count: Number(row[23]), firstUtc: s(24) } } : { signIn };
}

/**
 * Read one sign-in export of any supported shape and pass each user sign-in to `sink`, in file
 * order. Never throws for bad content: problems are returned with the file's result.
 */
export async function readSignInFile(
  path: string,
  name: string,
  sink: SignInSink,
  authSink: AuthDetailSink | null = null,
  reportOnlySink: ReportOnlySink | null = null,
  engine?: EvidenceEngine,
): Promise<SignInFileResult> {
  return withEngine(engine, async (e) => {
    await createSignInTables(e);
    const loaded = await loadSignInFile(e, 0, path, name, { full: true, breakGlass: [], policyName: null });
    for (const row of await queryRows(e, `SELECT ${SIGN_IN_COLUMNS} FROM ${SIGNIN_TABLE} WHERE kind = 'user' ORDER BY ordinal`)) {
      const { signIn, group } = signInOf(row);
      sink(signIn, group);
    }
    if (authSink !== null) {
      for (const [requestId, method, succeeded] of await queryRows(e, `SELECT request_id, method, succeeded FROM ${AUTH_DETAIL_TABLE}`)) {
        authSink(requestId as string, method as string, succeeded as boolean);
      }
    }
    if (reportOnlySink !== null) {
      for (const [result, n, first, last, upn, app] of await queryRows(e, `SELECT result, n, first_t, last_t, upn, client_app FROM ${REPORT_ONLY_TABLE}`)) {
        reportOnlySink(result as ReportOnlyResult, Number(n), first as string, last as string, { user: upn as string, clientApp: app as string });
      }
    }
    await execute(e, `DROP TABLE ${SIGNIN_TABLE}; DROP TABLE ${AUTH_DETAIL_TABLE}; DROP TABLE ${REPORT_ONLY_TABLE}`);
    return loaded;
  });
}
