import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detect } from 'tinyld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../helpers/example.ts';
import { readPdf } from '../pdf/read.ts';
import { removeDir } from '../site/helpers.ts';
import { listFiles } from '../../src/site/build-sites.ts';
import { STAFF_LANGUAGES, isEnglish, languageFolder } from '../../src/i18n/languages.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { buildEveryLanguage, htmlBlocks, icsTexts, type LanguageBuild } from './build.ts';

// A full build with every launch language as a staff language. Every paragraph staff read (the staff site, each
// message in all its forms, the set-up guide PDF, the staff calendar) must be detected as its language by tinyld,
// and no English sentence may remain in a non-English output. Left out before judging: product names (Microsoft
// Authenticator, Microsoft 365, Teams…), addresses, numbers, and the tenant's own values (names, roles, opening
// hours), which the tenant writes in whatever language it likes.

const PRODUCT_WORDS =
  /\b(Microsoft Authenticator|Microsoft 365|Microsoft Corporation|Microsoft|Authenticator|Teams|App Store|Google Play|iPhone|Android|Bluetooth|Intune|Passkey|passkey|PIN|QR|USB|MFA|IT|FIDO2|SMS|JavaScript|PDF|pdf|Windows|aka\.ms\/mysecurityinfo)\b/g;
/** Everyday English words that no sentence of the other launch languages contains. */
const ENGLISH_WORDS = /\b(the|and|your|you|please|with|this|that|which|have|sign-in|set up|when|what|will be)\b/i;

const DETECTABLE = [...new Set(STAFF_LANGUAGES.map((language) => language.slice(0, 2)))];

let build: LanguageBuild;
let undetermined = 0;
let playbook: Playbook;
let tenantValues: string[];

