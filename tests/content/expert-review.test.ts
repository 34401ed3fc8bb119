import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/generators/schedule.ts';
import { buildChecklists } from '../../src/generators/checklists.ts';
import { buildPolicies } from '../../src/generators/policies.ts';
import { buildFacts, buildGuidance, datedFactWarnings } from '../../src/generators/facts.ts';
import { buildRunbook } from '../../src/generators/runbook.ts';
import { buildSuccessCriteria, buildRisks } from '../../src/generators/plan-content.ts';
import { buildDecisions } from '../../src/generators/decisions.ts';
import { buildCommunications } from '../../src/generators/communications.ts';
import type { TenantConfig } from '../../src/config/schema.ts';
import type { GeneratorContext } from '../../src/generators/context.ts';
import { exampleContext } from './context.ts';
import { planWarnings } from '../../src/generators/plan-warnings.ts';
import { awayPeriods } from '../../src/generators/away.ts';

// What a senior Entra ID consultant found in the outputs (issue 13), pinned: the corrected statement is there
// and the wrong one is gone, by starting state where the text depends on it.

type State = 'security defaults' | 'per-user MFA' | 'neither';
const STATES: Record<State, (config: TenantConfig) => TenantConfig> = {
  'security defaults': (config) => ({ ...config, current: { ...config.current, securityDefaults: true, perUserMfa: false } }),
  'per-user MFA': (config) => ({ ...config, current: { ...config.current, securityDefaults: false, perUserMfa: true } }),
  neither: (config) => ({ ...config, current: { ...config.current, securityDefaults: false, perUserMfa: false } }),
};
const contexts = Object.fromEntries(Object.entries(STATES).map(([state, change]) => [state, exampleContext(change)])) as Record<State, GeneratorContext>;
const example = contexts['security defaults'];
const task = (context: GeneratorContext, id: string) => context.schedule.tasks.find((entry) => entry.id === id)!;
const everyTaskText = (context: GeneratorContext) => context.schedule.tasks.map((entry) => `${entry.title} ${entry.action}`).join('\n');
const checklistItem = (context: GeneratorContext, id: string) =>
  buildChecklists(context)
    .flatMap((list) => list.items)
    .find((item) => item.id === id)!;

describe('1. the pilot, one story per starting state', () => {
  it('under security defaults the checklist, task, milestone and phase summary all say report-only', () => {
    const context = contexts['security defaults'];
    const item = checklistItem(context, 'pilot.pilot-policy-on');
    expect(item.text).toContain('in report-only for NE-IT-Team, volunteers included, while security defaults stay on');
    expect(item.pass).not.toContain('Pilot policy On');
    expect(checklistItem(context, 'pilot.log-shows-policy').pass).toContain('Report-only: User action required');
    expect(checklistItem(context, 'pilot.log-shows-policy').pass).not.toContain('listed as applied and satisfied');
    expect(task(context, 'pilot.pilot-on').title).toBe('Start the pilot in report-only');
    const pilot = context.schedule.phases.find((phase) => phase.id === 'pilot')!;
    expect(pilot.summary).toContain('while security defaults stay on');
    expect(pilot.summary).not.toContain('MFA is required of the IT team');
    expect(context.schedule.milestones['pilot-start'].description).toContain('report-only');
    expect(buildPolicies(context).find((file) => file.id === 'CA001')!.stateChanges[1]).toMatchObject({ state: 'enabledForReportingButNotEnforced' });
  });

  it('with per-user MFA the pilot policy goes On and per-user MFA goes off for the pilot members', () => {
    const context = contexts['per-user MFA'];
    expect(task(context, 'pilot.pilot-on').action).toContain('turn per-user MFA off for the members of the pilot group');
    expect(checklistItem(context, 'pilot.pilot-policy-on').pass).toBe('Pilot policy On, all-users policy report-only.');
    expect(context.schedule.phases.find((phase) => phase.id === 'pilot')!.summary).toContain('with their per-user MFA turned off');
    expect(buildPolicies(context).find((file) => file.id === 'CA001')!.stateChanges[1]).toMatchObject({ state: 'enabled' });
  });

  it('with neither the pilot policy goes On with nothing else to turn off', () => {
    const context = contexts.neither;
    expect(task(context, 'pilot.pilot-on').action).not.toMatch(/per-user MFA|security defaults/);
    expect(checklistItem(context, 'pilot.log-shows-policy').pass).toContain('Conditional Access tab');
  });

  it('recruits the non-IT volunteers and puts them in the pilot group before the notice goes out', () => {
    for (const context of Object.values(contexts)) {
      const recruit = task(context, 'register.pilot-volunteers');
      expect(recruit.action).toContain('Add them to the group "NE-IT-Team"');
      expect(recruit.date <= task(context, 'pilot.pilot-notice').date).toBe(true);
    }
  });
});

