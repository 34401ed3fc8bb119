import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, DESKTOP, launchBrowser, openPage } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';
import { decodeEntities, htmlBlocks } from '../i18n/build.ts';
import { readPdf } from '../pdf/read.ts';
import { readableText, removeDir, serve, tempOut } from '../site/helpers.ts';
import { translatorFor } from '../../src/i18n/catalog.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { staffWaveName, wavePlace } from '../../src/model/waves.ts';
import { formatShortDate } from '../../src/generators/text/dates.ts';
import { formatDateRange, longDate, shortDate } from '../../src/shared/format.ts';

// Staff and helpdesk outputs of plans in waves, read from real builds through the command: a plan whose waves are
// sites and departments (English and German staff pages), and an "auto" plan whose waves nobody outside IT can
// name (English and French). Every person's day is their wave's, so no page may give wave 1's day as "the" day.

const SITES_GROUPS = [
  { name: 'MFA-Wave-Leeds', objectId: '0b7f3c1e-5a2d-4c8e-9f10-3e5d7a9b1c2d', size: 1500, site: 'Leeds' },
  { name: 'MFA-Wave-York', objectId: '6d1a2b3c-4e5f-4a7b-8c9d-0e1f2a3b4c5d', size: 1500, site: 'York', department: 'Finance & Payroll' },
];

interface Built {
  out: string;
  playbook: Playbook;
}

let work: string;
let bySite: Built;
let auto: Built;

async function build(name: string, change: (config: Record<string, any>) => void): Promise<Built> {
  const config = JSON.parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as Record<string, any>;
  delete config.$schema;
  config.organisation.userCount = 5000;
  config.current.securityDefaults = false;
  change(config);
  const file = join(work, `${name}.json`);
  await writeFile(file, JSON.stringify(config, null, 2));
  const out = join(work, name);
  const run = await runCli(['build', '--config', file, '--out', out, '--today', EXAMPLE_TODAY, '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { out, playbook: JSON.parse(await readFile(join(out, 'admin/playbook.json'), 'utf8')) as Playbook };
}

const page = (built: Built, path: string) => readFile(join(built.out, path), 'utf8');
const text = (html: string) => htmlBlocks(html).join('\n');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  work = await tempOut('waves-staff');
  bySite = await build('by-site', (config) => {
    config.staffLanguages = ['en-GB', 'de-DE'];
    config.waves = { mode: 'groups', groups: SITES_GROUPS };
  });
  auto = await build('auto', (config) => {
    config.staffLanguages = ['en-GB', 'fr-FR'];
    config.waves = { mode: 'auto', helpdeskCallsPerDay: 60, expectedCallsPerUser: 0.3 };
  });
}, 600_000);

afterAll(async () => {
  await removeDir(work);
});

