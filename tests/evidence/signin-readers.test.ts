import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupeHeaders, mapColumns, normaliseHeader } from '../../src/evidence/signins/headers.ts';
import { interactiveFromFileName } from '../../src/evidence/signins/read.ts';
import { D, readSignIns, SIGNINS, tempDir } from './helpers.ts';

const at = (f: string) => join(SIGNINS, f);

describe('header normalisation', () => {
  it('keeps both "Incoming token type" columns and matches quirky names', () => {
    const h = dedupeHeaders(['\uFEFFDate (UTC)', 'Application ID ', 'Autonomous system  number', 'Incoming token type', 'Incoming token type', 'Incoming token type']);
    expect(h).toEqual(['date (utc)', 'application id', 'autonomous system number', 'incoming token type', 'incoming token type_2', 'incoming token type_3']);
    expect(normaliseHeader('TimeGenerated [UTC]')).toBe('timegenerated');
    expect(normaliseHeader('  Client   app ')).toBe('client app');
  });

  it('maps English, Log Analytics and Spanish names to the same fields', () => {
    expect(mapColumns(['date (utc)', 'username', 'client app', 'sign-in error code'])).toMatchObject({
      createdUtc: 'date (utc)',
      userPrincipalName: 'username',
      clientApp: 'client app',
      errorCode: 'sign-in error code',
    });
    expect(mapColumns(['createddatetime', 'userprincipalname', 'clientappused', 'resulttype'])).toMatchObject({
      createdUtc: 'createddatetime',
      userPrincipalName: 'userprincipalname',
      clientApp: 'clientappused',
      errorCode: 'resulttype',
    });
    expect(mapColumns(['fecha (utc)', 'nombre de usuario', 'aplicación cliente', 'motivo del error'])).toMatchObject({
      createdUtc: 'fecha (utc)',
      userPrincipalName: 'nombre de usuario',
      clientApp: 'aplicación cliente',
      failureReason: 'motivo del error',
    });
  });

  it('tells interactive from non-interactive by the portal file name', () => {
    expect(interactiveFromFileName('InteractiveSignIns_2026-03-20_2026-03-26.csv')).toBe(true);
    expect(interactiveFromFileName('NonInteractiveSignIns_2026-03-20_2026-03-26.csv')).toBe(false);
    expect(interactiveFromFileName('export.csv')).toBeNull();
    expect(interactiveFromFileName('InicioSesionNoInteractivo.csv')).toBe(false);
    expect(interactiveFromFileName('InicioSesionInteractivo_es.csv')).toBe(true);
  });
});

