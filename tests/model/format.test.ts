import { describe, expect, it } from 'vitest';
import { createFormatter, formatDate, formatDateRange, formatMoment, formatPercent, formatTime } from '../../src/shared/format.ts';

// The one formatting module: each named style has one spelling per locale, and a calendar date never moves a day.

describe('named date styles', () => {
  it('spells each style one way in English', () => {
    const styles = ['long', 'short', 'dayMonth', 'dayMonthLong', 'dayMonthYear', 'monthYear', 'weekday', 'iso'] as const;
    expect(styles.map((style) => formatDate('2027-02-08', style, 'en-GB'))).toEqual([
      'Monday, 8 February 2027',
      'Mon, 8 Feb 2027',
      '8 Feb',
      '8 February',
      '8 February 2027',
      'February 2027',
      'Monday',
      '2027-02-08',
    ]);
    expect(formatDate('2027-02-08', 'long', 'en-US')).toBe('Monday, February 8, 2027');
  });

  it('writes the staff languages in their own words', () => {
    const long = (locale: string) => formatDate('2027-02-08', 'long', locale);
    expect(['de-DE', 'fr-FR', 'es-ES', 'nl-NL', 'pl-PL'].map(long)).toEqual([
      'Montag, 8. Februar 2027',
      'lundi 8 février 2027',
      'lunes, 8 de febrero de 2027',
      'maandag 8 februari 2027',
      'poniedziałek, 8 lutego 2027',
    ]);
    expect(formatTime('08:00', 'en-US')).toBe('8:00 AM');
    expect(formatTime('08:00', 'de-DE')).toBe('08:00');
    expect(formatPercent(88, 'en-GB')).toBe('88%');
    expect(formatPercent(88, 'de-DE')).toBe('88\u00a0%');
  });

  it('never moves a calendar date by the machine or tenant time zone', () => {
    const format = createFormatter({ locale: 'en-GB', timeZone: 'Pacific/Kiritimati' });
    expect(format.date('2027-03-28', 'long')).toBe('Sunday, 28 March 2027');
    expect(format.moment('2027-02-08T23:30:00.000Z')).toBe('9 Feb, 13:30');
    expect(formatMoment('2027-02-08T08:14:00.000Z', 'en-GB', 'Europe/London')).toBe('8 Feb, 08:14');
  });

  it('writes both ends of a range in full, so each reads as it does alone', () => {
    expect(formatDateRange('2027-02-08', '2027-02-09', 'short', 'en-GB')).toBe('Mon, 8 Feb 2027 – Tue, 9 Feb 2027');
    expect(formatDateRange('2027-02-08', '2027-02-08', 'short', 'en-GB')).toBe('Mon, 8 Feb 2027');
  });

  it('refuses a date or time that is not written as the model writes them', () => {
    expect(() => formatDate('8/2/2027', 'long', 'en-GB')).toThrowErrorMatchingInlineSnapshot(`[Error: Expected a date written YYYY-MM-DD, got "8/2/2027"]`);
    expect(() => formatTime('8am', 'en-GB')).toThrowErrorMatchingInlineSnapshot(`[Error: Expected a time written HH:mm, got "8am"]`);
  });
});
