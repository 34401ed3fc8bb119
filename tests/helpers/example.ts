import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXAMPLE_CONFIG = `${ROOT}tenant.config.json`;
export const HOSTILE_CONFIG = `${ROOT}tests/fixtures/configs/hostile.config.json`;

/** A plan date a few days before the example tenant's start, so nothing is "in the past". */
export const EXAMPLE_TODAY = '2027-01-04';

/** Values of the hostile tenant that must never appear in staff or helpdesk outputs. */
export const CANARIES = [
  'canary-bg-alpha-7f3a',
  'canary-bg-bravo-7f3a',
  'CANARY-BG-GROUP-91c2',
  'canary-exception-55d1',
  'Canary Exception Owner 4e9b',
  'Canary Exemptee 3b7e',
  'canary-pilot-member-2e44',
];

export function readConfig(path: string, today = EXAMPLE_TODAY): TenantConfig {
  return parseConfig(readFileSync(path, 'utf8'), path, { today }).config;
}

export function playbookFor(path: string, today = EXAMPLE_TODAY): Playbook {
  const { config, warnings } = parseConfig(readFileSync(path, 'utf8'), path, { today });
  return buildPlaybook(config, {
    today,
    generatorVersion: '0.0.0-test',
    warnings: warnings.map((warning) => ({ path: warning.path, message: warning.message })),
  });
}

export function examplePlaybook(today = EXAMPLE_TODAY): Playbook {
  return playbookFor(EXAMPLE_CONFIG, today);
}

export function hostilePlaybook(today = EXAMPLE_TODAY): Playbook {
  return playbookFor(HOSTILE_CONFIG, today);
}