function strip(text: string): string {
  let result = text;
  for (const value of tenantValues) result = result.split(value).join(' ');
  return result
    .replace(/https?:\/\/\S+|\S+@\S+\.\S+|\+?\d[\d\s()./:–-]*\d|\d+/g, ' ')
    .replace(PRODUCT_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length;
}

/** Blocks in the wrong language: detected as another language, or holding everyday English words. */
function wrongLanguage(blocks: string[], language: string): string[] {
  const expected = language.slice(0, 2);
  const problems: string[] = [];
  for (const block of blocks) {
    const text = strip(block);
    if (words(text) === 0) continue;
    if (!isEnglish(language) && ENGLISH_WORDS.test(text)) problems.push(`English words: "${block}"`);
    if (words(text) >= 4) {
      // Judged among the launch languages: a short sentence may otherwise look like a language nobody writes here.
      const detected = detect(text, { only: DETECTABLE });
      // '' is "cannot tell" (no language scores at all), not another language; such blocks are counted.
      if (detected === '') undetermined += 1;
      else if (detected !== expected) problems.push(`detected as "${detected}": "${block}"`);
    }
  }
  return problems;
}

beforeAll(async () => {
  build = await buildEveryLanguage(EXAMPLE_CONFIG, 'i18n-language');
  playbook = JSON.parse(await readFile(join(build.out, 'admin/playbook.json'), 'utf8')) as Playbook;
  const c = build.config;
  tenantValues = [
    c.organisation.name,
    c.organisation.shortName,
    c.helpdesk.hours,
    c.helpdesk.phone,
    c.helpdesk.email,
    ...Object.values(c.people as Record<string, { name: string; role: string; email: string }>).flatMap((person) => [person.name, person.role, person.email]),
  ]
    .filter((value): value is string => typeof value === 'string' && value.length > 0)
    .sort((a, b) => b.length - a.length);
}, 600_000);

afterAll(async () => {
  await removeDir(build.dir);
});

describe.each([...STAFF_LANGUAGES])('everything staff read in %s', (language) => {
  const folder = languageFolder(language);

  it('is a folder of pages marked with the language, with hreflang links to every other language', async () => {
    const files = (await listFiles(join(build.out, 'staff', folder))).filter((file) => file.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const html = await readFile(join(build.out, 'staff', folder, file), 'utf8');
      expect(html, file).toContain(`<html lang="${language}"`);
      for (const other of STAFF_LANGUAGES) expect(html, `${file} → ${other}`).toMatch(new RegExp(`<link rel="alternate" hreflang="${other}" href="[^"]+"`));
    }
  });

  it('the staff site: every paragraph in the language', async () => {
    const files = (await listFiles(join(build.out, 'staff', folder))).filter((file) => file.endsWith('.html'));
    const problems: string[] = [];
    for (const file of files) {
      const blocks = htmlBlocks(await readFile(join(build.out, 'staff', folder, file), 'utf8'));
      expect(blocks.length, file).toBeGreaterThan(3);
      for (const problem of wrongLanguage(blocks, language)) problems.push(`${file}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('every staff message (subject, email text and HTML, Teams post, banner) in the language, with its email draft', async () => {
    const problems: string[] = [];
    const translated = playbook.communications.filter((message) => message.languages);
    expect(translated.map((message) => message.id).sort()).toEqual([
      'announcement',
      'completion',
      'enforcement-tomorrow',
      'individual-contact',
      'manager-escalation',
      'no-smartphone',
      'reminder',
    ]);
    for (const message of translated) {
      const version = message.languages!.find((entry) => entry.language === language)!;
      const parts = [version.title, version.subject, ...version.text.split(/\n+/), ...htmlBlocks(`<main>${version.html}</main>`), ...version.teams.split(/\n+/), version.banner];
      for (const problem of wrongLanguage(parts, language)) problems.push(`${message.id}: ${problem}`);
      const draft = await readFile(join(build.out, 'admin/emails', folder, `${message.id}.eml`), 'utf8');
      expect(draft).toContain(`<html lang=3D"${language}">`.replace('=3D', draft.includes('lang=3D') ? '=3D' : '='));
    }
    expect(problems).toEqual([]);
  });

  it('the set-up guide PDF: every line in the language', async () => {
    const pdf = await readPdf(new Uint8Array(await readFile(join(build.out, 'staff', folder, 'mfa-guide.pdf'))));
    expect(pdf.pageCount).toBe(1);
    const lines = pdf.text
      .split(/\n|(?<=[.!?])\s+/)
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(wrongLanguage(lines, language)).toEqual([]);
  });

  it.skipIf(isEnglish(language))('the helpdesk site: what to say to a caller, for every symptom, in the language', async () => {
    const pages = (await listFiles(join(build.out, 'helpdesk/symptoms'))).filter((file) => file.endsWith('index.html'));
    expect(pages.length).toBe(9);
    const scripts: string[] = [];
    for (const page of pages) {
      const html = await readFile(join(build.out, 'helpdesk/symptoms', page), 'utf8');
      const found = new RegExp(`<p lang="${language}" data-caller-script="${language}">([^<]+)</p>`).exec(html);
      expect(found, page).not.toBeNull();
      scripts.push(found![1]!);
    }
    expect(wrongLanguage(scripts, language)).toEqual([]);
  });

  it('the staff calendar: every event in the language', async () => {
    const ics = await readFile(join(build.out, 'staff', folder, 'calendar.ics'), 'utf8');
    const texts = icsTexts(ics).flatMap((text) => text.split(/\n+/));
    expect(texts.length).toBeGreaterThanOrEqual(6);
    expect(wrongLanguage(texts, language)).toEqual([]);
  });
});

describe('the staff site with several languages', () => {
  it('leaves few blocks the detector cannot place', () => {
    // Checked after the per-language tests above; a handful of short headings are expected.
    expect(undetermined).toBeLessThan(20);
  });

  it('opens on a chooser naming each language in its own words, linked with hreflang', async () => {
    const html = await readFile(join(build.out, 'staff/index.html'), 'utf8');
    for (const [language, name] of [
      ['de-DE', 'Deutsch'],
      ['pl-PL', 'Polski'],
      ['fr-FR', 'Français'],
      ['nl-NL', 'Nederlands'],
      ['es-ES', 'Español'],
    ] as const) {
      expect(html).toContain(`hreflang="${language}" lang="${language}"`);
      expect(html).toContain(`>${name}</a>`);
    }
  });

  it('keeps one search index per language folder', async () => {
    for (const language of STAFF_LANGUAGES) {
      const files = await listFiles(join(build.out, 'staff', languageFolder(language)));
      expect(
        files.some((file) => file.startsWith('pagefind/')),
        language,
      ).toBe(true);
      expect(files, language).toContain('search/documents.js');
    }
  });
});
