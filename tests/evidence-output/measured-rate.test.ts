import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/model/playbook.ts';
import { ROOT } from '../helpers/example.ts';
import { readPdf } from '../pdf/read.ts';
import { serve } from '../site/helpers.ts';
import { buildWithEvidence, removeFolder, visibleText, workFolder } from './helpers.ts';
import { launchBrowser } from '../helpers/browser.ts';

// A second evidence folder, written here: one registration snapshot on the reminder date at 90% (9 of 10
// accounts), so the reminder is not needed; one user on SMS only; names that try to inject markup or reverse the text; and the
// hostile sign-in fixture, which is all legacy authentication from March 2026. Nothing covers the
// validation window, so three verdicts lack evidence.

const SCRIPT_NAME = '<script>window.__pwned = 1</script>';
const RTL_NAME = 'דוד\u202eכהן';
const D = 'northgate-engineering.example';

function registrationCsv(): string {
  const head = 'User principal name,Name,User type,Admin,Multifactor authentication capable,Multifactor authentication registered,Methods registered';
  const rows = [
    `ada.lovelace@${D},Ada Lovelace,Member,No,Capable,Registered,Microsoft Authenticator app`,
    `brian.cox@${D},Brian Cox,Member,No,Capable,Registered,Microsoft Authenticator app`,
    `carol.ann@${D},Carol Ann,Member,No,Capable,Registered,FIDO2 security key`,
    `dev.patel@${D},Dev Patel,Member,No,Capable,Registered,"Microsoft Authenticator app, Software OATH token"`,
    `erin.moss@${D},Erin Moss,Member,No,Capable,Registered,Microsoft Authenticator app`,
    `femi.ade@${D},Femi Ade,Member,No,Capable,Registered,Windows Hello for Business`,
    `gwen.hall@${D},Gwen Hall,Member,No,Capable,Registered,Microsoft Authenticator app`,
    `hugo.lamb@${D},Hugo Lamb,Member,No,Capable,Registered,Microsoft Authenticator app`,
    `ivy.chen@${D},"${RTL_NAME}",Member,No,Capable,Registered,Mobile phone`,
    `script.user@${D},"${SCRIPT_NAME}",Member,No,Not Capable,Not Registered,`,
  ];
  return `${head}\n${rows.join('\n')}\n`;
}

let work = '';
let out = '';
let playbook: Playbook;
let tracking = '';

beforeAll(async () => {
  work = await workFolder('evidence-output-measured');
  const evidence = join(work, 'evidence');
  await mkdir(join(evidence, 'registration'), { recursive: true });
  await mkdir(join(evidence, 'signins'), { recursive: true });
  await writeFile(join(evidence, 'registration', 'UserRegistrationDetails_2027-01-22.csv'), registrationCsv());
  await copyFile(join(ROOT, 'tests', 'fixtures', 'evidence', 'signins', 'hostile-values.csv'), join(evidence, 'signins', 'hostile-values.csv'));
  out = join(work, 'out');
  playbook = await buildWithEvidence(out, evidence);
  tracking = await readFile(join(out, 'admin', 'tracking', 'index.html'), 'utf8');
});

afterAll(async () => {
  await removeFolder(work);
});

describe('a measured rate at the threshold on the reminder date', () => {
  it('makes the reminder not needed in playbook.json, with the measured rate in the note', () => {
    expect(playbook.evidence?.latestRate).toEqual({ rate: 90, date: '2027-01-22' });
    const reminder = playbook.communications.find((m) => m.id === 'reminder')!;
    expect(reminder.status).toBe('not-needed');
    expect(reminder.decisionNote).toBe('On Friday, 22 January 2027 the rate was 90%, at or above 90%: no reminder is needed.');
  });

  it('says so on the Tracking page and in the plan PDF', async () => {
    expect(tracking).toContain('data-send-reminder="false"');
    const text = visibleText(tracking);
    expect(text).toContain('No reminder needed. On Friday, 22 January 2027 registration was 90%, at or above the 90% threshold.');
    expect(text).toMatch(/Reminder message \(Reminder, Fri, 22 Jan 2027\): Not needed On Friday, 22 January 2027 the rate was 90%/);
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'admin', 'plan.pdf'))));
    const all = pdf.text.replace(/\s+/g, ' ');
    expect(all).toContain('90% on Fri, 22 Jan 2027, at or above 90%, so no reminder is needed.');
    expect(all).toMatch(/Registration: 90 ?% of active accounts can do MFA \(9 of 10\)/);
  });
});

describe('verdicts without enough evidence', () => {
  it('are shown as "Not enough evidence" with the reason, next to the registration failure', () => {
    expect(Object.fromEntries(playbook.evidence!.verdicts.map((v) => [v.id, v.status]))).toEqual({
      'registration-complete': 'fail',
      'no-legacy-auth': 'insufficient-evidence',
      'break-glass-tested': 'insufficient-evidence',
      'post-enforcement-failures': 'insufficient-evidence',
    });
    expect(tracking.match(/data-status="insufficient-evidence"/g)).toHaveLength(3);
    const text = visibleText(tracking);
    expect(text).toContain('Not enough evidence No successful legacy authentication No sign-ins in the validation window');
    expect(text).toContain('svc-emergency-alpha@northgateengineering.onmicrosoft.com: no sign-in in the evidence.');
    expect(text).toContain('0 pass, 1 fail, 3 not enough evidence');
    expect(text).toContain('No failed or interrupted sign-in since enforcement');
  });
});

describe('hostile values from exports', () => {
  it('are escaped in the HTML: markup shows as text, bidirectional text is isolated', () => {
    expect(tracking).not.toContain(SCRIPT_NAME);
    expect(tracking).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(tracking).not.toContain('<img src=x');
    expect(tracking).not.toMatch(/<script>alert/);
    expect(tracking).toContain(`<bdi>${RTL_NAME}</bdi>`);
    // The hostile sign-ins are legacy authentication: their user names and operating systems are listed, as text.
    expect(visibleText(tracking)).toContain('=hyperlink("http://evil.example")@northgate-engineering.example');
    expect(tracking).not.toMatch(/<a [^>]*evil\.example/);
    expect(visibleText(tracking)).toContain("=cmd|' /C calc'!A0");
  });

  it('run nothing in a browser and read as the exported text', async () => {
    const { origin, close } = await serve(out);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${origin}/admin/tracking/`, { waitUntil: 'load' });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('table.unregistered').innerText()).toContain(SCRIPT_NAME);
      expect(await page.locator('table.unregistered script').count()).toBe(0);
      expect(await page.locator('svg.chart circle.point').count()).toBe(1);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
      await close();
    }
  });
});
