import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import type { EvidenceReport } from '../../src/model/evidence-report.ts';
import { BG1, BG2, context, evidenceDir, graphPage, graphSignIn, registrationPage } from './helpers.ts';

const verdict = (r: EvidenceReport, id: string) => r.verdicts.find((v) => v.id === id)!;
const users = (n: number, capable: number) => Array.from({ length: n }, (_, i) => ({ upn: `user${i}@x.example`, capable: i < capable }));

describe('registration-complete', () => {
  it('passes when every active account is MFA capable and none is SMS-only (guests not counted)', async () => {
    const dir = await evidenceDir({ 'registration/reg_2026-03-26.json': registrationPage([...users(10, 10), { upn: 'partner@y.example', capable: false, guest: true }]) });
    const v = verdict(await readEvidence(dir, context()), 'registration-complete');
    expect(v.status).toBe('pass');
    expect(v.summary).toBe('All 10 active accounts are MFA capable and none relies on SMS or voice only.');
    expect(v.evidence).toEqual(['Snapshot of Thursday, 26 March 2026 (registration/reg_2026-03-26.json): 10 of 10 active accounts MFA capable (100%).']);
  });

  it('fails naming the accounts not ready and the SMS-only ones', async () => {
    const dir = await evidenceDir({
      'registration/reg_2026-03-26.json': registrationPage([
        ...users(8, 8),
        { upn: 'late@x.example', capable: false },
        { upn: 'sms@x.example', capable: true, methods: ['mobilePhone'] },
      ]),
    });
    const v = verdict(await readEvidence(dir, context()), 'registration-complete');
    expect(v.status).toBe('fail');
    expect(v.summary).toBe('Registration is 90%: 1 active account is not ready; 1 relies on SMS or voice only.');
    expect(v.evidence).toContain('Not ready: late@x.example.');
    expect(v.evidence).toContain('Only SMS or voice: sms@x.example.');
  });

  it('has not enough evidence without a snapshot, or when the export cannot show capability', async () => {
    const none = await evidenceDir({});
    expect(verdict(await readEvidence(none, context()), 'registration-complete').status).toBe('insufficient-evidence');
    const regOnly = await evidenceDir({ 'registration/ps_2026-03-26.csv': 'UserPrincipalName,IsMfaRegistered,MethodsRegistered\na@x.example,True,microsoftAuthenticatorPush\n' });
    const v = verdict(await readEvidence(regOnly, context({ userCount: 1 })), 'registration-complete');
    expect(v.status).toBe('insufficient-evidence');
    expect(v.summary).toMatch(/no "MFA capable" column/);
  });
});

