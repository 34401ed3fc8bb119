import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/build/pipeline.ts';
import { formatStatusText } from '../../src/evidence/status-text.ts';
import { emailDrafts } from '../../src/artifacts/paths.ts';
import { formatPlanStatusText, planStatus } from '../../src/model/status.ts';

// The example tenant (start 11 January 2027, enforcement 8 February) on the days an admin runs `status`,
// without exports and with the example exports (examples/evidence/northgate: snapshots of 13, 20 and 22
// January, 4 users on SMS or voice only).

const root = fileURLToPath(new URL('../../', import.meta.url));
const EVIDENCE = 'examples/evidence/northgate';

/** What `status` works out, through the pipeline every command uses (config, schedule, evidence, playbook). */
async function statusOn(today: string, withEvidence: boolean) {
  const evidence = withEvidence ? { dir: `${root}${EVIDENCE}`, layout: 'single' as const } : undefined;
  const result = await loadPlaybook({ configPath: `${root}tenant.config.json`, today, now: new Date(), generatorVersion: 'status-test', evidence });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  const { playbook, evidenceContext } = result;
  const draftsOf = (message: (typeof playbook.communications)[number]) => emailDrafts(playbook, message).map((d) => d.path);
  const report = playbook.evidence;
  if (report === null || evidenceContext === undefined) {
    const plan = planStatus(playbook, today, draftsOf);
    return { plan, text: formatPlanStatusText(plan, playbook.timeZone) };
  }
  const plan = planStatus(playbook, today, draftsOf, report);
  return { plan, report, text: formatStatusText(report, evidenceContext, { plan }) };
}

describe('status without evidence', () => {
  it('day 1 (2027-01-11): prepare tasks today, checks due, the announcement as next milestone, 28 days to enforcement', async () => {
    const { plan, text } = await statusOn('2027-01-11', false);
    expect(plan.tasksToday.length).toBeGreaterThan(0);
    expect(plan.tasksToday.every((t) => t.date === '2027-01-11' || t.state.status === 'in-progress')).toBe(true);
    expect(plan.checksDue.every((c) => c.due === '2027-01-11')).toBe(true);
    expect(plan.checksDue.length).toBe(8);
    expect(plan.overdue.map((c) => c.due)).toEqual(['2026-12-23', '2027-01-08']);
    expect(plan.nextMilestone).toMatchObject({ id: 'announcement', date: '2027-01-13' });
    expect(plan.enforcement).toMatchObject({ status: 'before', days: 28, label: '28 days left' });
    expect(text.split('\n')[0]).toBe('MFA rollout status for 2027-01-11 (Europe/London) - admin only');
    expect(text).toContain('Enforcement: 2027-02-08 (28 days left)');
    expect(text).toContain('Next milestone: ');
    expect(text).toMatch(/Overdue:\n {2}- Check checklist-prepare\/\S+ \(due 2026-12-23, overdue by 19 days\)/);
    for (const t of plan.tasksToday) expect(text).toContain(`Task ${t.id} (${t.ownerName}): ${t.title}`);
  });

  it('announcement day (2027-01-13): the announcement to send today names its draft under admin/emails/', async () => {
    const { plan, text } = await statusOn('2027-01-13', false);
    expect(plan.messagesToday.map((m) => [m.id, m.drafts])).toEqual([['announcement', ['admin/emails/announcement.eml']]]);
    expect(text).toMatch(/- Send ".+" to .+: admin\/emails\/announcement\.eml/);
  });

  it('go/no-go day (2027-02-05): the helpdesk briefing and the eve-of-enforcement message, enforcement in 3 days', async () => {
    const { plan } = await statusOn('2027-02-05', false);
    expect(plan.messagesToday.map((m) => m.id)).toEqual(['helpdesk-briefing', 'enforcement-tomorrow']);
    expect(plan.nextMilestone).toMatchObject({ id: 'go-no-go', state: { label: 'Due today' } });
    expect(plan.enforcement.label).toBe('3 days left');
  });

  it('enforcement day (2027-02-08): the enforcement milestone is today', async () => {
    const { plan, text } = await statusOn('2027-02-08', false);
    expect(plan.enforcement.status).toBe('today');
    expect(plan.nextMilestone).toMatchObject({ id: 'enforcement', date: '2027-02-08' });
    expect(text).toContain('Enforcement: 2027-02-08 (it starts today)');
  });

  it('after validation (2027-02-12): nothing is due, no milestone is left, nothing of a closed phase is overdue', async () => {
    const { plan, text } = await statusOn('2027-02-12', false);
    expect([plan.tasksToday, plan.messagesToday, plan.checksDue, plan.overdue]).toEqual([[], [], [], []]);
    expect(plan.nextMilestone).toBeNull();
    expect(text).toContain('Next milestone: none, the rollout is over');
    expect(text).toContain('Due today:\n  nothing scheduled');
  });
});

describe('status with the example evidence', () => {
  it('mid-register (2027-01-22): the reminder check, the changes since the 20 January snapshot, and one SMS-or-voice count in both sections', async () => {
    const { plan, report, text } = await statusOn('2027-01-22', true);
    expect(report!.registration.smsVoiceOnly.length).toBe(4);
    expect(plan.smsVoiceOnly!.total).toBe(4);
    expect(plan.changes).toMatchObject({ previousDate: '2027-01-20', latestDate: '2027-01-22', newlyRegistered: 1 });
    expect(text).toContain('Since the previous snapshot (2027-01-20 to 2027-01-22):\n  newly registered: 1');
    expect(text).toContain('Reminder:');
    expect(plan.messagesToday.map((m) => m.id)).toEqual(['reminder']);
  });

  it('counts agree across sections: every SMS-or-voice figure in Due today names the total that Registration shows', async () => {
    for (const today of ['2027-01-22', '2027-02-05', '2027-02-08', '2027-02-12']) {
      const { plan, text } = await statusOn(today, true);
      const sms = plan.smsVoiceOnly!;
      const registrationLine = text.split('\n').find((l) => l.startsWith('  SMS or voice only: '));
      expect(registrationLine).toBe(`  SMS or voice only: ${sms.total} (already retired: ${sms.retired}; retiring within 90 days: ${sms.retiringSoon})`);
      const dueMentions = [...text.matchAll(/(\d+) users? of the (\d+) on SMS or voice only/g)];
      expect(dueMentions.length).toBeGreaterThan(0);
      for (const m of dueMentions) expect(Number(m[2])).toBe(sms.total);
      expect(dueMentions.reduce((n, m) => n + Number(m[1]), 0)).toBe(sms.retired + sms.retiringSoon);
    }
  });

  it('go/no-go day, enforcement day and after validation keep the plan lines before the evidence lines', async () => {
    const goDay = await statusOn('2027-02-05', true);
    expect(goDay.text).toContain('Go / no-go (2027-02-05)');
    expect(goDay.text.indexOf('Send "')).toBeLessThan(goDay.text.indexOf('on SMS or voice only'));
    const enforcement = await statusOn('2027-02-08', true);
    expect(enforcement.text).toContain('Enforcement day: switch the policy to all users');
    expect(enforcement.text).toContain('Enforcement: 2027-02-08 (it starts today)');
    const after = await statusOn('2027-02-12', true);
    expect(after.plan.overdue).toEqual([]);
    expect(after.text).toContain('Next milestone: none, the rollout is over');
  });
});
