import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/friendly-errors.ts';
import { loadPlaybook } from '../../src/build/pipeline.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';
import { BEFORE_A_FRIDAY, configText, refusal } from './helpers.ts';

// The revisions area of the config: every mistake is one line naming the file, the line and the key.

const today = BEFORE_A_FRIDAY.goNoGo;
// The revisions (and the plan version) come first in the file, so the lines in the messages do not follow the
// rest of the example tenant.
const withRevisions = (revisions: unknown[], planVersion = '1.0') =>
  configText((config) => {
    const rest: Record<string, unknown> = { ...config, startDate: BEFORE_A_FRIDAY.startDate };
    delete rest.planVersion;
    for (const key of Object.keys(config)) delete config[key];
    Object.assign(config, { planVersion, revisions }, rest);
  });

describe('revisions that do not fit the schema', () => {
  it('asks what moves when a revision names nothing', () => {
    expect(refusal(withRevisions([{ date: today, reason: 'Go/no-go failed' }]), today)).toMatchInlineSnapshot(
      `"error: tenant.config.json:4:5 revisions[0]: a revision says what moves: "enforcement" ("next-valid-day" or a date) or "extendPhase" ({ "phase": …, "days": … })"`,
    );
  });

  it('refuses a revision that moves two things at once', () => {
    expect(
      refusal(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day', extendPhase: { phase: 'pilot', days: 2 } }]), today),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:4:5 revisions[0]: a revision moves one thing: "enforcement" or "extendPhase", not both (write two revisions)"`);
  });

  it('explains the values enforcement takes', () => {
    expect(refusal(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: 'next week' }]), today)).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].enforcement: expected "next-valid-day" or a date written YYYY-MM-DD, found "next week""`,
    );
    expect(refusal(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: '2027-02-30' }]), today)).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].enforcement: expected a real calendar date in the years 2000 to 2100, found "2027-02-30""`,
    );
  });

  it('names an unknown phase and a missing reason', () => {
    expect(refusal(withRevisions([{ date: today, extendPhase: { phase: 'registration', days: 2 } }]), today)).toMatchInlineSnapshot(`
      "error: tenant.config.json:4:5 revisions[0].reason: missing: expected text
      error: tenant.config.json:7:18 revisions[0].extendPhase.phase: expected one of prepare, register, pilot, enforce, validate, found "registration""
    `);
  });

  it('wants the revisions in date order', () => {
    expect(
      refusal(
        withRevisions([
          { date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day' },
          { date: '2027-03-10', reason: 'Earlier', extendPhase: { phase: 'pilot', days: 1 } },
        ]),
        today,
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:10:15 revisions[1].date: revisions are listed in date order, one a day: 2027-03-10 is not after the revision before it (2027-03-17)"`,
    );
  });

  it('refuses revisions of a plan version without a minor number to raise', () => {
    expect(refusal(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day' }], 'draft'), today)).toMatchInlineSnapshot(
      `"error: tenant.config.json:2:18 planVersion: a revised plan counts its versions from a major and a minor number (1.0, 2.0): each revision raises the minor one, found "draft""`,
    );
  });
});

describe('revisions that do not fit the plan', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await scratchFolder('revisions');
  });
  afterAll(async () => {
    await removeScratch(folder);
  });

  const problems = async (text: string): Promise<string> => {
    const file = join(folder, 'tenant.config.json');
    await writeFile(file, text);
    const result = await loadPlaybook({ configPath: file, today, now: new Date(0), generatorVersion: '0.0.0-test' });
    if (result.ok) throw new Error('expected the revision to be refused');
    return result.problems.map((problem) => formatProblem({ ...problem, file: 'tenant.config.json' })).join('\n');
  };

  it('refuses an enforcement date on a Friday and proposes the next valid day', async () => {
    expect(await problems(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: '2027-03-19' }]))).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].enforcement: enforcement cannot be on Friday, 19 March 2027: 19 March 2027 is a Friday: the 48 hours after enforcement would fall on the weekend. The next valid day is Monday, 22 March 2027 (2027-03-22)"`,
    );
  });

  it('refuses an enforcement date that is not later than the one it replaces', async () => {
    expect(await problems(withRevisions([{ date: today, reason: 'Go/no-go failed', enforcement: '2027-03-16' }]))).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].enforcement: Tuesday, 16 March 2027 is not after the enforcement date it replaces (Thursday, 18 March 2027); the next valid day is Monday, 22 March 2027 (2027-03-22)"`,
    );
  });

  it('refuses to extend a phase that is over', async () => {
    expect(await problems(withRevisions([{ date: today, reason: 'More time', extendPhase: { phase: 'register', days: 3 } }]))).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].extendPhase: the register phase ended on Friday, 12 March 2027, before this revision (Wednesday, 17 March 2027); only a phase under way or still ahead can be extended"`,
    );
  });

  it('refuses to move an enforcement that has taken place', async () => {
    expect(await problems(withRevisions([{ date: '2027-03-19', reason: 'Too late', enforcement: 'next-valid-day' }]))).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:22 revisions[0].enforcement: enforcement took place on Thursday, 18 March 2027, before this revision (Friday, 19 March 2027); a revision moves only dates still ahead"`,
    );
  });
});
