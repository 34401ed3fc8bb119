/**
 * Microsoft's Kusto language service with the two sign-in tables' schemas, to check generated queries
 * the way the Log Analytics editor would. Column types follow the Azure Monitor table reference:
 * ConditionalAccessPolicies, Status, DeviceDetail, LocationDetails and MfaDetail are dynamic in
 * SigninLogs and strings (JSON text) in AADNonInteractiveUserSignInLogs; ResultType is a string in both.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');

// The bridge defines a global namespace; only the few members used here are typed.
interface Diagnostic {
  Severity: string;
  Message: string;
  Start: number;
}
interface KustoLanguage {
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
  };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): { Count: number; getItem(i: number): Diagnostic } } };
}
const K = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;

const COMMON: [string, string][] = [
  ['TenantId', 'string'],
  ['SourceSystem', 'string'],
  ['TimeGenerated', 'datetime'],
  ['ResourceId', 'string'],
  ['OperationName', 'string'],
  ['Category', 'string'],
  ['ResultType', 'string'],
  ['ResultSignature', 'string'],
  ['ResultDescription', 'string'],
  ['DurationMs', 'long'],
  ['CorrelationId', 'string'],
  ['Identity', 'string'],
  ['Level', 'string'],
  ['Location', 'string'],
  ['AlternateSignInName', 'string'],
  ['AppDisplayName', 'string'],
  ['AppId', 'string'],
  ['AuthenticationDetails', 'string'],
  ['AuthenticationMethodsUsed', 'string'],
  ['AuthenticationProcessingDetails', 'string'],
  ['AuthenticationRequirement', 'string'],
  ['AuthenticationRequirementPolicies', 'string'],
  ['ClientAppUsed', 'string'],
  ['ConditionalAccessStatus', 'string'],
  ['CreatedDateTime', 'datetime'],
  ['Id', 'string'],
  ['IPAddress', 'string'],
  ['IsInteractive', 'bool'],
  ['IsRisky', 'bool'],
  ['HomeTenantId', 'string'],
  ['ResourceTenantId', 'string'],
  ['AADTenantId', 'string'],
  ['UserAgent', 'string'],
  ['UserDisplayName', 'string'],
  ['UserId', 'string'],
  ['UserPrincipalName', 'string'],
  ['UserType', 'string'],
  ['ServicePrincipalId', 'string'],
  ['ServicePrincipalName', 'string'],
  ['Type', 'string'],
];
const DYNAMIC_IN_SIGNINLOGS = ['ConditionalAccessPolicies', 'Status', 'DeviceDetail', 'LocationDetails', 'MfaDetail'];

function schema(dynamic: boolean): string {
  const columns = [...COMMON, ...DYNAMIC_IN_SIGNINLOGS.map((c): [string, string] => [c, dynamic ? 'dynamic' : 'string'])];
  return `(${columns.map(([n, t]) => `${n}:${t}`).join(', ')})`;
}

const workspace = K.GlobalState.Default.WithDatabase(
  new K.Symbols.DatabaseSymbol.ctor('workspace', [
    new K.Symbols.TableSymbol.$ctor7('SigninLogs', schema(true), null),
    new K.Symbols.TableSymbol.$ctor7('AADNonInteractiveUserSignInLogs', schema(false), null),
  ]),
);

/** Every diagnostic the language service reports for a query (errors and warnings), with its position. */
export function kustoDiagnostics(query: string): { severity: string; message: string; at: string }[] {
  const list = K.KustoCode.ParseAndAnalyze(query, workspace).GetDiagnostics();
  const out: { severity: string; message: string; at: string }[] = [];
  for (let i = 0; i < list.Count; i += 1) {
    const d = list.getItem(i);
    out.push({ severity: d.Severity, message: d.Message, at: query.slice(d.Start, d.Start + 40) });
  }
  return out;
}
