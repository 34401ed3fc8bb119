import { describe, expect, it } from 'vitest';
import {
  checklistItemState,
  checklistProgress,
  enforcementCountdown,
  measuredAge,
  messageState,
  planItemState,
  planState,
  relativeDays,
  workAhead,
} from '../../src/model/state.ts';
import { examplePlaybook } from '../helpers/example.ts';

// The example tenant's plan (start 2027-01-11, enforcement 2027-02-08, sign-off 2027-02-11) judged on
// four known days: before the start, in the middle of the register phase, enforcement day, after validation.
const playbook = examplePlaybook();
const BEFORE_START = '2027-01-04';
const MID_REGISTER = '2027-01-25';
const ENFORCEMENT_DAY = '2027-02-08';
const AFTER_VALIDATION = '2027-02-15';

function statusesOf(record: Record<string, { status: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([id, state]) => [id, state.status]));
}

describe('relative days and single states', () => {
  it('words calendar days relative to today', () => {
    expect([relativeDays(0), relativeDays(1), relativeDays(-1), relativeDays(5), relativeDays(-3)]).toEqual(['today', 'tomorrow', 'yesterday', 'in 5 days', '3 days ago']);
  });

  it('a task repeated every working day is under way inside its span, done after it', () => {
    const track = { date: '2027-01-13', repeatsUntil: '2027-02-01' };
    expect(planItemState(track, '2027-01-12')).toEqual({ status: 'upcoming', days: 1, label: 'Tomorrow' });
    expect(planItemState(track, '2027-01-13')).toEqual({ status: 'due-today', days: 0, label: 'Due today' });
    expect(planItemState(track, '2027-01-25')).toEqual({ status: 'in-progress', days: -12, label: 'Under way, ends in 7 days' });
    expect(planItemState(track, '2027-02-01')).toEqual({ status: 'in-progress', days: -19, label: 'Under way, last day today' });
    expect(planItemState(track, '2027-02-02')).toEqual({ status: 'done', days: -20, label: 'Done' });
  });

  it('a checklist item is done only when ticked and overdue when its date passed unticked', () => {
    expect(checklistItemState({ due: '2027-01-22' }, '2027-01-25', false)).toEqual({ status: 'overdue', days: -3, label: 'Overdue by 3 days' });
    expect(checklistItemState({ due: '2027-01-24' }, '2027-01-25', false).label).toBe('Overdue by 1 day');
    expect(checklistItemState({ due: '2027-01-22' }, '2027-01-25', true)).toEqual({ status: 'done', days: -3, label: 'Done' });
    expect(checklistItemState({ due: '2027-01-25' }, '2027-01-25', false).label).toBe('Due today');
    expect(checklistItemState({ due: '2027-01-28' }, '2027-01-25', false)).toEqual({ status: 'upcoming', days: 3, label: 'Due in 3 days' });
    expect(checklistProgress(3, 9)).toBe('3 of 9 done');
  });

  it('messages: sent, sends today, scheduled, only if needed, not needed, template', () => {
    const today = '2027-01-25';
    expect(messageState({ sendDate: '2027-01-13', status: 'scheduled' }, today)).toEqual({ status: 'sent', days: -12, label: 'Sent 12 days ago' });
    expect(messageState({ sendDate: '2027-01-25', status: 'scheduled' }, today)).toEqual({ status: 'sends-today', days: 0, label: 'Sends today' });
    expect(messageState({ sendDate: '2027-01-26', status: 'scheduled' }, today)).toEqual({ status: 'scheduled', days: 1, label: 'Scheduled, tomorrow' });
    expect(messageState({ sendDate: '2027-01-28', status: 'conditional' }, today)).toEqual({ status: 'if-needed', days: 3, label: 'Only if needed, in 3 days' });
    expect(messageState({ sendDate: '2027-01-22', status: 'conditional' }, today).label).toBe('Only if needed; its date was 3 days ago');
    expect(messageState({ sendDate: '2027-01-22', status: 'not-needed' }, today).status).toBe('not-needed');
    expect(messageState({ sendDate: null, status: 'conditional' }, today)).toEqual({ status: 'template', days: null, label: 'Template, when needed' });
  });

  it('the age of a measured figure and the days left before enforcement', () => {
    expect(measuredAge('2027-01-22', '2027-01-25')).toEqual({ days: 3, ago: '3 days ago' });
    expect(measuredAge('2027-01-25', '2027-01-25')).toEqual({ days: 0, ago: 'today' });
    expect(enforcementCountdown('2027-02-08', '2027-01-25')).toEqual({ status: 'before', days: 14, label: '14 days left' });
    expect(enforcementCountdown('2027-02-08', '2027-02-07').label).toBe('1 day left');
    expect(enforcementCountdown('2027-02-08', '2027-02-08')).toEqual({ status: 'today', days: 0, label: 'It starts today' });
    expect(enforcementCountdown('2027-02-08', '2027-02-10')).toEqual({ status: 'after', days: -2, label: 'In place for 2 days' });
    expect(enforcementCountdown('2027-02-08', '2027-02-09').label).toBe('In place since yesterday');
  });
});

