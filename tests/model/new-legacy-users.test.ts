import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { EvidenceReport } from '../../src/model/evidence-report.ts';
import { changeLines, evidenceChanges, newLegacyAuthUsers } from '../../src/model/status.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';

// "New legacy-authentication users since the previous snapshot": a user counts as new when the earliest of
// their legacy sign-ins (over every client app) falls on or after the previous registration snapshot's day.
function user(upn: string, firstSeenUtc: string | undefined) {
  return { userPrincipalName: upn, signIns: 1, successful: 0, ...(firstSeenUtc ? { firstSeenUtc } : {}), lastSeenUtc: '2027-01-21T09:00:00.000Z', devices: [] };
}
function group(clientApp: string, users: ReturnType<typeof user>[]): EvidenceReport['legacyAuth'][number] {
  return { clientApp, category: 'other', remediationTitle: '', remediation: '', signIns: users.length, successful: 0, lastSeenUtc: '2027-01-21T09:00:00.000Z', users };
}

describe('new legacy-authentication users since the previous snapshot', () => {
  const legacy = [
    group('IMAP4', [user('old@x.example', '2027-01-12T08:00:00.000Z'), user('dayof@x.example', '2027-01-20T00:00:00.000Z')]),
    group('POP3', [user('dayafter@x.example', '2027-01-21T10:00:00.000Z'), user('old@x.example', '2027-01-21T10:00:00.000Z')]),
    group('Authenticated SMTP', [user('daybefore@x.example', '2027-01-19T23:59:59.000Z')]),
  ];

  it('counts a user first seen on or after the previous snapshot day, not the day before, and not a known user on a new app', () => {
    expect(newLegacyAuthUsers(legacy, '2027-01-20')).toEqual([
      { userPrincipalName: 'dayafter@x.example', clientApps: ['POP3'], firstSeenUtc: '2027-01-21T10:00:00.000Z' },
      { userPrincipalName: 'dayof@x.example', clientApps: ['IMAP4'], firstSeenUtc: '2027-01-20T00:00:00.000Z' },
    ]);
  });

  it('names nobody as new from a report written without first-seen times', () => {
    expect(newLegacyAuthUsers([group('IMAP4', [user('a@x.example', undefined)])], '2027-01-01')).toEqual([]);
  });

  it('status prints them among the changes since the previous snapshot', () => {
    const snapshot = (date: string, registered: number) => ({ date, file: `${date}.csv`, registered, total: 10, rate: registered * 10, basis: 'isMfaCapable' as const });
    const changes = evidenceChanges({
      registration: { snapshots: [snapshot('2027-01-20', 5), snapshot('2027-01-22', 7)] } as EvidenceReport['registration'],
      failureClusters: [],
      legacyAuth: legacy,
    })!;
    expect(changeLines(changes)).toEqual([
      'Since the previous snapshot (2027-01-20 to 2027-01-22):',
      '  newly registered: 2',
      '  new legacy-authentication users: dayafter@x.example (POP3); dayof@x.example (IMAP4)',
      '  new failure clusters: none',
      '',
    ]);
  });

  it('the evidence analysis keeps a first-seen time per legacy user, never after the last one (example exports)', async () => {
    const today = '2027-01-25';
    const { config } = parseConfig(readFileSync(EXAMPLE_CONFIG, 'utf8'), EXAMPLE_CONFIG, { today });
    const playbook = buildPlaybook(config, { today, generatorVersion: 'legacy-test' });
    const report = await readEvidence(join(ROOT, 'examples/evidence/northgate'), evidenceContextFromPlaybook(playbook, today));
    const users = report.legacyAuth.flatMap((g) => g.users);
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(u.firstSeenUtc, u.userPrincipalName).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(u.firstSeenUtc! <= u.lastSeenUtc, u.userPrincipalName).toBe(true);
    }
  });
});