describe('2. number matching is not a step; system-preferred MFA picks the strongest method', () => {
  it('no task, checklist, helpdesk step or decision asks to enable or set up number matching', () => {
    for (const context of Object.values(contexts)) {
      expect(everyTaskText(context)).not.toMatch(/with number matching|set up number matching/i);
      expect(task(context, 'prepare.methods').action).toContain('Number matching needs no setting: it is always on.');
    }
    const runbook = JSON.stringify(buildRunbook(example));
    expect(runbook).not.toContain('set up number matching');
    expect(runbook).not.toContain('as the default method');
    expect(runbook).toContain('delete the phone call or text message method');
    const decision = buildDecisions(example).find((record) => !record.isTemplate)!;
    expect(decision.frictionReduction[0]).toContain('remove phone calls and text messages as methods');
    expect(decision.frictionReduction.join(' ')).not.toContain('the default method, with push notifications and number matching');
  });
});

describe('3. CA004 is created Off and switched on at its date; CA001 retires; trusted locations get a task', () => {
  it('the registration policy, its switch and the pilot policy retirement are tasks and checklist items', () => {
    const ca004 = buildPolicies(example).find((file) => file.id === 'CA004')!;
    expect(ca004.state).toBe('disabled');
    const on = task(example, 'validate.registration-protection-on');
    expect(on.date).toBe(ca004.stateChanges.find((change) => change.state === 'enabled')!.date);
    expect(task(example, 'validate.pilot-policy-off').date).toBe(
      buildPolicies(example)
        .find((file) => file.id === 'CA001')!
        .stateChanges.at(-1)!.date,
    );
    expect(checklistItem(example, 'validate.registration-protection-on').text).toContain('from Off to On');
    expect(task(example, 'prepare.report-only-policies').action).toContain('(CA004) Off: report-only does not evaluate user actions');
    expect(task(example, 'prepare.named-locations').action).toContain('Mark as trusted location');
    expect(task(example, 'prepare.report-only-policies').dependsOn).toContain('prepare.named-locations');
    expect(JSON.stringify(buildPolicies(example))).not.toContain('check the report-only results each day');
  });
});

describe('5. the go/no-go gate says which result counts, where to read it and what each outcome means', () => {
  it('counts "Report-only: Failure" only, names the Policy impact view and the Report-only tab, and the three outcomes', () => {
    const gate = task(example, 'pilot.go-no-go').action;
    expect(gate).toContain('Only "Report-only: Failure" counts');
    expect(gate).toContain('"Report-only: User action required" is the normal result of a require-MFA policy');
    expect(gate).toContain('Policy impact');
    expect(gate).toContain('the Report-only tab of its entry in Entra ID → Monitoring & health → Sign-in logs');
    expect(gate).toMatch(/Go: .*Fix first: .*No-go: /);
    expect(gate).not.toContain('more than 10% of evaluations would be blocked');
    expect(example.schedule.milestones['go-no-go'].description).not.toContain('would be blocked');
  });
});