describe('the example plan on known dates', () => {
  it('before the start: every task, milestone and message lies ahead', () => {
    const state = planState(playbook, BEFORE_START);
    expect(state.progress.state).toBe('not-started');
    // Only the security keys, ordered weeks ahead (23 December), are behind; every other task lies ahead.
    const tasks = statusesOf(state.tasks);
    expect(Object.entries(tasks).filter(([, status]) => status !== 'upcoming')).toEqual([['prepare.order-keys', 'done']]);
    expect(state.tasks['prepare.plan-approval']).toEqual({ status: 'upcoming', days: 4, label: 'In 4 days' });
    expect(new Set(Object.values(statusesOf(state.milestones)))).toEqual(new Set(['upcoming']));
    expect(state.tasks['prepare.break-glass']).toEqual({ status: 'upcoming', days: 7, label: 'In 7 days' });
    expect(state.milestones['enforcement']!.days).toBe(35);
    expect(statusesOf(state.messages)).toEqual({
      announcement: 'scheduled',
      'no-smartphone': 'scheduled',
      reminder: 'if-needed',
      'individual-contact': 'if-needed',
      'manager-escalation': 'if-needed',
      'pilot-notice': 'scheduled',
      'helpdesk-briefing': 'scheduled',
      'enforcement-tomorrow': 'scheduled',
      completion: 'scheduled',
    });
    expect(state.enforcement).toEqual({ status: 'before', days: 35, label: '35 days left' });
    expect(state.registration).toBeNull();
  });

  it('mid-register (Monday 25 January): prepare done, daily tracking under way, the next milestone tomorrow', () => {
    const state = planState(playbook, MID_REGISTER);
    expect(state.progress).toMatchObject({ state: 'in-progress', phaseId: 'register' });
    const tasks = statusesOf(state.tasks);
    for (const id of ['prepare.break-glass', 'prepare.plan-approval', 'register.announce', 'register.no-smartphone', 'register.reminder-check']) expect(tasks[id], id).toBe('done');
    expect(tasks['register.track-daily']).toBe('in-progress');
    expect(state.tasks['register.individual-contact']).toEqual({ status: 'upcoming', days: 1, label: 'Tomorrow' });
    expect(tasks['enforce.enforce']).toBe('upcoming');
    expect(statusesOf(state.milestones)).toMatchObject({ announcement: 'done', 'reminder-check': 'done', 'individual-contact': 'upcoming', enforcement: 'upcoming' });
    expect(state.messages['announcement']).toEqual({ status: 'sent', days: -12, label: 'Sent 12 days ago' });
    expect(state.messages['no-smartphone']!.status).toBe('sent');
    expect(state.messages['enforcement-tomorrow']).toEqual({ status: 'scheduled', days: 11, label: 'Scheduled, in 11 days' });
    // Judged unticked, the checklist items of the past are overdue, today's are due.
    expect(state.checklistItems['checklist-prepare/prepare.plan-approval']!.status).toBe('overdue');
    expect(state.checklistItems['checklist-register/register.individual-contact']).toEqual({ status: 'upcoming', days: 1, label: 'Due tomorrow' });
    expect(state.enforcement.label).toBe('14 days left');
  });

  it('enforcement day: the switch-on is due today, the watch is due, the enforcement-tomorrow message was sent', () => {
    const state = planState(playbook, ENFORCEMENT_DAY);
    expect(state.progress).toMatchObject({ state: 'in-progress', phaseId: 'enforce' });
    expect(state.tasks['enforce.enforce']).toEqual({ status: 'due-today', days: 0, label: 'Due today' });
    expect(state.tasks['enforce.watch']!.status).toBe('due-today');
    expect(state.tasks['pilot.go-no-go']!.status).toBe('done');
    expect(state.tasks['validate.signoff']).toEqual({ status: 'upcoming', days: 3, label: 'In 3 days' });
    expect(state.milestones['enforcement']!.status).toBe('due-today');
    expect(state.milestones['go-no-go']!.status).toBe('done');
    expect(state.messages['enforcement-tomorrow']).toEqual({ status: 'sent', days: -3, label: 'Sent 3 days ago' });
    expect(state.messages['completion']).toEqual({ status: 'scheduled', days: 3, label: 'Scheduled, in 3 days' });
    expect(state.enforcement).toEqual({ status: 'today', days: 0, label: 'It starts today' });
    // The day after, the watch is still under way until its last day.
    expect(planState(playbook, '2027-02-09').tasks['enforce.watch']).toEqual({ status: 'in-progress', days: -1, label: 'Under way, ends tomorrow' });
  });

  it('after validation: everything is done or sent and no work lies ahead', () => {
    const state = planState(playbook, AFTER_VALIDATION);
    expect(state.progress.state).toBe('complete');
    expect(new Set(Object.values(statusesOf(state.tasks)))).toEqual(new Set(['done']));
    expect(new Set(Object.values(statusesOf(state.milestones)))).toEqual(new Set(['done']));
    for (const id of ['announcement', 'no-smartphone', 'pilot-notice', 'helpdesk-briefing', 'enforcement-tomorrow', 'completion'])
      expect(state.messages[id]!.status, id).toBe('sent');
    expect(state.messages['completion']!.label).toBe('Sent 4 days ago');
    expect(state.enforcement.status).toBe('after');
    expect(workAhead(playbook.schedule, AFTER_VALIDATION)).toEqual([]);
  });

  it("this week's work: the seven days from today, under-way tasks included, in date order", () => {
    expect(workAhead(playbook.schedule, MID_REGISTER).map((task) => `${task.date} ${task.id}`)).toEqual([
      '2027-01-13 register.track-daily',
      '2027-01-26 register.individual-contact',
      '2027-01-28 register.manager-escalation',
      '2027-01-29 register.sms-voice-off',
    ]);
    // Seven days means today and the six after it: Monday 1 February is the eighth.
    expect(workAhead(playbook.schedule, '2027-01-26').map((task) => task.id)).toContain('register.registration-deadline');
    expect(workAhead(playbook.schedule, BEFORE_START).map((task) => task.id)).toEqual(['prepare.plan-approval']);
    const fromFriday = workAhead(playbook.schedule, '2027-01-08');
    expect(fromFriday[0]!.id).toBe('prepare.plan-approval');
    expect(fromFriday.map((task) => task.id)).toEqual(expect.arrayContaining(['prepare.break-glass', 'prepare.inventory', 'register.announce', 'register.track-daily']));
    expect(fromFriday.every((task) => task.date >= '2027-01-08' && task.date <= '2027-01-14')).toBe(true);
  });

  it('is the plan date of the model unless told otherwise', () => {
    expect(planState(playbook).today).toBe(playbook.meta.asOf);
    expect(planState(examplePlaybook(MID_REGISTER)).tasks['register.track-daily']!.status).toBe('in-progress');
  });
});
