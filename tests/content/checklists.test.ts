import { describe, expect, it } from 'vitest';
import { phaseIds } from '../../src/model/common.ts';
import { examplePlaybook } from '../helpers/example.ts';

const playbook = examplePlaybook();

describe('checklists', () => {
  it('has one checklist per phase, in order', () => {
    expect(playbook.checklists.map((checklist) => checklist.phase)).toEqual([...phaseIds]);
    expect(playbook.checklists.map((checklist) => checklist.title)).toEqual(['Prepare', 'Register', 'Pilot tests', 'Enforce: 48-hour watch', 'Validate']);
  });

  it('every item has an owner, a due date inside its phase, evidence and a pass criterion', () => {
    for (const checklist of playbook.checklists) {
      const phase = playbook.schedule.phases.find((entry) => entry.id === checklist.phase)!;
      expect(checklist.items.length, checklist.id).toBeGreaterThan(3);
      for (const item of checklist.items) {
        // Ordering the keys and signing the plan are due before day 1.
        const beforeStart = ['prepare.keys-ordered', 'prepare.plan-approval'].includes(item.id);
        if (beforeStart) expect(item.due < playbook.schedule.startDate, item.id).toBe(true);
        else expect(item.due >= playbook.schedule.startDate && item.due <= playbook.schedule.endDate, item.id).toBe(true);
        // Items of a phase fall inside the phase, except the enforcement-day checks of the watch that run into Validate
        // and the pilot notice given the day before the pilot.
        if (checklist.phase !== 'enforce' && !beforeStart) expect(item.due >= phase.startDate && item.due <= phase.endDate, `${item.id} ${item.due}`).toBe(true);
        expect(item.evidence.length, item.id).toBeGreaterThan(5);
        expect(item.pass.length, item.id).toBeGreaterThan(5);
      }
      expect(new Set(checklist.items.map((item) => item.id)).size).toBe(checklist.items.length);
    }
  });

  it('takes due dates from the schedule', () => {
    const item = (id: string) => playbook.checklists.flatMap((checklist) => checklist.items).find((entry) => entry.id === id)!;
    const task = (id: string) => playbook.schedule.tasks.find((entry) => entry.id === id)!;
    expect(item('register.reminder').due).toBe(task('register.reminder-check').date);
    expect(item('pilot.go-no-go').due).toBe(task('pilot.go-no-go').date);
    expect(item('enforce.switch-on').due).toBe(playbook.schedule.enforcementDate);
    expect(item('enforce.switch-on').text).toContain('08:00');
    expect(item('enforce.watch-summary').due).toBe('2027-02-10');
    expect(item('pilot.go-no-go').pass).toMatch(/Go when at most 10% of the sign-ins/);
    expect(item('register.window-closed').pass).toMatch(/At least 95%/);
  });

  it('the Validate checklist carries the four success criteria', () => {
    const validate = playbook.checklists.find((checklist) => checklist.phase === 'validate')!;
    expect(playbook.successCriteria).toHaveLength(4);
    for (const criterion of playbook.successCriteria) {
      const item = validate.items.find((entry) => entry.id === `validate.${criterion.id}`)!;
      expect(item, criterion.id).toBeDefined();
      expect(item.pass).toBe(criterion.measure);
    }
    const measures = playbook.successCriteria.map((criterion) => criterion.measure).join(' ');
    expect(measures).toMatch(/isMfaCapable/);
    expect(measures).toMatch(/only method is a text message or a voice call/);
    expect(measures).toMatch(/no successful legacy-authentication sign-in/);
    expect(measures).toMatch(/FIDO2 key, and the sign-in alert fired/);
    expect(measures).toMatch(/72 hours after enforcement/);
  });
});

describe('risks', () => {
  it('covers the plan\u2019s main risks, each with a mitigation and an owner', () => {
    const ids = playbook.risks.map((risk) => risk.id);
    for (const id of ['admin-lockout', 'legacy-apps-break', 'helpdesk-overload', 'helpdesk-social-engineering', 'executive-pushback', 'no-smartphone']) expect(ids).toContain(id);
    for (const risk of playbook.risks) expect(risk.mitigation.length, risk.id).toBeGreaterThan(40);
    expect(playbook.risks.find((risk) => risk.id === 'low-registration')!.mitigation).toContain('87%');
  });
});