describe('7. dated facts against the plan\u2019s own dates', () => {
  const facts = buildFacts(example);
  const fact = (id: string) => facts.find((entry) => entry.id === id)!;

  it('keeps every dated fact\u2019s date in its claim, as exact as the source', () => {
    for (const entry of facts.filter((candidate) => candidate.effective)) expect(entry.claim, entry.id).not.toContain('{date}');
    expect(fact('ews-retired').claim).toContain('switched off for good on 1 April 2027');
    expect(fact('smtp-auth-basic-default-off').claim).toContain('from the end of December 2026');
    expect(JSON.stringify(facts)).not.toMatch(/31 December 2026/);
  });

  it('says the SMTP AUTH change comes before the start and what the audit finds, as a plan note and a check warning', () => {
    expect(fact('smtp-auth-basic-default-off').planNote).toContain('the end of December 2026 comes before the start on Monday, 11 January 2027');
    expect(fact('smtp-auth-basic-default-off').planNote).toContain('The legacy-authentication audit on Monday, 11 January 2027 lists both kinds');
    const guidance = buildGuidance(example).find((note) => note.id === 'legacy-auth-dates')!;
    expect(guidance.current).not.toContain('fixed before those dates');
    expect(guidance.current).toContain('the SMTP AUTH change comes before the start');
    const warnings = datedFactWarnings(facts, example.schedule).map((warning) => warning.id);
    expect(warnings).toEqual(expect.arrayContaining(['smtp-auth-basic-default-off', 'sms-voice-retirement', 'ews-retired']));
    expect(warnings).not.toContain('number-matching');
  });

  it('schedules the move off text message and voice when the plan crosses 1 February 2027, after the usage check', () => {
    expect(fact('sms-voice-retirement').planNote).toContain('This plan crosses that date');
    const off = task(example, 'register.sms-voice-off');
    expect(off.date < '2027-02-01').toBe(true);
    expect(off.action).toContain('inside this plan');
    expect(task(example, 'prepare.sms-voice-usage').date <= task(example, 'register.sms-voice-move').date).toBe(true);
    expect(task(example, 'prepare.methods').action).toContain('leave them until the people who rely on them have moved');
  });
});

describe('8. success criterion 2 can pass once legacy authentication is blocked', () => {
  it('asks for no successful legacy sign-in and an owner for every blocked attempt, per starting state', () => {
    for (const [state, context] of Object.entries(contexts)) {
      const criterion = buildSuccessCriteria(context).find((entry) => entry.id === 'no-legacy-auth')!;
      expect(criterion.measure, state).toContain('no successful legacy-authentication sign-in');
      expect(criterion.measure, state).toContain('every blocked attempt is traced to an owner');
      expect(criterion.measure, state).not.toMatch(/shows no legacy-authentication sign-in/);
    }
    expect(task(example, 'prepare.legacy-audit').action).toContain('these rows are blocked attempts, not bypasses');
    expect(task(contexts.neither, 'prepare.legacy-audit').action).not.toContain('blocked attempts');
  });
});

describe('9. the helpdesk runbook', () => {
  const runbook = buildRunbook(example);
  it('has 53010 and 50199, in numeric order, and one name for the caller check', () => {
    const codes = runbook.errorCodes.map((entry) => entry.code);
    expect(codes).toEqual(expect.arrayContaining(['53010', '50199']));
    expect(codes).toEqual([...codes].sort((a, b) => Number(a) - Number(b)));
    expect(runbook.identityVerification.title).toBe('Verify the caller first');
    expect(JSON.stringify(runbook)).not.toMatch(/check who is calling|identity verification/i);
  });
});

