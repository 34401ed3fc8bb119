import { describe, expect, it } from 'vitest';
import { runbookSymptomIds } from '../../src/model/runbook-ids.ts';
import { helpdeskView } from '../../src/model/views.ts';
import { runbookPartTitles, runbookPlainText, type RunbookText } from '../../src/model/runbook-refs.ts';
import { CANARIES, examplePlaybook, hostilePlaybook } from '../helpers/example.ts';

const playbook = examplePlaybook();
const runbook = playbook.runbook!;
const plain = (text: RunbookText) => runbookPlainText(text, runbookPartTitles(runbook));

describe('helpdesk runbook', () => {
  it('starts with verifying the caller before any reset or Temporary Access Pass', () => {
    expect(Object.keys(runbook)[0]).toBe('identityVerification');
    expect(runbook.identityVerification.summary).toMatch(/before any MFA reset.*Temporary Access Pass/);
    expect(plain(runbook.identityVerification.steps[0]!)).toMatch(/ring back on the phone number held in the staff directory/);
    expect(runbook.identityVerification.never.join(' ')).toMatch(/on the caller's word alone/);
    // Every symptom that resets a method or issues a pass sends the agent through verification first.
    for (const id of ['no-prompt', 'new-or-lost-phone', 'locked-out'] as const) {
      const symptom = runbook.symptoms.find((entry) => entry.id === id)!;
      expect(symptom.steps[0]![0], id).toEqual({ ref: 'caller-verification' });
      expect(plain(symptom.steps[0]!), id).toMatch(/^"Verify the caller first"/);
    }
  });

  it('covers every symptom, each with causes, steps, admin path, words for the user and an escalation rule', () => {
    expect(runbook.symptoms.map((symptom) => symptom.id)).toEqual([...runbookSymptomIds]);
    for (const symptom of runbook.symptoms) {
      expect(symptom.likelyCauses.length, symptom.id).toBeGreaterThan(0);
      expect(symptom.steps.length, symptom.id).toBeGreaterThan(1);
      expect(symptom.adminPath, symptom.id).toMatch(/admin center →/);
      expect(symptom.tellUser.length, symptom.id).toBeGreaterThan(20);
      expect(plain(symptom.escalateWhen), symptom.id).toContain('Priya Raman');
    }
  });

  it('ranks the reference case: stale registration, then compromise, then policy or outage', () => {
    const noPrompt = runbook.symptoms.find((symptom) => symptom.id === 'no-prompt')!;
    expect(noPrompt.userSays).toContain('User did not pass the MFA challenge');
    expect(noPrompt.likelyCauses.map((cause) => cause.likelihood)).toEqual(['most likely', 'possible', 'unlikely']);
    expect(noPrompt.likelyCauses[0]!.cause).toMatch(/Stale registration/);
    expect(noPrompt.likelyCauses[1]!.cause).toMatch(/compromised/);
    expect(noPrompt.likelyCauses[2]!.cause).toMatch(/Conditional Access mistake or an Authenticator service outage/);
    expect(noPrompt.steps.map(plain).join(' ')).toContain('https://aka.ms/mysecurityinfo');
    expect(noPrompt.steps.map(plain).join(' ')).toContain('Require re-register MFA');
    expect(noPrompt.adminPath).toContain('Entra ID → Users → (the user) → Authentication methods');
  });

  it('tells users to deny unexpected prompts and offers no SMS or voice to people without a smartphone', () => {
    const fatigue = runbook.symptoms.find((symptom) => symptom.id === 'unexpected-prompts')!;
    expect(plain(fatigue.steps[0]!)).toMatch(/deny every prompt/);
    const noPhone = runbook.symptoms.find((symptom) => symptom.id === 'no-smartphone')!;
    expect(plain(noPhone.steps[0]!)).toMatch(/FIDO2 security key/);
    expect(noPhone.steps.map(plain).join(' ')).toMatch(/Do not set up text messages or phone calls/);
  });

  it('carries the sign-in error codes of the brief with their kind and action', () => {
    const codes = new Map(runbook.errorCodes.map((entry) => [entry.code, entry]));
    for (const code of [
      '50074',
      '50076',
      '50079',
      '50072',
      '500121',
      '50158',
      '53003',
      '53000',
      '53001',
      '53002',
      '53004',
      '530032',
      '530035',
      '50126',
      '50053',
      '50055',
      '50144',
      '50057',
      '50097',
      '50140',
      '50125',
      '50058',
      '50173',
      '70043',
      '50131',
    ]) {
      expect(codes.has(code), code).toBe(true);
      expect(codes.get(code)!.action.length, code).toBeGreaterThan(5);
    }
    expect(codes.get('50074')!.kind).toBe('interrupt');
    expect(codes.get('500121')!.kind).toBe('failure');
    expect(codes.get('53003')!.kind).toBe('block');
    expect(codes.get('70043')!.kind).toBe('token');
    expect(codes.get('50079')!.symptom).toBe('not-registered');
    expect(codes.get('53003')!.action).toMatch(/never exclude the user/);
    for (const entry of runbook.errorCodes) {
      if (entry.symptom) expect(runbookSymptomIds).toContain(entry.symptom);
    }
  });

  it('has the enforcement-window standard answers and the contacts from the config', () => {
    const answers = runbook.standardAnswers.map((entry) => `${entry.situation} ${plain(entry.answer)}`).join('\n');
    expect(answers).toMatch(/Not registered.*walk them through registration/is);
    expect(answers).toMatch(/no prompt.*app is up to date and the registration is current/is);
    expect(answers).toContain('Monday, 8 February 2027');
    expect(runbook.enforcementWindow).toEqual({ from: '2027-02-08', to: '2027-02-10' });
    expect(runbook.contacts).toEqual([
      { label: 'Helpdesk', name: 'IT helpdesk', role: 'First line (Monday to Friday, 08:00 to 18:00)', email: 'ithelp@northgate-engineering.example', phone: '+44 20 7946 0321' },
      { label: 'Escalation', name: 'Priya Raman', role: 'IT Manager', email: 'priya.raman@northgate-engineering.example' },
    ]);
  });

  it('holds nothing confidential: no break-glass names or group, exceptions or exemption records', () => {
    const example = JSON.stringify(runbook);
    for (const secret of [...playbook.breakGlass.accounts, playbook.breakGlass.group.name, ...playbook.exceptions.map((entry) => entry.account), 'Claire Hendry']) {
      expect(example).not.toContain(secret);
    }
    const hostile = hostilePlaybook();
    const view = JSON.stringify(helpdeskView(hostile));
    for (const canary of CANARIES) expect(view).not.toContain(canary);
  });
});
