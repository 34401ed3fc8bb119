import { describe, expect, it } from 'vitest';
import { buildCommunications } from '../../src/generators/communications.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import { exampleContext } from './context.ts';

// The pilot is told one way for each starting state, in every text that describes it.

type State = 'security defaults' | 'per-user MFA' | 'neither';
const STATES: Record<State, (config: TenantConfig) => TenantConfig> = {
  'security defaults': (config) => ({ ...config, current: { ...config.current, securityDefaults: true, perUserMfa: false } }),
  'per-user MFA': (config) => ({ ...config, current: { ...config.current, securityDefaults: false, perUserMfa: true } }),
  neither: (config) => ({ ...config, current: { ...config.current, securityDefaults: false, perUserMfa: false } }),
};

function pilotNotice(state: State) {
  const context = exampleContext(STATES[state]);
  return buildCommunications(context).find((message) => message.id === 'pilot-notice')!;
}

describe('the pilot notice, by starting state', () => {
  it('under security defaults says the pilot policy runs in report-only and what the Report-only tab shows', () => {
    const notice = pilotNotice('security defaults');
    for (const body of [notice.text, notice.html]) {
      expect(body).toContain('runs in report-only for NE-IT-Team and the pilot volunteers');
      expect(body).toContain('Report-only: User action required');
      expect(body).toContain('Report-only: Not applied');
      expect(body).not.toMatch(/is on for the members of/);
      expect(body).not.toContain('MFA required by CA001');
      expect(body).not.toContain('You should get the MFA prompt');
    }
    expect(notice.subject).not.toMatch(/required for/);
    expect(notice.teams).toContain('runs in report-only');
  });

  it('with per-user MFA says the policy is On and per-user MFA goes off for the pilot members', () => {
    const notice = pilotNotice('per-user MFA');
    expect(notice.text).toContain('"CA001 - Require MFA - Pilot" is On for NE-IT-Team and the pilot volunteers, and per-user MFA is turned off for them');
    expect(notice.text).toContain('Conditional Access tab');
    expect(notice.text).toContain('You should get the MFA prompt');
    expect(notice.text).not.toContain('Report-only: User action required');
    expect(notice.subject).toMatch(/required for NE-IT-Team/);
  });

  it('with neither says the policy is On and is the first MFA requirement for the pilot group', () => {
    const notice = pilotNotice('neither');
    expect(notice.text).toContain('"CA001 - Require MFA - Pilot" is On for NE-IT-Team and the pilot volunteers: MFA is required of them before anyone else.');
    expect(notice.text).not.toContain('per-user MFA');
    expect(notice.text).not.toContain('security defaults');
  });

  it('addresses the volunteers from outside IT as well as the IT team', () => {
    for (const state of Object.keys(STATES) as State[]) {
      const notice = pilotNotice(state);
      expect(notice.text, state).toContain('a few volunteers from outside IT');
      expect(notice.text, state).not.toMatch(/^Hello team/);
    }
  });
});