describe('no-legacy-auth', () => {
  const modern = [
    graphSignIn({ id: '1', when: '2026-03-24T09:00:00Z', upn: 'a@x.example' }),
    graphSignIn({ id: '2', when: '2026-03-25T09:00:00Z', upn: 'a@x.example', interactive: false, client: 'Mobile Apps and Desktop clients' }),
  ];

  it('passes with interactive and non-interactive sign-ins in the window and no legacy client', async () => {
    const dir = await evidenceDir({ 'signins/page.json': graphPage(modern) });
    const v = verdict(await readEvidence(dir, context()), 'no-legacy-auth');
    expect(v.status).toBe('pass');
    expect(v.evidence[0]).toBe('Sign-ins in the window Tuesday, 24 March 2026 to Friday, 27 March 2026: 2 (1 interactive, 1 non-interactive, 0 of unknown type).');
  });

  it('fails on one successful legacy sign-in in the window, even non-interactive', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([
        ...modern,
        graphSignIn({ id: '3', when: '2026-03-26T02:00:00Z', upn: 'printer@x.example', client: 'Authenticated SMTP', interactive: false }),
      ]),
    });
    const v = verdict(await readEvidence(dir, context()), 'no-legacy-auth');
    expect(v.status).toBe('fail');
    expect(v.summary).toBe('1 successful legacy-authentication sign-in in the window: these bypass MFA.');
    expect(v.evidence[1]).toBe('Legacy clients seen: Authenticated SMTP: printer@x.example.');
  });

  it('does not count legacy sign-ins before enforcement; blocked attempts pass with a note', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([
        ...modern,
        graphSignIn({ id: '4', when: '2026-03-20T09:00:00Z', upn: 'old@x.example', client: 'IMAP4' }),
        graphSignIn({ id: '5', when: '2026-03-25T09:00:00Z', upn: 'phone@x.example', client: 'Exchange ActiveSync', code: 53003 }),
      ]),
    });
    const r = await readEvidence(dir, context());
    const v = verdict(r, 'no-legacy-auth');
    expect(v.status).toBe('pass');
    expect(v.evidence[1]).toBe('1 legacy attempt was refused (no access granted), from: Exchange ActiveSync: phone@x.example (blocked or failed). Clean these up.');
    expect(r.legacyAuth.map((g) => g.clientApp)).toEqual(['Exchange ActiveSync', 'IMAP4']);
  });

  it('has not enough evidence without non-interactive sign-ins, or before enforcement', async () => {
    const dir = await evidenceDir({ 'signins/page.json': graphPage([modern[0]!]) });
    expect(verdict(await readEvidence(dir, context()), 'no-legacy-auth')).toMatchObject({
      status: 'insufficient-evidence',
      summary: expect.stringMatching(/No non-interactive sign-ins/),
    });
    const early = await readEvidence(dir, context({ today: '2026-03-20' }));
    expect(verdict(early, 'no-legacy-auth')).toMatchObject({ status: 'insufficient-evidence', summary: 'The validation window has not started yet.' });
  });
});

describe('break-glass-tested', () => {
  it('passes when every account signed in, and says how it authenticated', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([
        graphSignIn({ id: 'b1', when: '2026-03-19T10:00:00Z', upn: BG1, methods: ['FIDO2 security key'], ca: 'notApplied' }),
        graphSignIn({ id: 'b2', when: '2026-03-19T10:05:00Z', upn: BG2.toUpperCase(), methods: ['Passkey (device-bound)'], ca: 'notApplied' }),
      ]),
    });
    const v = verdict(await readEvidence(dir, context()), 'break-glass-tested');
    expect(v.status).toBe('pass');
    expect(v.evidence).toEqual([
      `${BG1}: 1 sign-in, 1 successful (last 19 Mar, 10:00); authenticated with FIDO2 security key; Conditional Access: notApplied.`,
      `${BG2}: 1 sign-in, 1 successful (last 19 Mar, 10:05); authenticated with Passkey (device-bound); Conditional Access: notApplied.`,
    ]);
  });

  it('fails when an account only failed, and lacks evidence when one never signed in', async () => {
    const failed = await evidenceDir({
      'signins/page.json': graphPage([
        graphSignIn({ id: 'b1', when: '2026-03-19T10:00:00Z', upn: BG1, code: 53003, ca: 'failure' }),
        graphSignIn({ id: 'b2', when: '2026-03-19T10:00:00Z', upn: BG2 }),
      ]),
    });
    const v = verdict(await readEvidence(failed, context()), 'break-glass-tested');
    expect(v.status).toBe('fail');
    expect(v.summary).toBe(`Break-glass sign-in failed for ${BG1}: check the account is excluded from the enforcing policy and its key works.`);
    expect(v.evidence[0]).toBe(`${BG1}: 1 sign-in, 0 successful; authentication method not in the export; Conditional Access: failure; error codes 53003.`);
    const half = await evidenceDir({ 'signins/page.json': graphPage([graphSignIn({ id: 'b2', when: '2026-03-19T10:00:00Z', upn: BG2 })]) });
    expect(verdict(await readEvidence(half, context()), 'break-glass-tested')).toMatchObject({
      status: 'insufficient-evidence',
      summary: `No sign-in seen for ${BG1}: test each break-glass account and add the sign-in export.`,
    });
  });

  it('learns the method from an AuthDetails companion file', async () => {
    const dir = await evidenceDir({
      'signins/InteractiveSignIns_2026-03-19_2026-03-19.csv': `Date (UTC),Request ID,Username,Status,Sign-in error code,Client app\n2026-03-19T10:00:00Z,req-1,${BG1},Success,0,Browser\n2026-03-19T10:01:00Z,req-2,${BG2},Success,0,Browser\n`,
      'signins/InteractiveSignIns_AuthDetails_2026-03-19_2026-03-19.csv':
        'Request ID,Authentication method,Succeeded\nreq-1,Password,true\nreq-1,FIDO2 security key,true\nreq-2,Text message,false\nreq-9,Voice,true\n',
    });
    const r = await readEvidence(dir, context());
    expect(r.breakGlass.map((b) => [b.account, b.methods])).toEqual([
      [BG1, ['FIDO2 security key', 'Password']],
      [BG2, []],
    ]);
    expect(r.files.map((f) => [f.file, f.kind, f.rows])).toEqual([
      ['signins/InteractiveSignIns_2026-03-19_2026-03-19.csv', 'signins-portal-csv', 2],
      ['signins/InteractiveSignIns_AuthDetails_2026-03-19_2026-03-19.csv', 'signins-auth-details-csv', 4],
    ]);
  });
});

