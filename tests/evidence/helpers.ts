import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvidenceContext } from '../../src/model/evidence-context.ts';
import { readSignInFile } from '../../src/evidence/signins/read.ts';
import type { SignIn } from '../../src/evidence/signins/record.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/evidence/', import.meta.url));
export const SIGNINS = join(FIXTURES, 'signins');
export const REGISTRATION = join(FIXTURES, 'registration');
export const D = 'northgate-engineering.example';
export const BG1 = 'svc-emergency-alpha@northgateeng.onmicrosoft.com';
export const BG2 = 'svc-emergency-bravo@northgateeng.onmicrosoft.com';

/** The plan used by every test: register phase 4–17 March 2026, enforcement 24 March, London time. */
export function context(overrides: Partial<EvidenceContext> = {}): EvidenceContext {
  return {
    today: '2026-03-27',
    timeZone: 'Europe/London',
    locale: 'en-GB',
    registerPhase: {
      startDate: '2026-03-04',
      endDate: '2026-03-17',
      days: ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-17'],
    },
    reminderDate: '2026-03-13',
    contactDate: '2026-03-16',
    enforcementDate: '2026-03-24',
    validateEndDate: '2026-03-27',
    targetRate: 95,
    reminderBelowRate: 90,
    breakGlassAccounts: [BG1, 'SVC-Emergency-Bravo@NorthgateEng.onmicrosoft.com'],
    userCount: 10,
    smsVoiceRetirement: { allUsers: '2027-02-01', adminsAndExternal: '2027-07-01' },
    ...overrides,
  };
}

export async function readSignIns(path: string, name = path.slice(path.lastIndexOf('/') + 1)) {
  const rows: SignIn[] = [];
  const result = await readSignInFile(path, name, (s) => rows.push(s));
  return { ...result, signIns: rows, byUser: (upn: string) => rows.find((r) => r.userPrincipalName === upn) };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'evidence-test-'));
}

/** Write files (relative path → content) into a fresh evidence folder. */
export async function evidenceDir(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'registration'), { recursive: true });
  await mkdir(join(dir, 'signins'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    await mkdir(p.slice(0, p.lastIndexOf('/')), { recursive: true });
    await writeFile(p, content);
  }
  return dir;
}

/** Graph-shaped sign-in for constructed evidence. */
export function graphSignIn(o: {
  id: string;
  when: string;
  upn: string;
  client?: string;
  code?: number;
  interactive?: boolean;
  methods?: string[];
  requirement?: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  ca?: string;
}): Record<string, unknown> {
  return {
    id: o.id,
    createdDateTime: o.when,
    userPrincipalName: o.upn,
    clientAppUsed: o.client ?? 'Browser',
    isInteractive: o.interactive ?? true,
    status: { errorCode: o.code ?? 0 },
    authenticationRequirement: o.requirement ?? 'multiFactorAuthentication',
    conditionalAccessStatus: o.ca ?? 'success',
    authenticationDetails: (o.methods ?? []).map((m) => ({ authenticationMethod: m, succeeded: true })),
    deviceDetail: { operatingSystem: 'Windows10', browser: 'Edge' },
  };
}

export function graphPage(records: Record<string, unknown>[]): string {
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: records }, null, 2);
}

/** Graph userRegistrationDetails page. */
export function registrationPage(users: { upn: string; capable: boolean; methods?: string[]; admin?: boolean; guest?: boolean }[]): string {
  return JSON.stringify({
    value: users.map((u) => ({
      userPrincipalName: u.upn,
      userDisplayName: u.upn.split('@')[0],
      userType: u.guest === true ? 'guest' : 'member',
      isAdmin: u.admin ?? false,
      isMfaCapable: u.capable,
      isMfaRegistered: u.capable,
      methodsRegistered: u.methods ?? (u.capable ? ['microsoftAuthenticatorPush'] : []),
    })),
  });
}
