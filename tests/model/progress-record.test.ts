import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { planState } from '../../src/model/state.ts';
import { anythingOverdue, formatPlanStatusText, planStatus } from '../../src/model/status.ts';
import { EXAMPLE_CONFIG } from '../helpers/example.ts';

// On day 1 of the example (11 January 2027) two prepare checks are past their due date: ordering the security
// keys (due 23 December 2026) and approving the plan (8 January). Recording them in `progress.done` is how the
// admin tells `status` they were done, so that its exit code stops reporting them.
const DAY_ONE = '2027-01-11';

function statusWith(done: Record<string, string> | undefined, today = DAY_ONE) {
  const config = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  if (done !== undefined) config.progress = { done };
  const text = JSON.stringify(config, null, 2);
  const playbook = buildPlaybook(parseConfig(text, 'tenant.config.json', { today }).config, { today, generatorVersion: 'progress-test' });
  return { playbook, status: planStatus(playbook, today, () => []) };
}

describe('checks recorded as done (config progress.done)', () => {
  it('without a record the two past prepare checks are overdue and status exits as overdue', () => {
    const { status } = statusWith(undefined);
    expect(status.overdue.map((check) => [check.id, check.due])).toEqual([
      ['prepare.keys-ordered', '2026-12-23'],
      ['prepare.plan-approval', '2027-01-08'],
    ]);
    expect(anythingOverdue(status)).toBe(true);
    expect(formatPlanStatusText(status, 'Europe/London')).toContain('(record a check as done in the config: "progress": { "done": { "prepare.keys-ordered": "2027-01-11" } })');
  });

  it('recorded done on or before the plan date, they are no longer overdue and status exits cleanly', () => {
    const { status, playbook } = statusWith({ 'prepare.keys-ordered': '2026-12-22', 'prepare.plan-approval': '2027-01-08' });
    expect(status.overdue).toEqual([]);
    expect(status.unknownDone).toEqual([]);
    expect(anythingOverdue(status)).toBe(false);
    expect(formatPlanStatusText(status, 'Europe/London')).toContain('Overdue:\n  nothing');
    expect(planState(playbook, DAY_ONE).checklistItems['checklist-prepare/prepare.plan-approval']).toMatchObject({ status: 'done', label: 'Done' });
  });

  it('a check recorded with a later day is not done yet on an earlier plan date', () => {
    const { status } = statusWith({ 'prepare.keys-ordered': '2026-12-22', 'prepare.plan-approval': '2027-01-12' });
    expect(status.overdue.map((check) => check.id)).toEqual(['prepare.plan-approval']);
  });

  it('names a recorded id that is no check of the plan, so a typo does not pass unseen', () => {
    const { status } = statusWith({ 'prepare.plan-aproval': '2027-01-08' });
    expect(status.unknownDone).toEqual(['prepare.plan-aproval']);
    expect(formatPlanStatusText(status, 'Europe/London')).toContain('  ! progress.done names "prepare.plan-aproval", which is no check of this plan');
  });

  it('refuses a malformed check id or date with the field, file and line', () => {
    const config = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
    config.progress = { done: { 'checklist-prepare/prepare.exceptions': '2027-01-12', 'prepare.methods': '12/01/2027' } };
    expect(() => parseConfig(JSON.stringify(config, null, 2), 'tenant.config.json', { today: DAY_ONE })).toThrowErrorMatchingInlineSnapshot(`
      [ConfigError: error: tenant.config.json:124:26 progress.done.prepare.methods: expected the day it was done, written YYYY-MM-DD, found "12/01/2027"
      error: tenant.config.json:123:47 progress.done.checklist-prepare/prepare.exceptions: "checklist-prepare/prepare.exceptions" is not a check id; write it as status prints it after the slash, such as prepare.exceptions]
    `);
  });
});
