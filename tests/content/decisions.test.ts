import { describe, expect, it } from 'vitest';
import { assessExposure, buildDecisions, overrideDates } from '../../src/generators/decisions.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { staffView, helpdeskView } from '../../src/model/views.ts';
import { exampleContext } from './context.ts';

describe('exemption decision records', () => {
  const playbook = examplePlaybook();

  it('the CFO-style request is declined (option B) with the written risk statement', () => {
    const record = playbook.decisions.find((entry) => entry.id === 'cfo-prompts')!;
    expect(record.isTemplate).toBe(false);
    expect(record.request).toEqual({
      name: 'Claire Hendry',
      role: 'Chief Financial Officer',
      date: '2027-02-08',
      reason: 'Asked to be prompted less: she says she is asked for MFA every time she checks her email.',
      requestedBy: 'Daniel Whitfield, Chief Technology Officer',
    });
    expect(record.exposure.level).toBe('high');
    expect(record.exposure.reasons.join(' ')).toMatch(/business email compromise/);
    expect(record.options.map((option) => [option.key, option.recommended])).toEqual([
      ['A', false],
      ['B', true],
      ['C', false],
    ]);
    expect(record.decision.option).toBe('B');
    expect(record.decision.outcome).toMatch(/^Declined\./);
    expect(record.riskStatement).toBe(
      'Exempting Claire Hendry (Chief Financial Officer) from MFA raises the risk of financial fraud through business email compromise: with a stolen password alone, an attacker could read and send mail as Claire Hendry, approve or redirect payments and change supplier bank details. IT recommends against the exemption and offers a less intrusive method instead: Microsoft Authenticator with the set-up fixed so that prompts are rare, or a passkey, which is quicker still.',
    );
    expect(record.frictionReduction.join(' ')).toMatch(/the sign-in then asks for the strongest method registered/);
    expect(record.override).toBeNull();
    expect(record.signatures).toEqual([
      { role: 'IT lead (IT Manager)', name: 'Priya Raman' },
      { role: 'Approver (Chief Technology Officer)', name: 'Daniel Whitfield' },
    ]);
  });

  it('includes a blank template record last', () => {
    const template = playbook.decisions.at(-1)!;
    expect(template).toMatchObject({ id: 'template', isTemplate: true, decision: { option: null } });
    expect(template.request).toEqual({ name: '', role: '', date: null, reason: '', requestedBy: null });
    expect(template.decision.rationale).toMatch(/Default recommendation: B/);
    expect(template.signatures.map((signature) => signature.name)).toEqual(['', '', '']);
  });

  it('stays out of the staff and helpdesk views', () => {
    expect(JSON.stringify(staffView(playbook))).not.toContain('Claire Hendry');
    expect(JSON.stringify(helpdeskView(playbook))).not.toContain('Claire Hendry');
  });

  it('records a leadership override with risk owner, controls, a capped expiry, a review date and signatures', () => {
    const context = exampleContext((config) => ({
      ...config,
      exemptionRequests: [
        {
          ...config.exemptionRequests[0]!,
          override: {
            decidedBy: { name: 'Margaret Osei', role: 'Managing Director' },
            decidedOn: '2027-02-09',
            riskOwner: 'Margaret Osei',
            compensatingControls: ['Payment changes confirmed by a call-back to a known number', 'Sign-in alerts reviewed daily'],
            expiry: '2027-12-31',
          },
        },
      ],
    }));
    const [record] = buildDecisions(context);
    expect(record!.decision.option).toBe('C');
    expect(record!.decision.outcome).toMatch(/^Leadership override/);
    expect(record!.override).toEqual({
      decidedBy: 'Margaret Osei (Managing Director)',
      decidedOn: '2027-02-09',
      riskOwner: 'Margaret Osei',
      compensatingControls: ['Payment changes confirmed by a call-back to a known number', 'Sign-in alerts reviewed daily'],
      expiry: '2027-05-10',
      reviewDate: '2027-03-11',
    });
    expect(record!.decision.rationale).toMatch(/caps it at Monday, 10 May 2027/);
    expect(record!.riskStatement).toMatch(/Margaret Osei owns it until Monday, 10 May 2027\.$/);
    expect(record!.signatures.map((signature) => signature.name)).toEqual(['Margaret Osei', 'Daniel Whitfield', 'Priya Raman']);
    expect(record!.signatures[0]!.role).toBe('Risk owner');
  });

  it('keeps the expiry within 90 days and the review on or before the expiry', () => {
    expect(overrideDates('2027-02-09', '2027-03-01', undefined)).toEqual({ expiry: '2027-03-01', reviewDate: '2027-03-01', notes: [] });
    expect(overrideDates('2027-02-09', '2027-04-30', '2027-03-01')).toEqual({ expiry: '2027-04-30', reviewDate: '2027-03-01', notes: [] });
    const late = overrideDates('2027-02-09', '2027-04-30', '2027-06-01');
    expect(late.reviewDate).toBe('2027-04-30');
    expect(late.notes).toHaveLength(1);
  });

  it('derives exposure from the role', () => {
    expect(assessExposure('Chief Financial Officer').level).toBe('high');
    expect(assessExposure('Payroll Officer').level).toBe('high');
    expect(assessExposure('Financial Controller').level).toBe('high');
    expect(assessExposure('Executive Assistant to the CEO').level).toBe('high');
    expect(assessExposure('Board member').level).toBe('high');
    expect(assessExposure('IT Manager').level).toBe('high');
    expect(assessExposure('Systems Administrator').level).toBe('high');
    expect(assessExposure('Workshop Manager').level).toBe('elevated');
    expect(assessExposure('Draughtsperson').level).toBe('standard');
    expect(assessExposure('Draughtsperson').reasons).toHaveLength(1);
  });
});
