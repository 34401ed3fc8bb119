/**
 * KQL for tenants whose sign-in logs are in Log Analytics or Microsoft Sentinel: the evidence the
 * tool needs, aggregated in the workspace instead of exported raw, dated to the plan's windows.
 * Pure: the evidence context in, query texts out; every value from the config is a KQL string
 * literal made by `kqlString`. The result CSVs (Export → CSV) go into the evidence `signins`
 * folder, where the reader takes each row as its count of alike sign-ins.
 *
 * The sign-in queries split the sign-ins into four parts that never overlap (legacy clients,
 * break-glass accounts, failures after enforcement, the rest), so the four results together count
 * every sign-in once, and group by every window boundary, so each row falls wholly on one side.
 */
import type { EvidenceContext } from '../model/evidence-context.ts';
import { formatDate } from '../shared/format.ts';
import { MODERN_CLIENT_APPS } from '../model/client-apps.ts';
import { evidenceWindows } from '../model/evidence-windows.ts';
import type { EvidenceWindows } from '../model/evidence-windows.ts';

export type KqlQueryId = 'legacy-auth' | 'break-glass' | 'failures-after-enforcement' | 'other-sign-ins' | 'report-only';

export interface KqlQuery {
  id: KqlQueryId;
  title: string;
  /** What the result is for, in the plan's words. */
  purpose: string;
  /** Name to save the result CSV under, in the evidence `signins` folder. */
  fileName: string;
  windowStartUtc: string;
  windowEndUtc: string;
  text: string;
}

/** A KQL string literal: quotes and backslashes escaped, line breaks and tabs as escapes, other control characters dropped. */
export function kqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${escaped}"`;
}

const kqlDatetime = (iso: string): string => `datetime(${iso})`;
const kqlList = (values: readonly string[]): string => `dynamic([${values.map(kqlString).join(', ')}])`;

/**
 * One table's rows in the window, with the columns the analysis reads in one type. Several columns
 * are dynamic in SigninLogs and JSON text in AADNonInteractiveUserSignInLogs; parse_json(tostring())
 * gives the same dynamic value from both. ResultType is a string in both ("0" is success).
 */
function leg(table: 'SigninLogs' | 'AADNonInteractiveUserSignInLogs', start: string, end: string, interactive: boolean): string {
  return [
    `    (${table}`,
    `    | where TimeGenerated >= ${start} and TimeGenerated < ${end} and isnotempty(UserPrincipalName)`,
    `    | project TimeGenerated, UserPrincipalName = tolower(UserPrincipalName), ClientAppUsed = trim(@"\\s+", ClientAppUsed), ResultType = tostring(ResultType),`,
    `        IsInteractive = ${interactive}, AuthenticationRequirement, ConditionalAccessStatus, UserAgent, IPAddress,`,
    `        Device = parse_json(tostring(DeviceDetail)), Steps = parse_json(tostring(AuthenticationDetails)), Policies = parse_json(tostring(ConditionalAccessPolicies)))`,
  ].join('\n');
}

function header(title: string, ctx: EvidenceContext, windowStart: string, windowEnd: string): string {
  return [
    `// ${title}`,
    `// Plan: register phase from ${ctx.registerPhase.startDate}, enforcement ${ctx.enforcementDate}, validation until ${ctx.validateEndDate} (${ctx.timeZone}).`,
    `// Window (UTC): ${windowStart} to ${windowEnd}. Run in the Log Analytics workspace that receives the sign-in logs; Export > CSV.`,
  ].join('\n');
}

