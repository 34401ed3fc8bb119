import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { EXAMPLE_CONFIG, ROOT, readConfig } from '../helpers/example.ts';

const work = join(ROOT, '.tmp', `reminder-basis-${process.pid}`);
const D = 'northgate-engineering.example';

function snapshot(registered: number, total: number): string {
  const head = 'User principal name,Name,User type,Admin,Multifactor authentication capable,Multifactor authentication registered,Methods registered';
  const rows = Array.from({ length: total }, (_, index) =>
    index < registered
      ? `user${index}@${D},User ${index},Member,No,Capable,Registered,Microsoft Authenticator app`
      : `user${index}@${D},User ${index},Member,No,Not Capable,Not Registered,`,
  );
  return `${head}\n${rows.join('\n')}\n`;
}

describe('regressions', () => {
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  // The reminder decision took the newest snapshot overall: a later 100% snapshot hid that the rate was 88%
  // on the reminder date, and the reminder was marked not needed.
  it('the reminder is judged on the rate of the reminder date, not on a later snapshot', async () => {
    const evidence = join(work, 'evidence');
    await mkdir(join(evidence, 'registration'), { recursive: true });
    await writeFile(join(evidence, 'registration', 'UserRegistrationDetails_2027-01-22.csv'), snapshot(22, 25));
    await writeFile(join(evidence, 'registration', 'UserRegistrationDetails_2027-01-27.csv'), snapshot(25, 25));
    const config = readConfig(EXAMPLE_CONFIG, '2027-01-28');
    const plain = buildPlaybook(config, { today: '2027-01-28', generatorVersion: 'test' });
    const report = await readEvidence(evidence, evidenceContextFromPlaybook(plain, '2027-01-28'));
    expect(report.latestRate).toMatchObject({ rate: 100, date: '2027-01-27' });

    const playbook = buildPlaybook(config, { today: '2027-01-28', generatorVersion: 'test', evidence: report });
    const reminder = playbook.communications.find((message) => message.id === 'reminder')!;
    expect(reminder.status).toBe('scheduled');
    expect(reminder.decisionNote).toContain('88%');
  });
});
