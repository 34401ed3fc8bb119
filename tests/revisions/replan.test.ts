import { describe, expect, it } from 'vitest';
import { milestoneIds } from '../../src/model/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import { enforcementBlockers } from '../../src/generators/schedule.ts';
import { longDateIn } from '../../src/generators/text/dates.ts';
import { BEFORE_A_FRIDAY, BEFORE_EASTER, configWith, playbookWith } from './helpers.ts';

// A plan whose go/no-go failed, revised on that day: what was dated before the revision stays, the rest moves by
// the schedule's enforcement rules, and every revision is a new version.

const goNoGoFailed =
  (plan: { startDate: string; goNoGo: string }, reason = 'Go/no-go failed: 14% of report-only sign-ins would have been blocked') =>
  (config: Record<string, any>) => {
    config.startDate = plan.startDate;
    config.revisions = [{ date: plan.goNoGo, reason, enforcement: 'next-valid-day' }];
  };
const unrevised = (plan: { startDate: string }) => (config: Record<string, any>) => {
  config.startDate = plan.startDate;
};

describe('a go/no-go that failed, revised on its day', () => {
  const today = BEFORE_A_FRIDAY.goNoGo;
  const before = playbookWith(unrevised(BEFORE_A_FRIDAY), today);
  const after = playbookWith(goNoGoFailed(BEFORE_A_FRIDAY), today);

  it('starts from the plan the fixture describes', () => {
    expect(before.schedule.milestones['go-no-go'].date).toBe(BEFORE_A_FRIDAY.goNoGo);
    expect(before.schedule.enforcementDate).toBe(BEFORE_A_FRIDAY.enforcement);
  });

  it('moves enforcement past the Friday to Monday 22 March', () => {
    // Friday 19 March would leave the 48 hours after the switch-on to the weekend.
    expect(after.schedule.enforcementDate).toBe('2027-03-22');
    expect(after.schedule.milestones.enforcement.date).toBe('2027-03-22');
    expect(enforcementBlockers(createCalendar(configWith(unrevised(BEFORE_A_FRIDAY), today)), '2027-03-19')).not.toEqual([]);
  });

  it('keeps every milestone and task dated before the revision exactly as it was', () => {
    for (const id of milestoneIds) {
      const was = before.schedule.milestones[id];
      if (was.date < today) expect(after.schedule.milestones[id]).toEqual(was);
    }
    const kept = before.schedule.tasks.filter((task) => task.date < today && !task.repeatsUntil);
    expect(kept.length).toBeGreaterThan(20);
    for (const task of kept) expect(after.schedule.tasks.find((candidate) => candidate.id === task.id)).toEqual(task);
    const sent = before.communications.filter((message) => message.sendDate !== null && message.sendDate < today);
    expect(sent.map((message) => message.id)).toContain('announcement');
    for (const message of sent) expect(after.communications.find((candidate) => candidate.id === message.id)).toEqual(message);
  });

  it('moves the later dates: a new go/no-go the working day before enforcement, then the watch, the review and the sign-off', () => {
    expect(after.schedule.milestones['go-no-go'].date).toBe('2027-03-19');
    expect(after.schedule.milestones['watch-end'].date > before.schedule.milestones['watch-end'].date).toBe(true);
    expect(after.schedule.milestones['validation-signoff'].date > before.schedule.milestones['validation-signoff'].date).toBe(true);
    const briefing = after.communications.find((message) => message.id === 'enforcement-tomorrow')!;
    expect(briefing.sendDate).toBe('2027-03-19');
    expect(briefing.text).toContain(longDateIn('2027-03-22', 'en-GB'));
  });

  it('is version 1.1, issued on the revision day, with the history and what changed', () => {
    expect(after.meta.planVersion).toBe('1.1');
    expect(after.meta.planVersionDate).toBe(today);
    expect(after.history!.map((entry) => [entry.version, entry.date, entry.reason])).toEqual([
      ['1.0', BEFORE_A_FRIDAY.startDate, null],
      ['1.1', today, 'Go/no-go failed: 14% of report-only sign-ins would have been blocked'],
    ]);
    const changes = after.history![1]!.changes;
    expect(changes).toContainEqual({ kind: 'milestone', id: 'enforcement', title: 'Enforcement', from: '2027-03-18', to: '2027-03-22' });
    expect(changes).toContainEqual({ kind: 'milestone', id: 'go-no-go', title: 'Go / no-go decision', from: '2027-03-17', to: '2027-03-19' });
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'message', id: 'enforcement-tomorrow', from: '2027-03-17', to: '2027-03-19' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'message', id: 'date-moved', from: null, to: today }));
    // Nothing dated before the revision is listed as changed.
    expect(changes.filter((change) => change.from !== null && change.from < today)).toEqual([]);
  });

  it('leaves a plan without revisions as it was: no history, the configured version', () => {
    expect(before.history).toBeUndefined();
    expect(before.meta.planVersion).toBe('1.0');
    expect(before.communications.map((message) => message.id)).not.toContain('date-moved');
  });
});

