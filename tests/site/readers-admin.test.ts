import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSites } from '../../src/site/build-sites.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { workAhead } from '../../src/model/state.ts';
import { longDate } from '../../src/site/format.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { closePage, launchBrowser, openPage } from '../helpers/browser.ts';
import { readPdf } from '../pdf/read.ts';
import { removeDir, serve, tempOut, writeDummy } from './helpers.ts';
import { examplePlaybookWithEvidence, LAPTOP_1280, pagesOf, PHONE_390, READER_VIEWS, readerProblems, searchFor } from './readers.ts';

// The admin site of the example tenant built twice in one run (multi layout): "mid" on Monday 25 January
// 2027, in the register phase, with the example exports read (latest snapshot 88% on Friday 22 January);
// "after" on Monday 15 February, after validation. One build and one browser for the whole file.
const MID_REGISTER = '2027-01-25';
const AFTER_VALIDATION = '2027-02-15';
const FILES = ['admin/plan.pdf', 'admin/checklists.pdf', 'admin/calendar.ics', 'admin/playbook.json'];

let mid: Playbook;
let out = '';
let origin = '';
let close: () => Promise<void> = async () => {};
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  out = await tempOut('readers-admin');
  mid = await examplePlaybookWithEvidence(MID_REGISTER);
  await buildSites({
    tenants: [
      { slug: 'mid', playbook: mid, files: FILES },
      { slug: 'after', playbook: examplePlaybook(AFTER_VALIDATION), files: [] },
    ],
    outDir: out,
    layout: 'multi',
    quiet: true,
  });
  for (const file of FILES) await writeDummy(join(out, 'mid', file));
  pages = await pagesOf(join(out, 'mid', 'admin'));
  ({ origin, close } = await serve(out));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close();
  if (out) await removeDir(out);
});

async function open(path: string, viewport = LAPTOP_1280): Promise<Page> {
  const page = await openPage(browser, viewport);
  await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
  return page;
}

async function stateOf(page: Page, selector: string): Promise<{ state: string | null; label: string | null }> {
  const tag = page.locator(`${selector} .state`).first();
  return { state: await tag.getAttribute('data-state'), label: await tag.textContent() };
}

