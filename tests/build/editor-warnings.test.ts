import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/build/pipeline.ts';

// Rebuilding during the rollout once put "the start date is in the past" inside the plan the approver signed.
describe('config warnings stay with the person editing the config', () => {
  it('a start date in the past is reported by loadPlaybook but never reaches the plan model', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'editor-warnings-'));
    try {
      const file = join(folder, 'tenant.config.json');
      await writeFile(file, await readFile(new URL('../../tenant.config.json', import.meta.url), 'utf8'));
      const result = await loadPlaybook({ configPath: file, today: '2027-01-26', now: new Date('2027-01-26T12:00:00Z'), generatorVersion: 'warnings-test' });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.warnings.map((w) => w.message)).toContain('the start date 2027-01-11 is in the past (today is 2027-01-26); the plan is dated from it all the same');
      expect(result.playbook.warnings).toEqual([]);
      expect(JSON.stringify(result.playbook)).not.toContain('is in the past');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
