import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/site/build-sites.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { readPdf } from '../pdf/read.ts';
import { serve } from '../site/helpers.ts';
import { axeSerious, buildWithEvidence, everythingReadable, EXAMPLE_EVIDENCE, removeFolder, visibleText, workFolder } from './helpers.ts';
import { launchBrowser } from '../helpers/browser.ts';

// The example tenant built with the example evidence (examples/evidence/northgate) on 12 February 2027,
// the day after validation sign-off, through the real command. The fixtures were written to give:
// 218, 219 and 220 of 250 accounts MFA capable on 13, 20 and 22 January (87.2%, 87.6%, 88%); 30 accounts
// not ready and 4 on SMS or voice only; four legacy client apps; both break-glass accounts tested with FIDO2
// keys; 500121 and 53003 failures after enforcement. Verdicts: fail, pass, pass, fail.

let out = '';
let playbook: Playbook;
let tracking = '';

beforeAll(async () => {
  out = await workFolder('evidence-output-example');
  playbook = await buildWithEvidence(out, EXAMPLE_EVIDENCE);
  tracking = await readFile(join(out, 'admin', 'tracking', 'index.html'), 'utf8');
});

afterAll(async () => {
  await removeFolder(out);
});

describe('admin/playbook.json with the example evidence', () => {
  it('holds the evidence report: snapshots, latest rate, users to chase and findings', () => {
    const e = playbook.evidence!;
    expect(e).not.toBeNull();
    expect(e.confidentiality).toBe('admin-only');
    expect(e.today).toBe('2027-02-12');
    expect(e.latestRate).toEqual({ rate: 88, date: '2027-01-22' });
    expect(e.registration.snapshots.map((s) => [s.date, s.registered, s.total, s.rate])).toEqual([
      ['2027-01-13', 218, 250, 87.2],
      ['2027-01-20', 219, 250, 87.6],
      ['2027-01-22', 220, 250, 88],
    ]);
    expect(e.registration.series).toHaveLength(14);
    expect(e.registration.unregistered).toHaveLength(30);
    expect(e.registration.smsVoiceOnly).toHaveLength(4);
    expect(e.legacyAuth.map((g) => g.clientApp)).toEqual(['Authenticated SMTP', 'IMAP4', 'MAPI over HTTP', 'Outlook Anywhere (RPC over HTTP)']);
    expect(Object.fromEntries(e.verdicts.map((v) => [v.id, v.status]))).toEqual({
      'registration-complete': 'fail',
      'no-legacy-auth': 'pass',
      'break-glass-tested': 'pass',
      'post-enforcement-failures': 'fail',
    });
    expect(e.files.map((f) => f.kind).sort()).toEqual(
      ['registration-graph-json', 'registration-portal-csv', 'registration-powershell-csv', 'signins-auth-details-csv', 'signins-portal-csv', 'signins-portal-csv'].sort(),
    );
    expect(e.files.every((f) => f.malformedCount === 0 && f.warnings.length === 0)).toBe(true);
  });

  it('decides the reminder from the measured rate: 88% on the reminder date 22 January, below 90%, so it is sent', () => {
    const reminder = playbook.communications.find((m) => m.id === 'reminder')!;
    expect(reminder.status).toBe('scheduled');
    expect(reminder.decisionNote).toContain('22 January 2027');
    expect(reminder.decisionNote).toContain('88%');
    expect(reminder.decisionNote).toContain('below 90%');
  });
});