describe('the staff home of a plan in waves named by site and department', () => {
  it('holds the plan the tests expect: three waves, the last for everyone else', () => {
    const waves = bySite.playbook.waves!.waves;
    expect(waves.map((wave) => [wave.site, wave.group?.name ?? null])).toEqual([
      ['Leeds', 'MFA-Wave-Leeds'],
      ['York', 'MFA-Wave-York'],
      [null, null],
    ]);
    expect(new Set(waves.map((wave) => wave.enforcementDate)).size).toBe(3);
  });

  for (const language of ['en-GB', 'de-DE']) {
    it(`${language}: lists each wave's place and day as the schedule dates it, and the span from first to last`, async () => {
      const html = await page(bySite, `staff/${language.toLowerCase()}/index.html`);
      const t = translatorFor(language);
      const waves = bySite.playbook.waves!.waves;
      const rows = [...html.matchAll(/<tr data-wave="(\d+)" data-enforcement="([\d-]+)">([\s\S]*?)<\/tr>/g)];
      expect(rows.map((row) => [Number(row[1]), row[2]])).toEqual(waves.map((wave) => [wave.number, wave.enforcementDate]));
      rows.forEach((row, index) => {
        const wave = waves[index]!;
        const cells = decodeEntities(row[3]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
        expect(cells).toContain(longDate(wave.enforcementDate, language));
        expect(cells).toContain(wavePlace(wave) ?? t.text('site.waves.rest'));
        // Each row links the wave's own calendar file, which the build wrote beside the page.
        expect(row[3]).toContain(`href="calendar-wave-${wave.number}.ics"`);
      });
      const first = longDate(waves[0]!.enforcementDate, language);
      const last = longDate(waves[waves.length - 1]!.enforcementDate, language);
      const lead = decodeEntities(/<p class="lead"[^>]*>([\s\S]*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, ''));
      expect(lead.replace(/\s+/g, ' ').trim()).toBe(
        t
          .text('site.home.leadWaves', { first, last, methodName: t.text('site.method.authenticator') })
          .replace(/<\/?date>/g, '')
          .replace(/\s+/g, ' '),
      );
      expect(text(html)).toContain(formatDateRange(waves[0]!.enforcementDate, waves[waves.length - 1]!.enforcementDate, 'long', language));
      // The one-wave page's single date ("the second check starts on …") is nowhere.
      expect(html).not.toContain('data-enforcement-date');
      const labels = [...html.matchAll(/<span class="label">([^<]*)<\/span>/g)].map((match) => decodeEntities(match[1]!));
      expect(labels).not.toContain(t.text('site.keyDates.starts'));
      expect(labels).toContain(t.text('site.keyDates.startsWaves'));
    });
  }

  it('the German page is German: the waves section reads in its own words', async () => {
    const blocks = htmlBlocks(await page(bySite, 'staff/de-de/index.html'));
    expect(blocks).toContain('Wann es für Sie losgeht');
    expect(blocks.join('\n')).toContain('Jede Welle umfasst einen Standort oder eine Abteilung');
    expect(blocks.join('\n')).not.toMatch(/\b(Wave|Everyone|the)\b/);
  });
});

describe('the staff home of an "auto" plan in waves', () => {
  for (const language of ['en-GB', 'fr-FR']) {
    it(`${language}: says IT emails each person their day, gives the span, and lists no wave by name`, async () => {
      const html = await page(auto, `staff/${language.toLowerCase()}/index.html`);
      const t = translatorFor(language);
      const waves = auto.playbook.waves!.waves;
      expect(waves.length).toBeGreaterThan(2);
      const deadline = longDate(auto.playbook.schedule.registrationDeadline, language);
      expect(text(html)).toContain(t.text('site.home.byEmail', { deadline }));
      expect(html).toContain('data-find-your-date="email"');
      expect(html).not.toContain('data-wave-dates');
      expect(text(html)).toContain(formatDateRange(waves[0]!.enforcementDate, waves[waves.length - 1]!.enforcementDate, 'long', language));
      expect(html).not.toContain('data-enforcement-date');
      // No wave of its own calendar: nobody could tell which file is theirs.
      expect((await readdir(join(auto.out, 'staff', language.toLowerCase()))).filter((name) => name.startsWith('calendar-wave-'))).toEqual([]);
    });
  }
});

interface ReadEvent {
  uid: string;
  summary: string;
  start: string;
  description: string;
}

function readCalendar(ics: string): { name: string; events: ReadEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return { uid: event.uid, summary: event.summary, start: event.startDate.toString(), description: event.description };
    }),
  };
}

describe('staff calendars of a plan in waves', () => {
  for (const language of ['en-GB', 'de-DE']) {
    it(`${language}: each wave's calendar holds the deadline and the wave's own start, named with the wave`, async () => {
      const t = translatorFor(language);
      const { playbook } = bySite;
      const time = playbook.schedule.milestones.enforcement.time;
      for (const wave of playbook.waves!.waves) {
        const calendar = readCalendar(await page(bySite, `staff/${language.toLowerCase()}/calendar-wave-${wave.number}.ics`));
        const name = staffWaveName(t, { number: wave.number, place: wavePlace(wave), everyoneElse: wave.group === null });
        expect(calendar.name).toContain(name);
        expect(calendar.events.map((event) => event.uid)).toEqual([
          'staff.registration-deadline@northgate-engineering-ltd.mfa-playbook',
          `staff.wave-${wave.number}-enforcement@northgate-engineering-ltd.mfa-playbook`,
        ]);
        const [deadline, start] = calendar.events;
        expect(deadline!.start).toBe(playbook.schedule.registrationDeadline);
        expect(start!.start).toBe(`${wave.enforcementDate}T${time}:00`);
        expect(start!.summary).toBe(t.text('calendar.waveEnforcement.summary', { wave: name }));
      }
    });
  }

  it("the calendar of all staff holds the deadline only, and says the waves' span instead of one day", async () => {
    const { playbook } = bySite;
    const waves = playbook.waves!.waves;
    for (const language of ['en-GB', 'de-DE']) {
      const calendar = readCalendar(await page(bySite, `staff/${language.toLowerCase()}/calendar.ics`));
      expect(calendar.events.map((event) => event.start)).toEqual([playbook.schedule.registrationDeadline]);
      expect(calendar.events[0]!.description).toContain(longDate(waves[0]!.enforcementDate, language));
      expect(calendar.events[0]!.description).toContain(longDate(waves[waves.length - 1]!.enforcementDate, language));
    }
  });

  it("a value with ICS specials is escaped: the department's comma and ampersand read back intact", async () => {
    const calendar = readCalendar(await page(bySite, 'staff/en-gb/calendar-wave-2.ics'));
    expect(calendar.name).toBe('Northgate Engineering Ltd: sign-in security dates, Wave 2: York, Finance & Payroll');
    expect(calendar.events[1]!.summary).toBe('Second sign-in check starts: Wave 2: York, Finance & Payroll');
  });
});

