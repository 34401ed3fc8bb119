import { describe, expect, it } from 'vitest';
import { nextAction, registrationSeries, reminderDecision, smsVoiceOnlyUsers, snapshotRate, unregisteredUsers, usableSnapshots } from '../../src/evidence/analysis/registration.ts';
import { createSignInAccumulator } from '../../src/evidence/analysis/signins.ts';
import { localDay, parseUtcTimestamp } from '../../src/evidence/dates.ts';
import { startOfLocalDayUtc } from '../../src/shared/zoned-time.ts';
import { isLegacyClientApp, remediationCategory } from '../../src/evidence/signins/legacy.ts';
import type { RegistrationRecord, RegistrationSnapshot } from '../../src/evidence/registration/read.ts';
import type { SignIn } from '../../src/evidence/signins/record.ts';
import { context } from './helpers.ts';

function rec(upn: string, capable: boolean, extra: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    userPrincipalName: upn,
    displayName: upn,
    userType: 'member',
    isAdmin: false,
    isMfaCapable: capable,
    isMfaRegistered: capable,
    methods: capable ? ['microsoftAuthenticatorPush'] : [],
    otherMethodNames: [],
    lastUpdatedUtc: null,
    ...extra,
  };
}
function snap(date: string | null, records: RegistrationRecord[], file = `reg_${date}.json`): RegistrationSnapshot {
  return { file, date, dateSource: 'file-name', records, hasCapableColumn: true };
}
const people = (n: number, capable: number) => Array.from({ length: n }, (_, i) => rec(`u${String(i).padStart(2, '0')}@x.example`, i < capable));

describe('registration series and reminder logic', () => {
  const snaps = [snap('2026-03-04', people(20, 14)), snap('2026-03-09', people(20, 17)), snap('2026-03-13', people(20, 17)), snap('2026-03-20', people(20, 20))];

  it('puts each snapshot on its register-phase day against target and threshold', () => {
    const ctx = context({ today: '2026-03-16' });
    const rates = usableSnapshots(snaps, ctx.today).map(snapshotRate);
    expect(rates.map((r) => [r.date, r.rate])).toEqual([
      ['2026-03-04', 70],
      ['2026-03-09', 85],
      ['2026-03-13', 85],
    ]);
    const series = registrationSeries(rates, ctx);
    expect(series).toHaveLength(10);
    expect(series[0]).toEqual({
      date: '2026-03-04',
      dayOfPhase: 1,
      rate: 70,
      registered: 14,
      total: 20,
      target: 95,
      reminderThreshold: 90,
      meetsTarget: false,
      belowReminderThreshold: true,
      snapshotFile: 'reg_2026-03-04.json',
    });
    expect(series.filter((p) => p.rate !== null).map((p) => p.dayOfPhase)).toEqual([1, 4, 8]);
  });

  it("decides the reminder on the reminder date's rate", () => {
    const before = context({ today: '2026-03-10' });
    const r1 = reminderDecision(usableSnapshots(snaps, before.today).map(snapshotRate), before);
    expect(r1).toEqual({ reminderDate: '2026-03-13', threshold: 90, due: false, rate: 85, rateDate: '2026-03-09', sendReminder: true });
    const on = context({ today: '2026-03-13' });
    expect(reminderDecision(usableSnapshots(snaps, on.today).map(snapshotRate), on)).toMatchObject({ due: true, rate: 85, rateDate: '2026-03-13', sendReminder: true });
    const high = [snap('2026-03-13', people(20, 19))];
    expect(reminderDecision(usableSnapshots(high, on.today).map(snapshotRate), on)).toMatchObject({ rate: 95, sendReminder: false });
    expect(reminderDecision([], on)).toMatchObject({ rate: null, sendReminder: null });
  });

  it('gives each unregistered user the action the schedule makes due', () => {
    const latest = snap('2026-03-13', [rec('b@x.example', false), rec('a@x.example', false), rec('c@x.example', true), rec('g@x.example', false, { userType: 'guest' })]);
    const send = { reminderDate: '2026-03-13', threshold: 90, due: true, rate: 50, rateDate: '2026-03-13', sendReminder: true };
    const noSend = { ...send, rate: 92, sendReminder: false };
    const cases: [string, typeof send, string, string][] = [
      ['2026-03-10', send, 'none-yet', '2026-03-13'],
      ['2026-03-13', send, 'reminder', '2026-03-13'],
      ['2026-03-13', noSend, 'none-yet', '2026-03-16'],
      ['2026-03-16', send, 'individual-contact', '2026-03-16'],
      ['2026-03-20', noSend, 'individual-contact', '2026-03-16'],
    ];
    for (const [today, decision, action, due] of cases) {
      const users = unregisteredUsers(latest, context({ today }), decision);
      expect(users.map((u) => [u.userPrincipalName, u.actionDue, u.dueDate])).toEqual([
        ['a@x.example', action, due],
        ['b@x.example', action, due],
      ]);
    }
    expect(nextAction(context({ today: '2026-03-01' }), send)).toEqual({ actionDue: 'none-yet', dueDate: '2026-03-13' });
  });

  it('flags SMS/voice-only users against the right retirement date', () => {
    const latest = snap('2026-03-13', [
      rec('admin@x.example', true, { isAdmin: true, methods: ['mobilePhone'] }),
      rec('guest@x.example', true, { userType: 'guest', methods: ['officePhone'] }),
      rec('staff@x.example', true, { methods: ['email', 'mobilePhone'] }),
      rec('fine@x.example', true, { methods: ['mobilePhone', 'fido2'] }),
    ]);
    expect(smsVoiceOnlyUsers(latest, context({ today: '2026-12-02' })).map((u) => [u.userPrincipalName, u.audience, u.retirementDate, u.daysLeft])).toEqual([
      ['admin@x.example', 'admins-and-external', '2027-07-01', 211],
      ['guest@x.example', 'admins-and-external', '2027-07-01', 211],
      ['staff@x.example', 'all-users', '2027-02-01', 61],
    ]);
  });

  it('ignores snapshots dated after today and merges files of the same day (later file wins per user)', () => {
    const s = usableSnapshots(
      [
        snap('2026-03-09', [rec('a@x', true), rec('b@x', false)], 'page2.json'),
        snap('2026-03-09', [rec('b@x', true), rec('c@x', false)], 'page1.json'),
        snap('2026-04-01', people(2, 2)),
        snap(null, people(2, 2)),
      ],
      '2026-03-20',
    );
    expect(s.map((x) => x.file)).toEqual(['page1.json + page2.json']);
    expect(s[0]!.records.map((r) => [r.userPrincipalName, r.isMfaCapable])).toEqual([
      ['a@x', true],
      ['b@x', false],
      ['c@x', false],
    ]);
    expect(snapshotRate(s[0]!)).toMatchObject({ registered: 1, total: 3, rate: 33.3 });
  });
});

