import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../src/site/format.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { closePage, launchBrowser, openPage } from '../helpers/browser.ts';
import { readPdf } from '../pdf/read.ts';
import { serve } from './helpers.ts';
import { MID_REGISTER, sharedSites } from './shared-builds.ts';
import { horizontalOverflow, LAPTOP_1280, overflowingElements, pagesOf, PHONE_390, READER_VIEWS, readerProblems, searchFor } from './readers.ts';

// The staff site of the example tenant on Monday 25 January 2027, two weeks before enforcement (Monday
// 8 February), on a phone and a laptop, light and dark, from a server and from disk, and printed.
const playbook = examplePlaybook(MID_REGISTER);

let out = '';
let siteDir = '';
let origin = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  out = sharedSites().midRegister;
  siteDir = join(out, 'staff');
  pages = await pagesOf(siteDir);
  ({ origin, close } = await serve(out));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('every staff page', () => {
  it('is there: home, guides, messages and search', () => {
    expect(pages).toContain('index.html');
    expect(pages).toContain('set-up/index.html');
    expect(pages).toContain('messages/index.html');
    expect(pages).toContain('search/index.html');
    expect(pages.length).toBeGreaterThanOrEqual(6);
  });

  for (const view of READER_VIEWS) {
    it(`fits the window and has no axe violation of any impact (${view.name})`, { timeout: 300_000 }, async () => {
      expect(await readerProblems(browser, `${origin}/staff`, pages, view, { chartLabels: false })).toEqual([]);
    });
  }

  it('does not scroll sideways at 320 px either', { timeout: 120_000 }, async () => {
    const wide: string[] = [];
    for (const file of pages) {
      const page = await openPage(browser, { width: 320, height: 640 });
      await page.goto(`${origin}/staff/${file}`, { waitUntil: 'load' });
      if ((await horizontalOverflow(page)) > 0) wide.push(`${file}: ${(await overflowingElements(page)).join('; ')}`);
      await closePage(page);
    }
    expect(wide).toEqual([]);
  });
});

describe('the plan date on the staff site', () => {
  it('says how many days are left before enforcement, and when each key date is', async () => {
    const page = await openPage(browser, PHONE_390);
    await page.goto(`${origin}/staff/index.html`);
    expect(await page.getAttribute('[data-countdown]', 'data-days-left')).toBe('14');
    const countdown = (await page.textContent('[data-countdown]'))!.replace(/\s+/g, ' ');
    expect(countdown).toContain(`14 days left before the second check starts on ${longDate('2027-02-08', 'en-GB')}`);
    expect(countdown).toContain(`Please be set up by ${longDate('2027-02-01', 'en-GB')} (in 7 days)`);
    expect(await page.$$eval('.key-dates .relative', (nodes) => nodes.map((node) => node.textContent?.trim()))).toEqual([
      '12 days ago',
      'in 7 days',
      `from ${playbook.schedule.milestones.enforcement.time}, in 14 days`,
    ]);
    await closePage(page);
  });

  it('marks messages already sent and those still scheduled', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/staff/messages/index.html`);
    const states = Object.fromEntries(await page.$$eval('article.message', (cards) => cards.map((card) => [card.id, card.querySelector('.state')?.textContent ?? ''])));
    expect(states).toMatchObject({ 'message-announcement': 'Sent 12 days ago', 'message-enforcement-tomorrow': 'Scheduled, in 11 days' });
    await closePage(page);
  });
});

describe('search and print', () => {
  it('search finds "Authenticator" over HTTP and opened from disk', async () => {
    const page = await openPage(browser, PHONE_390);
    await page.goto(`${origin}/staff/index.html`);
    expect((await searchFor(page, 'Authenticator')).text).toMatch(/Authenticator/);
    await closePage(page);
    const local = await openPage(browser, PHONE_390);
    await local.goto(pathToFileURL(join(siteDir, 'index.html')).href);
    const hits = await searchFor(local, 'Authenticator');
    expect(hits.titles.length).toBeGreaterThan(0);
    expect(hits.text).toMatch(/Authenticator/);
    await closePage(local);
  });

  it('the set-up guide prints with its steps whole and without the menu', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/staff/set-up/index.html`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.site-nav', (node) => getComputedStyle(node).display)).toBe('none');
    const pdf = await readPdf(new Uint8Array(await page.pdf({ format: 'A4' })));
    expect(pdf.pageCount).toBeGreaterThan(0);
    expect(pdf.text).toContain('Authenticator');
    await closePage(page);
  });
});
