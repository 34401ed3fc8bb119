// The staff languages: every language the product has texts for. Each has one folder of texts,
// src/i18n/locales/<tag>/ (message catalogs and the staff guidance pages). Adding a language is that
// folder plus its tag in this list; the completeness and language tests pick it up from here.
//
// This module is deliberately light (no file reading, no libraries): the config schema imports it.

export const STAFF_LANGUAGES = ['en-GB', 'en-US', 'de-DE', 'fr-FR', 'es-ES', 'nl-NL', 'pl-PL'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

/** The language of a tenant whose locale has no texts, and of the admin and helpdesk procedures. */
export const FALLBACK_LANGUAGE: StaffLanguage = 'en-GB';

/** The staff messages of several languages go out as separate messages, or as one message holding every language. */
export const STAFF_MESSAGE_MODES = ['per-language', 'bilingual'] as const;
export type StaffMessageMode = (typeof STAFF_MESSAGE_MODES)[number];

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The language with texts for this tag (compared in canonical form, so "de-de" finds "de-DE"), or null. */
export function staffLanguageFor(tag: string): StaffLanguage | null {
  const wanted = canonical(tag);
  return STAFF_LANGUAGES.find((language) => language === wanted) ?? null;
}

/** The staff languages when the config names none: the tenant's locale if it has texts, else British English. */
export function defaultStaffLanguages(locale: string): StaffLanguage[] {
  return [staffLanguageFor(locale) ?? FALLBACK_LANGUAGE];
}

/** The folder a language's pages and files go to when a tenant has several: "de-de", "en-gb". */
export function languageFolder(language: string): string {
  return language.toLowerCase();
}

/** English (either spelling) or not: English outputs may hold English words, the others only product names. */
export function isEnglish(language: string): boolean {
  return /^en(-|$)/i.test(language);
}

/** A tenant's staff languages: the ones its config names, or the default for its locale. */
export function staffLanguagesOf(config: { staffLanguages?: readonly string[] | undefined; locale: string }): string[] {
  return config.staffLanguages && config.staffLanguages.length > 0 ? [...config.staffLanguages] : defaultStaffLanguages(config.locale);
}

/** Where a staff file goes: as always with one staff language ("staff/mfa-guide.pdf"), in the language's folder with several ("staff/de-de/mfa-guide.pdf"). */
export function staffFilePath(languages: readonly string[], language: string, file: string): string {
  return languages.length > 1 ? `staff/${languageFolder(language)}/${file}` : `staff/${file}`;
}