function signInPrelude(w: EvidenceWindows, ctx: EvidenceContext): string {
  return [
    `let WindowStart = ${kqlDatetime(w.registerStartUtc)};`,
    `let WindowEnd = ${kqlDatetime(w.validationEndUtc)};`,
    `let EnforcementStart = ${kqlDatetime(w.enforcementStartUtc)};`,
    `let First72hEnd = ${kqlDatetime(w.first72hEndUtc)};`,
    `let ValidationEnd = ${kqlDatetime(w.validationEndUtc)};`,
    `let BreakGlass = ${kqlList([...new Set(ctx.breakGlassAccounts.map((a) => a.trim().toLowerCase()))].sort())};`,
    `let ModernClientApps = ${kqlList([...MODERN_CLIENT_APPS].sort())};`,
    'let SignIns = union',
    `${leg('SigninLogs', 'WindowStart', 'WindowEnd', true)},`,
    `${leg('AADNonInteractiveUserSignInLogs', 'WindowStart', 'WindowEnd', false)}`,
    '| extend AfterEnforcement = TimeGenerated >= EnforcementStart,',
    '    InFirst72h = TimeGenerated >= EnforcementStart and TimeGenerated < First72hEnd,',
    '    InValidation = TimeGenerated >= EnforcementStart and TimeGenerated < ValidationEnd,',
    '    IsLegacy = isnotempty(ClientAppUsed) and not(tolower(ClientAppUsed) in (ModernClientApps)),',
    '    IsBreakGlass = UserPrincipalName in (BreakGlass);',
  ].join('\n');
}

/** The device columns the reader builds its device label from; user agent and address only when nothing better is known. */
const DEVICE_COLUMNS = [
  '| extend DeviceName = tostring(Device.displayName), OperatingSystem = tostring(Device.operatingSystem), Browser = tostring(Device.browser), DeviceId = tostring(Device.deviceId)',
  '| extend Unnamed = isempty(DeviceName) and isempty(OperatingSystem) and isempty(Browser) and isempty(DeviceId)',
  '| extend UserAgent = iff(Unnamed, UserAgent, ""), IPAddress = iff(Unnamed and isempty(UserAgent), IPAddress, "")',
].join('\n');

const SUMMARY = 'SignIns = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)';
const WINDOW_KEYS = 'AfterEnforcement, InFirst72h, InValidation';

