import { describe, expect, it } from 'vitest';
import { policySchemaIssues } from '../../src/artifacts/ca-policy-schema.ts';
import { lintErrors, lintOptionsFor, lintPolicies } from '../../src/artifacts/policy-lint.ts';
import { renderPolicyFiles } from '../../src/artifacts/policy-files.ts';
import { groupReference } from '../../src/model/policy-placeholders.ts';
import { renderArtifacts } from '../../src/artifacts/index.ts';
import { formatLongDate, longDateIn } from '../../src/generators/text/dates.ts';

import { largeTenant, playbookOf } from './helpers.ts';

// Each wave's own steps: the Conditional Access policy widened wave by wave until All users, and each wave's
// go/no-go, switch-on, watch and checklist dated from the wave plan.

const config = largeTenant(5000, {
  mode: 'groups',
  groups: [
    { name: 'MFA-Wave-Leeds', size: 900, site: 'Leeds' },
    { name: 'MFA-Wave-Finance', size: 400, department: 'Finance', objectId: '3f2c1a9e-0000-4000-8000-00000000f1a1' },
    { name: 'MFA-Wave-London', size: 1200, site: 'London' },
  ],
  helpdeskCallsPerDay: 120,
  expectedCallsPerUser: 0.25,
});
const playbook = playbookOf(config);
const plan = playbook.waves!;
const waves = plan.waves;
const policy = (id: string) => playbook.policies.find((candidate) => candidate.id === id)!;
const usersOf = (body: Record<string, unknown>) => (body.conditions as { users: Record<string, string[]> }).users;

describe('Conditional Access widens wave by wave until All users', () => {
  it('the waves policy starts with the first wave\u2019s group in report-only and goes On at the first wave', () => {
    const waves1 = policy('CA005');
    expect(waves1.state).toBe('enabledForReportingButNotEnforced');
    expect(usersOf(waves1.body).includeGroups).toEqual([groupReference({ name: 'MFA-Wave-Leeds' })]);
    expect(waves1.stateChanges.find((change) => change.state === 'enabled')!.date).toBe(waves[0]!.enforcementDate);
  });

  it('each later wave adds its group to the included groups, in a step file of its own dated on its enforcement day', () => {
    const steps = policy('CA005').steps!;
    expect(steps.map((step) => step.date)).toEqual([waves[1]!.enforcementDate, waves[2]!.enforcementDate]);
    expect(steps.map((step) => usersOf(step.body).includeGroups)).toEqual([
      [groupReference({ name: 'MFA-Wave-Leeds' }), '3f2c1a9e-0000-4000-8000-00000000f1a1'],
      [groupReference({ name: 'MFA-Wave-Leeds' }), '3f2c1a9e-0000-4000-8000-00000000f1a1', groupReference({ name: 'MFA-Wave-London' })],
    ]);
    expect(steps.map((step) => step.fileName)).toEqual(['CA005-require-mfa-waves.wave-2.json', 'CA005-require-mfa-waves.wave-3.json']);
  });

  it('the all-users policy goes On with the last wave ("everyone else"), and the waves policy is retired after sign-off', () => {
    const last = waves[waves.length - 1]!;
    expect(last.group).toBeNull();
    expect(policy('CA002').stateChanges.find((change) => change.state === 'enabled')!.date).toBe(last.enforcementDate);
    expect(usersOf(policy('CA002').body).includeUsers).toEqual(['All']);
    expect(policy('CA005').stateChanges.at(-1)).toMatchObject({ state: 'disabled', date: playbook.schedule.milestones['validation-signoff'].date });
  });

  it('every file and every step is a valid policy that excludes the break-glass group: the safety lint passes', () => {
    expect(lintErrors(lintPolicies(playbook.policies, lintOptionsFor(playbook)))).toEqual([]);
    for (const step of policy('CA005').steps!) {
      expect(policySchemaIssues(step.body, { allowPlaceholders: true })).toEqual([]);
      expect(usersOf(step.body).excludeGroups).toEqual([groupReference(playbook.breakGlass.group)]);
    }
    // Placeholders of groups named only in later steps are listed with the policy.
    expect(policy('CA005').placeholders.map((entry) => entry.token)).toContain(groupReference({ name: 'MFA-Wave-London' }));
  });

  it('the lint refuses a step that drops the break-glass exclusion', () => {
    const broken = playbook.policies.map((file) =>
      file.id === 'CA005'
        ? {
            ...file,
            steps: file.steps!.map((step, index) =>
              index === 1 ? { ...step, body: { ...step.body, conditions: { ...(step.body.conditions as object), users: { ...usersOf(step.body), excludeGroups: [] } } } } : step,
            ),
          }
        : file,
    );
    expect(lintErrors(lintPolicies(broken, lintOptionsFor(playbook))).map((finding) => `${finding.policy} ${finding.code}`)).toEqual([
      'CA005 (CA005-require-mfa-waves.wave-3.json) break-glass-not-excluded',
    ]);
  });

  it('the policy files include each step as JSON beside the policy', () => {
    const files = renderPolicyFiles(playbook);
    const step = files.find((file) => file.path === 'admin/policies/CA005-require-mfa-waves.wave-3.json')!;
    expect(usersOf(JSON.parse(new TextDecoder().decode(step.bytes))).includeGroups).toHaveLength(3);
    expect(new TextDecoder().decode(files.find((file) => file.path.endsWith('README.txt'))!.bytes)).toContain('Files ending .wave-<number>.json are not imported');
  });
});

