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

describe('test tiers', () => {
  it('every test file that opens a browser, builds sites or packs the package is in the integration tier', async () => {
    const misplaced: string[] = [];
    for (const file of await testFiles()) {
      // This file names the calls without making them.
      if (INTEGRATION_TESTS.includes(file) || join(ROOT, file) === import.meta.filename) continue;
      const text = await readFile(join(ROOT, file), 'utf8');
      const calls = HEAVY_CALLS.filter((call) => text.includes(call));
      if (calls.length > 0) misplaced.push(`${file}: ${calls.join(', ')}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('no unit-tier file starts the command in a child process', async () => {
    const misplaced: string[] = [];
    for (const file of await testFiles()) {
      if (INTEGRATION_TESTS.includes(file) || join(ROOT, file) === import.meta.filename) continue;
      const text = await readFile(join(ROOT, file), 'utf8');
      const starts = COMMAND_STARTS.filter((pattern) => pattern.test(text));
      if (starts.length > 0) misplaced.push(`${file}: ${starts.map(String).join(', ')}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('the integration list names only files that exist', () => {
    expect(INTEGRATION_TESTS.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });

  it('files that read the shared site builds are integration files (test:unit never starts the shared build)', () => {
    expect(SHARED_SITE_TESTS.filter((file) => !INTEGRATION_TESTS.includes(file))).toEqual([]);
  });
});
