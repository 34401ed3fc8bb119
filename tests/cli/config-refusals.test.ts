import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../src/build/output-folder.ts';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';

// Bad input as a user meets it: the real command in a child process, its exit code, its one-line messages and
// the output folder it leaves alone. The messages themselves are pinned in tests/config/invalid-configs.test.ts
// and tests/config/bounds.test.ts, which read them from the parse without starting the command.
type Json = Record<string, any>;
const exampleText = readFileSync(EXAMPLE_CONFIG, 'utf8');
const example = (): Json => JSON.parse(exampleText);
const mutated = (change: (config: Json) => void) => {
  const config = example();
  change(config);
  return `${JSON.stringify(config, null, 2)}\n`;
};

describe('an invalid config through the command line', () => {
  let work: string;
  const cases: Record<string, (config: Json) => void> = {
    'unknown key': (c) => {
      c.organisation.nmae = 'x';
    },
    'secret key': (c) => {
      c.helpdesk.secret = 'x';
    },
    'bad date': (c) => {
      c.startDate = '11/01/2027';
    },
    'break-glass in pilot': (c) => {
      c.pilotGroup.members.push(c.breakGlass.accounts[1]);
    },
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mfa-invalid-'));
    await mkdir(join(work, 'out', 'admin'), { recursive: true });
    await writeFile(join(work, 'out', 'admin', 'index.html'), 'previous build');
    // A previous build's output carries the marker; without it the output guard would refuse the folder first.
    await writeFile(join(work, 'out', OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  });

  for (const [name, change] of Object.entries(cases)) {
    it(`${name}: exits non-zero, names the path, leaves the previous output untouched`, async () => {
      const file = join(work, `${name.replace(/\W+/g, '-')}.json`);
      await writeFile(file, mutated(change));
      const run = await runCli(['build', '--config', file, '--out', join(work, 'out'), '--today', EXAMPLE_TODAY, '--quiet']);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/^error: .+\.json:\d+:\d+ [\w.[\]]+: /m);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await readFile(join(work, 'out', 'admin', 'index.html'), 'utf8')).toBe('previous build');
      expect(await readdir(work)).not.toContain(expect.stringMatching(/staging/));
    });
  }

  it('a bad --start is refused before anything is read', async () => {
    const run = await runCli(['build', '--start', '2027-13-01', '--out', join(work, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('error: --start: expected a date written YYYY-MM-DD, found "2027-13-01"');
  });

  it('a missing file is named', async () => {
    const run = await runCli(['check', '--config', join(work, 'nope.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.json (file): file not found');
  });
});

describe('a run over many tenants', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await scratchFolder('many-tenants');
    await mkdir(join(scratch, 'tenants'));
    const closed = example();
    closed.organisation.name = 'Always Closed Ltd';
    // Every day of the year closed: the plan cannot be dated (tests/config/bounds.test.ts pins the message).
    const days: string[] = [];
    for (let day = new Date('2027-01-11T12:00:00Z'); days.length < 400; day = new Date(day.getTime() + 86_400_000)) days.push(day.toISOString().slice(0, 10));
    closed.holidays.extraClosedDays = days;
    await writeFile(join(scratch, 'tenants', 'a-closed.json'), JSON.stringify(closed, null, 2));
    await writeFile(join(scratch, 'tenants', 'b-open.json'), exampleText);
  });
  afterAll(async () => {
    if (scratch) await removeScratch(scratch);
  });

  it('in a run over many tenants, the others are still checked', async () => {
    const run = await runCli(['check', '--config', join(scratch, 'tenants'), '--today', EXAMPLE_TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a-closed.json (plan): the plan cannot be dated');
    expect(run.stdout).toMatch(/b-open\.json: ok — Northgate Engineering Ltd, start 2027-01-11/);
  }, 300_000);
});

describe('check with nothing to check', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await scratchFolder('nothing');
  });
  afterAll(async () => {
    if (scratch) await removeScratch(scratch);
  });
  it('an empty folder exits non-zero', async () => {
    const run = await runCli(['check', '--config', scratch]);
    expect(run.code).toBe(1);
    expect(run.stderr.split(scratch).join('<scratch>').trim()).toMatchInlineSnapshot(`"error: --config <scratch>: no tenant files (*.json) found, so nothing was checked"`);
  }, 300_000);
  it('a glob matching nothing exits non-zero', async () => {
    const run = await runCli(['check', '--config', join(scratch, '*.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no tenant files (*.json) found, so nothing was checked');
  }, 300_000);
});
