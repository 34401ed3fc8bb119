import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalMethod, isSmsVoiceOnly, splitMethodList } from '../../src/evidence/registration/methods.ts';
import { dateFromFileName, parseFlag, readRegistrationFile } from '../../src/evidence/registration/read.ts';
import { D, REGISTRATION, tempDir } from './helpers.ts';

const read = (f: string) => readRegistrationFile(join(REGISTRATION, f), f, 'Europe/London');

describe('registration readers', () => {
  it('reads Graph JSON (value[]) and keeps unknown methods as "other"', async () => {
    const r = await read('UserRegistrationDetails_2026-03-04.json');
    expect(r.kind).toBe('registration-graph-json');
    expect(r.rows).toBe(11);
    const s = r.snapshot!;
    expect([s.date, s.dateSource, s.hasCapableColumn]).toEqual(['2026-03-04', 'file-name', true]);
    const grace = s.records.find((x) => x.userPrincipalName === `grace@${D}`)!;
    expect(grace.methods).toEqual(['other', 'passkey']);
    expect(grace.otherMethodNames).toEqual(['qrCode']);
    expect(s.records.find((x) => x.userPrincipalName === `guest_partner@${D}`)!.userType).toBe('guest');
    expect(r.problems.warnings).toEqual(['Method names not recognised, counted as "other": qrCode.']);
  });

  it('reads the PowerShell CSV (PascalCase, methods joined with commas, BOM, CRLF)', async () => {
    const r = await read('UserRegistrationDetails_2026-03-09.csv');
    expect(r.kind).toBe('registration-powershell-csv');
    const s = r.snapshot!;
    expect(s.records.filter((x) => x.isMfaCapable === true).length).toBe(8);
    const erin = s.records.find((x) => x.userPrincipalName === `erin@${D}`)!;
    expect(erin.methods).toEqual(['microsoftAuthenticatorPush', 'softwareOneTimePasscode']);
    expect(s.records.find((x) => x.userPrincipalName === `henry@${D}`)!.isAdmin).toBe(true);
  });

  it('reads the portal CSV with display names and Capable / Not Capable values', async () => {
    const r = await read('UserRegistrationDetails_2026-03-13.csv');
    expect(r.kind).toBe('registration-portal-csv');
    const s = r.snapshot!;
    expect(s.records.length).toBe(10);
    const ivy = s.records.find((x) => x.userPrincipalName === `ivy@${D}`)!;
    expect([ivy.isMfaCapable, ivy.methods, ivy.otherMethodNames]).toEqual([true, ['microsoftAuthenticatorPush', 'other'], ['Quantum entangled badge']]);
    const henry = s.records.find((x) => x.userPrincipalName === `henry@${D}`)!;
    expect([henry.isAdmin, henry.methods]).toEqual([true, ['email', 'officePhone']]);
    expect(s.records.find((x) => x.userPrincipalName === `jose.nunez@${D}`)!.isMfaCapable).toBe(false);
  });

  it('dates a snapshot from its content when the file name has no date, in the tenant time zone', async () => {
    const dir = await tempDir();
    const p = join(dir, 'registration-export.json');
    // 23:30 UTC on 29 March 2026 is 00:30 on 30 March in London (summer time began on the 29th)
    await writeFile(p, JSON.stringify([{ userPrincipalName: 'A@x.example', isMfaCapable: true, lastUpdatedDateTime: '2026-03-29T23:30:00Z' }]));
    const r = await readRegistrationFile(p, 'registration-export.json', 'Europe/London');
    expect([r.snapshot!.date, r.snapshot!.dateSource, r.snapshot!.records[0]!.userPrincipalName]).toEqual(['2026-03-30', 'content', 'a@x.example']);
  });

  it('skips the PowerShell #TYPE line, warns without a capable column, and rejects sign-in files', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'ps_2026-03-10.csv'),
      '#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphUserRegistrationDetails\n"UserPrincipalName","IsMfaRegistered","MethodsRegistered"\n"a@x.example","True","mobilePhone"\n',
    );
    const ps = await readRegistrationFile(join(dir, 'ps_2026-03-10.csv'), 'ps_2026-03-10.csv', 'UTC');
    expect(ps.rows).toBe(1);
    expect(ps.snapshot!.hasCapableColumn).toBe(false);
    expect(ps.problems.warnings).toEqual([
      'Skipped the "#TYPE" line written by PowerShell before the header.',
      'No "MFA capable" column: registration is counted from "MFA registered", which may include methods the policy does not allow.',
    ]);
    await writeFile(join(dir, 'signins.csv'), `Date (UTC),Request ID,Username,Client app\n2026-03-24T09:00:00Z,r1,a@x.example,Browser\n`);
    const wrong = await readRegistrationFile(join(dir, 'signins.csv'), 'signins.csv', 'UTC');
    expect(wrong.kind).toBe('wrong-kind');
    expect(wrong.problems.warnings).toEqual(['This is a sign-in export, not a registration details export; put it in the signins folder.']);
  });
});

describe('method names and flags', () => {
  it('maps Graph enums, display names and unknown names', () => {
    expect(
      [
        'microsoftAuthenticatorPush',
        'Microsoft Authenticator app',
        'Mobile phone',
        'FIDO2 security key',
        'passKeyDeviceBoundWindowsHello',
        'Windows Hello for Business',
        'hardwareOneTimePasscode',
        'Certificate-based authentication',
        'brandNewMethod',
      ].map(canonicalMethod),
    ).toEqual([
      'microsoftAuthenticatorPush',
      'microsoftAuthenticatorPush',
      'mobilePhone',
      'fido2',
      'passkey',
      'windowsHelloForBusiness',
      'hardwareOneTimePasscode',
      'certificateBasedAuthentication',
      'other',
    ]);
    expect(splitMethodList('mobilePhone email')).toEqual(['mobilePhone', 'email']);
    expect(splitMethodList('Mobile phone')).toEqual(['Mobile phone']);
    expect(splitMethodList('["fido2","email"]')).toEqual(['fido2', 'email']);
    expect(splitMethodList('a; b')).toEqual(['a', 'b']);
  });

  it('flags SMS/voice-only users, ignoring SSPR-only methods', () => {
    expect(isSmsVoiceOnly(['mobilePhone'])).toBe(true);
    expect(isSmsVoiceOnly(['email', 'officePhone'])).toBe(true);
    expect(isSmsVoiceOnly(['mobilePhone', 'microsoftAuthenticatorPush'])).toBe(false);
    expect(isSmsVoiceOnly(['email'])).toBe(false);
    expect(isSmsVoiceOnly([])).toBe(false);
  });

  it('reads flags in every spelling', () => {
    expect(['True', 'false', 'Capable', 'Not Capable', 'Registered', 'Not Registered', 'Yes', 'No', '', 'maybe'].map(parseFlag)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      null,
      null,
    ]);
    expect(dateFromFileName('UserRegistrationDetails_2026-03-13.csv')).toBe('2026-03-13');
    expect(dateFromFileName('reg_20260313.json')).toBe('2026-03-13');
    expect(dateFromFileName('export.csv')).toBeNull();
  });
});