describe('the enforcement rules choose the next valid day', () => {
  it('skips the eve of Good Friday and the Easter holidays: Wednesday 24 March moves to Tuesday 30 March', () => {
    const after = playbookWith(goNoGoFailed(BEFORE_EASTER), BEFORE_EASTER.goNoGo);
    expect(playbookWith(unrevised(BEFORE_EASTER), BEFORE_EASTER.goNoGo).schedule.enforcementDate).toBe(BEFORE_EASTER.enforcement);
    // 25 March is the working day before Good Friday; 26 and 29 March are public holidays.
    expect(after.schedule.enforcementDate).toBe('2027-03-30');
    expect(after.schedule.milestones['go-no-go'].date).toBe('2027-03-25');
  });

  it('accepts an explicit enforcement date that obeys the rules', () => {
    const after = playbookWith((config) => {
      config.startDate = BEFORE_A_FRIDAY.startDate;
      config.revisions = [{ date: BEFORE_A_FRIDAY.goNoGo, reason: 'Waiting for the security keys', enforcement: '2027-03-24' }];
    }, BEFORE_A_FRIDAY.goNoGo);
    expect(after.schedule.enforcementDate).toBe('2027-03-24');
    expect(after.schedule.milestones['go-no-go'].date).toBe('2027-03-23');
  });

  it('extends a phase by working days and re-checks enforcement against the rules', () => {
    // The register phase extended by 3 working days on its tenth day: the deadline moves 3 working days, and
    // enforcement lands on the first valid day after the (unchanged) pilot.
    const today = '2027-03-04';
    const before = playbookWith(unrevised(BEFORE_A_FRIDAY), today);
    const after = playbookWith((config) => {
      config.startDate = BEFORE_A_FRIDAY.startDate;
      config.revisions = [{ date: today, reason: 'Registration at 71%: three more days', extendPhase: { phase: 'register', days: 3 } }];
    }, today);
    expect(before.schedule.registrationDeadline).toBe('2027-03-12');
    expect(after.schedule.registrationDeadline).toBe('2027-03-17');
    // 23 March would be planned: a Tuesday, valid.
    expect(after.schedule.enforcementDate).toBe('2027-03-23');
    expect(after.schedule.milestones['reminder-check']).toEqual(before.schedule.milestones['reminder-check']);
    const notice = after.communications.find((message) => message.id === 'date-moved')!;
    expect(notice.text).toContain(`You now have until ${longDateIn('2027-03-17', 'en-GB')} to set it up.`);
  });

  it('numbers two revisions 1.1 and 1.2, each keeping what the one before had dated', () => {
    const after = playbookWith((config) => {
      config.startDate = BEFORE_A_FRIDAY.startDate;
      config.revisions = [
        { date: BEFORE_A_FRIDAY.goNoGo, reason: 'Go/no-go failed', enforcement: 'next-valid-day' },
        { date: '2027-03-19', reason: 'Go/no-go failed again', enforcement: 'next-valid-day' },
      ];
    }, '2027-03-19');
    expect(after.history!.map((entry) => [entry.version, entry.schedule.enforcementDate])).toEqual([
      ['1.0', '2027-03-18'],
      ['1.1', '2027-03-22'],
      ['1.2', '2027-03-23'],
    ]);
    expect(after.meta.planVersion).toBe('1.2');
    // The first "date moved" message went out before the second revision; the second replaces it in the plan.
    const notice = after.communications.find((message) => message.id === 'date-moved')!;
    expect(notice.sendDate).toBe('2027-03-19');
    expect(notice.text).toContain(`It was planned for ${longDateIn('2027-03-22', 'en-GB')}. It now starts on ${longDateIn('2027-03-23', 'en-GB')}.`);
  });
});
