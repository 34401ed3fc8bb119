import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';

type Json = Record<string, any>;

/** The example tenant off security defaults, with `waves` set; returns the refusal message or the warnings. */
function withWaves(waves: unknown, change: (config: Json) => void = () => {}): { error?: string; warnings: string[] } {
  const config: Json = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  config.current.securityDefaults = false;
  config.organisation.userCount = 5000;
  change(config);
  // "waves" first, so the line numbers in the messages do not follow the rest of the example.
  const text = `${JSON.stringify({ waves, ...config }, null, 2)}\n`;
  try {
    const loaded = parseConfig(text, 'tenant.config.json', { today: EXAMPLE_TODAY });
    return { warnings: loaded.warnings.map((warning) => `${warning.path}: ${warning.message}`) };
  } catch (error) {
    return { error: (error as Error).message, warnings: [] };
  }
}

describe('the waves config', () => {
  it('accepts listed groups and "auto" alike', () => {
    expect(
      withWaves({
        mode: 'groups',
        groups: [
          { name: 'MFA-Wave-Leeds', size: 900, site: 'Leeds' },
          { name: 'MFA-Wave-Finance', size: 300, department: 'Finance' },
        ],
      }),
    ).toEqual({ warnings: [] });
    expect(withWaves({ mode: 'auto', helpdeskCallsPerDay: 60, expectedCallsPerUser: 0.3 })).toEqual({ warnings: [] });
  });

  it('names what "auto" is missing', () => {
    expect(withWaves({ mode: 'auto' }).error).toMatchInlineSnapshot(`
      "error: tenant.config.json:2:12 waves.helpdeskCallsPerDay: mode "auto" needs the calls a day the helpdesk can take (helpdeskCallsPerDay) to size the waves
      error: tenant.config.json:2:12 waves.expectedCallsPerUser: mode "auto" needs the calls each user is expected to make (expectedCallsPerUser) to size the waves"
    `);
  });

  it('refuses an unknown mode, a misspelt key and a wave of no one', () => {
    expect(withWaves({ mode: 'rings' }).error).toMatchInlineSnapshot(
      `"error: tenant.config.json:3:13 waves.mode: expected "groups" (waves listed in "groups") or "auto" (waves sized from the helpdesk's capacity), found "rings""`,
    );
    expect(withWaves({ mode: 'groups', groups: [{ name: 'MFA-Wave-1', size: 10, sight: 'Leeds' }] }).error).toMatchInlineSnapshot(
      `"error: tenant.config.json:8:9 waves.groups[0].sight: unknown key "sight"; allowed here: name, objectId, size, site, department"`,
    );
    expect(withWaves({ mode: 'groups', groups: [{ name: 'MFA-Wave-1', size: 0 }] }).error).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:17 waves.groups[0].size: expected at least 1 user in the wave, found 0"`,
    );
  });

  it('refuses a group listed twice', () => {
    expect(
      withWaves({
        mode: 'groups',
        groups: [
          { name: 'MFA-Wave-1', size: 400 },
          { name: 'mfa-wave-1', size: 900 },
        ],
      }).error,
    ).toMatchInlineSnapshot(`"error: tenant.config.json:10:17 waves.groups[1].name: "mfa-wave-1" is already wave 1; each wave is its own group"`);
  });

  it('refuses groups that hold more users than the tenant, and the break-glass or pilot group as a wave', () => {
    expect(
      withWaves({
        mode: 'groups',
        groups: [
          { name: 'MFA-Wave-1', size: 4000 },
          { name: 'NE-Access-Continuity', size: 900 },
          { name: 'NE-IT-Team', size: 200 },
        ],
      }).error,
    ).toMatchInlineSnapshot(`
      "error: tenant.config.json:4:15 waves.groups: the wave groups hold 5100 users, more than the 4996 to switch on (organisation.userCount 5000 less 4 pilot members); check each group's size
      error: tenant.config.json:10:17 waves.groups[1].name: "NE-Access-Continuity" is the break-glass group, which every policy only ever excludes; a wave needs its own group
      error: tenant.config.json:14:17 waves.groups[2].name: "NE-IT-Team" is the pilot group, which the pilot policy already covers; a wave needs its own group"
    `);
  });

  it('asks for both capacity figures or neither with listed groups', () => {
    expect(withWaves({ mode: 'groups', groups: [{ name: 'MFA-Wave-1', size: 100 }], helpdeskCallsPerDay: 60 }).error).toMatchInlineSnapshot(
      `"error: tenant.config.json:2:12 waves.expectedCallsPerUser: the helpdesk forecast needs both helpdeskCallsPerDay and expectedCallsPerUser; give both or neither"`,
    );
  });

  it('refuses waves on a tenant still on security defaults, and says why', () => {
    expect(withWaves({ mode: 'auto', helpdeskCallsPerDay: 60, expectedCallsPerUser: 0.3 }, (config) => (config.current.securityDefaults = true)).error).toMatchInlineSnapshot(
      `"error: tenant.config.json:2:12 waves: waves need security defaults off: no Conditional Access policy can be switched on while they are, and turning them off for the first wave would leave every later wave without MFA. Turn security defaults off before the rollout (current.securityDefaults: false) or remove "waves""`,
    );
  });

  it('warns when the helpdesk can take everyone in one day (the plan stays one wave)', () => {
    expect(withWaves({ mode: 'auto', helpdeskCallsPerDay: 5000, expectedCallsPerUser: 0.3 }).warnings).toMatchInlineSnapshot(`
      [
        "waves.helpdeskCallsPerDay: the helpdesk can take the first day's calls of all 4996 users at once (about 751 of 5000): the plan keeps one wave",
      ]
    `);
  });
});
