import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePlaybook } from '../helpers/example.ts';
import { closePage, launchBrowser, openPage } from '../helpers/browser.ts';
import { readPdf } from '../pdf/read.ts';
import { serve } from './helpers.ts';
import { MID_REGISTER, sharedSites } from './shared-builds.ts';
import { LAPTOP_1280, pagesOf, PHONE_390, READER_VIEWS, readerProblems, searchFor } from './readers.ts';
import { runbookPartTitles, type RunbookPartId } from '../../src/model/runbook-refs.ts';

// The helpdesk site as its readers meet it: on a phone and a laptop, in light and dark, opened from a web
// server and from a file share, and printed. One build and one browser for the whole file.
const playbook = examplePlaybook(MID_REGISTER);
const symptom = playbook.runbook!.symptoms.find((s) => s.id === 'no-prompt')!;
const code = playbook.runbook!.errorCodes.find((c) => c.code === '50074')!;

let out = '';
let siteDir = '';
let origin = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  out = sharedSites().midRegister;
  siteDir = join(out, 'helpdesk');
  pages = await pagesOf(siteDir);
  ({ origin, close } = await serve(out));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('every helpdesk page', () => {
  it('is a whole site: home, every symptom, error codes, messages, guide and search', () => {
    expect(pages).toContain('index.html');
    expect(pages).toContain(`symptoms/${symptom.id}/index.html`);
    expect(pages).toContain('error-codes/index.html');
    expect(pages).toContain('search/index.html');
    expect(pages.length).toBe(playbook.runbook!.symptoms.length + 5);
  });

  for (const view of READER_VIEWS) {
    it(`fits the window, has no axe violation of any impact and keeps chart words >= 11 px (${view.name})`, { timeout: 300_000 }, async () => {
      expect(await readerProblems(browser, `${origin}/helpdesk`, pages, view, { chartLabels: true })).toEqual([]);
    });
  }
});

