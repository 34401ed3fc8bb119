import { z } from 'zod';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

/** The years a plan may be dated in: wide enough for any real rollout, narrow enough that date arithmetic stays sound. */
export const YEAR_BOUNDS = { first: 2000, last: 2100 } as const;

/** A calendar date written YYYY-MM-DD; checked to be a real day (no 2026-02-30) in the years a plan may use. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD' })
  .refine((value) => Number(value.slice(0, 4)) >= YEAR_BOUNDS.first && Number(value.slice(0, 4)) <= YEAR_BOUNDS.last, {
    message: `expected a date in the years ${YEAR_BOUNDS.first} to ${YEAR_BOUNDS.last}`,
    abort: true,
  })
  // Compared in local calendar terms: parseISO gives local midnight, so a UTC rendering would be the day
  // before on any machine east of UTC and every date would be refused there.
  .refine((value) => isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value, {
    message: 'expected a real calendar date',
  });

/** Upper bounds on text, in characters: generous for any real value, small enough that no field can swamp a page or the build. */
export const TEXT_LIMITS = {
  /** Names of people, groups and the organisation, job titles, accounts. */
  name: 200,
  /** Sentences: reasons, plans, opening hours, controls. */
  sentence: 2000,
  /** An email address or user principal name (the limit of the SMTP standard). */
  address: 254,
  /** A web address. */
  url: 2000,
} as const;

export const email = z
  .email({ message: 'expected an email address such as name@example.org' })
  .max(TEXT_LIMITS.address, { message: `expected at most ${TEXT_LIMITS.address} characters` });

/** A web address people are sent to: https only (no javascript:, data:, file: or plain http:). */
export const httpsUrl = z
  .url({ protocol: /^https$/, message: 'expected a web address starting with https:// such as https://intranet.example/it-help' })
  .max(TEXT_LIMITS.url, { message: `expected at most ${TEXT_LIMITS.url} characters` });

/** A user principal name; looks like an email address, compared case-insensitively. */
export const upn = z
  .string()
  .max(TEXT_LIMITS.address, { message: `expected at most ${TEXT_LIMITS.address} characters` })
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'expected a user principal name such as user@contoso.onmicrosoft.com' });

export const percentage = z
  .number({ message: 'expected a percentage between 0 and 100' })
  .min(0, { message: 'expected a percentage between 0 and 100' })
  .max(100, { message: 'expected a percentage between 0 and 100' });

/**
 * Free text shown to people; trimmed, never empty, and at most `max` characters (a name unless said otherwise).
 * `missing`: the message when the key is absent, for a field whose absence needs explaining.
 */
export const text = (what = 'text', max: number = TEXT_LIMITS.name, missing?: string) =>
  z
    .string(missing === undefined ? undefined : { error: (issue) => (issue.input === undefined ? missing : 'expected text') })
    .max(max, { message: `expected at most ${max} characters` })
    .trim()
    .min(1, { message: `expected ${what}, found an empty string` });

/**
 * Names that cannot be file names on Windows (device names, whatever the extension) and names the tool gives its own
 * files: an id is used as a file name, so it may be none of these.
 */
export const RESERVED_FILE_NAMES = ['con', 'prn', 'aux', 'nul', ...Array.from({ length: 10 }, (_, digit) => [`com${digit}`, `lpt${digit}`]).flat()] as const;

/** An id that becomes a file name: lower-case letters, digits and dashes, not reserved, not one of `builtIn`. */
export const fileId = (builtIn: readonly string[]) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, { message: 'expected a short id of lower-case letters, digits and dashes' })
    .refine((value) => !(RESERVED_FILE_NAMES as readonly string[]).includes(value), {
      message: 'this id cannot be a file name on Windows (a reserved device name); choose another',
    })
    .refine((value) => !builtIn.includes(value), { message: `this id names a file of the tool's own (${builtIn.join(', ')}); choose another` });

export const objectId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
  message: 'expected an Entra object id (a GUID such as 3f2c1a9e-0000-4000-8000-000000000000)',
});

export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time written HH:mm (24-hour)' });

export function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export function isBcp47Locale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}
