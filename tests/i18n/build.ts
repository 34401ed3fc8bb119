import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_TODAY } from '../helpers/example.ts';
import { tempOut } from '../site/helpers.ts';
import { STAFF_LANGUAGES } from '../../src/i18n/languages.ts';

// One build of a tenant that has every launch language as a staff language (each language built once per test
// file), through the real command, into a folder under the repository's ignored .tmp/.

export interface LanguageBuild {
  dir: string;
  out: string;
  config: Record<string, any>;
}

export async function buildEveryLanguage(configPath: string, name: string, change: (config: Record<string, any>) => void = () => undefined): Promise<LanguageBuild> {
  const dir = await tempOut(name);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, any>;
  delete config.$schema;
  config.staffLanguages = [...STAFF_LANGUAGES];
  change(config);
  const file = join(dir, 'tenant.config.json');
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  const out = join(dir, 'out');
  const run = await runCli(['build', '--config', file, '--out', out, '--today', EXAMPLE_TODAY, '--quiet']);
  if (run.code !== 0) throw new Error(`build failed (${run.code}): ${run.stderr}`);
  return { dir, out, config };
}

/** The text blocks of an HTML page's main part: headings, paragraphs, list items, definition terms and data, table cells. */
export function htmlBlocks(html: string): string[] {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html;
  const withoutCode = main.replace(/<(script|style|template|noscript)[\s\S]*?<\/\1>/g, ' ');
  return withoutCode
    .split(/<\/?(?:p|li|h[1-6]|dt|dd|td|th|summary|figcaption|button|label|ol|ul|dl|div|section|article|nav|tr)\b[^>]*>/i)
    .map((block) =>
      decodeEntities(block.replace(/<[^>]+>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((block) => block !== '');
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** The text of an iCalendar file's SUMMARY, DESCRIPTION and X-WR-CAL* lines, unfolded and unescaped. */
export function icsTexts(ics: string): string[] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split(/\r\n/)
    .filter((line) => /^(SUMMARY|DESCRIPTION|X-WR-CALNAME|X-WR-CALDESC)[;:]/.test(line))
    .map((line) =>
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\\n/g, '\n')
        .replace(/\\([,;\\])/g, '$1'),
    );
}