describe('the admin Tracking page', () => {
  it('is linked from the admin navigation and the plan page shows the registration line', async () => {
    const plan = await readFile(join(out, 'admin', 'index.html'), 'utf8');
    expect(plan).toMatch(/<a href="tracking\/"[^>]*>Tracking<\/a>|<a href="tracking\/index\.html"[^>]*>Tracking<\/a>/);
    // The figure is dated: it was measured on 22 January, three weeks before this build's plan date.
    expect(visibleText(plan)).toContain('Registration: 88% on Friday, 22 January 2027, 21 days ago (220 of 250 accounts); target 95%.');
    expect(visibleText(plan)).toContain('30 still not registered');
    const tasks = await readFile(join(out, 'admin', 'tasks', 'index.html'), 'utf8');
    expect(tasks).toMatch(/href="\.\.\/tracking\/(index\.html)?"/);
    expect(tracking).toMatch(/<a href="(index\.html|\.\/)?"[^>]*aria-current="page"[^>]*>Tracking<\/a>/);
  });

  it('draws the register phase as a chart: 14 day slots, a dot per snapshot, the target and reminder lines, labelled axes', () => {
    const svg = tracking.match(/<svg class="chart"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/aria-labelledby="chart-title chart-desc"/);
    expect(svg).toMatch(/data-points="3"/);
    expect(svg).toMatch(/data-days="14"/);
    const points = [...svg.matchAll(/<circle class="point"[^>]*data-date="([\d-]+)" data-rate="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(points).toEqual([
      ['2027-01-13', 87.2],
      ['2027-01-20', 87.6],
      ['2027-01-22', 88],
    ]);
    expect(svg).toMatch(/<polyline class="rate-line" points="[\d., ]+"/);
    expect(svg).toMatch(/<line class="target-line" data-rate="95"/);
    expect(svg).toMatch(/<line class="threshold-line" data-rate="90"/);
    expect(svg).toContain('Target 95%');
    expect(svg).toContain('Reminder below 90%');
    expect(svg).toContain('Users registered (%)');
    expect(svg).toContain('Working day of the register phase');
    expect(svg).toContain('Reminder check');
    // The text alternative: the description and a table with one row per day of the phase.
    expect(svg).toMatch(/<desc id="chart-desc">[^<]*day 8 \(Friday, 22 January 2027\) 88%/);
    const rows = [...tracking.matchAll(/<tr data-date="([\d-]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows).toHaveLength(14);
    expect(visibleText(rows[0]![2]!)).toMatch(/1 Wed, 13 Jan 2027 218 of 250 87\.2% 95% 90% \(below\)/);
    expect(visibleText(rows[1]![2]!)).toContain('no snapshot');
    expect(visibleText(rows[7]![2]!)).toMatch(/8 Fri, 22 Jan 2027 220 of 250 88% 95% 90% \(below\)/);
  });

  it('shows the reminder decision, the users to chase, SMS-only users and the legacy-auth dependencies', () => {
    const text = visibleText(tracking);
    expect(tracking).toContain('data-latest-rate="88"');
    expect(tracking).toContain('data-unregistered="30"');
    expect(tracking).toContain('data-send-reminder="true"');
    expect(text).toContain('Send the reminder. On Friday, 22 January 2027 registration was 88%, below the 90% threshold.');
    expect(text).toContain('Users not registered (30)');
    for (const user of playbook.evidence!.registration.unregistered) expect(tracking).toContain(user.userPrincipalName);
    expect(text).toMatch(/aaron\.kemp@northgate-engineering\.example Aaron Kemp None Contact individually Tue, 26 Jan 2027/);
    expect(text).toContain('SMS or voice only (4)');
    expect(text).toMatch(
      /lucy\.brennan@northgate-engineering\.example Lucy Brennan Mobile phone \(SMS or call\) Administrators and external users Thursday, 1 July 2027 \(in 139 days\)/,
    );
    expect(text).toMatch(/martin\.doyle@northgate-engineering\.example Martin Doyle Mobile phone \(SMS or call\) All users Monday, 1 February 2027 \(11 days ago\)/);
    expect(text).toContain('Legacy authentication (4 client apps)');
    // Client app, then user, then device, with the remediation of that kind of client.
    expect(text).toMatch(
      /IMAP4 3 sign-ins, 2 successful, last 8 Feb, 09:00\. Business application reading mail over IMAP or POP\. .*crm\.inbox@northgate-engineering\.example — 3 sign-ins, 2 successful, last 8 Feb, 09:00 CRM mail connector 4\.2 — 3 sign-ins/,
    );
    expect(text).toMatch(/Authenticated SMTP .*scan2mail@northgate-engineering\.example .* unknown device at 203\.0\.113\.45/);
    expect(text).toMatch(
      /Outlook Anywhere \(RPC over HTTP\) 2 sign-ins, 2 successful.*Old Outlook desktop client\..*graham\.tully@northgate-engineering\.example .* Windows 8\.1 — 2 sign-ins/,
    );
  });

  it('gives the four verdicts with their evidence lines', () => {
    const verdict = (id: string) =>
      tracking.match(new RegExp(`<li class="verdict [a-z-]+" data-verdict="${id}" data-status="([a-z-]+)">([\\s\\S]*?)</li>\\s*(?=<li class="verdict|</ol>)`));
    expect(verdict('registration-complete')?.[1]).toBe('fail');
    expect(verdict('no-legacy-auth')?.[1]).toBe('pass');
    expect(verdict('break-glass-tested')?.[1]).toBe('pass');
    expect(verdict('post-enforcement-failures')?.[1]).toBe('fail');
    expect(visibleText(verdict('registration-complete')![2]!)).toMatch(
      /^ ?Fail Every actively used account can do MFA Registration is 88%: 30 active accounts are not ready; 4 rely on SMS or voice only\./,
    );
    expect(visibleText(verdict('break-glass-tested')![2]!)).toContain('svc-emergency-alpha@northgateengineering.onmicrosoft.com: 2 sign-ins, 2 successful');
    expect(visibleText(verdict('break-glass-tested')![2]!)).toContain('authenticated with FIDO2 security key');
    expect(visibleText(verdict('no-legacy-auth')![2]!)).toContain('2 legacy attempts were refused');
  });

  it('lists failures after enforcement by error code with the helpdesk entry named, not linked across sites', () => {
    const row = (code: string) => visibleText(tracking.match(new RegExp(`<tr data-code="${code}">([\\s\\S]*?)</tr>`))?.[1] ?? '');
    expect(row('500121')).toMatch(
      /^ ?500121 The MFA step failed: the request was denied.* Failure 3 \(3\) 2: owen\.hartley@northgate-engineering\.example, rita\.kaur@northgate-engineering\.example “No MFA prompt arrives”/,
    );
    expect(row('53003')).toMatch(
      /Blocked by policy 2 \(2\) 2: crm\.inbox@northgate-engineering\.example, scan2mail@northgate-engineering\.example “An old app or device stopped working”/,
    );
    expect(row('50074')).toContain('not a failure');
    // The runbook is on the helpdesk site, a separate deployable site: no link leaves the admin site.
    const hrefs = [...tracking.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((href) => href.includes('helpdesk') || href.includes('symptoms') || /^[a-z]+:/i.test(href))).toEqual([]);
    expect(hrefs.filter((href) => href.startsWith('../../'))).toEqual([]);
  });

  it('lists the files read with their detected kinds and malformed-row counts', () => {
    const text = visibleText(tracking.match(/<table class="[^"]*\bfiles\b[^"]*">[\s\S]*?<\/table>/)?.[0] ?? '');
    expect(text).toContain('registration/UserRegistrationDetails_2027-01-13.json Registration details, Graph JSON 250 0');
    expect(text).toContain('registration/UserRegistrationDetails_2027-01-20.csv Registration details, PowerShell CSV 250 0');
    expect(text).toContain('registration/UserRegistrationDetails_2027-01-22.csv Registration details, admin center CSV 250 0');
    expect(text).toContain('signins/InteractiveSignIns_2027-01-11_2027-02-11.csv Sign-ins, admin center CSV 28 0');
    expect(text).toContain('signins/InteractiveSignIns_AuthDetails_2027-01-11_2027-02-11.csv Authentication details (AuthDetails CSV) 10 0');
    expect(text).toContain('signins/NonInteractiveSignIns_2027-01-11_2027-02-11.csv Sign-ins, admin center CSV 5 0');
    expect(visibleText(tracking)).toContain('33 sign-ins read (28 interactive, 5 non-interactive)');
  });
});

describe('the plan PDF with evidence', () => {
  it('has a Progress section after the executive summary, in the contents and the outline, with the latest rate and the verdicts', async () => {
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'admin', 'plan.pdf'))));
    expect(pdf.outline.map((entry) => entry.title).slice(0, 3)).toEqual(['Executive summary', 'Progress', 'Timeline']);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/2\. Progress \.*\s*\d/); // contents entry with its page number
    expect(text).toContain('10. Approval and sign-off');
    const start = pdf.pages.findIndex((page) => /2\. Progress\s*\n?\s*Measured from/.test(page.replace(/\s+/g, ' ')));
    expect(start).toBeGreaterThan(0);
    // The section runs until the Timeline heading (it grew a go/no-go block, so it can take three pages).
    const end = pdf.pages.findIndex((page, index) => index > start && /3\. Timeline/.test(page.replace(/\s+/g, ' ')));
    expect(end).toBeGreaterThan(start);
    const progress = pdf.pages
      .slice(start, end + 1)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(progress).toMatch(
      /Registration: 88 ?% of active accounts can do MFA \(220 of 250\) on Friday, 22 January 2027; target 95% by Mon, 1 Feb 2027, 7\.0 points below target\./,
    );
    expect(progress).toContain('below 90%, so the reminder is sent');
    expect(progress).toContain('Registration by working day of the register phase');
    for (const label of ['87.2%', '87.6%', 'Target 95%', 'Reminder below 90%']) expect(progress).toContain(label);
    expect(progress).toMatch(/Every actively used account can do MFA Fail Registration is 88%/);
    expect(progress).toMatch(/Emergency access works Pass Every break-glass account \(2\) signed in successfully\./);
    expect(progress).toMatch(/Active accounts not registered 30 /);
    expect(progress).toMatch(/Users on SMS or voice only 4 /);
    expect(progress).toMatch(/Legacy-authentication dependencies 4 4 client apps/);
  });
});

