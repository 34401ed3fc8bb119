import { z } from 'zod';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

/** A calendar date written YYYY-MM-DD; checked to be a real day (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD' })
  // Compared in local calendar terms: parseISO gives local midnight, so a UTC rendering would be the day
  // before on any machine east of UTC and every date would be refused there.
  .refine((value) => isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value, {
    message: 'expected a real calendar date',
  });

export const email = z.email({ message: 'expected an email address such as name@example.org' });

/** A user principal name; looks like an email address, compared case-insensitively. */
export const upn = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'expected a user principal name such as user@contoso.onmicrosoft.com' });

export const percentage = z
  .number({ message: 'expected a percentage between 0 and 100' })
  .min(0, { message: 'expected a percentage between 0 and 100' })
  .max(100, { message: 'expected a percentage between 0 and 100' });

/** Free text shown to people; trimmed and never empty. */
export const text = (what = 'text') => z.string().trim().min(1, { message: `expected ${what}, found an empty string` });

export const objectId = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
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