describe('every admin page', () => {
  it('is there: plan, tracking, tasks, checklists, communications, decisions, policies, accounts, reference, evidence sources, search', () => {
    expect(pages).toEqual([
      'accounts/index.html',
      'checklists/index.html',
      'communications/index.html',
      'decisions/index.html',
      'evidence/index.html',
      'index.html',
      'policies/index.html',
      'reference/index.html',
      'search/index.html',
      'tasks/index.html',
      'tracking/index.html',
    ]);
  });

  for (const view of READER_VIEWS) {
    it(`fits the window, has no axe violation of any impact and keeps chart words >= 11 px (${view.name})`, { timeout: 300_000 }, async () => {
      expect(await readerProblems(browser, `${origin}/mid/admin`, pages, view, { chartLabels: true })).toEqual([]);
    });
  }

  it('keeps the header on one row at 1280 px, with all ten menu entries', async () => {
    const page = await open('mid/admin/tracking/index.html');
    const rows = await page.$$eval('.site-nav li', (nodes) => new Set(nodes.map((node) => Math.round(node.getBoundingClientRect().top))).size);
    expect(await page.locator('.site-nav li').count()).toBe(10);
    expect(rows).toBe(1);
    const tops = await page.$$eval('.site-header .inner > *', (nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().top)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(20);
    await closePage(page);
  });

  it('lists the sections of long pages under "On this page", each leading to its heading', async () => {
    const page = await open('mid/admin/tasks/index.html');
    const links = await page.$$eval('nav[aria-label="On this page"] a', (nodes) => nodes.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
    expect(links.map((link) => link.text.split(' ·')[0])).toEqual(mid.schedule.phases.map((phase) => phase.title));
    for (const link of links) expect(await page.locator(link.href).count()).toBe(1);
    await closePage(page);
  });
});

describe('state on the plan date, mid-register (Monday 25 January 2027)', () => {
  it('tasks: the prepare phase done, daily tracking under way, individual contact tomorrow, enforcement ahead', async () => {
    const page = await open('mid/admin/tasks/index.html');
    expect(await stateOf(page, '#task-prepare-break-glass')).toEqual({ state: 'done', label: 'Done' });
    expect(await stateOf(page, '#task-register-track-daily')).toEqual({ state: 'in-progress', label: 'Under way, ends in 7 days' });
    expect(await stateOf(page, '#task-register-individual-contact')).toEqual({ state: 'upcoming', label: 'Tomorrow' });
    expect(await stateOf(page, '#task-enforce-enforce')).toEqual({ state: 'upcoming', label: 'In 14 days' });
    await closePage(page);
  });

  it("plan: milestones by date, this week's work, registration with the age of its figure", async () => {
    const page = await open('mid/admin/index.html');
    expect(await page.getAttribute('#milestone-reminder-check', 'data-state')).toBe('done');
    expect(await page.getAttribute('#milestone-individual-contact', 'data-state')).toBe('upcoming');
    expect(await page.getAttribute('#milestone-enforcement', 'data-state')).toBe('upcoming');
    const week = await page.$$eval('[data-week-work="tasks"] li', (items) => items.map((item) => item.getAttribute('data-task')));
    expect(week).toEqual(workAhead(mid.schedule, MID_REGISTER).map((task) => task.id));
    expect(week).toEqual(expect.arrayContaining(['register.track-daily', 'register.individual-contact', 'register.manager-escalation']));
    const line = (await page.textContent('[data-tracking-summary]'))!.replace(/\s+/g, ' ');
    expect(line).toContain(`Registration: 88% on ${longDate('2027-01-22', 'en-GB')}, 3 days ago`);
    expect(await page.textContent('[data-plan-state]')).toMatch(/Phase under way: Register/);
    await closePage(page);
  });

  it('communications: sent, scheduled and decided messages', async () => {
    const page = await open('mid/admin/communications/index.html');
    const statuses = Object.fromEntries(
      await page.$$eval('tr[data-message]', (rows) => rows.map((row) => [row.getAttribute('data-message'), row.querySelector('.state')?.textContent ?? ''])),
    );
    expect(statuses).toMatchObject({
      announcement: 'Sent 12 days ago',
      'no-smartphone': 'Sent 10 days ago',
      // 88% on the reminder date is below the 90% threshold: the reminder was sent.
      reminder: 'Sent 3 days ago',
      'enforcement-tomorrow': 'Scheduled, in 11 days',
      completion: 'Scheduled, in 17 days',
    });
    await closePage(page);
  });

  it('tracking: the latest snapshot with its date and age', async () => {
    const page = await open('mid/admin/tracking/index.html');
    expect(await page.getAttribute('.tracking-summary [data-measured-age]', 'data-measured-age')).toBe('3');
    expect((await page.textContent('.tracking-summary'))!.replace(/\s+/g, ' ')).toContain(`measured on ${longDate('2027-01-22', 'en-GB')}, 3 days ago`);
    await closePage(page);
  });
});

describe('state after validation (Monday 15 February 2027)', () => {
  it("this week's work says the rollout is complete; every task done, every scheduled message sent", async () => {
    const plan = await open('after/admin/index.html');
    expect(await plan.getAttribute('[data-week-work]', 'data-week-work')).toBe('complete');
    expect(await plan.textContent('[data-week-work]')).toContain('The rollout is complete');
    await closePage(plan);
    const tasks = await open('after/admin/tasks/index.html');
    expect(new Set(await tasks.$$eval('.task', (nodes) => nodes.map((node) => node.getAttribute('data-state'))))).toEqual(new Set(['done']));
    await closePage(tasks);
    const messages = await open('after/admin/communications/index.html');
    const statuses = await messages.$$eval('tr[data-message] .state', (nodes) => nodes.map((node) => node.getAttribute('data-state')));
    expect(statuses.filter((status) => status === 'scheduled' || status === 'sends-today')).toEqual([]);
    expect(statuses).toContain('sent');
    await closePage(messages);
  });
});

describe('checklists', () => {
  it('keeps ticks in the browser per plan version, counts progress, has 24 px targets and links the fillable PDF', async () => {
    const page = await openPage(browser, PHONE_390);
    await page.goto(`${origin}/mid/admin/checklists/index.html`);
    expect(await page.getAttribute('a[href$="checklists.pdf"]', 'href')).toBe('../checklists.pdf');
    const box = (await page.locator('input[data-tick]').first().boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    const prepare = mid.checklists.find((list) => list.phase === 'prepare')!;
    const counter = page.locator(`[data-progress="${prepare.id}"]`);
    expect(await counter.textContent()).toBe(`0 of ${prepare.items.length} done`);
    // Past its due date and not ticked: overdue. Ticked: done, and still ticked after a reload.
    const item = page.locator(`[data-item="${prepare.id}/${prepare.items[0]!.id}"]`);
    expect(await item.getAttribute('data-state')).toBe('overdue');
    await item.locator('label').click();
    expect(await item.getAttribute('data-state')).toBe('done');
    expect(await counter.textContent()).toBe(`1 of ${prepare.items.length} done`);
    await page.reload();
    expect(await page.locator(`[data-item="${prepare.id}/${prepare.items[0]!.id}"] input`).isChecked()).toBe(true);
    expect(await page.locator(`[data-progress="${prepare.id}"]`).textContent()).toBe(`1 of ${prepare.items.length} done`);
    const key = await page.getAttribute('[data-checklists]', 'data-storage-key');
    expect(key).toBe(`mfa-playbook:ticks:${mid.organisation.slug}:${mid.meta.planVersion}`);
    await closePage(page);
  });
});

describe('search and print', () => {
  it('search finds "Authenticator" over HTTP and from disk', async () => {
    const page = await open('mid/admin/index.html');
    expect((await searchFor(page, 'Authenticator')).text).toMatch(/Authenticator/);
    await closePage(page);
    const local = await openPage(browser, PHONE_390);
    await local.goto(pathToFileURL(join(out, 'mid', 'admin', 'index.html')).href);
    const hits = await searchFor(local, 'Authenticator');
    expect(hits.text).toMatch(/Authenticator/);
    expect(hits.hrefs.every((href) => href.startsWith('file://'))).toBe(true);
    await closePage(local);
  });

  it('the printed plan keeps the timeline shading (grey, as its caption says) and prints without menu or print button', async () => {
    const page = await open('mid/admin/index.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('svg.timeline', (svg) => getComputedStyle(svg).display)).not.toBe('none');
    expect(await page.$eval('svg.timeline .closed', (rect) => getComputedStyle(rect).fill)).toBe('rgb(212, 212, 212)');
    expect(await page.textContent('.timeline-figure figcaption')).toContain('Shaded columns are weekends and closed days');
    expect(await page.isVisible('button[data-print]')).toBe(false);
    const pdf = await readPdf(new Uint8Array(await page.pdf({ format: 'A4' })));
    expect(pdf.text).toContain('Milestones');
    await closePage(page);
  });
});
