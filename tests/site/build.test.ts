import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/site/build-sites.ts';
import { rel } from '../../src/site/paths.ts';
import { longDate } from '../../src/site/format.ts';
import { filesBySite } from '../../src/site/site-data.ts';
import { CANARIES, examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { readableText } from './helpers.ts';
import { PLAN_DATE_FILES, sharedSites } from './shared-builds.ts';

// One Astro build for two tenants (multi layout, the shared plan-date build): the example tenant and the hostile
// one with canary values.
let out = '';
const example = examplePlaybook();
const hostile = hostilePlaybook();

beforeAll(() => {
  out = sharedSites().planDate;
});

describe('rel()', () => {
  it('links relatively between pages of one site', () => {
    expect(rel('index.html', 'tasks/index.html')).toBe('tasks/index.html');
    expect(rel('tasks/index.html', 'index.html')).toBe('../index.html');
    expect(rel('symptoms/no-prompt/index.html', 'error-codes/index.html#code-50074')).toBe('../../error-codes/index.html#code-50074');
    expect(rel('communications/index.html', 'communications/index.html#message-reminder')).toBe('#message-reminder');
    expect(rel('index.html', 'policies/CA001 pilot.json')).toBe('policies/CA001%20pilot.json');
  });

  it('splits artifact files by site and drops anything unsafe', () => {
    expect(filesBySite(['admin/plan.pdf', 'staff/calendar.ics', 'helpdesk/../x', 'other/y', 'top.pdf'])).toEqual({
      admin: ['plan.pdf'],
      helpdesk: [],
      staff: ['calendar.ics'],
    });
  });
});

describe('multi layout output', () => {
  it('writes <slug>/{admin,helpdesk,staff}/ for each tenant, each with its own search index', async () => {
    for (const slug of ['example', 'hostile']) {
      for (const site of ['admin', 'helpdesk', 'staff']) {
        expect(existsSync(join(out, slug, site, 'index.html')), `${slug}/${site}`).toBe(true);
        expect(existsSync(join(out, slug, site, 'pagefind', 'pagefind.js')), `${slug}/${site} search`).toBe(true);
      }
    }
    const top = await listFiles(out);
    expect(top.some((file) => file.startsWith('_astro'))).toBe(false);
    expect(top.some((file) => file.startsWith('.prerender') || file.includes('/.prerender/'))).toBe(false);
  });

  it('uses only relative links and no outside host in any page', async () => {
    const files = (await listFiles(out)).filter((file) => file.endsWith('.html'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const html = await readFile(join(out, file), 'utf8');
      expect(html, file).not.toMatch(/\s(?:href|src|action)="\//);
      expect(html, file).not.toMatch(/\ssrc="(?:https?:)?\/\//);
      expect(html, file).not.toMatch(/<link[^>]+rel="stylesheet"/);
      expect(html, file).not.toMatch(/<script[^>]+src=/);
    }
  });

  it('links artifact files only when the build lists them', async () => {
    const admin = await readFile(join(out, 'example/admin/index.html'), 'utf8');
    expect(admin).toContain('href="plan.pdf"');
    expect(admin).toContain('href="calendar.ics"');
    expect(PLAN_DATE_FILES).toContain('admin/checklists.pdf');
    expect(admin).toContain('href="checklists.pdf"');
    // The hostile tenant was built with no files: none is linked.
    const hostileAdmin = await readFile(join(out, 'hostile/admin/index.html'), 'utf8');
    for (const file of PLAN_DATE_FILES.filter((path) => path.startsWith('admin/'))) expect(hostileAdmin).not.toContain(file.slice('admin/'.length));
    expect(await readFile(join(out, 'example/helpdesk/index.html'), 'utf8')).toContain('href="runbook.pdf"');
    expect(await readFile(join(out, 'example/staff/index.html'), 'utf8')).toContain('href="mfa-guide.pdf"');
  });

  it('shows the dated plan on the admin site: phases, milestones, tasks by date and why a date moved', async () => {
    const plan = await readFile(join(out, 'example/admin/index.html'), 'utf8');
    for (const phase of example.schedule.phases) expect(plan).toContain(phase.title);
    for (const milestone of Object.values(example.schedule.milestones)) expect(plan).toContain(milestone.title);
    expect(example.schedule.moves.length).toBeGreaterThan(0);
    expect(plan).toContain('Why dates moved');
    expect(plan).toContain('is a Friday');
    expect(plan).toContain(longDate(example.schedule.enforcementDate, 'en-GB'));
    expect(plan).toMatch(/switched on for all 250 users on\s+<strong data-enforcement-date>/);
    expect(plan).toMatch(/<svg class="timeline"/);
    const tasks = await readFile(join(out, 'example/admin/tasks/index.html'), 'utf8');
    for (const task of example.schedule.tasks) expect(tasks).toContain(`id="task-${task.id.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}"`);
    const hostilePlan = await readFile(join(out, 'hostile/admin/index.html'), 'utf8');
    for (const closed of hostile.schedule.closedDays) expect(hostilePlan).toContain(closed.name);
  });

  it('keeps the staff and helpdesk sites free of confidential values: no canary in any file (HTML, JS, JSON, search index)', async () => {
    for (const site of ['staff', 'helpdesk']) {
      const files = await listFiles(join(out, 'hostile', site));
      expect(files.some((file) => file.includes('pagefind/fragment/'))).toBe(true);
      for (const file of files) {
        const text = readableText(await readFile(join(out, 'hostile', site, file)));
        for (const canary of CANARIES) expect(text.includes(canary), `${canary} in hostile/${site}/${file}`).toBe(false);
      }
    }
  });

  it('the canary check can fail: the admin site of the same tenant does hold the canaries', async () => {
    const files = await listFiles(join(out, 'hostile', 'admin'));
    const all = (await Promise.all(files.map(async (file) => readableText(await readFile(join(out, 'hostile', 'admin', file)))))).join('\n');
    for (const canary of CANARIES.filter((value) => !value.startsWith('Canary Exemptee') || hostile.decisions.length > 0)) {
      expect(all.includes(canary), canary).toBe(true);
    }
  });

  it('escapes hostile config values in the HTML', async () => {
    for (const site of ['admin', 'helpdesk', 'staff']) {
      const html = await readFile(join(out, 'hostile', site, 'index.html'), 'utf8');
      expect(html).not.toContain('<script>alert("org")</script>');
      expect(html).not.toContain('<img src=x onerror=alert(1)>');
      expect(html).toContain('&lt;script&gt;alert(');
    }
  });

  it('sets lang from the tenant locale', async () => {
    const html = await readFile(join(out, 'example/staff/index.html'), 'utf8');
    expect(html).toMatch(/<html lang="en-GB"/);
  });
});
