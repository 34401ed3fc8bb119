import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSites, listFiles } from '../../src/site/build-sites.ts';
import { longDate } from '../../src/shared/format.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { readableText, removeDir, tempOut } from '../site/helpers.ts';
import { BEFORE_A_FRIDAY, failedGoNoGo, playbookWith } from './helpers.ts';

// The built sites of a plan revised on its failed go/no-go: the admin plan page shows the version history and
// what changed; the staff site gives the new enforcement date and the "date moved" message, never the admin's
// reason.

const REASON = 'Go/no-go failed: canary-reason-4c1d of report-only sign-ins would have been blocked.';
const today = BEFORE_A_FRIDAY.goNoGo;
const NEW_ENFORCEMENT = '2027-03-22';
const revise = failedGoNoGo(REASON);
const long = (date: string) => longDate(date, 'en-GB');
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ');

let out = '';
let playbook: Playbook;

beforeAll(async () => {
  playbook = playbookWith(revise, today);
  out = await tempOut('revised-sites');
  await buildSites({ tenants: [{ slug: 'revised', playbook, files: [] }], outDir: out, layout: 'single', quiet: true });
});

afterAll(async () => {
  if (out) await removeDir(out);
});

describe('the admin plan page of a revised plan', () => {
  it('lists every version with its day and reason, the current one last', async () => {
    const html = await readFile(join(out, 'admin', 'index.html'), 'utf8');
    expect(html).toContain('data-version-history');
    const history = text(html.slice(html.indexOf('data-version-history')));
    expect(history).toContain(`1.0 ${long(BEFORE_A_FRIDAY.startDate)} The plan as first approved.`);
    expect(history).toContain(`1.1 ${long(today)} ${REASON}`);
  });

  it('shows what changed in version 1.1: the old and the new date of each moved milestone and message', async () => {
    const html = await readFile(join(out, 'admin', 'index.html'), 'utf8');
    const changes = html.slice(html.indexOf('data-changes="1.1"'));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toMatch(/data-change="milestone:enforcement"/);
    const moved = text(changes.slice(changes.indexOf('data-change="milestone:enforcement"')));
    expect(moved).toContain(`Enforcement Milestone ${long(BEFORE_A_FRIDAY.enforcement)} ${long(NEW_ENFORCEMENT)}`);
    // Every change of the model is a row of the table.
    for (const change of playbook.history!.at(-1)!.changes) expect(changes).toContain(`data-change="${change.kind}:${change.id}"`);
  });

  it('gives the new enforcement date as the plan date of enforcement', async () => {
    expect(playbook.schedule.enforcementDate).toBe(NEW_ENFORCEMENT);
    const html = await readFile(join(out, 'admin', 'index.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<strong data-enforcement-date>[^<]*${long(NEW_ENFORCEMENT)}`));
  });
});

describe('the staff site of a revised plan', () => {
  it('gives the new enforcement date on the home page', async () => {
    const html = await readFile(join(out, 'staff', 'index.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<strong data-enforcement-date>[^<]*${long(NEW_ENFORCEMENT)}`));
  });

  it('shows the "date moved" message with the old and the new date on the messages page', async () => {
    const message = playbook.communications.find((item) => item.id === 'date-moved')!;
    expect(message.sendDate).toBe(today);
    const page = text(await readFile(join(out, 'staff', 'messages', 'index.html'), 'utf8'));
    expect(page).toContain(message.subject);
    expect(page).toContain(long(BEFORE_A_FRIDAY.enforcement));
    expect(page).toContain(long(NEW_ENFORCEMENT));
  });

  it('never carries the admin reason or the version history, in any file (pages, scripts, search index)', async () => {
    for (const site of ['staff', 'helpdesk']) {
      for (const file of await listFiles(join(out, site))) {
        const content = readableText(await readFile(join(out, site, file)));
        expect(content, `${site}/${file}`).not.toContain('canary-reason-4c1d');
        expect(content, `${site}/${file}`).not.toContain('data-version-history');
      }
    }
  });
});
