import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../src/config/load.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { closePage, openPage, type Viewport } from '../helpers/browser.ts';

// What the reader tests share: the sites as phones, laptops, file shares and printers see them.

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core');

export const PHONE_390 = { width: 390, height: 844 };
export const LAPTOP_1280 = { width: 1280, height: 800 };

/** The four ways every page is looked at: phone and laptop, light and dark. */
export const READER_VIEWS: readonly { name: string; viewport: Viewport; colorScheme: 'light' | 'dark' }[] = [
  { name: '390 px light', viewport: PHONE_390, colorScheme: 'light' },
  { name: '390 px dark', viewport: PHONE_390, colorScheme: 'dark' },
  { name: '1280 px light', viewport: LAPTOP_1280, colorScheme: 'light' },
  { name: '1280 px dark', viewport: LAPTOP_1280, colorScheme: 'dark' },
];

/**
 * What a reader of each page would stumble on in one view: a page wider than the window (with the elements
 * that stick out), axe violations of any impact and, where charts are drawn, chart words under 11 px.
 */
export async function readerProblems(
  browser: Browser,
  baseUrl: string,
  pages: readonly string[],
  view: (typeof READER_VIEWS)[number],
  options: { chartLabels: boolean },
): Promise<string[]> {
  const problems: string[] = [];
  for (const file of pages) {
    const page = await openPage(browser, view.viewport, { colorScheme: view.colorScheme });
    await page.goto(`${baseUrl}/${file}`, { waitUntil: 'load' });
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`${file}: ${overflow} px too wide (${(await overflowingElements(page)).join('; ')})`);
    for (const violation of await axeViolations(page)) problems.push(`${file}: ${violation}`);
    if (options.chartLabels) for (const label of await smallChartLabels(page)) problems.push(`${file}: ${label}`);
    await closePage(page);
  }
  return problems;
}
export const EXAMPLE_EVIDENCE = join(ROOT, 'examples', 'evidence', 'northgate');

/** The example tenant planned on `today`, with the example exports read as the build reads them. */
export async function examplePlaybookWithEvidence(today: string): Promise<Playbook> {
  const { config } = parseConfig(await readFile(EXAMPLE_CONFIG, 'utf8'), EXAMPLE_CONFIG, { today });
  const plain = buildPlaybook(config, { today, generatorVersion: '0.0.0-test' });
  const evidence = await readEvidence(EXAMPLE_EVIDENCE, evidenceContextFromPlaybook(plain, today));
  return buildPlaybook(config, { today, generatorVersion: '0.0.0-test', evidence });
}

/** Every page of a built site folder, relative to it ('index.html', 'symptoms/no-prompt/index.html', …). */
export async function pagesOf(siteDir: string): Promise<string[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(siteDir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Every axe-core violation of the page, whatever its impact, as "rule (impact): first targets". */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  });
}

/** How far the document is wider than the window (0 or less: no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements reaching past the right edge of the window, for a readable failure message. */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) found.push(`${element.tagName.toLowerCase()}.${element.className || ''} right=${Math.round(box.right)}`);
      if (found.length >= 5) break;
    }
    return found;
  });
}

/** Words drawn in a shown chart smaller than `min` px on screen (font size times the drawing's scale). */
export async function smallChartLabels(page: Page, min = 11): Promise<string[]> {
  return page.evaluate((minimum) => {
    const small: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('main svg'))) {
      if (!(svg instanceof SVGSVGElement) || svg.getBoundingClientRect().width === 0) continue;
      const scale = svg.getScreenCTM()?.a ?? 1;
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < minimum) small.push(`${svg.getAttribute('class')}: "${text.textContent}" ${size.toFixed(1)} px`);
      }
    }
    return small;
  }, min);
}

/** Searches from the header box (or the search page's own box) and returns the hits' titles and links. */
export async function searchFor(page: Page, query: string): Promise<{ titles: string[]; hrefs: string[]; text: string }> {
  const box = (await page.$('#site-search')) ? '#site-search' : '#search-input';
  await page.fill(box, query);
  await page.press(box, 'Enter');
  await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
  return {
    titles: await page.$$eval('#search-results li a', (links) => links.map((a) => a.textContent ?? '')),
    hrefs: await page.$$eval('#search-results li a', (links) => links.map((a) => (a as HTMLAnchorElement).href)),
    text: (await page.textContent('#search-results')) ?? '',
  };
}