describe('post-enforcement-failures', () => {
  it('passes when only interrupts and non-rollout failures appear in the first 72 hours', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([
        graphSignIn({ id: '1', when: '2026-03-24T08:00:00Z', upn: 'a@x.example', code: 50074 }),
        graphSignIn({ id: '2', when: '2026-03-24T08:01:00Z', upn: 'a@x.example' }),
        graphSignIn({ id: '3', when: '2026-03-24T09:00:00Z', upn: 'b@x.example', code: 50126 }),
      ]),
    });
    const v = verdict(await readEvidence(dir, context()), 'post-enforcement-failures');
    expect(v.status).toBe('pass');
    expect(v.evidence).toContain('50126: Wrong user name or password. 1 sign-in, 1 user; not caused by MFA enforcement.');
    expect(v.evidence).toContain('Interrupts (normal MFA steps, not failures): 50074 ×1.');
  });

  it('fails on Conditional Access blocks and MFA failures, linked to the runbook', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([
        graphSignIn({ id: '1', when: '2026-03-24T08:00:00Z', upn: 'a@x.example', code: 53003 }),
        graphSignIn({ id: '2', when: '2026-03-25T08:00:00Z', upn: 'b@x.example', code: 500121 }),
        graphSignIn({ id: '3', when: '2026-03-25T09:00:00Z', upn: 'c@x.example', code: 500121 }),
      ]),
    });
    const r = await readEvidence(dir, context());
    const v = verdict(r, 'post-enforcement-failures');
    expect(v.status).toBe('fail');
    expect(v.summary).toBe('After enforcement: 3 sign-ins blocked or failed at MFA (codes 500121, 53003).');
    expect(r.failureClusters.map((c) => [c.errorCode, c.runbookSymptom, c.userCount])).toEqual([
      [500121, 'no-prompt', 2],
      [53003, 'legacy-app', 1],
    ]);
  });

  it('fails on a successful single-factor sign-in that no policy covered (a gap)', async () => {
    const dir = await evidenceDir({
      'signins/page.json': graphPage([graphSignIn({ id: '1', when: '2026-03-24T08:00:00Z', upn: 'gap@x.example', requirement: 'singleFactorAuthentication', ca: 'notApplied' })]),
    });
    const v = verdict(await readEvidence(dir, context()), 'post-enforcement-failures');
    expect(v.status).toBe('fail');
    expect(v.evidence).toContain('Successful single-factor sign-ins where no Conditional Access policy applied: 1 (gap@x.example).');
  });

  it('has not enough evidence before enforcement or without sign-ins after it', async () => {
    const dir = await evidenceDir({ 'signins/page.json': graphPage([graphSignIn({ id: '1', when: '2026-03-20T08:00:00Z', upn: 'a@x.example' })]) });
    expect(verdict(await readEvidence(dir, context({ today: '2026-03-23' })), 'post-enforcement-failures').status).toBe('insufficient-evidence');
    expect(verdict(await readEvidence(dir, context()), 'post-enforcement-failures').summary).toBe('No sign-ins from the 72 hours after enforcement: download them.');
  });
});