describe('each wave has its own go/no-go, switch-on, watch and checklist', () => {
  const task = (id: string) => playbook.schedule.tasks.find((candidate) => candidate.id === id)!;

  it('the first wave keeps the plan\u2019s go/no-go and enforcement day, worded for the wave', () => {
    expect(task('enforce.enforce')).toMatchObject({ date: waves[0]!.enforcementDate, title: 'Switch MFA on for Wave 1 (MFA-Wave-Leeds)' });
    expect(task('enforce.enforce').action).toContain('set "CA005 - Require MFA - Waves" to On (included: "MFA-Wave-Leeds"');
    expect(task('enforce.watch-end').date).toBe(waves[0]!.watchEndDate);
    expect(playbook.schedule.milestones.enforcement.description).toContain(`the first of ${waves.length} waves`);
  });

  it('every later wave has its tasks on its own dates, and the last switches the all-users policy on', () => {
    for (const wave of waves.slice(1)) {
      expect(task(`enforce.${wave.id}-go-no-go`)).toMatchObject({ date: wave.goNoGoDate, owner: 'approver' });
      expect(task(`enforce.${wave.id}-switch-on`).date).toBe(wave.enforcementDate);
      expect(task(`enforce.${wave.id}-watch-end`).date).toBe(wave.watchEndDate);
    }
    expect(task('enforce.wave-3-switch-on').action).toContain('add "MFA-Wave-London" to the included groups');
    expect(task('enforce.wave-4-switch-on').action).toContain('set "CA002 - Require MFA - All users" to On');
    expect(playbook.schedule.milestones['watch-end'].date).toBe(waves.at(-1)!.watchEndDate);
  });

  it('one checklist per wave, due on the wave\u2019s own dates', () => {
    for (const wave of waves) {
      const checklist = playbook.checklists.find((candidate) => candidate.id === `checklist-${wave.id}`)!;
      expect(checklist.title).toBe(`Enforce: ${wave.label}`);
      const due = Object.fromEntries(checklist.items.map((item) => [item.id.replace(`${wave.id}-`, ''), item.due]));
      expect(due).toMatchObject({ 'go-no-go': wave.goNoGoDate, 'switch-on': wave.enforcementDate, watch: wave.watchEndDate });
    }
    expect(playbook.checklists.find((candidate) => candidate.id === 'checklist-wave-2')!.items[0]!.text).toContain(
      '"MFA-Wave-Finance" holds the 400 people of Wave 2 (MFA-Wave-Finance) (Finance)',
    );
  });
});

describe('each wave\u2019s members get the "MFA starts" notice with their own dates', () => {
  it('one notice per wave, sent on the wave\u2019s go/no-go day, naming its enforcement day', () => {
    for (const wave of waves) {
      const id = wave.number === 1 ? 'enforcement-tomorrow' : `enforcement-tomorrow-wave-${wave.number}`;
      const notice = playbook.communications.find((message) => message.id === id)!;
      expect(notice, id).toBeDefined();
      expect(notice).toMatchObject({ sendDate: wave.goNoGoDate, audienceLabel: `Members of ${wave.label}`, staffVisible: false });
      expect(notice.text).toContain(formatLongDate(wave.enforcementDate, 'en-GB'));
      for (const other of waves.filter((candidate) => candidate.enforcementDate !== wave.enforcementDate)) {
        expect(notice.text, `${id} names only its own wave's day`).not.toContain(formatLongDate(other.enforcementDate, 'en-GB'));
      }
    }
    const sendDates = playbook.communications.map((message) => message.sendDate ?? '9999-12-31');
    expect(sendDates).toEqual([...sendDates].sort());
  });

  it('in every staff language, each with its email draft', async () => {
    const bilingual = playbookOf({ ...config, staffLanguages: ['de-DE', 'en-GB'] });
    const wave = bilingual.waves!.waves[2]!;
    const notice = bilingual.communications.find((message) => message.id === 'enforcement-tomorrow-wave-3')!;
    expect(notice.languages!.map((version) => version.language)).toEqual(['de-DE', 'en-GB']);
    expect(notice.languages![0]!.text).toContain(longDateIn(wave.enforcementDate, 'de-DE'));
    const paths = (await renderArtifacts(bilingual)).map((file) => file.path);
    expect(paths).toContain('admin/emails/de-de/enforcement-tomorrow-wave-3.eml');
    expect(paths).toContain('admin/emails/en-gb/enforcement-tomorrow-wave-3.eml');
  });
});
