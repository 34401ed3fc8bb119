import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, launchBrowser, openPage } from '../helpers/browser.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { readPdf } from '../pdf/read.ts';
import { removeDir, serve } from '../site/helpers.ts';
import { buildEveryLanguage, type LanguageBuild } from './build.ts';

// Screenshots of the German and Polish staff home pages and of the German set-up guide, for a person to look at:
// written to .tmp/i18n-screenshots/ (ignored by git). The tests check what a screenshot cannot prove by itself:
// the page shows its language's words and dates, and the PDF draws the Polish and German letters from its font.

const SHOTS = join(ROOT, '.tmp', 'i18n-screenshots');

let build: LanguageBuild;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  build = await buildEveryLanguage(EXAMPLE_CONFIG, 'i18n-screenshots', (config) => {
    config.staffLanguages = ['de-DE', 'pl-PL'];
    config.helpdesk.hours = 'Mo–Fr 08:00–18:00';
  });
  await mkdir(SHOTS, { recursive: true });
  // pdf.js draws the PDF on a canvas in the browser: its module and worker are served next to the PDF.
  const viewer = join(build.out, 'viewer');
  await mkdir(viewer, { recursive: true });
  // Copied as .js: the test server gives .js files a JavaScript type, which module scripts need.
  for (const name of ['pdf', 'pdf.worker']) await copyFile(join(ROOT, 'node_modules/pdfjs-dist/build', `${name}.mjs`), join(viewer, `${name}.js`));
  await copyFile(join(build.out, 'staff/de-de/mfa-guide.pdf'), join(viewer, 'guide.pdf'));
  await writeFile(
    join(viewer, 'index.html'),
    `<!doctype html><html><body style="margin:0;background:#888"><canvas id="page"></canvas><script type="module">
import * as pdfjs from './pdf.js';
pdfjs.GlobalWorkerOptions.workerSrc = './pdf.worker.js';
const doc = await pdfjs.getDocument('./guide.pdf').promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = document.getElementById('page');
canvas.width = viewport.width; canvas.height = viewport.height;
await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.rendered = 'yes';
</script></body></html>`,
  );
  server = await serve(build.out);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDir(build.dir);
});

describe('screenshots of the staff site and the set-up guide', () => {
  it.each([
    ['de-DE', 'de-de', 'Sicherer anmelden bei', 'Montag, 8. Februar 2027', 'Was Sie jetzt tun'],
    ['pl-PL', 'pl-pl', 'Bezpieczniejsze logowanie w', 'poniedziałek, 8 lutego 2027', 'Co zrobić teraz'],
  ])('%s staff home page', { timeout: 120_000 }, async (language, folder, heading, date, todo) => {
    const page = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(`${server.origin}/staff/${folder}/index.html`, { waitUntil: 'load' });
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    const text = await page.innerText('main');
    expect(text).toContain(heading);
    expect(text).toContain(date);
    expect(text).toContain(todo);
    const png = await page.screenshot({ fullPage: true });
    expect(png.byteLength).toBeGreaterThan(20_000);
    await writeFile(join(SHOTS, `staff-home-${folder}.png`), png);
    await closePage(page);
  });

  it('German set-up guide PDF, drawn by pdf.js', { timeout: 120_000 }, async () => {
    const page = await openPage(browser, { width: 950, height: 1300 });
    await page.goto(`${server.origin}/viewer/index.html`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-rendered="yes"]', { timeout: 60_000 });
    const png = await page.locator('#page').screenshot();
    expect(png.byteLength).toBeGreaterThan(50_000);
    await writeFile(join(SHOTS, 'mfa-guide-de-de.png'), png);
    await closePage(page);
  });

  it('the PDF font keeps the German and Polish letters (subset holds their glyphs)', async () => {
    const german = await readPdf(new Uint8Array(await readFile(join(build.out, 'staff/de-de/mfa-guide.pdf'))));
    const polish = await readPdf(new Uint8Array(await readFile(join(build.out, 'staff/pl-pl/mfa-guide.pdf'))));
    expect(german.text.replace(/\s+/g, ' ')).toContain('Ihre Anmeldung bekommt einen zusätzlichen Schritt');
    for (const letter of ['ä', 'ü', 'Ö']) expect(german.text, letter).toContain(letter);
    expect(polish.text.replace(/\s+/g, ' ')).toContain('Logowanie zyskuje dodatkowy krok');
    for (const letter of ['ą', 'ę', 'ł', 'ń', 'ó', 'ś', 'ż']) expect(polish.text, letter).toContain(letter);
    // pdf.js maps every drawn glyph back to its character: none is lost to a missing glyph (U+FFFD or empty).
    expect(polish.text).not.toContain('\uFFFD');
  });
});
