import { tenantConfigSchema, type TenantConfig, type TenantConfigInput } from '../../src/config/schema.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { readConfig, EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';

/** The example tenant grown to `userCount` users, off security defaults (waves need it), with the given waves. */
export function largeTenant(userCount: number, waves: TenantConfigInput['waves'], patch: Partial<TenantConfigInput> = {}): TenantConfig {
  const example = readConfig(EXAMPLE_CONFIG);
  return tenantConfigSchema.parse({
    ...example,
    organisation: { ...example.organisation, userCount },
    current: { securityDefaults: false, perUserMfa: false, registrationRate: 87 },
    waves,
    ...patch,
  });
}

export function playbookOf(config: TenantConfig, today = EXAMPLE_TODAY): Playbook {
  return buildPlaybook(config, { today, generatorVersion: '0.0.0-test' });
}
