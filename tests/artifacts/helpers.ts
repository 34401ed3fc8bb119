import type { TenantConfig } from '../../src/config/schema.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import type { Communication } from '../../src/model/content.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, readConfig } from '../helpers/example.ts';

/** The example playbook built from a changed copy of the example config. */
export function playbookWith(change: (config: TenantConfig) => void, today = EXAMPLE_TODAY): Playbook {
  const config = structuredClone(readConfig(EXAMPLE_CONFIG, today));
  change(config);
  return buildPlaybook(config, { today, generatorVersion: '0.0.0-test' });
}

export const BREAK_GLASS_GROUP_ID = '0f1e2d3c-4b5a-4697-8877-66554433aa01';
export const PILOT_GROUP_ID = '0f1e2d3c-4b5a-4697-8877-66554433bb02';

/** A Communication as the communications generator produces them, with test values. */
export function communication(overrides: Partial<Communication> = {}): Communication {
  return {
    id: 'announcement',
    title: 'Announcement',
    audience: 'all-staff',
    audienceLabel: 'All staff',
    sendDate: '2027-01-13',
    sendDay: 3,
    status: 'scheduled',
    from: { name: 'Priya Raman', email: 'priya.raman@northgate-engineering.example' },
    subject: 'A second check when you sign in, from 8 February',
    html: '<p>Hello,</p>\n<p>From <strong>8 February</strong> signing in needs a second check. Set it up at <a href="https://aka.ms/mysecurityinfo">aka.ms/mysecurityinfo</a>.</p>',
    text: 'Hello,\n\nFrom 8 February signing in needs a second check. Set it up at https://aka.ms/mysecurityinfo.',
    teams: 'From 8 February signing in needs a second check.',
    banner: 'From 8 February signing in needs a second check.',
    staffVisible: true,
    language: 'en-GB',
    ...overrides,
  };
}

export function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