describe('portal CSV', () => {
  it('reads variant A (2026-01): BOM, CRLF, duplicated column, quoted newline', async () => {
    const r = await readSignIns(at('InteractiveSignIns_2026-03-20_2026-03-26.csv'));
    expect(r.kind).toBe('signins-portal-csv');
    expect(r.rows).toBe(5);
    expect(r.problems.malformedCount).toBe(0);
    const alice = r.byUser(`alice@${D}`)!;
    expect(alice.createdUtc).toBe('2026-03-24T09:00:00.000Z');
    expect(alice.interactive).toBe(true);
    expect(alice.authRequirement).toBe('multiFactor');
    expect(alice.authMethods).toEqual(['Mobile app notification']);
    expect(r.byUser(`carol@${D}`)!.userAgent).toBe('CRM connector\nversion 7 (multi-line agent)');
    expect(r.byUser(`carol@${D}`)!.clientApp).toBe('IMAP4');
    expect(r.byUser(`dave@${D}`)).toMatchObject({ status: 'failure', errorCode: 53003, conditionalAccessStatus: 'Failure' });
    expect(r.byUser(`erin@${D}`)).toMatchObject({ status: 'interrupted', errorCode: 50074 });
  });

  it('reads variant B (2024-10): every field quoted, no BOM, non-interactive file', async () => {
    const r = await readSignIns(at('NonInteractiveSignIns_2026-03-20_2026-03-26.csv'));
    expect(r.rows).toBe(2);
    expect(r.signIns.map((s) => [s.userPrincipalName, s.clientApp, s.interactive])).toEqual([
      [`frank@${D}`, 'Authenticated SMTP', false],
      [`grace@${D}`, 'Mobile Apps and Desktop clients', false],
    ]);
  });

  it('reads the older 49-column header', async () => {
    const r = await readSignIns(at('InteractiveSignIns_2024-05-01_2024-05-02.csv'));
    expect(r.rows).toBe(1);
    expect(r.signIns[0]).toMatchObject({ userPrincipalName: `henry@${D}`, clientApp: 'MAPI Over HTTP', operatingSystem: 'Windows 7', createdUtc: '2024-05-02T07:00:00.000Z' });
  });

  it('reads the old portal export with US dates and says what it cannot show', async () => {
    const r = await readSignIns(at('legacy-portal-signins.csv'));
    expect(r.kind).toBe('signins-legacy-portal-csv');
    expect(r.signIns.map((s) => [s.createdUtc, s.status, s.deviceName])).toEqual([
      ['2026-03-12T07:22:01.000Z', 'success', 'NE-LAPTOP-12'],
      ['2026-03-13T23:05:40.000Z', 'failure', 'NE-LAPTOP-12'],
    ]);
    expect(r.problems.warnings[0]).toMatch(/month-first/);
  });

  it('reads Spanish headers', async () => {
    const r = await readSignIns(at('InicioSesionInteractivo_es.csv'));
    expect(r.rows).toBe(2);
    expect(r.byUser(`jose.nunez@${D}`)).toMatchObject({ clientApp: 'POP3', status: 'success', authRequirement: 'singleFactor', userDisplayName: 'José Núñez' });
    expect(r.byUser(`lucia.gomez@${D}`)).toMatchObject({
      status: 'failure',
      errorCode: 50126,
      failureReason: 'Nombre de usuario o contraseña no válidos.',
      authRequirement: 'multiFactor',
    });
  });

  it('rejects an application sign-ins export with a clear message', async () => {
    const r = await readSignIns(at('ApplicationSignIns_2026-03-20_2026-03-26.csv'));
    expect(r.kind).toBe('wrong-kind');
    expect(r.rows).toBe(0);
    expect(r.problems.warnings).toEqual([
      'This is an application (service principal) sign-ins export; user sign-ins were expected. Download "Interactive sign-ins" and "Non-interactive sign-ins" instead.',
    ]);
  });

  it('reports malformed rows with their line and reason and reads the rest', async () => {
    const r = await readSignIns(at('malformed-rows.csv'));
    expect(r.rows).toBe(2);
    expect(r.signIns.map((s) => s.userPrincipalName)).toEqual([`kate@${D}`, `noah@${D}`]);
    expect(r.problems.malformedCount).toBe(4);
    expect(r.problems.malformed).toEqual([
      { line: 3, reason: 'Invalid Record Length: columns length is 57, got 3' },
      { line: 4, reason: 'unreadable date "next tuesday"' },
      { line: 5, reason: 'error code is not a number: "E50126"' },
      { line: 6, reason: 'no user principal name' },
    ]);
  });

  it("keeps hostile values verbatim as data (escaping is the renderer's job)", async () => {
    const r = await readSignIns(at('hostile-values.csv'));
    expect(r.rows).toBe(3);
    expect(r.byUser(`omar@${D}`)).toMatchObject({ userDisplayName: 'عمر الفاروق', userAgent: '<script>alert(1)</script>', operatingSystem: "=cmd|' /C calc'!A0" });
    expect(r.byUser(`yamada@${D}`)!.userDisplayName).toBe('山田太郎 <img src=x onerror=alert(1)>');
    expect(r.signIns[2]!.userPrincipalName).toBe(`=hyperlink("http://evil.example")@${D}`);
    expect(r.signIns[2]!.userDisplayName).toBe('דוד\u202eכהן');
  });

  it('survives an unclosed quote at the end of the file', async () => {
    const dir = await tempDir();
    const p = join(dir, 'InteractiveSignIns_x.csv');
    await writeFile(p, `Date (UTC),Username,Client app,Sign-in error code\n2026-03-24T09:00:00Z,a@${D},Browser,0\n2026-03-24T09:01:00Z,"b@${D},Browser,0\n`);
    const r = await readSignIns(p);
    expect(r.rows).toBe(1);
    expect(r.problems.malformed).toEqual([{ line: 3, reason: 'Quote Not Closed: the parsing is finished with an opening quote' }]);
  });

  it('says so for an empty file, a binary file and a registration export in the sign-ins folder', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'empty.csv'), '');
    await writeFile(join(dir, 'book.xlsx.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await writeFile(join(dir, 'reg.csv'), 'UserPrincipalName,IsMfaCapable\na@x.example,True\n');
    expect((await readSignIns(join(dir, 'empty.csv'))).problems.warnings).toEqual(['The file is empty.']);
    expect((await readSignIns(join(dir, 'book.xlsx.csv'))).kind).toBe('unreadable');
    const reg = await readSignIns(join(dir, 'reg.csv'));
    expect(reg.kind).toBe('wrong-kind');
    expect(reg.problems.warnings[0]).toMatch(/registration details export/);
  });
});

