import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRevision } from '../../src/config/add-revision.ts';
import { runCli } from '../helpers/cli.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';
import { BEFORE_A_FRIDAY, exampleJson } from './helpers.ts';

// `mfa-playbook replan` writes the revision for the admin: the next valid enforcement day proposed and written as
// a date, the rest of the file as it was, and nothing written at all when the revision cannot apply.

const REASON = 'Go/no-go failed: 14% of report-only sign-ins would have been blocked';

/** The example tenant starting 19 February 2027, with the example's own compact lines kept as written. */
function tenantText(): string {
  const config = exampleJson();
  config.startDate = BEFORE_A_FRIDAY.startDate;
  return `${JSON.stringify(config, null, 2).replace(/"phases": \{[^}]*\}/, '"phases": { "prepare": 2, "register": 14, "pilot": 3, "enforce": 1, "validate": 3 }')}\n`;
}

describe('mfa-playbook replan', () => {
  let folder: string;
  let file: string;
  let original: string;
  beforeAll(async () => {
    folder = await scratchFolder('replan');
    file = join(folder, 'tenant.config.json');
    original = tenantText();
    await writeFile(file, original);
  });
  afterAll(async () => {
    await removeScratch(folder);
  });

  it('writes the revision on the go/no-go day, proposing the next valid enforcement day', async () => {
    const run = await runCli(['replan', '--config', file, '--today', BEFORE_A_FRIDAY.goNoGo, '--reason', REASON]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('revision 1.1 of 2027-03-17 written: enforcement moves from 2027-03-18 to 2027-03-22, the next day the enforcement rules allow.');
    const written = await readFile(file, 'utf8');
    expect(JSON.parse(written).revisions).toEqual([{ date: '2027-03-17', reason: REASON, enforcement: '2027-03-22' }]);
    // Every line of the file as it was is still there, in order (the compact phases line included).
    const lines = written.split('\n');
    let at = 0;
    for (const line of original.trimEnd().split('\n').slice(0, -2)) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }
    expect(written).toContain('"phases": { "prepare": 2, "register": 14, "pilot": 3, "enforce": 1, "validate": 3 }');
    expect(await readdir(folder)).toEqual(['tenant.config.json']);
  });

  it('leaves a file that check accepts, with the new enforcement date', async () => {
    const run = await runCli(['check', '--config', file, '--today', BEFORE_A_FRIDAY.goNoGo]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('enforcement 2027-03-22');
  });

  it('refuses a day enforcement may not fall on and leaves the file as it was', async () => {
    const before = await readFile(file, 'utf8');
    const run = await runCli(['replan', '--config', file, '--today', '2027-03-19', '--reason', 'Failed again', '--enforcement', '2027-03-26']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('this revision cannot apply to the plan, so the file is unchanged');
    expect(run.stderr).toContain('26 March 2027 is Good Friday');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(folder)).toEqual(['tenant.config.json']);
  });

  it('refuses a revision dated on or before the last one', async () => {
    const run = await runCli(['replan', '--config', file, '--today', BEFORE_A_FRIDAY.goNoGo, '--reason', 'Again']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the last revision is dated 2027-03-17; a new one must be dated after it');
  });

  it('numbers the next revision 1.2 and extends a phase when asked', async () => {
    const run = await runCli(['replan', '--config', file, '--today', '2027-03-19', '--reason', 'Helpdesk short-staffed', '--extend', 'pilot', '--days', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('revision 1.2 of 2027-03-19 written: the pilot phase runs 2 working days longer');
    expect(JSON.parse(await readFile(file, 'utf8')).revisions[1]).toEqual({ date: '2027-03-19', reason: 'Helpdesk short-staffed', extendPhase: { phase: 'pilot', days: 2 } });
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file it may not write, explains, and changes nothing', async () => {
    const before = await readFile(file, 'utf8');
    await chmod(file, 0o444);
    const run = await runCli(['replan', '--config', file, '--today', '2027-03-22', '--reason', 'Later']);
    await chmod(file, 0o644);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the file is not writable');
    expect(run.stderr).toContain('add this entry to "revisions" yourself');
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('adding a revision to the text of a tenant file', () => {
  const revision = { date: '2027-03-17', reason: REASON, enforcement: '2027-03-22' };

  it('keeps a byte-order mark, Windows line endings and tab indentation', () => {
    const text = '\uFEFF{\r\n\t"startDate": "2027-02-19",\r\n\t"planVersion": "1.0"\r\n}\r\n';
    const revised = addRevision(text, revision);
    expect(revised.startsWith('\uFEFF{\r\n\t"startDate": "2027-02-19",\r\n\t"planVersion": "1.0",\r\n\t"revisions": [')).toBe(true);
    expect(revised.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(revised.slice(1)).revisions).toEqual([revision]);
  });

  it('appends to the revisions already there', () => {
    const text = '{\n    "revisions": [\n        { "date": "2027-03-10", "reason": "First", "extendPhase": { "phase": "register", "days": 2 } }\n    ]\n}\n';
    const revised = addRevision(text, revision);
    expect(revised).toContain('{ "date": "2027-03-10", "reason": "First", "extendPhase": { "phase": "register", "days": 2 } }');
    expect(JSON.parse(revised).revisions.map((entry: { date: string }) => entry.date)).toEqual(['2027-03-10', '2027-03-17']);
  });
});
