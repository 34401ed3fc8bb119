import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TODAY, HOSTILE_CONFIG, readConfig, EXAMPLE_CONFIG } from '../helpers/example.ts';
import { readingCounts, readingEase } from '../content/helpers/readability.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { LOCALES_DIR, readCatalog } from '../../src/i18n/catalog.ts';
import { STAFF_LANGUAGES, isEnglish } from '../../src/i18n/languages.ts';

// Readability of everything staff read, per language. English has a maintained formula package (`flesch`, with
// `syllable` for English syllables): Flesch reading ease ≥ 60. For German (Amstad), French (Kandel-Moles),
// Spanish (Fernández-Huerta), Dutch (Douma) and Polish (Pisarek) no maintained package exists on the registry
// (and `syllable` counts English syllables only), so those texts are held to an average sentence length of at
// most 18 words, counted with the same sentence and word rules as the English measure.

const MAX_AVERAGE_SENTENCE = 18;

const playbooks = [EXAMPLE_CONFIG, HOSTILE_CONFIG].map((path) =>
  buildPlaybook({ ...readConfig(path), staffLanguages: [...STAFF_LANGUAGES] }, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test' }),
);

/** The guidance pages of a language as plain text: front matter and markup left out, one line per paragraph or item. */
function guidanceText(language: string): { page: string; text: string }[] {
  const folder = language === 'en-GB' ? join(LOCALES_DIR, '../../content/guidance/staff') : join(LOCALES_DIR, language, 'guidance');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const source = readFileSync(join(folder, name), 'utf8').replace(/^---[\s\S]*?---/, '');
      const text = source
        .replace(/<[A-Z][^>]*\/>/g, '')
        .replace(/<\/?li[^>]*>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
        .replace(/^#+\s*/gm, '')
        .replace(/\*\*/g, '')
        .replace(/^- /gm, '')
        .replace(/\n(?=[a-zà-ÿąćęłńóśźż])/g, ' ');
      return { page: name, text };
    });
}

function averageSentence(text: string): number {
  const counts = readingCounts(text);
  return counts.word / counts.sentence;
}

describe.each([...STAFF_LANGUAGES])('readability in %s', (language) => {
  const english = isEnglish(language);
  const guide = readCatalog(language);

  it(english ? 'staff messages read at Flesch ≥ 60' : `staff messages average at most ${MAX_AVERAGE_SENTENCE} words a sentence`, () => {
    for (const playbook of playbooks) {
      for (const message of playbook.communications.filter((entry) => entry.languages && entry.staffVisible)) {
        const version = message.languages!.find((entry) => entry.language === language)!;
        expect(readingCounts(version.text).word, message.id).toBeGreaterThan(50);
        if (english) expect(readingEase(version.text), message.id).toBeGreaterThanOrEqual(60);
        else expect(averageSentence(version.text), message.id).toBeLessThanOrEqual(MAX_AVERAGE_SENTENCE);
      }
    }
  });

  it(
    english ? 'the guidance pages and the set-up guide read at Flesch ≥ 60' : `the guidance pages and the set-up guide average at most ${MAX_AVERAGE_SENTENCE} words a sentence`,
    () => {
      const guideText = Object.entries(guide)
        .filter(([key]) => key.startsWith('guide.') && !/\.(subject|author|label|footer|page)$/.test(key))
        .map(([, value]) => value.replace(/<\/?b>/g, '').replace(/\{[^}]+\}/g, 'x'))
        .join('\n');
      for (const { page, text } of [...guidanceText(language), { page: 'set-up guide PDF', text: guideText }]) {
        if (english) expect(readingEase(text), page).toBeGreaterThanOrEqual(60);
        else expect(averageSentence(text), page).toBeLessThanOrEqual(MAX_AVERAGE_SENTENCE);
      }
    },
  );
});
