import { describe, expect, it } from 'vitest';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { EvidenceReportSchema, readEvidence } from '../../src/evidence/index.ts';
import { formatStatusText } from '../../src/evidence/status-text.ts';
import { context, D, evidenceDir, FIXTURES } from './helpers.ts';

describe('the whole fixture folder', () => {
  it('gives a schema-valid report, byte-identical on every run', async () => {
    const a = await readEvidence(FIXTURES, context());
    const b = await readEvidence(FIXTURES, context());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(EvidenceReportSchema.safeParse(a).success).toBe(true);
    expect(a.confidentiality).toBe('admin-only');
    expect(a.files).toHaveLength(18);
    expect(a.files.map((f) => f.kind).filter((k) => k === 'wrong-kind')).toEqual(['wrong-kind']);
    expect(a.files.reduce((n, f) => n + f.malformedCount, 0)).toBe(5);
    expect(a.signIns).toEqual({
      total: 29,
      interactive: 16,
      nonInteractive: 6,
      unknownInteractivity: 7,
      firstUtc: '2024-05-02T07:00:00.000Z',
      lastUtc: '2026-03-25T10:30:00.000Z',
    });
    expect(a.latestRate).toEqual({ rate: 90, date: '2026-03-13' });
    expect(a.registration.snapshots.map((s) => [s.date, s.rate])).toEqual([
      ['2026-03-04', 50],
      ['2026-03-09', 80],
      ['2026-03-13', 90],
    ]);
    expect(a.registration.unregistered).toEqual([
      { userPrincipalName: `jose.nunez@${D}`, displayName: 'José Núñez', isAdmin: false, methods: [], actionDue: 'individual-contact', dueDate: '2026-03-16' },
    ]);
    expect(a.registration.smsVoiceOnly.map((u) => [u.userPrincipalName, u.retirementDate])).toEqual([
      [`carol@${D}`, '2027-02-01'],
      [`henry@${D}`, '2027-07-01'],
    ]);
    expect(a.legacyAuth.map((g) => [g.clientApp, g.category, g.users.map((u) => u.userPrincipalName.split('@')[0])])).toEqual([
      ['Authenticated SMTP', 'smtp-device', ['frank', 'sam']],
      ['Exchange ActiveSync', 'activesync-phone', ['bob', 'uma']],
      ['Exchange Web Services', 'other', ['quinn']],
      ['IMAP4', 'imap-pop-app', ['carol']],
      ['MAPI over HTTP', 'old-outlook', ['henry']],
      ['Other clients', 'other', ['=hyperlink("http://evil.example")']],
      ['POP3', 'imap-pop-app', ['jose.nunez', 'omar', 'wendy']],
    ]);
    expect(a.verdicts.map((v) => [v.id, v.status])).toEqual([
      ['registration-complete', 'fail'],
      ['no-legacy-auth', 'fail'],
      ['break-glass-tested', 'pass'],
      ['post-enforcement-failures', 'fail'],
    ]);
  });

  it('formats the status text without colour by default and strips bidi overrides', async () => {
    const ctx = context({ breakGlassAccounts: ['a\u202eb@x.example'] });
    const report = await readEvidence(FIXTURES, ctx);
    const text = formatStatusText(report, ctx);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).not.toContain('\u202e');
    expect(text).toContain('ab@x.example');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'MFA rollout status for 2026-03-27 (Europe/London) - admin only',
      '',
      'Due today:',
      '  - Validation: download the latest sign-ins (interactive and non-interactive) and registration details, then re-run.',
    ]);
    expect(text).toContain('  [FAIL] registration-complete: Registration is 90%: 1 active account is not ready; 2 rely on SMS or voice only.');
    expect(text).toContain('  signins/malformed-rows.csv: 4 malformed (first at line 3: Invalid Record Length: columns length is 57, got 3)');
    expect(formatStatusText(report, ctx, { color: true })).toContain('[\u001b[31mFAIL\u001b[0m] registration-complete');
  });

  it('says what is due on the reminder day', async () => {
    const dir = await evidenceDir({
      'registration/reg_2026-03-13.json': JSON.stringify({ value: Array.from({ length: 10 }, (_, i) => ({ userPrincipalName: `u${i}@x.example`, isMfaCapable: i < 8 })) }),
    });
    const ctx = context({ today: '2026-03-13' });
    const text = formatStatusText(await readEvidence(dir, ctx), ctx);
    expect(text).toContain('  - Reminder: registration is 80% (2026-03-13), below 90%: send the reminder to the 2 unregistered users.');
    expect(text).toContain('  80% (8/10) on 2026-03-13; target 95% by 2026-03-17 (15.0 points below target)');
  });

  // The status text said SMS or voice "retires within 90 days" for users whose retirement date had already passed.
  it('says SMS or voice is already retired once the date has passed, and soon before it', async () => {
    const dir = await evidenceDir({
      'registration/reg_2027-02-20.json': JSON.stringify({
        value: [
          { userPrincipalName: 'sms.user@x.example', isMfaCapable: true, methodsRegistered: ['mobilePhone'], userType: 'member', isAdmin: false },
          { userPrincipalName: 'sms.admin@x.example', isMfaCapable: true, methodsRegistered: ['mobilePhone'], userType: 'member', isAdmin: true },
        ],
      }),
    });
    const ctx = context({ today: '2027-03-01' });
    const text = formatStatusText(await readEvidence(dir, ctx), ctx);
    expect(text).toContain('1 user of the 2 on SMS or voice only: Microsoft already retired the method for them; move them to the app or a passkey now.');
    expect(text).not.toContain('retires within 90 days');
    const later = context({ today: '2027-05-01' });
    expect(formatStatusText(await readEvidence(dir, later), later)).toContain('1 user of the 2 on SMS or voice only: the method retires within 90 days');
  });

  it('reports a missing folder instead of throwing', async () => {
    const r = await readEvidence('/nonexistent/evidence-folder', context());
    expect(r.problems).toEqual(['The evidence folder does not exist or is not a folder.']);
    expect(r.verdicts.every((v) => v.status === 'insufficient-evidence')).toBe(true);
  });
});

