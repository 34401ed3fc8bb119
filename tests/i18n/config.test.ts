import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { STAFF_LANGUAGES } from '../../src/i18n/languages.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';

// The staffLanguages and staffMessages keys of the tenant file: validated against the languages that have
// texts, and defaulting to the tenant's locale when that has texts.

type Json = Record<string, any>;
const example = (): Json => JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
const source = (change: (config: Json) => void) => {
  const config = example();
  change(config);
  return `${JSON.stringify(config, null, 2)}\n`;
};
const refusal = (text: string) => {
  try {
    parseConfig(text, 'tenant.config.json', { today: EXAMPLE_TODAY });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
};
const playbookOf = (text: string) =>
  buildPlaybook(parseConfig(text, 'tenant.config.json', { today: EXAMPLE_TODAY }).config, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test' });

describe('staffLanguages in the tenant file', () => {
  it('refuses a language without texts and lists the available ones', () => {
    const text = source((c) => {
      c.staffLanguages = ['en-GB', 'xx-XX'];
    });
    const message = refusal(text);
    expect(message).toContain('staffLanguages[1]');
    for (const language of STAFF_LANGUAGES) expect(message).toContain(language);
    // The line is where "xx-XX" stands in the file, wherever the example's growth puts it.
    const line = text.split('\n').findIndex((row) => row.includes('"xx-XX"')) + 1;
    expect(message.replace(STAFF_LANGUAGES.join(', '), '<the list>').replace(`:${line}:`, ':<line of "xx-XX">:')).toMatchInlineSnapshot(
      `"error: tenant.config.json:<line of "xx-XX">:5 staffLanguages[1]: expected a language with texts: <the list>, found "xx-XX""`,
    );
  });

  it('refuses an empty list and a language listed twice', () => {
    expect(
      refusal(
        source((c) => {
          c.staffLanguages = [];
        }),
      ),
    ).toMatch(/staffLanguages: expected at least one language/);
    expect(
      refusal(
        source((c) => {
          c.staffLanguages = ['en-GB', 'en-GB'];
        }),
      ),
    ).toMatch(/staffLanguages\[1\]: "en-GB" is listed twice/);
  });

  it('refuses a staffMessages mode it does not know', () => {
    expect(
      refusal(
        source((c) => {
          c.staffMessages = 'both';
        }),
      ),
    ).toMatch(/staffMessages: expected per-language or bilingual/);
  });

  it('defaults to the tenant locale when it has texts, else to en-GB', () => {
    expect(playbookOf(source(() => undefined)).staffLanguages).toEqual(['en-GB']);
    expect(
      playbookOf(
        source((c) => {
          c.locale = 'de-DE';
        }),
      ).staffLanguages,
    ).toEqual((STAFF_LANGUAGES as readonly string[]).includes('de-DE') ? ['de-DE'] : ['en-GB']);
    expect(
      playbookOf(
        source((c) => {
          c.locale = 'pt-BR';
        }),
      ).staffLanguages,
    ).toEqual(['en-GB']);
    expect(playbookOf(source(() => undefined)).staffMessages).toBe('per-language');
  });

  it('keeps the order given: the first language is the default', () => {
    const languages = [...STAFF_LANGUAGES].reverse();
    expect(
      playbookOf(
        source((c) => {
          c.staffLanguages = languages;
        }),
      ).staffLanguages,
    ).toEqual(languages);
  });
});
