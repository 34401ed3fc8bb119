/**
 * Synthetic sign-in exports for the evidence benchmark: the portal's interactive sign-ins CSV
 * (2026-01 header, BOM, CRLF, the duplicated column), the same with one malformed row appended, a
 * Graph JSON page, or JSON lines in the Log Analytics shape. Written as a stream to
 * a temporary folder; never committed.
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';

export const PORTAL_HEADER =
  'Date (UTC),Request ID,User agent,Correlation ID,User ID,User,Username,User type,Cross tenant access type,Incoming token type,Authentication Protocol,Unique token identifier,Original transfer method,Client credential type,Token Protection - Sign In Session,Token Protection - Sign In Session StatusCode,Application,Application ID ,App owner tenant ID,Resource,Resource ID ,Resource tenant ID,Resource owner tenant ID,Home tenant ID,Home tenant name,IP address,Location,Status,Sign-in error code,Failure reason,Client app,Device ID,Browser,Operating System,Compliant,Managed,Join Type,Multifactor authentication result,Multifactor authentication auth method,Multifactor authentication auth detail,Authentication requirement,Sign-in identifier,Session ID,IP address (seen by resource),Through Global Secure Access,Global Secure Access IP address,Autonomous system  number,Flagged for review,Token issuer type,Incoming token type,Token issuer name,Latency,Conditional Access,Managed Identity type,Associated Resource Id,Federated Token Id,Federated Token Issuer';

const CLIENTS = [
  'Browser',
  'Browser',
  'Browser',
  'Mobile Apps and Desktop clients',
  'Mobile Apps and Desktop clients',
  'Mobile Apps and Desktop clients',
  'Exchange ActiveSync',
  'IMAP4',
  'Authenticated SMTP',
  'MAPI Over HTTP',
];
const CODES = [0, 0, 0, 0, 0, 0, 0, 50074, 50126, 53003, 500121, 50140];

/** Deterministic pseudo-random numbers (no clock, no Math.random), so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function uuid(r: () => number): string {
  const h = (n: number) =>
    Math.floor(r() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(8)}${h(4)}`;
}

interface Row {
  when: string;
  upn: string;
  name: string;
  client: string;
  code: number;
  id: string;
}

function makeRow(i: number, r: () => number, startMs: number): Row {
  const user = Math.floor(r() * 5000);
  const code = CODES[Math.floor(r() * CODES.length)]!;
  return {
    when: new Date(startMs + i * 2500).toISOString().replace('.000', ''),
    upn: `user${user}@northgate-engineering.example`,
    name: `User ${user}`,
    client: CLIENTS[Math.floor(r() * CLIENTS.length)]!,
    code,
    id: uuid(r),
  };
}

function csvLine(row: Row): string {
  const status = row.code === 0 ? 'Success' : [50074, 50140].includes(row.code) ? 'Interrupted' : 'Failure';
  const reason = row.code === 0 ? 'Other.' : '"Strong Authentication is required, or the request was refused."';
  const cells = [
    row.when,
    row.id,
    '"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0 Safari/537.36"',
    row.id,
    row.id,
    row.name,
    row.upn,
    'Member',
    'none',
    'none',
    'none',
    'AbCdEfGh123',
    'none',
    'none',
    'none',
    '',
    'Office 365 Exchange Online',
    '00000002-0000-0ff1-ce00-000000000000',
    'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    'Office 365 Exchange Online',
    '00000002-0000-0ff1-ce00-000000000000',
    row.id,
    row.id,
    row.id,
    'Northgate Engineering Ltd',
    '203.0.113.10',
    '"London, England, GB"',
    status,
    String(row.code),
    reason,
    row.client,
    '',
    'Chrome 121.0',
    'Windows 10',
    'false',
    'false',
    '',
    'MFA requirement satisfied by claim in the token',
    '',
    '',
    'Multifactor authentication',
    row.upn,
    row.id,
    '203.0.113.10',
    'false',
    '',
    '5607',
    'false',
    'AzureAD',
    'primaryRefreshToken',
    '',
    '112',
    'Success',
    '',
    '',
    '',
    '',
  ];
  return cells.join(',');
}

function graphRecord(row: Row): string {
  return JSON.stringify({
    id: row.id,
    createdDateTime: row.when,
    userDisplayName: row.name,
    userPrincipalName: row.upn,
    appDisplayName: 'Office 365 Exchange Online',
    clientAppUsed: row.client,
    isInteractive: true,
    status: { errorCode: row.code, failureReason: row.code === 0 ? 'Other.' : 'Refused.', additionalDetails: 'MFA requirement satisfied by claim in the token' },
    authenticationRequirement: 'multiFactorAuthentication',
    conditionalAccessStatus: 'success',
    authenticationDetails: [
      { authenticationMethod: 'Previously satisfied', succeeded: true, authenticationStepResultDetail: 'First factor requirement satisfied by claim in the token' },
    ],
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows10', browser: 'Chrome 121.0', isCompliant: false, isManaged: false, trustType: '' },
    location: { city: 'London', state: 'England', countryOrRegion: 'GB' },
    ipAddress: '203.0.113.10',
  });
}

/**
 * One line of Log Analytics / diagnostic-settings JSON: the envelope (time, category, resultType as a
 * string) around the Graph-shaped record, with the all-users policy's report-only result as the
 * workspace stores it for the go/no-go.
 */