describe('the helpdesk home', () => {
  it('leads with the symptoms at 390 px: "No MFA prompt arrives" within the first screen; answers, phone and email inside the window', async () => {
    const page = await openPage(browser, PHONE_390);
    await page.goto(`${origin}/helpdesk/index.html`);
    const first = page.locator('.symptom-list a').first();
    expect(await first.textContent()).toBe(symptom.title);
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(PHONE_390.height);
    // Every standard answer, contact email and phone link lies inside the window's width.
    const outside = await page.$$eval('dl.answers dd, .contact-cards a, .contact-cards p', (nodes) =>
      nodes.filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((node) => node.textContent),
    );
    expect(outside).toEqual([]);
    expect(await page.locator('.contact-cards a[href^="mailto:"]').count()).toBeGreaterThan(0);
    await closePage(page);
  });

  it('keeps the header on one row at 1280 px', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/helpdesk/index.html`);
    const tops = await page.$$eval('.site-header .inner > *', (nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().top)));
    const rows = await page.$$eval('.site-nav li', (nodes) => new Set(nodes.map((node) => Math.round(node.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(20);
    await closePage(page);
  });
});

// Issue 13, point 9: a runbook text that points to another part of the runbook is a link to it, and the link's
// target exists: the page opens and its heading (or the element of its #fragment) is the part it names.
describe('runbook cross-references', () => {
  it('are links on every page that has them, each opening the page and heading of the part it names', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    const titles = runbookPartTitles(playbook.runbook!);
    const links: { from: string; ref: string; text: string; href: string }[] = [];
    for (const file of pages) {
      await page.goto(`${origin}/helpdesk/${file}`);
      links.push(
        ...(
          await page.$$eval('a[data-runbook-ref]', (anchors) =>
            anchors.map((a) => ({ ref: a.getAttribute('data-runbook-ref')!, text: a.textContent!, href: (a as HTMLAnchorElement).href })),
          )
        ).map((link) => ({ ...link, from: file })),
      );
    }
    // Home (caller check, standard answers) and every symptom page with a reference in it.
    const expected =
      [...playbook.runbook!.identityVerification.steps, ...playbook.runbook!.standardAnswers.map((entry) => entry.answer)].flat().filter((part) => typeof part !== 'string')
        .length +
      playbook
        .runbook!.symptoms.flatMap((entry) => [...entry.likelyCauses.map((cause) => cause.check), ...entry.steps, entry.escalateWhen])
        .flat()
        .filter((part) => typeof part !== 'string').length;
    expect(links.length).toBe(expected);
    for (const link of links) {
      expect(link.text, `${link.from} → ${link.ref}`).toBe(titles.get(link.ref as RunbookPartId));
      const response = await page.goto(link.href);
      expect(response?.ok(), `${link.from} → ${link.href}`).toBe(true);
      const hash = new URL(link.href).hash;
      const heading = hash ? await page.$eval(hash, (node) => node.textContent) : await page.$eval('h1', (node) => node.textContent);
      expect(heading, `${link.from} → ${link.href}`).toBe(link.text);
    }
    await closePage(page);
  });
});

describe('search', () => {
  it('over HTTP (Pagefind) finds "Authenticator" and the error code 50074', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/helpdesk/index.html`);
    const words = await searchFor(page, 'Authenticator');
    expect(words.hrefs.length).toBeGreaterThan(0);
    expect(words.text).toMatch(/Authenticator/);
    for (const href of words.hrefs) expect(href.startsWith(`${origin}/helpdesk/`)).toBe(true);
    const byCode = await searchFor(page, `AADSTS${code.code}`);
    expect(byCode.titles).toContain('Sign-in error codes');
    expect(byCode.text).toContain(code.code);
    await closePage(page);
  });

  it('opened from disk (file://, bundled MiniSearch index) finds the same, on the same results page, with no request outside the folder', async () => {
    const page = await openPage(browser, PHONE_390);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(pathToFileURL(join(siteDir, 'index.html')).href);
    const words = await searchFor(page, 'Authenticator');
    expect(words.hrefs.length).toBeGreaterThan(0);
    expect(words.text).toMatch(/Authenticator/);
    for (const href of words.hrefs) expect(href.startsWith(pathToFileURL(siteDir).href)).toBe(true);
    const byCode = await searchFor(page, code.code);
    expect(byCode.titles).toContain('Sign-in error codes');
    expect(await page.textContent('#search-status')).not.toMatch(/not available|could not/);
    // A hit opens its page.
    await page.click(`#search-results a[href$="error-codes/index.html"]`);
    await page.waitForURL(/error-codes\/index\.html/);
    expect(requests.every((url) => url.startsWith(pathToFileURL(siteDir).href))).toBe(true);
    expect(errors).toEqual([]);
    await closePage(page);
  });
});

describe('printing', () => {
  it(`a symptom page ("${symptom.title}") prints on one A4 page, without menu, search or print button`, async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/helpdesk/symptoms/${symptom.id}/index.html`);
    expect(await page.isVisible('button[data-print]')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-nav', '.search-form', '.page-tools', 'nav[aria-label="Other symptoms"]']) {
      expect(await page.$eval(selector, (node) => getComputedStyle(node).display), selector).toBe('none');
    }
    expect(await page.$eval('.steps > li', (node) => getComputedStyle(node).breakInside)).toBe('avoid');
    const pdf = await readPdf(new Uint8Array(await page.pdf({ format: 'A4' })));
    expect(pdf.pageCount).toBe(1);
    expect(pdf.text).toContain(symptom.title);
    expect(pdf.text).toContain(String(symptom.escalateWhen[0]).slice(0, 30));
    await closePage(page);
  });

  it('the home page keeps each symptom card and contact card whole across pages', async () => {
    const page = await openPage(browser, LAPTOP_1280);
    await page.goto(`${origin}/helpdesk/index.html`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.symptom-list li', (node) => getComputedStyle(node).breakInside)).toBe('avoid');
    expect(await page.$eval('.contact-cards li', (node) => getComputedStyle(node).breakInside)).toBe('avoid');
    const pdf = await readPdf(new Uint8Array(await page.pdf({ format: 'A4' })));
    expect(pdf.text).toContain(symptom.title);
    expect(pdf.text).toContain(playbook.runbook!.contacts[0]!.email);
    await closePage(page);
  });
});