function signIn(o: Partial<SignIn> & { createdUtc: string; userPrincipalName: string }): SignIn {
  return {
    requestId: '',
    userDisplayName: '',
    userType: '',
    appDisplayName: '',
    clientApp: 'Browser',
    status: 'success',
    errorCode: 0,
    failureReason: '',
    authRequirement: 'multiFactor',
    authMethods: [],
    mfaResult: '',
    deviceId: '',
    deviceName: '',
    operatingSystem: '',
    browser: '',
    userAgent: '',
    ipAddress: '',
    interactive: true,
    conditionalAccessStatus: 'success',
    ...o,
  };
}

describe('sign-in accumulator', () => {
  it('groups legacy sign-ins by client app, user and device, with one spelling per app', () => {
    const acc = createSignInAccumulator(context());
    acc.add(signIn({ createdUtc: '2026-03-10T10:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'AutoDiscover', deviceName: 'PC1' }));
    acc.add(signIn({ createdUtc: '2026-03-11T10:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'Autodiscover', deviceName: 'PC1' }));
    acc.add(signIn({ createdUtc: '2026-03-09T10:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'autodiscover', operatingSystem: 'Windows 7' }));
    acc.add(signIn({ createdUtc: '2026-03-12T10:00:00.000Z', userPrincipalName: 'b@x', clientApp: 'Authenticated SMTP', status: 'failure', errorCode: 53003 }));
    acc.add(signIn({ createdUtc: '2026-03-12T10:00:00.000Z', userPrincipalName: 'c@x', clientApp: 'Mobile Apps and Desktop clients' }));
    const legacy = acc.result().legacy;
    expect(legacy.map((g) => [g.clientApp, g.category, g.signIns, g.successful])).toEqual([
      ['Authenticated SMTP', 'smtp-device', 1, 0],
      ['Autodiscover', 'old-outlook', 3, 3],
    ]);
    expect(legacy[1]!.users[0]!.devices).toEqual([
      { device: 'PC1', signIns: 2, lastSeenUtc: '2026-03-11T10:00:00.000Z' },
      { device: 'Windows 7', signIns: 1, lastSeenUtc: '2026-03-09T10:00:00.000Z' },
    ]);
    expect(legacy[0]!.remediation).toMatch(/SMTP relay/);
  });

  it('keeps the first and last legacy sign-in of each user, whatever the order they are read in', () => {
    const acc = createSignInAccumulator(context());
    acc.add(signIn({ createdUtc: '2026-03-10T10:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'IMAP4' }));
    acc.add(signIn({ createdUtc: '2026-03-08T07:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'IMAP4' }));
    acc.add(signIn({ createdUtc: '2026-03-11T10:00:00.000Z', userPrincipalName: 'a@x', clientApp: 'IMAP4' }));
    const user = acc.result().legacy[0]!.users[0]!;
    expect([user.firstSeenUtc, user.lastSeenUtc]).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-11T10:00:00.000Z']);
  });

  it('clusters failures after enforcement by code, interrupts apart, with runbook links', () => {
    const acc = createSignInAccumulator(context());
    // enforcement starts at midnight London time on 24 March (GMT: 00:00Z)
    acc.add(signIn({ createdUtc: '2026-03-23T23:59:59.000Z', userPrincipalName: 'early@x', status: 'failure', errorCode: 53003 }));
    acc.add(signIn({ createdUtc: '2026-03-24T08:00:00.000Z', userPrincipalName: 'b@x', status: 'failure', errorCode: 53003 }));
    acc.add(signIn({ createdUtc: '2026-03-24T09:00:00.000Z', userPrincipalName: 'a@x', status: 'failure', errorCode: 53003 }));
    acc.add(signIn({ createdUtc: '2026-03-24T09:00:00.000Z', userPrincipalName: 'a@x', status: 'interrupted', errorCode: 50076 }));
    acc.add(signIn({ createdUtc: '2026-03-28T09:00:00.000Z', userPrincipalName: 'z@x', status: 'failure', errorCode: 399218 }));
    const clusters = acc.result().failureClusters;
    expect(clusters.map((c) => [c.errorCode, c.kind, c.countsAsFailure, c.signIns, c.signInsFirst72h, c.users, c.runbookSymptom])).toEqual([
      [53003, 'block', true, 2, 2, ['a@x', 'b@x'], 'legacy-app'],
      [399218, 'unknown', true, 1, 0, ['z@x'], null],
      [50076, 'interrupt', false, 1, 1, ['a@x'], 'legacy-app'],
    ]);
    expect(clusters[1]!.meaning).toBe('Unknown code: look it up at https://login.microsoftonline.com/error?code=399218');
  });
});

describe('regressions', () => {
  // The post-enforcement window started at local midnight of enforcement day, so failures in the hours before the
  // policy was switched on (08:00) were counted as caused by it.
  it('post-enforcement failures start at the enforcement time, not at midnight', () => {
    const acc = createSignInAccumulator(context({ enforcementTime: '08:00' }));
    acc.add(signIn({ createdUtc: '2026-03-24T07:59:00.000Z', userPrincipalName: 'before@x', status: 'failure', errorCode: 500121 }));
    acc.add(signIn({ createdUtc: '2026-03-24T08:01:00.000Z', userPrincipalName: 'after@x', status: 'failure', errorCode: 500121 }));
    const clusters = acc.result().failureClusters;
    expect(clusters.map((c) => [c.errorCode, c.users])).toEqual([[500121, ['after@x']]]);
  });
});

describe('dates and legacy classification', () => {
  it('parses every timestamp form and buckets into tenant-local days', () => {
    expect(parseUtcTimestamp('2025-12-04T08:19:41Z')).toBe('2025-12-04T08:19:41.000Z');
    expect(parseUtcTimestamp('2025-12-04 08:19:41')).toBe('2025-12-04T08:19:41.000Z');
    expect(parseUtcTimestamp('2026-03-25T08:00:00.1234567+00:00')).toBe('2026-03-25T08:00:00.123Z');
    expect(parseUtcTimestamp('9/19/2023, 1:45:17.287 PM')).toBe('2023-09-19T13:45:17.287Z');
    expect(parseUtcTimestamp('3/12/2025 12:05:00 AM')).toBe('2025-03-12T00:05:00.000Z');
    expect(parseUtcTimestamp('25/12/2025 10:00')).toBe('2025-12-25T10:00:00.000Z');
    expect(parseUtcTimestamp('2/30/2025 10:00 AM')).toBeNull();
    expect(parseUtcTimestamp('yesterday')).toBeNull();
    expect(localDay('2026-06-30T23:30:00.000Z', 'Europe/London')).toBe('2026-07-01');
    expect(localDay('2026-06-30T23:30:00.000Z', 'America/New_York')).toBe('2026-06-30');
    expect(startOfLocalDayUtc('2026-06-01', 'Europe/London')).toBe('2026-05-31T23:00:00.000Z');
  });

  it('treats every client app but the modern ones as legacy, case-insensitively', () => {
    expect(['Browser', 'Mobile Apps and Desktop clients', 'mobile apps and desktop clients', ''].map(isLegacyClientApp)).toEqual([false, false, false, false]);
    expect(['Exchange ActiveSync', 'IMAP4', 'MAPI Over HTTP', 'Other clients', 'Reporting Web Services', 'Something new'].map(isLegacyClientApp)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['POP3', 'Outlook Anywhere (RPC over HTTP)', 'Exchange ActiveSync', 'Exchange Online PowerShell'].map(remediationCategory)).toEqual([
      'imap-pop-app',
      'old-outlook',
      'activesync-phone',
      'other',
    ]);
  });
});