function diagnosticLine(row: Row, r: () => number): string {
  const record = JSON.parse(graphRecord(row)) as Record<string, unknown>;
  const roll = r();
  const result = roll < 0.85 ? 'reportOnlySuccess' : roll < 0.93 ? 'reportOnlyInterrupted' : roll < 0.97 ? 'reportOnlyFailure' : 'reportOnlyNotApplied';
  record['appliedConditionalAccessPolicies'] = [
    { id: 'b0e4c1a2-0000-4000-a000-000000000002', displayName: 'CA002 - Require MFA - All users', enforcedGrantControls: ['Mfa'], result },
  ];
  return JSON.stringify({ time: row.when, category: 'SignInLogs', resultType: String(row.code), properties: record });
}

export type BenchFormat = 'portal-csv' | 'portal-csv-bad-row' | 'graph-json' | 'jsonl';

/** The date a malformed row of `portal-csv-bad-row` carries: no reader can take it as a sign-in time. */
export const UNREADABLE_DATE = 'not a date';

/**
 * Write `rows` synthetic sign-ins to `path` and return the byte count. `portal-csv-bad-row` is the
 * portal CSV with one more row after them whose date is unreadable: the file is then read row by
 * row, and that row (line `rows + 2`, after the header) is the one named as malformed.
 */
export async function generate(path: string, rows: number, format: BenchFormat): Promise<number> {
  const out = createWriteStream(path);
  const r = rng(42);
  const startMs = Date.UTC(2026, 2, 20);
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'portal-csv' || format === 'portal-csv-bad-row') {
    await write(`\uFEFF${PORTAL_HEADER}\r\n`);
    let batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      batch.push(csvLine(makeRow(i, r, startMs)));
      if (batch.length === 1000) {
        await write(`${batch.join('\r\n')}\r\n`);
        batch = [];
      }
    }
    if (batch.length > 0) await write(`${batch.join('\r\n')}\r\n`);
    if (format === 'portal-csv-bad-row') await write(`${csvLine({ ...makeRow(rows, r, startMs), when: UNREADABLE_DATE })}\r\n`);
  } else if (format === 'jsonl') {
    let batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      batch.push(diagnosticLine(makeRow(i, r, startMs), r));
      if (batch.length === 1000) {
        await write(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) await write(`${batch.join('\n')}\n`);
  } else {
    await write('{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[\n');
    let batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      batch.push(graphRecord(makeRow(i, r, startMs)));
      if (batch.length === 1000 || i === rows - 1) {
        await write(batch.join(',\n') + (i === rows - 1 ? '\n' : ',\n'));
        batch = [];
      }
    }
    await write(']}\n');
  }
  out.end();
  await once(out, 'finish');
  // On disk before anything is measured: otherwise the system writes the file out while the readers run, and
  // the first measurement pays for it.
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}
