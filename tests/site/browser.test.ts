import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../src/site/format.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { serve } from './helpers.ts';
import { sharedSites } from './shared-builds.ts';
import { launchBrowser } from '../helpers/browser.ts';

// Both tenants are built in one run (multi layout, the shared plan-date build) and served from the root, so every site lives in a
// sub-folder (/example/admin/…): this also shows the sites work under any path.
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core');
const example = examplePlaybook();
const hostile = hostilePlaybook();

let out = '';
let origin = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;

interface Visit {
  url: string;
  consoleErrors: string[];
  outsideRequests: string[];
  links: string[];
  missingAnchors: string[];
  serious: string[];
}
const visits = new Map<string, Visit>();

beforeAll(async () => {
  out = sharedSites().planDate;
  ({ origin, close } = await serve(out));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close();
});

function watch(page: Page, url: string): Visit {
  const visit: Visit = { url, consoleErrors: [], outsideRequests: [], links: [], missingAnchors: [], serious: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') visit.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => visit.consoleErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    visit.consoleErrors.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const target = new URL(request.url());
    if (target.origin !== origin && !['data:', 'blob:', 'about:'].includes(target.protocol)) visit.outsideRequests.push(request.url());
  });
  return visit;
}

async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; visit: Visit }> {
  const page = await browser.newPage({ colorScheme });
  const visit = watch(page, url);
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status(), url).toBe(200);
  return { page, visit };
}

async function axeSerious(page: Page, only?: string[]): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (rules) => {
    const result = await (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run(document, {
      resultTypes: ['violations'],
      ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}),
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, only ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Visits every page reachable from a site's main page, checking console, requests, axe, links and anchors. */
async function crawl(siteRoot: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Visit[]> {
  const queue = [`${siteRoot}index.html`];
  const seen = new Set(queue);
  const anchorsWanted = new Map<string, Set<string>>();
  const idsOnPage = new Map<string, Set<string>>();
  const result: Visit[] = [];
  const context = await browser.newContext({ colorScheme });
  while (queue.length > 0) {
    const url = queue.shift()!;
    const page = await context.newPage();
    const visit = watch(page, url);
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status(), url).toBe(200);
    idsOnPage.set(url, new Set(await page.$$eval('[id]', (nodes) => nodes.map((node) => node.id))));
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const target = new URL(href);
      if (target.protocol !== 'http:' || target.origin !== origin) continue;
      const bare = `${target.origin}${target.pathname}`;
      visit.links.push(href);
      expect(bare.startsWith(siteRoot), `${url} links outside its own site: ${bare}`).toBe(true);
      if (target.hash) {
        const set = anchorsWanted.get(bare) ?? new Set<string>();
        set.add(decodeURIComponent(target.hash.slice(1)));
        anchorsWanted.set(bare, set);
      }
      if (seen.has(bare)) continue;
      seen.add(bare);
      if (bare.endsWith('.html')) queue.push(bare);
      else {
        const status = (await fetch(bare)).status;
        if (status !== 200) visit.missingAnchors.push(`broken link ${bare} (${status})`);
      }
    }
    // All rules in light mode; in dark mode only the colours change, so contrast is what is checked again.
    visit.serious = await axeSerious(page, colorScheme === 'dark' ? ['color-contrast'] : undefined);
    visits.set(`${colorScheme}:${url}`, visit);
    result.push(visit);
    await page.close();
  }
  await context.close();
  // Every #fragment linked to must exist on its page.
  for (const [pageUrl, ids] of anchorsWanted) {
    const present = idsOnPage.get(pageUrl);
    if (!present) continue;
    for (const id of ids) if (!present.has(id)) result[0]!.missingAnchors.push(`missing anchor ${pageUrl}#${id}`);
  }
  return result;
}

const SITES = ['admin', 'helpdesk', 'staff'] as const;

describe.each(SITES)('%s site in Chromium', (site) => {
  // One crawl per colour scheme, each its own test: a crawl of a whole site with axe on every page is the
  // slowest thing in the suite, and the timeout leaves room for a busy machine.
  for (const scheme of ['light', 'dark'] as const) {
    it(
      `every page loads without console errors or outside requests, has no serious or critical axe violation, and no broken internal link (${scheme})`,
      { timeout: 300_000 },
      async () => {
        const pages = await crawl(`${origin}/example/${site}/`, scheme);
        expect(pages.length).toBeGreaterThan(2);
        for (const visit of pages) {
          expect(visit.consoleErrors, `${scheme} ${visit.url}`).toEqual([]);
          expect(visit.outsideRequests, `${scheme} ${visit.url}`).toEqual([]);
          expect(visit.serious, `${scheme} ${visit.url}`).toEqual([]);
          expect(visit.missingAnchors, `${scheme} ${visit.url}`).toEqual([]);
        }
      },
    );
  }

  it("shows the tenant's name, the enforcement date and lang from the locale", async () => {
    const { page, visit } = await open(`${origin}/example/${site}/index.html`);
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await page.textContent('[data-org-name]')).toBe(example.organisation.name);
    expect(await page.textContent('[data-enforcement-date]')).toBe(longDate(example.schedule.enforcementDate, 'en-GB'));
    expect(await page.textContent('body')).toContain(longDate(example.schedule.registrationDeadline, 'en-GB'));
    expect(visit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('search finds "Authenticator" offline, from the built-in index', async () => {
    const { page, visit } = await open(`${origin}/example/${site}/index.html`);
    await page.fill('#site-search', 'Authenticator');
    await page.press('#site-search', 'Enter');
    await page.waitForSelector('#search-results li a');
    const first = await page.$$eval('#search-results li a', (links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(first.length).toBeGreaterThan(0);
    for (const href of first) expect(href.startsWith(`${origin}/example/${site}/`)).toBe(true);
    expect(await page.textContent('#search-results')).toMatch(/Authenticator/i);
    expect(visit.consoleErrors).toEqual([]);
    expect(visit.outsideRequests).toEqual([]);
    await page.close();
  });

  it('is keyboard navigable: the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const { page } = await open(`${origin}/example/${site}/index.html`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    // Next stops are the brand link and then the site navigation.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.closest('nav, main')?.tagName ?? document.activeElement?.tagName);
    expect(['NAV', 'MAIN']).toContain(next);
    await page.close();
  });

  it('follows prefers-color-scheme and prints without navigation', async () => {
    const { page } = await open(`${origin}/example/${site}/index.html`, 'dark');
    const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(dark).toBe('rgb(18, 21, 25)');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-nav')!).display)).toBe('none');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.skip-link')!).display)).toBe('none');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });
});

