import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config/load.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { EXAMPLE_CONFIG } from '../helpers/example.ts';

type Json = Record<string, any>;

/** The example tenant's file as JSON, to change for one test. */
export function exampleJson(): Json {
  return JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
}

/**
 * A plan of the example tenant starting on Friday 19 February 2027: go/no-go on Wednesday 17 March, enforcement
 * on Thursday 18 March, so the day after enforcement is a Friday.
 */
export const BEFORE_A_FRIDAY = { startDate: '2027-02-19', goNoGo: '2027-03-17', enforcement: '2027-03-18' } as const;

/**
 * A plan starting on Thursday 25 February 2027: go/no-go on Tuesday 23 March, enforcement on Wednesday 24 March,
 * the day before Maundy Thursday — the eve of Good Friday (26 March), then Easter Monday (29 March).
 */
export const BEFORE_EASTER = { startDate: '2027-02-25', goNoGo: '2027-03-23', enforcement: '2027-03-24' } as const;

/** The BEFORE_A_FRIDAY plan revised on its go/no-go day, which failed: enforcement moves to the next valid day. */
export function failedGoNoGo(reason: string): (config: Json) => void {
  return (config) => {
    config.startDate = BEFORE_A_FRIDAY.startDate;
    config.revisions = [{ date: BEFORE_A_FRIDAY.goNoGo, reason, enforcement: 'next-valid-day' }];
  };
}

export function configText(change: (config: Json) => void): string {
  const config = exampleJson();
  change(config);
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function configWith(change: (config: Json) => void, today: string): TenantConfig {
  return parseConfig(configText(change), 'tenant.config.json', { today }).config;
}

export function playbookWith(change: (config: Json) => void, today: string): Playbook {
  return buildPlaybook(configWith(change, today), { today, generatorVersion: '0.0.0-test', warnings: [] });
}

/** The message of the config problems, or a failure when the config is accepted. */
export function refusal(text: string, today: string): string {
  try {
    parseConfig(text, 'tenant.config.json', { today });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}
