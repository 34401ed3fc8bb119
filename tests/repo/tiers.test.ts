import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example.ts';
import { INTEGRATION_TESTS, SHARED_SITE_TESTS } from '../tiers.ts';

// `npm run test:unit` promises no build and no browser. These calls mean one or the other.
const HEAVY_CALLS = ['launchBrowser(', 'buildSites(', 'buildWithEvidence(', "'pack'"];
// Each start of the command in a child process loads the whole program (seconds on a busy machine): such tests
// are integration tests, so that the unit tier stays within its time.
const COMMAND_STARTS = [/\brunCli\(/, /\[\s*['"`][^'"`]*bin\/mfa-playbook\.mjs/];

async function testFiles(): Promise<string[]> {
  const entries = await readdir(join(ROOT, 'tests'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

async function helperFiles(): Promise<string[]> {
  const entries = await readdir(join(ROOT, 'tests'), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')).map((entry) => join(entry.parentPath, entry.name));
}

type Pattern = string | RegExp;
const matches = (text: string, pattern: Pattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

/**
 * The exported functions of the test helpers whose own body makes one of these calls: a test file calling one
 * makes the call too (the i18n builds run the command from a helper), by the function's name.
 */
async function helpersMaking(patterns: readonly Pattern[]): Promise<Pattern[]> {
  const names: Pattern[] = [];
  for (const file of await helperFiles()) {
    const text = await readFile(file, 'utf8');
    const starts = [...text.matchAll(/^export (?:async )?function (\w+)/gm)];
    starts.forEach((start, index) => {
      const body = text.slice(start.index, starts[index + 1]?.index ?? text.length);
      if (patterns.some((pattern) => matches(body, pattern))) names.push(new RegExp(`\\b${start[1]}\\(`));
    });
  }
  return names;
}

/** The unit-tier test files that make one of these calls, each with the calls it makes. */
async function unitFilesMaking(patterns: readonly Pattern[]): Promise<string[]> {
  const misplaced: string[] = [];
  for (const file of await testFiles()) {
    // This file names the calls without making them.
    if (INTEGRATION_TESTS.includes(file) || join(ROOT, file) === import.meta.filename) continue;
    const text = await readFile(join(ROOT, file), 'utf8');
    const calls = patterns.filter((pattern) => matches(text, pattern));
    if (calls.length > 0) misplaced.push(`${file}: ${calls.map(String).join(', ')}`);
  }
  return misplaced;
}

describe('test tiers', () => {
  it('every test file that opens a browser, builds sites or packs the package is in the integration tier', async () => {
    expect(await unitFilesMaking([...HEAVY_CALLS, ...(await helpersMaking(HEAVY_CALLS))])).toEqual([]);
  });

  it('no unit-tier file starts the command in a child process, itself or through a test helper', async () => {
    expect(await unitFilesMaking([...COMMAND_STARTS, ...(await helpersMaking(COMMAND_STARTS))])).toEqual([]);
  });

  it('the integration list names only files that exist', () => {
    expect(INTEGRATION_TESTS.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });

  it('files that read the shared site builds are integration files (test:unit never starts the shared build)', () => {
    expect(SHARED_SITE_TESTS.filter((file) => !INTEGRATION_TESTS.includes(file))).toEqual([]);
  });
});
