import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CANARIES, EXAMPLE_TODAY, HOSTILE_CONFIG, ROOT } from '../helpers/example.ts';
import { readPdf, rawContent } from '../pdf/read.ts';
import { readableText } from '../site/helpers.ts';
import { listFiles } from '../../src/site/build-sites.ts';

// The whole build of a tenant whose confidential values are canaries, through the real command: every file a
// staff member or the helpdesk receives is read the way a person or a search engine could read it.
const out = join(ROOT, '.tmp', `confidentiality-${process.pid}`);

async function everythingReadable(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (file.endsWith('.pdf')) return `${(await readPdf(new Uint8Array(bytes))).text}\n${rawContent(new Uint8Array(bytes))}`;
  return readableText(bytes);
}

describe('audience separation in a full build', () => {
  let files: string[];

  beforeAll(async () => {
    const run = await runCli(['build', '--config', HOSTILE_CONFIG, '--out', out, '--today', EXAMPLE_TODAY, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    files = await listFiles(out);
  });

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  for (const audience of ['staff', 'helpdesk']) {
    it(`no ${audience} file holds a break-glass name, the exception list, exemption records or pilot members`, async () => {
      const audienceFiles = files.filter((file) => file.startsWith(`${audience}/`));
      expect(audienceFiles.length).toBeGreaterThan(10);
      expect(audienceFiles.some((file) => file.endsWith('.pdf'))).toBe(true);
      const leaks: string[] = [];
      for (const file of audienceFiles) {
        const text = await everythingReadable(join(out, file));
        for (const canary of CANARIES) if (text.includes(canary)) leaks.push(`${file}: ${canary}`);
      }
      expect(leaks).toEqual([]);
    });
  }

  it('the exception register stays in admin: its owner, review flag and action plan are in admin files only', async () => {
    // The hostile tenant's exception is due for review on the plan date: the admin home flags it, the action plan lists it.
    const home = await readFile(join(out, 'admin/index.html'), 'utf8');
    expect(home).toMatch(/data-register-to-act[\s\S]*Canary Exception Owner 4e9b &lt;b&gt;&amp;[\s\S]*Review due today/);
    const actionPlan = await readFile(join(out, 'admin/exemptions/action-plan.csv'), 'utf8');
    expect(actionPlan).toContain('Exception canary-exception-55d1@zurich-aero.example (service account),Canary Exception Owner 4e9b <b>&');
    expect(await readFile(join(out, 'admin/calendar.ics'), 'utf8')).toContain('UID:exception-review.canary-exception-55d1-zurich-aero-example@');
    const elsewhere = files.filter((file) => !file.startsWith('admin/'));
    expect(elsewhere.filter((file) => /exemption|exception|action-plan/.test(file))).toEqual([]);
  });

  it('the admin outputs do hold them, so the scan above can see a leak', async () => {
    const admin = `${await everythingReadable(join(out, 'admin/playbook.json'))}\n${await everythingReadable(join(out, 'admin/plan.pdf'))}`;
    for (const canary of CANARIES.filter((value) => !value.startsWith('canary-pilot'))) expect(admin).toContain(canary);
  });
});
