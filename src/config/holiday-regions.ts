import Holidays from 'date-holidays';
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';

/**
 * Countries and regions known to the public-holiday data. An unknown code would silently give a calendar with no
 * public holidays, and enforcement could land on a bank holiday: such codes are refused with a suggestion.
 */
const data = new Holidays();
const COUNTRIES: Readonly<Record<string, string>> = data.getCountries('en');

/** Codes people write that are not ISO 3166 codes, with the code they mean. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

function countrySuggestion(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  if (COUNTRY_ALIASES[upper]) return COUNTRY_ALIASES[upper];
  if (COUNTRIES[upper]) return upper;
  const byName = Object.entries(COUNTRIES).find(([, name]) => name.toLowerCase() === value.trim().toLowerCase());
  return byName?.[0];
}

export const holidayCountry = z.string().superRefine((value, ctx) => {
  if (COUNTRIES[value]) return;
  const suggestion = countrySuggestion(value);
  ctx.addIssue({
    code: 'custom',
    input: value,
    message: suggestion
      ? `found "${value}", which is not a country code; did you mean "${suggestion}" (${COUNTRIES[suggestion]})?`
      : `found "${value}", which is not a country code with public-holiday data; expected a two-letter ISO code such as GB, IE or US`,
  });
});

/** Why `region` is not a region of `country` (with the closest region code), or undefined when it is. */
export function holidayRegionProblem(country: string, region: string | undefined): string | undefined {
  if (region === undefined || !COUNTRIES[country]) return undefined;
  const regions: Record<string, string> = data.getStates(country, 'en') ?? {};
  const codes = Object.keys(regions);
  if (codes.includes(region)) return undefined;
  if (codes.length === 0) return `found "${region}", but ${COUNTRIES[country]} (${country}) has no regions in the public-holiday data; remove holidays.region`;
  const sameLetters = codes.find((code) => code.toLowerCase() === region.toLowerCase());
  const near = sameLetters ?? closest(region.toUpperCase(), codes);
  const listed = codes.length <= 12 ? `; regions of ${country}: ${codes.join(', ')}` : '';
  const hint = sameLetters || distance(region.toUpperCase(), near) <= 1 ? `; did you mean "${near}" (${regions[near]})?` : listed;
  return `found "${region}", which is not a region of ${COUNTRIES[country]} (${country})${hint}`;
}
