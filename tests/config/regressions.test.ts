import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';

describe('regressions', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  // Dates were checked by comparing local midnight rendered in UTC with the text: on a machine east of UTC
  // that is the previous day, so every date in every config was refused.
  for (const zone of ['Europe/Berlin', 'Pacific/Auckland', 'America/Los_Angeles', 'UTC']) {
    it(`config dates are accepted on a machine in ${zone}`, () => {
      process.env.TZ = zone;
      const { config } = parseConfig(readFileSync(EXAMPLE_CONFIG, 'utf8'), 'tenant.config.json', { today: EXAMPLE_TODAY });
      expect(config.startDate).toBe('2027-01-11');
      expect(() => parseConfig(readFileSync(EXAMPLE_CONFIG, 'utf8').replace('2027-01-11', '2027-02-29'), 'tenant.config.json', { today: EXAMPLE_TODAY })).toThrow(
        /startDate: expected a real calendar date, found "2027-02-29"/,
      );
    });
  }
});
