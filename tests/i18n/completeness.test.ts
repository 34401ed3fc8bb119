import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, readCatalog } from '../../src/i18n/catalog.ts';
import { FALLBACK_LANGUAGE, STAFF_LANGUAGES } from '../../src/i18n/languages.ts';
import { partsOf } from '../../src/i18n/translate.ts';
import { templateSources } from '../../src/templates/load.ts';

// Every language has every text, with the same placeholders and tags as the reference (British English), so no
// build can meet a missing text or a placeholder one language forgot. A language is picked up from the list in
// src/i18n/languages.ts; its folder is src/i18n/locales/<tag>/.

const reference = readCatalog(FALLBACK_LANGUAGE);

describe('message catalogs', () => {
  it('have exactly one folder per listed language', () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...STAFF_LANGUAGES].sort());
  });

  for (const language of STAFF_LANGUAGES) {
    describe(language, () => {
      const catalog = readCatalog(language);

      it('has every key of the reference and no other', () => {
        expect(Object.keys(catalog).sort()).toEqual(Object.keys(reference).sort());
      });

      it('uses the same placeholders and tags in every message, and every message parses', () => {
        const differences: string[] = [];
        for (const [key, source] of Object.entries(reference)) {
          const theirs = catalog[key];
          if (theirs === undefined) continue;
          const expected = partsOf(source, FALLBACK_LANGUAGE);
          const found = partsOf(theirs, language);
          if (JSON.stringify(found) !== JSON.stringify(expected)) differences.push(`${key}: ${JSON.stringify(found)} instead of ${JSON.stringify(expected)}`);
        }
        expect(differences).toEqual([]);
      });

      it('leaves no message empty', () => {
        expect(
          Object.entries(catalog)
            .filter(([, value]) => value.trim() === '')
            .map(([key]) => key),
        ).toEqual([]);
      });
    });
  }

  it('hold every text the message layouts ask for', () => {
    const asked = new Set<string>();
    for (const source of templateSources.values()) for (const match of source.matchAll(/\{\{t "([^"]+)"\}\}/g)) asked.add(`messages.${match[1]}`);
    expect(asked.size).toBeGreaterThan(50);
    expect([...asked].filter((key) => !(key in reference))).toEqual([]);
  });
});