describe('JSON shapes', () => {
  it('reads Graph pages (value[] + @odata.nextLink) and warns about more pages', async () => {
    const p1 = await readSignIns(at('graph-signins-page1.json'));
    const p2 = await readSignIns(at('graph-signins-page2.json'));
    expect([p1.kind, p1.rows, p2.rows]).toEqual(['signins-json', 2, 2]);
    expect(p1.problems.warnings).toEqual(['This Graph page has an @odata.nextLink: more pages exist; put every page file in the folder.']);
    expect(p2.problems.warnings).toEqual([]);
    expect(p1.signIns[1]).toMatchObject({
      userPrincipalName: 'svc-emergency-alpha@northgateeng.onmicrosoft.com',
      authMethods: ['FIDO2 security key'],
      conditionalAccessStatus: 'notApplied',
      interactive: true,
    });
    expect(p2.signIns[1]).toMatchObject({ interactive: false, authRequirement: 'singleFactor', clientApp: 'Mobile Apps and Desktop clients' });
  });

  it('reads the portal JSON download (bare array with BOM)', async () => {
    const r = await readSignIns(at('InteractiveSignIns_2026-03-24_2026-03-24.json'));
    expect(r.rows).toBe(2);
    expect(r.byUser(`quinn@${D}`)).toMatchObject({ clientApp: 'Exchange Web Services', deviceName: 'NE-MAC-03', deviceId: 'd-77', operatingSystem: 'MacOs' });
    expect(r.byUser(`rosa@${D}`)).toMatchObject({ status: 'failure', errorCode: 500121 });
  });

  it('reads Log Analytics CSV: [UTC] suffix, US dates, JSON inside cells', async () => {
    const r = await readSignIns(at('log-analytics-export.csv'));
    expect(r.kind).toBe('signins-log-analytics-csv');
    expect(r.byUser(`sam@${D}`)).toMatchObject({
      createdUtc: '2026-03-24T13:45:17.287Z',
      interactive: false,
      deviceName: 'MFP-2F-Canon',
      authMethods: ['Password'],
      clientApp: 'Authenticated SMTP',
      status: 'success',
    });
    expect(r.byUser(`tara@${D}`)).toMatchObject({ createdUtc: '2026-03-24T09:05:00.000Z', errorCode: 50126, status: 'failure', interactive: true, operatingSystem: 'Windows 10' });
  });

  it('reads Log Analytics JSON (PascalCase, ResultType as text)', async () => {
    const r = await readSignIns(at('log-analytics-signins.json'));
    expect(r.byUser(`uma@${D}`)).toMatchObject({ clientApp: 'Exchange ActiveSync', interactive: false, deviceId: 'd-9', operatingSystem: 'Android', authMethods: ['Password'] });
    expect(r.byUser(`victor@${D}`)).toMatchObject({ status: 'interrupted', errorCode: 50079 });
  });

  it('reads diagnostic-settings JSON lines, skips service principals, reports the broken line', async () => {
    const r = await readSignIns(at('diagnostic-signins.jsonl'));
    expect(r.kind).toBe('signins-jsonl');
    expect(r.rows).toBe(2);
    expect(r.byUser(`wendy@${D}`)).toMatchObject({ clientApp: 'POP3', interactive: false, createdUtc: '2026-03-25T08:00:00.123Z', userAgent: 'ERP-MailFetcher/2.1' });
    expect(r.byUser(`xena@${D}`)).toMatchObject({ status: 'interrupted', errorCode: 50140, interactive: true });
    expect(r.problems.malformed.map((m) => m.line)).toEqual([3]);
    expect(r.problems.warnings).toEqual(['1 service principal or managed identity records skipped (not user sign-ins).']);
  });

  it('reports a truncated JSON download and keeps the records before the cut', async () => {
    const dir = await tempDir();
    const p = join(dir, 'cut.json');
    await writeFile(p, `[{"createdDateTime":"2026-03-24T09:00:00Z","userPrincipalName":"a@${D}","status":{"errorCode":0}},\n{"createdDateTime":"2026-03-24T09:0`);
    const r = await readSignIns(p);
    expect(r.rows).toBe(1);
    expect(r.problems.warnings[0]).toMatch(/ends in the middle of the JSON/);
  });

  it('marks a JSON file of only application sign-ins as the wrong kind', async () => {
    const dir = await tempDir();
    const p = join(dir, 'apps.json');
    await writeFile(
      p,
      JSON.stringify({
        value: [
          { createdDateTime: '2026-03-24T09:00:00Z', servicePrincipalId: 'x', servicePrincipalName: 'Backup', signInEventTypes: ['servicePrincipal'], status: { errorCode: 0 } },
        ],
      }),
    );
    const r = await readSignIns(p);
    expect(r.kind).toBe('wrong-kind');
    expect(r.problems.warnings[0]).toMatch(/user sign-ins were expected/);
  });
});
