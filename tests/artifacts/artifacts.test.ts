import { describe, expect, it } from 'vitest';
import { renderArtifacts } from '../../src/artifacts/index.ts';
import { CANARIES, examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { communication, decode } from './helpers.ts';

describe('renderArtifacts', () => {
  it('returns every deployable file with a path relative to the output root', async () => {
    const playbook = examplePlaybook();
    const files = await renderArtifacts(playbook);
    const paths = files.map((file) => file.path);
    expect(paths).toEqual([
      'admin/policies/CA001-require-mfa-pilot.json',
      'admin/policies/CA002-require-mfa-all-users.json',
      'admin/policies/CA003-block-legacy-authentication.json',
      'admin/policies/CA004-securing-security-info-registration.json',
      'admin/policies/README.txt',
      'admin/calendar.ics',
      'staff/calendar.ics',
      ...playbook.communications.map((message) => `admin/emails/${message.id}.eml`),
      // The example lists exceptions: the auditors' action plan has them.
      'admin/exemptions/action-plan.csv',
    ]);
    for (const path of paths) expect(path).toMatch(/^(admin|staff)\/[A-Za-z0-9._/-]+$/);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('adds one draft per communication', async () => {
    const playbook = { ...examplePlaybook(), communications: [communication(), communication({ id: 'completion', subject: 'Thank you' })] };
    const paths = (await renderArtifacts(playbook)).map((file) => file.path);
    expect(paths.filter((path) => path.startsWith('admin/emails/'))).toEqual(['admin/emails/announcement.eml', 'admin/emails/completion.eml']);
  });

  it('is byte-identical from one build to the next', async () => {
    const first = await renderArtifacts(hostilePlaybook());
    const second = await renderArtifacts(hostilePlaybook());
    expect(second.map((file) => [file.path, decode(file.bytes)])).toEqual(first.map((file) => [file.path, decode(file.bytes)]));
  });

  it('keeps every confidential value out of the staff files', async () => {
    const files = await renderArtifacts(hostilePlaybook());
    const staff = files.filter((file) => file.path.startsWith('staff/'));
    expect(staff.map((file) => file.path)).toEqual(['staff/calendar.ics']);
    for (const file of staff) for (const canary of CANARIES) expect(decode(file.bytes).toLowerCase()).not.toContain(canary.toLowerCase());
    // The admin policy files do name the break-glass group: they are confidential admin artifacts.
    const admin = files
      .filter((file) => file.path.startsWith('admin/policies/'))
      .map((file) => decode(file.bytes))
      .join('\n');
    expect(admin).toContain('CANARY-BG-GROUP-91c2');
  });
});
