import { detect } from 'tinyld';
import { describe, expect, it } from 'vitest';
import { catalogOf, translatorFor } from '../../src/i18n/catalog.ts';
import { STAFF_LANGUAGES, isEnglish } from '../../src/i18n/languages.ts';
import { longDate, shortDate } from '../../src/shared/format.ts';

// The texts staff read about waves (site, calendar, messages, printed guide), in every staff language: each one,
// filled in as the outputs fill it (both ways of learning one's day), reads as its language and holds no English
// sentence. The whole-build language test covers a plan without waves; these texts only appear in plans in waves.

/** Texts about waves: keys naming a wave, and the staff home's section on finding one's own day. */
const WAVE_KEY = /wave|\.(yourDate|byPlace|byEmail|whoColumn|startsColumn|calendarColumn|addToCalendar)$/i;
const PRODUCT_WORDS = /\b(Microsoft Authenticator|Microsoft|Authenticator|MFA|IT)\b/g;
const ENGLISH_WORDS = /\b(the|and|your|you|please|with|this|that|which|have|sign-in|set up|when|what|will be|wave)\b/i;
const DETECTABLE = [...new Set(STAFF_LANGUAGES.map((language) => language.slice(0, 2)))];

function values(language: string, findYourDate: 'place' | 'email') {
  const long = (date: string) => longDate(date, language);
  const short = (date: string) => shortDate(date, language);
  return {
    org: 'Northgate',
    shortName: 'Northgate',
    first: long('2027-02-08'),
    last: long('2027-02-16'),
    firstEnforcement: long('2027-02-08'),
    lastEnforcement: long('2027-02-16'),
    firstEnforcementShort: short('2027-02-08'),
    lastEnforcementShort: short('2027-02-16'),
    previousEnforcement: long('2027-02-01'),
    previousEnforcementShort: short('2027-02-01'),
    previousEnforcementDate: long('2027-02-01'),
    deadline: long('2027-01-25'),
    deadlineShort: short('2027-01-25'),
    date: long('2027-02-08'),
    time: '08:00',
    enforcementTime: '08:00',
    label: '14',
    relative: '3',
    number: 2,
    place: 'Leeds',
    who: 'Leeds',
    wave: 'Leeds',
    siteName: 'Northgate',
    methodName: 'Microsoft Authenticator',
    securityInfoUrl: 'https://aka.ms/mysecurityinfo',
    phone: '+44 20 7946 0321',
    itLeadName: 'Priya',
    itLeadEmail: 'priya@example.org',
    findYourDate,
  };
}

/** The catalog's own words: markup, the filled-in values (dates come from the formatter, names from the tenant) and product names left out. */
function plain(text: string, filled: Record<string, string | number>): string {
  let result = text.replace(/<[^>]+>/g, ' ');
  for (const value of Object.values(filled)
    .map(String)
    .sort((a, b) => b.length - a.length))
    result = result.split(value).join(' ');
  return result
    .replace(/https?:\/\/\S+|\S+@\S+\.\S+|\+?\d[\d\s()./:–-]*\d|\d+/g, ' ')
    .replace(/Northgate|Leeds|Priya/g, ' ')
    .replace(PRODUCT_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (text: string) => text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length;

describe.each(STAFF_LANGUAGES.filter((language) => !isEnglish(language)))('the wave texts in %s', (language) => {
  const keys = Object.keys(catalogOf(language)).filter((key) => WAVE_KEY.test(key));

  it('are all there, as many as in English', () => {
    expect(keys.sort()).toEqual(
      Object.keys(catalogOf('en-GB'))
        .filter((key) => WAVE_KEY.test(key))
        .sort(),
    );
    expect(keys.length).toBeGreaterThan(40);
  });

  it('read as the language, with no English sentence left', () => {
    const t = translatorFor(language);
    const problems: string[] = [];
    for (const key of keys) {
      for (const findYourDate of ['place', 'email'] as const) {
        const filled = values(language, findYourDate);
        const text = plain(t.text(key, filled), filled);
        if (words(text) === 0) continue;
        if (ENGLISH_WORDS.test(text)) problems.push(`${key}: English words in "${text}"`);
        if (words(text) >= 4) {
          const detected = detect(text, { only: DETECTABLE });
          if (detected !== '' && detected !== language.slice(0, 2)) problems.push(`${key}: detected as "${detected}": "${text}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
