import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARIES, EXAMPLE_TODAY, HOSTILE_CONFIG, readConfig } from '../helpers/example.ts';
import { readPdf, rawContent } from '../pdf/read.ts';
import { readableText, removeDir } from '../site/helpers.ts';
import { listFiles } from '../../src/site/build-sites.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { STAFF_LANGUAGES, languageFolder } from '../../src/i18n/languages.ts';
import { buildEveryLanguage, type LanguageBuild } from './build.ts';

// The confidentiality and escaping checks, for every staff language: the hostile tenant (canary values in every
// confidential field, markup and template syntax in every text field) with all launch languages as staff languages.

async function everythingReadable(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (file.endsWith('.pdf')) return `${(await readPdf(new Uint8Array(bytes))).text}\n${rawContent(new Uint8Array(bytes))}`;
  return readableText(bytes);
}

let build: LanguageBuild;
let files: string[];

beforeAll(async () => {
  build = await buildEveryLanguage(HOSTILE_CONFIG, 'i18n-confidentiality');
  files = await listFiles(build.out);
}, 600_000);

afterAll(async () => {
  await removeDir(build.dir);
});

describe.each([...STAFF_LANGUAGES])('the staff outputs in %s', (language) => {
  const folder = languageFolder(language);

  it('hold no break-glass name, exception, exemption record or pilot member', async () => {
    const own = files.filter((file) => file.startsWith(`staff/${folder}/`));
    expect(own.some((file) => file.endsWith('mfa-guide.pdf'))).toBe(true);
    expect(own.some((file) => file.endsWith('calendar.ics'))).toBe(true);
    expect(own.filter((file) => file.endsWith('.html')).length).toBeGreaterThanOrEqual(6);
    const leaks: string[] = [];
    for (const file of own) {
      const text = await everythingReadable(join(build.out, file));
      for (const canary of CANARIES) if (text.includes(canary)) leaks.push(`${file}: ${canary}`);
    }
    expect(leaks).toEqual([]);
  });

  it('show the hostile organisation name as text, never as markup', async () => {
    const pages = files.filter((file) => file.startsWith(`staff/${folder}/`) && file.endsWith('.html'));
    for (const file of pages) {
      const html = await readFile(join(build.out, file), 'utf8');
      expect(html, file).not.toContain('<script>alert');
      expect(html, file).not.toContain('<img src=x onerror');
    }
    const home = await readFile(join(build.out, `staff/${folder}/index.html`), 'utf8');
    expect(home).toContain('&lt;script&gt;alert');
  });
});

describe('the helpdesk site beside several staff languages', () => {
  it('holds no canary either', async () => {
    const leaks: string[] = [];
    for (const file of files.filter((entry) => entry.startsWith('helpdesk/'))) {
      const text = await everythingReadable(join(build.out, file));
      for (const canary of CANARIES) if (text.includes(canary)) leaks.push(`${file}: ${canary}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('hostile values in every language of every staff message', () => {
  const config = { ...readConfig(HOSTILE_CONFIG), staffLanguages: [...STAFF_LANGUAGES] };
  const playbook = buildPlaybook(config, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test' });
  const org = config.organisation.name;
  const escapedOrg = 'Zürich Ærø Łódź Ğüneş &lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; &quot;Sons&quot; {{x}} &#x27;Ltd&#x27;';

  it.each([...STAFF_LANGUAGES])('%s: raw in text, subject and Teams post; escaped in HTML; "{{x}}" literal', (language) => {
    const translated = playbook.communications.filter((message) => message.languages);
    expect(translated.length).toBe(7);
    for (const message of translated) {
      const version = message.languages!.find((entry) => entry.language === language)!;
      expect(version.text, message.id).toContain(org);
      expect(version.html, message.id).toContain(escapedOrg);
      expect(version.html, message.id).not.toContain('<script>');
      expect(version.html, message.id).not.toMatch(/<img|onerror=/);
      expect(version.text, message.id).toContain('{{x}}');
    }
    const announcement = translated.find((message) => message.id === 'announcement')!.languages!.find((entry) => entry.language === language)!;
    expect(announcement.text).toContain('مريم الحسيني');
    expect(announcement.html).toContain('{{hours}}');
  });

  it('bilingual messages hold every language, each marked with its lang, still escaped', () => {
    const bilingual = buildPlaybook({ ...config, staffLanguages: ['de-DE', 'en-GB'], staffMessages: 'bilingual' }, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test' });
    const announcement = bilingual.communications.find((message) => message.id === 'announcement')!;
    expect(announcement.html).toContain('<div lang="de-DE">');
    expect(announcement.html).toContain('<div lang="en-GB">');
    expect(announcement.html).not.toContain('<script>');
    expect(announcement.subject).toContain(' / ');
    expect(announcement.text).toContain('Guten Tag,');
    expect(announcement.text).toContain('Hello,');
    expect(announcement.text.indexOf('Guten Tag,')).toBeLessThan(announcement.text.indexOf('Hello,'));
  });
});