async function readEml(built: Built, path: string): Promise<{ subject: string; text: string }> {
  const mail = await simpleParser(await readFile(join(built.out, 'admin/emails', path)));
  return { subject: mail.subject ?? '', text: (mail.text ?? '').replace(/\s+/g, ' ') };
}

describe('staff messages of a plan in waves', () => {
  for (const language of ['en-GB', 'de-DE']) {
    it(`${language}: the announcement to all staff gives the span and each place's day, not wave 1's day as everyone's`, async () => {
      const waves = bySite.playbook.waves!.waves;
      const t = translatorFor(language);
      const { text: body } = await readEml(bySite, `${language.toLowerCase()}/announcement.eml`);
      const first = longDate(waves[0]!.enforcementDate, language);
      const last = longDate(waves[waves.length - 1]!.enforcementDate, language);
      expect(body).toContain(first);
      expect(body).toContain(last);
      for (const wave of waves)
        expect(body).toContain(
          `- ${t.text('messages.announcement.waveDate', { who: wavePlace(wave) ?? t.text('site.waves.rest'), date: longDate(wave.enforcementDate, language) })}`,
        );
      // The one-wave wording ("From <day>, signing in will take one more step") would promise wave 1's day to all.
      expect(body).not.toContain(language === 'en-GB' ? `From ${first}` : `Ab ${first}`);
    });
  }

  it('every message to all or many staff names the last wave too (the completion message only the last)', async () => {
    const waves = bySite.playbook.waves!.waves;
    for (const language of ['en-GB', 'de-DE']) {
      const first = longDate(waves[0]!.enforcementDate, language);
      const last = longDate(waves[waves.length - 1]!.enforcementDate, language);
      for (const id of ['announcement', 'no-smartphone', 'reminder', 'individual-contact', 'manager-escalation']) {
        const { text: body } = await readEml(bySite, `${language.toLowerCase()}/${id}.eml`);
        expect(body, `${language} ${id}`).toContain(first);
        expect(body, `${language} ${id}`).toContain(last);
      }
      const completion = await readEml(bySite, `${language.toLowerCase()}/completion.eml`);
      expect(completion.text).toContain(last);
      expect(completion.text).not.toContain(first);
    }
  });

  for (const language of ['en-GB', 'fr-FR']) {
    it(`${language}: in an "auto" plan the announcement says each person is emailed their day, and lists no wave`, async () => {
      const waves = auto.playbook.waves!.waves;
      const { text: body } = await readEml(auto, `${language.toLowerCase()}/announcement.eml`);
      expect(body).toContain(longDate(waves[0]!.enforcementDate, language));
      expect(body).toContain(longDate(waves[waves.length - 1]!.enforcementDate, language));
      expect(body).toContain(language === 'en-GB' ? 'We will email you on the working day before your date.' : 'Nous vous écrirons le jour ouvré qui précède votre date.');
      expect(body).not.toMatch(/^- /m);
    });
  }

  it("the helpdesk briefing lists every wave's day and the end of its busy days", async () => {
    for (const built of [bySite, auto]) {
      const { playbook } = built;
      const { subject, text: body } = await readEml(built, 'helpdesk-briefing.eml');
      const waves = playbook.waves!.waves;
      expect(subject).toBe(
        `Helpdesk briefing: MFA in ${waves.length} waves, ${formatShortDate(waves[0]!.enforcementDate, playbook.locale)} to ${formatShortDate(waves[waves.length - 1]!.enforcementDate, playbook.locale)}`,
      );
      for (const wave of waves) {
        expect(body).toContain(`${longDate(wave.enforcementDate, playbook.locale)}: Wave ${wave.number}`);
        expect(body).toContain(`busy until ${longDate(wave.watchEndDate, playbook.locale)}`);
      }
    }
  });
});