describe('context from the playbook', () => {
  it('takes the register phase, milestones and thresholds from the schedule', () => {
    const ctx = evidenceContextFromPlaybook(
      {
        timeZone: 'Europe/London',
        locale: 'en-GB',
        organisation: { userCount: 250 },
        facts: [
          { id: 'sms-voice-retirement', effective: '2027-02-01' },
          { id: 'sms-voice-retirement-admins', effective: '2027-07-01' },
        ],
        thresholds: { targetRate: 95, reminderBelowRate: 90, goNoGoMaxFailureRate: 10 },
        breakGlass: { accounts: ['bg@x.example'] },
        schedule: {
          days: ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15'],
          enforcementDate: '2027-01-15',
          endDate: '2027-01-20',
          phases: [
            { id: 'register', startDate: '2027-01-12', endDate: '2027-01-14' },
            { id: 'validate', startDate: '2027-01-18', endDate: '2027-01-20' },
          ],
          milestones: {
            'reminder-check': { date: '2027-01-13' },
            'individual-contact': { date: '2027-01-14' },
            'go-no-go': { date: '2027-01-14' },
            enforcement: { time: '08:00' },
          },
        },
      },
      '2027-01-13',
    );
    expect(ctx).toEqual({
      today: '2027-01-13',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      registerPhase: { startDate: '2027-01-12', endDate: '2027-01-14', days: ['2027-01-12', '2027-01-13', '2027-01-14'] },
      reminderDate: '2027-01-13',
      contactDate: '2027-01-14',
      enforcementDate: '2027-01-15',
      enforcementTime: '08:00',
      validateEndDate: '2027-01-20',
      targetRate: 95,
      reminderBelowRate: 90,
      breakGlassAccounts: ['bg@x.example'],
      userCount: 250,
      smsVoiceRetirement: { allUsers: '2027-02-01', adminsAndExternal: '2027-07-01' },
      // Every plan has the all-users policy; its report-only results decide the go/no-go on its day.
      goNoGo: { policyName: 'CA002 - Require MFA - All users', decisionDate: '2027-01-14', maxWouldBlockRate: 10 },
    });
  });
});
