import { describe, expect, it } from 'vitest';
import { FACTS, staleFacts } from '../../src/generators/facts.ts';
import type { Fact } from '../../src/model/content.ts';
import { examplePlaybook } from '../helpers/example.ts';

const playbook = examplePlaybook();

describe('facts with sources', () => {
  it('holds every row of the brief\u2019s facts table, with its source and check date', () => {
    const url = (id: string) => FACTS.find((fact) => fact.id === id)?.source.url;
    expect(url('mandatory-mfa-admin-portals')).toBe('https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication');
    expect(url('emergency-access-accounts')).toBe('https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access');
    expect(url('sms-voice-retirement')).toBe('https://learn.microsoft.com/entra/identity/authentication/concept-sms-voice-retirement');
    expect(url('registration-campaign')).toBe('https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-registration-campaign');
    expect(url('all-users-mfa-policy')).toBe('https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength');
    expect(url('number-matching')).toBe('https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-number-match');
    expect(url('legacy-mfa-sspr-policies')).toBe('https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-methods-manage');
    expect(url('exchange-basic-auth-off')).toBe('https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online');
    expect(url('smtp-auth-basic-default-off')).toContain('MC786329');
    expect(url('ews-blocked-by-default')).toContain('MC1176266');
    expect(url('sign-in-log-retention')).toBe('https://learn.microsoft.com/entra/identity/monitoring-health/reference-reports-data-retention');
    expect(url('temporary-access-pass')).toBe('https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass');
    expect(url('sign-in-error-codes')).toBe('https://learn.microsoft.com/entra/identity-platform/reference-error-codes');
    for (const fact of FACTS) {
      expect(fact.checked, fact.id).toBe('2026-11-23');
      expect(fact.source.url, fact.id).toMatch(/^https:\/\//);
    }
    // The model's facts are the data with each claim's date written in and a note on what it means for this plan.
    expect(playbook.facts.map(({ id, source, checked, effective }) => ({ id, source, checked, effective }))).toEqual(
      FACTS.map(({ id, source, checked, effective }) => ({ id, source, checked, effective })),
    );
  });

  it('keeps the dated changes as dates', () => {
    const effective = (id: string) => FACTS.find((fact) => fact.id === id)?.effective;
    expect(effective('sms-voice-retirement')).toBe('2027-02-01');
    expect(effective('sms-voice-retirement-admins')).toBe('2027-07-01');
    expect(effective('passkeys-auto-enabled')).toBe('2026-09-01');
    expect(effective('number-matching')).toBe('2023-05-08');
    expect(effective('ews-retired')).toBe('2027-04-01');
    expect(effective('mandatory-mfa-cli')).toBe('2025-10-01');
  });

  it('staleFacts flags facts checked more than 180 days before the plan date', () => {
    const fact = (id: string, checked: string): Fact => ({ id, claim: 'c', source: { title: 't', url: 'https://example.org' }, checked });
    const facts = [fact('fresh', '2026-11-23'), fact('edge', '2026-07-10'), fact('old', '2026-07-09')];
    // 2027-01-06 is 180 days after 2026-07-10 and 181 after 2026-07-09.
    const stale = staleFacts(facts, '2027-01-06');
    expect(stale.map((entry) => entry.id)).toEqual(['old']);
    expect(stale[0]!.ageDays).toBe(181);
    expect(stale[0]!.message).toContain('https://example.org');
    expect(staleFacts(facts, '2027-01-06', 60).map((entry) => entry.id)).toEqual(['edge', 'old']);
    expect(staleFacts(FACTS, playbook.meta.asOf)).toEqual([]);
    expect(staleFacts(FACTS, '2027-06-01').length).toBe(FACTS.length);
  });
});

describe('guidance notes', () => {
  it('states each departure from the classic course, with the reason and facts that exist', () => {
    const ids = playbook.guidance.map((note) => note.id);
    for (const id of ['break-glass-fido2', 'no-sms-voice', 'report-only-first', 'authentication-strength', 'go-no-go-gate', 'registration-window', 'security-defaults-switch']) {
      expect(ids).toContain(id);
    }
    const factIds = new Set(FACTS.map((fact) => fact.id));
    for (const note of playbook.guidance) {
      expect(note.factIds.length, note.id).toBeGreaterThan(0);
      for (const id of note.factIds) expect(factIds.has(id), `${note.id} → ${id}`).toBe(true);
      expect(note.classic.length && note.current.length && note.why.length, note.id).toBeTruthy();
    }
    const sms = playbook.guidance.find((note) => note.id === 'no-sms-voice')!;
    expect(sms.why).toContain('1 February 2027');
    expect(sms.why).toContain('1 July 2027');
    const gate = playbook.guidance.find((note) => note.id === 'go-no-go-gate')!;
    expect(gate.current).toContain('at most 10% of the sign-ins');
    expect(gate.current).toContain('Only "Report-only: Failure" counts');
    expect(playbook.guidance.find((note) => note.id === 'security-defaults-switch')!.current).toContain('runs security defaults today');
  });
});