describe('missing for 2027: back-out plan, guests, break-glass alert, admin strength, registration campaign', () => {
  it('gives the back-out plan a trigger, per starting state', () => {
    expect(task(example, 'enforce.back-out').action).toMatch(/^Trigger: /);
    expect(task(example, 'enforce.back-out').action).toContain('turn security defaults back on in the same sitting');
    expect(task(contexts['per-user MFA'], 'enforce.back-out').action).toContain('turn per-user MFA back on');
    expect(buildRisks(example).find((risk) => risk.id === 'enforcement-blocks-work')!.mitigation).toContain('Trigger: ');
  });

  it('covers guests, the alert rule, phishing-resistant admins and the campaign setting', () => {
    expect(task(example, 'prepare.guests').action).toContain('inbound trust of multifactor authentication');
    expect(task(example, 'prepare.break-glass-alert').action).toContain('log search alert on SigninLogs and AADNonInteractiveUserSignInLogs');
    expect(task(example, 'validate.admin-strength').action).toContain('"Phishing-resistant MFA"');
    expect(task(example, 'prepare.registration-campaign').action).toContain(
      'from Microsoft-managed (which now nudges people towards passkeys) to Enabled, target Microsoft Authenticator',
    );
    expect(task(example, 'register.registration-deadline').action).toContain('Enforcement does not wait for them');
  });
});

describe('11. figures and lists that claim more than they know', () => {
  it('does not present the config\u2019s registration rate as measured on the build date', () => {
    const reminder = buildCommunications(example).find((message) => message.id === 'reminder')!;
    expect(reminder.decisionNote).toContain('At the last count given in the configuration (87%, date not recorded)');
    expect(reminder.decisionNote).not.toContain('Monday, 4 January 2027');
  });
});

describe('editorial', () => {
  it('does not repeat the exposure level, writes no ISO date in prose and no arrow in a task title', () => {
    const record = buildDecisions(example).find((entry) => !entry.isTemplate)!;
    expect(record.exposure.summary).toBe('"Chief Financial Officer" is among the most valuable accounts to an attacker.');
    const prose = [
      ...Object.values(example.schedule.milestones).map((entry) => entry.description),
      ...example.schedule.tasks.map((entry) => `${entry.title} ${entry.action}`),
      ...example.schedule.moves.flatMap((move) => move.reasons),
    ];
    for (const text of prose) expect(text).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    for (const entry of example.schedule.tasks) expect(entry.title).not.toMatch(/→|->/);
  });
});

describe('holiday periods', () => {
  // Starting on 14 December 2026 puts the reminder check (day 10, 29 December) and the individual contact (day 12,
  // 31 December) between Christmas and New Year.
  const christmas = exampleContext((config) => ({ ...config, startDate: '2026-12-14' }));

  it('warn when a reminder or an individual contact falls while many people are away', () => {
    const reminder = task(christmas, 'register.reminder-check');
    const contact = task(christmas, 'register.individual-contact');
    const inPeriod = [reminder, contact].filter((entry) => entry.date >= '2026-12-25' && entry.date <= '2027-01-01');
    expect(inPeriod.length).toBeGreaterThan(0);
    for (const entry of inPeriod) expect(entry.action).toContain('Many people are away on');
    expect(inPeriod[0]!.action).toContain('Christmas Day');
    const messages = buildCommunications(christmas).filter(
      (message) => ['reminder', 'individual-contact'].includes(message.id) && message.sendDate! >= '2026-12-25' && message.sendDate! <= '2027-01-01',
    );
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message.decisionNote).toContain('expect few replies');
    const warnings = planWarnings(buildFacts(christmas), christmas.schedule, 'en-GB');
    expect(warnings.some((warning) => warning.path.startsWith('schedule.tasks.register.') && warning.message.includes('Many people are away'))).toBe(true);
  });

  it('say nothing of the kind for the example plan, which crosses no holiday period', () => {
    expect(everyTaskText(example)).not.toContain('Many people are away');
    expect(awayPeriods(example.schedule.closedDays)).toEqual([]);
  });
});