export function kqlQueries(ctx: EvidenceContext): KqlQuery[] {
  const w = evidenceWindows(ctx);
  const prelude = signInPrelude(w, ctx);
  const signInQuery = (id: KqlQueryId, title: string, purpose: string, body: string[]): KqlQuery => ({
    id,
    title,
    purpose,
    fileName: `LogAnalytics_${id}_${ctx.registerPhase.startDate}_${ctx.validateEndDate}.csv`,
    windowStartUtc: w.registerStartUtc,
    windowEndUtc: w.validationEndUtc,
    text: [header(title, ctx, w.registerStartUtc, w.validationEndUtc), prelude, 'SignIns', ...body].join('\n'),
  });
  const queries: KqlQuery[] = [
    signInQuery(
      'legacy-auth',
      'Legacy-authentication dependencies by user, client app and device',
      'Who still signs in with a legacy client, from which device, and whether it still succeeds: the remediation list before enforcement and the no-legacy-auth check after.',
      [
        '| where IsLegacy and not(IsBreakGlass)',
        DEVICE_COLUMNS,
        `| summarize ${SUMMARY} by UserPrincipalName, ClientAppUsed, ResultType, IsInteractive, AuthenticationRequirement, ConditionalAccessStatus, DeviceName, OperatingSystem, Browser, DeviceId, UserAgent, IPAddress, ${WINDOW_KEYS}`,
        '| order by ClientAppUsed asc, UserPrincipalName asc, LastSeen desc',
      ],
    ),
    signInQuery('break-glass', 'Break-glass sign-ins', 'Proof that each emergency access account signed in, how it authenticated and what Conditional Access did.', [
      '| where IsBreakGlass',
      '| mv-apply Step = Steps on (where tostring(Step.succeeded) != "false" | summarize Methods = make_set(tostring(Step.authenticationMethod)))',
      '| extend AuthMethods = strcat_array(array_sort_asc(set_difference(Methods, dynamic([""]))), "; ")',
      DEVICE_COLUMNS,
      `| summarize ${SUMMARY} by UserPrincipalName, ClientAppUsed, ResultType, IsInteractive, AuthenticationRequirement, ConditionalAccessStatus, AuthMethods, DeviceName, OperatingSystem, Browser, DeviceId, UserAgent, IPAddress, ${WINDOW_KEYS}`,
      '| order by UserPrincipalName asc, LastSeen desc',
    ]),
    signInQuery(
      'failures-after-enforcement',
      'Failed sign-ins after enforcement, by error code',
      'Failure clusters after the switch-on, by error code and user, with the first 72 hours apart: the post-enforcement check and the helpdesk triage.',
      [
        '| where AfterEnforcement and ResultType != "0" and not(IsLegacy) and not(IsBreakGlass)',
        `| summarize ${SUMMARY} by ResultType, UserPrincipalName, IsInteractive, ClientAppUsed, AuthenticationRequirement, ConditionalAccessStatus, ${WINDOW_KEYS}`,
        '| order by ResultType asc, UserPrincipalName asc',
      ],
    ),
    signInQuery(
      'other-sign-ins',
      'All other sign-ins, counted',
      'The volume behind the checks (sign-ins in the validation window and the first 72 hours) and the single-factor sign-ins no policy covered in the first 72 hours, by user. Other users are counted, not named.',
      [
        '| where not(IsLegacy) and not(IsBreakGlass) and not(AfterEnforcement and ResultType != "0")',
        '| extend IsGap = InFirst72h and ResultType == "0" and IsInteractive and AuthenticationRequirement == "singleFactorAuthentication" and ConditionalAccessStatus =~ "notApplied"',
        `| summarize ${SUMMARY} by UserPrincipalName = iff(IsGap, UserPrincipalName, "(other users)"), ResultType = iff(ResultType == "0", "0", "1"), IsInteractive,`,
        `    AuthenticationRequirement = iff(IsGap, AuthenticationRequirement, ""), ConditionalAccessStatus = iff(IsGap, ConditionalAccessStatus, ""), ${WINDOW_KEYS}`,
        '| order by UserPrincipalName asc, IsInteractive desc',
      ],
    ),
  ];
  const gate = ctx.goNoGo;
  if (gate !== undefined) {
    const title = 'Report-only results of the all-users policy, for the go/no-go';
    queries.push({
      id: 'report-only',
      title,
      purpose: `How "${gate.policyName}" would have treated each sign-in while it runs in report-only, up to the go/no-go decision on ${formatDate(gate.decisionDate, 'long', ctx.locale)}.`,
      fileName: `LogAnalytics_report-only_${ctx.registerPhase.startDate}_${gate.decisionDate}.csv`,
      windowStartUtc: w.registerStartUtc,
      windowEndUtc: w.goNoGoEndUtc,
      text: [
        header(title, ctx, w.registerStartUtc, w.goNoGoEndUtc),
        `let WindowStart = ${kqlDatetime(w.registerStartUtc)};`,
        `let DecisionEnd = ${kqlDatetime(w.goNoGoEndUtc)};`,
        `let AllUsersPolicy = ${kqlString(gate.policyName.trim().toLowerCase())};`,
        'union',
        `${leg('SigninLogs', 'WindowStart', 'DecisionEnd', true)},`,
        `${leg('AADNonInteractiveUserSignInLogs', 'WindowStart', 'DecisionEnd', false)}`,
        '| mv-expand Policy = Policies',
        '| where tolower(trim(@"\\s+", tostring(Policy.displayName))) == AllUsersPolicy',
        '| extend ReportOnlyResult = tostring(Policy.result)',
        '| where ReportOnlyResult startswith "reportOnly"',
        `| summarize ${SUMMARY} by ReportOnlyResult, UserPrincipalName, ClientAppUsed`,
        '| order by ReportOnlyResult asc, UserPrincipalName asc',
      ].join('\n'),
    });
  }
  return queries;
}
