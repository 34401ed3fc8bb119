import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { STAFF_LANGUAGES, type StaffLanguage } from './languages.ts';
import { Translator, type Catalog } from './translate.ts';

// Reads a language's message catalogs once, the first time they are needed: configuration loading,
// like src/templates/load.ts, so the generators that use the texts stay pure. A language's folder holds one
// JSON file per area (messages.json: the staff messages; site.json: the staff site; guide.json: the set-up
// guide PDF; calendar.json; callers.json: what the helpdesk says to callers); nested keys are joined with dots
// and prefixed with the file name: "messages.announcement.subject".

export const LOCALES_DIR = fileURLToPath(new URL('./locales/', import.meta.url));

function flatten(prefix: string, value: unknown, into: Record<string, string>, file: string): void {
  if (typeof value === 'string') {
    into[prefix] = value;
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: "${prefix}" must be a text or an object of texts`);
  for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, into, file);
}

/** One language's catalog from its folder: every *.json file in it. */
export function readCatalog(language: string, dir = LOCALES_DIR): Catalog {
  const folder = join(dir, language);
  const catalog: Record<string, string> = {};
  for (const name of readdirSync(folder)
    .filter((entry) => entry.endsWith('.json'))
    .sort()) {
    const file = join(folder, name);
    flatten(name.replace(/\.json$/, ''), JSON.parse(readFileSync(file, 'utf8')) as unknown, catalog, file);
  }
  return catalog;
}

const catalogs = new Map<StaffLanguage, Catalog>();
const translators = new Map<string, Translator>();

/** The catalog of a staff language, read on first use (throws for a language without texts). */
export function catalogOf(language: string): Catalog {
  if (!(STAFF_LANGUAGES as readonly string[]).includes(language)) throw new Error(`No texts for the language "${language}"; available: ${STAFF_LANGUAGES.join(', ')}`);
  let catalog = catalogs.get(language as StaffLanguage);
  if (!catalog) {
    catalog = readCatalog(language);
    catalogs.set(language as StaffLanguage, catalog);
  }
  return catalog;
}

/** The translator of a staff language; one per language and process. */
export function translatorFor(language: string): Translator {
  let translator = translators.get(language);
  if (!translator) {
    translator = new Translator(language, catalogOf(language));
    translators.set(language, translator);
  }
  return translator;
}

/** Only the keys of one area (file), e.g. "site": what the staff site pages need, handed to them as data. */
export function catalogArea(language: string, area: string): Catalog {
  return Object.fromEntries(Object.entries(catalogOf(language)).filter(([key]) => key.startsWith(`${area}.`)));
}