describe('printing the plan and the runbook', () => {
  it('keeps tasks and runbook steps whole across page breaks', async () => {
    const { page } = await open(`${origin}/example/admin/tasks/index.html`);
    await page.emulateMedia({ media: 'print' });
    if ((await page.$('.task')) !== null) expect(await page.evaluate(() => getComputedStyle(document.querySelector('.task')!).breakInside)).toBe('avoid');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header form')!).display)).toBe('none');
    await page.close();
    const symptom = example.runbook?.symptoms[0];
    if (symptom) {
      const { page: runbook } = await open(`${origin}/example/helpdesk/symptoms/${symptom.id}/index.html`);
      await runbook.emulateMedia({ media: 'print' });
      // Sections flow across pages (no half-blank page); each step stays whole.
      expect(await runbook.evaluate(() => getComputedStyle(document.querySelector('.steps > li')!).breakInside)).toBe('avoid');
      expect(await runbook.evaluate(() => getComputedStyle(document.querySelector('nav[aria-label="Other symptoms"]')!).display)).toBe('none');
      await runbook.close();
    }
  });
});

describe('hostile tenant', () => {
  it('shows names with markup characters as text, intact, and runs none of them', async () => {
    for (const site of SITES) {
      const { page, visit } = await open(`${origin}/hostile/${site}/index.html`);
      expect(await page.textContent('[data-org-name]')).toBe(hostile.organisation.name);
      expect(await page.title()).toContain(hostile.organisation.name);
      expect(await page.$$eval('main script, main img', (nodes) => nodes.length)).toBe(0);
      expect(visit.consoleErrors).toEqual([]);
      expect(await axeSerious(page)).toEqual([]);
      await page.close();
    }
  });
});

describe('admin tools', () => {
  it('copy buttons copy a communication and the error-code lookup filters', async () => {
    if (example.communications.length > 0) {
      const { page, visit } = await open(`${origin}/example/admin/communications/index.html`);
      await page.click('button[data-copy]');
      await page.waitForFunction(() => (document.querySelector('.copy-status')?.textContent ?? '') !== '');
      expect(visit.consoleErrors).toEqual([]);
      await page.close();
    }
    const code = example.runbook?.errorCodes[0]?.code;
    if (code) {
      const { page } = await open(`${origin}/example/helpdesk/error-codes/index.html`);
      await page.fill('#code-filter', `AADSTS${code}`);
      const shown = await page.$$eval('#code-table tbody tr', (rows) => rows.filter((row) => !(row as HTMLElement).hidden).map((row) => row.id));
      expect(shown).toContain(`code-${code.toLowerCase()}`);
      await page.close();
    }
  });
});