describe('confidentiality with evidence', () => {
  it('no staff or helpdesk file (pages, JSON, calendars, PDFs, gunzipped search index) names an unregistered user, a legacy-auth user or device, or a break-glass account', async () => {
    const e = playbook.evidence!;
    const secrets = new Set<string>([
      ...e.registration.unregistered.map((u) => u.userPrincipalName),
      ...e.legacyAuth.flatMap((g) => g.users.flatMap((u) => [u.userPrincipalName, ...u.devices.map((d) => d.device)])),
      ...e.breakGlass.map((b) => b.account),
      ...playbook.breakGlass.accounts,
    ]);
    expect(secrets.size).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const site of ['staff', 'helpdesk']) {
      const files = await listFiles(join(out, site));
      expect(files.some((file) => file.includes('pagefind/fragment/'))).toBe(true);
      expect(files.some((file) => file.endsWith('.pdf'))).toBe(true);
      expect(files.some((file) => file.startsWith('tracking/'))).toBe(false);
      for (const file of files) {
        const text = (await everythingReadable(join(out, site, file))).toLowerCase();
        for (const secret of secrets) if (text.includes(secret.toLowerCase())) leaks.push(`${site}/${file}: ${secret}`);
        if (/tracking|evidence/i.test(file)) leaks.push(`${site}/${file}: evidence page`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the scan can see a leak: the admin site and plan PDF do hold those values', async () => {
    const admin = `${await everythingReadable(join(out, 'admin', 'tracking', 'index.html'))}\n${await everythingReadable(join(out, 'admin', 'playbook.json'))}`;
    expect(admin).toContain('scan2mail@northgate-engineering.example');
    expect(admin).toContain('CRM mail connector 4.2');
    expect(admin).toContain('svc-emergency-bravo@northgateengineering.onmicrosoft.com');
    const adminIndex = (await listFiles(join(out, 'admin', 'pagefind'))).filter((file) => file.startsWith('fragment/'));
    const fragments = await Promise.all(adminIndex.map((file) => everythingReadable(join(out, 'admin', 'pagefind', file))));
    expect(fragments.some((text) => text.includes('aaron.kemp@northgate-engineering.example'))).toBe(true);
  });
});

describe('the Tracking page in a browser', () => {
  let browser: Browser;
  let origin = '';
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ origin, close } = await serve(out));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders the chart and passes axe without serious or critical violations (${colorScheme})`, async () => {
      const page = await browser.newPage({ colorScheme });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      const response = await page.goto(`${origin}/admin/tracking/`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const chart = page.locator('svg.chart');
      const box = await chart.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(100);
      expect(await page.locator('svg.chart circle.point').count()).toBe(3);
      expect(await page.getByRole('img', { name: 'Registration rate by day of the register phase' }).count()).toBe(1);
      // The table alternative opens from its summary.
      await page.getByText("The chart's numbers as a table").click();
      expect(await page.getByRole('table', { name: 'Registration by working day of the register phase' }).isVisible()).toBe(true);
      // The target line is drawn in a colour that differs from the page background.
      const stroke = await page.$eval('svg.chart .target-line', (line) => getComputedStyle(line).stroke);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(stroke).not.toBe(background);
      expect(await axeSerious(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the plan page links to the Tracking page', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/admin/`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Tracking: chart, verdicts and findings' }).click();
    await page.waitForURL(/\/admin\/tracking\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tracking: evidence from your exports');
    await page.close();
  });
});