describe('the other staff and helpdesk pages and documents of a plan in waves', () => {
  it('the "what is changing" page, in English and German, gives the span instead of one day', async () => {
    const waves = bySite.playbook.waves!.waves;
    for (const language of ['en-GB', 'de-DE']) {
      const t = translatorFor(language);
      const body = text(await page(bySite, `staff/${language.toLowerCase()}/what-is-changing/index.html`));
      const span = t
        .text('site.waves.enforcementDay', { first: longDate(waves[0]!.enforcementDate, language), last: longDate(waves[waves.length - 1]!.enforcementDate, language) })
        .replace(/<\/?b>/g, '');
      expect(body.replace(/\s+([),.])/g, '$1')).toContain(span);
    }
  });

  it("the printed staff guide (German) lists each place's day and the first and last wave", async () => {
    const pdf = await readPdf(new Uint8Array(await readFile(join(bySite.out, 'staff/de-de/mfa-guide.pdf'))));
    const flat = pdf.text.replace(/\s+/g, ' ');
    const t = translatorFor('de-DE');
    for (const wave of bySite.playbook.waves!.waves) {
      expect(flat).toContain(t.text('messages.announcement.waveDate', { who: wavePlace(wave) ?? t.text('site.waves.rest'), date: longDate(wave.enforcementDate, 'de-DE') }));
    }
    expect(flat).toContain(t.text('guide.boxes.firstWave'));
    expect(flat).not.toContain(t.text('guide.boxes.required'));
  });

  it("the helpdesk runbook PDF gives every wave's day and the end of its busy days", async () => {
    for (const built of [bySite, auto]) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(built.out, 'helpdesk/runbook.pdf'))));
      const flat = pdf.text.replace(/\s+/g, ' ');
      const { locale } = built.playbook;
      for (const wave of built.playbook.waves!.waves) {
        expect(flat).toContain(`${shortDate(wave.enforcementDate, locale)} (busy until ${shortDate(wave.watchEndDate, locale)}): Wave ${wave.number}`);
      }
    }
  });
});

describe('the helpdesk home of a plan in waves', () => {
  for (const built of [() => bySite, () => auto]) {
    it('lists every wave day and the busy days after it', async () => {
      const { playbook } = built();
      const html = await page(built(), 'helpdesk/index.html');
      const waves = playbook.waves!.waves;
      const rows = [...html.matchAll(/<tr data-wave="(\d+)" data-enforcement="([\d-]+)" data-watch-end="([\d-]+)">([\s\S]*?)<\/tr>/g)];
      expect(rows.map((row) => [Number(row[1]), row[2], row[3]])).toEqual(waves.map((wave) => [wave.number, wave.enforcementDate, wave.watchEndDate]));
      rows.forEach((row, index) => {
        const cells = decodeEntities(row[4]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
        expect(cells).toContain(longDate(waves[index]!.enforcementDate, playbook.locale));
        expect(cells).toContain(formatDateRange(waves[index]!.enforcementDate, waves[index]!.watchEndDate, 'long', playbook.locale));
      });
      expect(html).not.toContain('data-enforcement-date');
    });
  }
});

describe('what staff and the helpdesk never see of the waves', () => {
  it("no wave group's name or object id in any staff or helpdesk file (pages, search index, calendars, guides)", async () => {
    const secrets = [...SITES_GROUPS.flatMap((group) => [group.name, group.objectId]), 'MFA-Wave-'];
    for (const built of [bySite, auto]) {
      for (const site of ['staff', 'helpdesk']) {
        for (const file of await filesUnder(join(built.out, site))) {
          if (file.endsWith('.pdf')) continue;
          const content = readableText(await readFile(file));
          for (const secret of secrets) expect(content.includes(secret), `${relative(built.out, file)} holds ${secret}`).toBe(false);
        }
      }
    }
  });
});

describe('the staff home in a browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await serve(bySite.out);
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    await browser?.close();
  });

  for (const viewport of [{ width: 390, height: 844 }, DESKTOP]) {
    it(`at ${viewport.width} px wide, every wave's row and its calendar link show without sideways scrolling`, async () => {
      const tab = await openPage(browser, viewport);
      try {
        await tab.goto(`${site.origin}/staff/en-gb/index.html`);
        const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        for (const wave of bySite.playbook.waves!.waves) {
          const row = tab.locator(`tr[data-wave="${wave.number}"]`);
          await expect(row.isVisible()).resolves.toBe(true);
          await expect(row.getByRole('link').isVisible()).resolves.toBe(true);
        }
        if (process.env.WAVES_SCREENSHOTS) await tab.screenshot({ path: join(process.env.WAVES_SCREENSHOTS, `staff-home-${viewport.width}.png`), fullPage: true });
      } finally {
        await closePage(tab);
      }
    }, 120_000);
  }
});
