import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { overrideSchema } from '../../src/config/schema.ts';
import { actionPlanCsv, exemptionRegister } from '../../src/model/register.ts';
import { anythingOverdue } from '../../src/model/status.ts';

// An override decided on 8 February 2027, reviewed on 1 April and lapsing on 30 April.
function record(id: string, override: { reviewDate: string; expiry: string } | null, reason = 'Asked to be prompted less.') {
  return {
    id,
    isTemplate: false,
    request: { name: 'Claire Hendry', role: 'Chief Financial Officer', date: '2027-02-08', reason, requestedBy: null },
    override:
      override === null
        ? null
        : { decidedBy: 'Daniel Whitfield', decidedOn: '2027-02-08', riskOwner: 'Margaret Osei', compensatingControls: ['Compliant device required'], ...override },
  };
}
const cfo = record('cfo-prompts', { reviewDate: '2027-04-01', expiry: '2027-04-30' });

describe('exemption register', () => {
  it('refuses an override without an expiry, naming the field', () => {
    const result = overrideSchema.safeParse({
      decidedBy: { name: 'Daniel Whitfield', role: 'CTO' },
      decidedOn: '2027-02-08',
      riskOwner: 'Margaret Osei',
      compensatingControls: ['Compliant device required'],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toMatchInlineSnapshot(`
      [
        {
          "message": "an override needs an expiry: the date (YYYY-MM-DD) its accepted risk lapses",
          "path": [
            "expiry",
          ],
        },
      ]
    `);
  });

  it('flags the review on its day and the expiry the day after the expiry date, not before', () => {
    const on = (today: string) => exemptionRegister([cfo], today)[0]!;
    expect([on('2027-03-31').status, on('2027-03-31').label]).toEqual(['open', 'Open, review tomorrow']);
    expect([on('2027-04-01').status, on('2027-04-01').label]).toEqual(['review-due', 'Review due today']);
    expect([on('2027-04-30').status, on('2027-04-30').label]).toEqual(['review-due', 'Review was due 29 days ago']);
    expect([on('2027-05-01').status, on('2027-05-01').label]).toEqual(['expired', 'Expired yesterday']);
    expect(anythingOverdue({ overdue: [], exemptionsToAct: [on('2027-04-30')] })).toBe(false);
    expect(anythingOverdue({ overdue: [], exemptionsToAct: [on('2027-05-01')] })).toBe(true);
  });

  it('leaves out the blank template and requests without an override', () => {
    expect(exemptionRegister([{ ...cfo, isTemplate: true }, record('undecided', null)], '2027-04-01')).toEqual([]);
  });

  it('writes an action-plan CSV that csv-parse reads back, with formula-looking cells defused', () => {
    const hostile = record('hostile', { reviewDate: '2027-04-01', expiry: '2027-04-30' }, '=HYPERLINK("http://x.example","click"), then "more"\nsecond line');
    const csv = actionPlanCsv(exemptionRegister([cfo, { ...hostile, override: { ...hostile.override!, riskOwner: '@owner' } }], '2027-03-01'));
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(['item', 'owner', 'reason', 'review', 'expiry', 'state']);
    expect(rows[1]).toEqual([
      'Exemption cfo-prompts: Claire Hendry, Chief Financial Officer',
      'Margaret Osei',
      'Asked to be prompted less.',
      '2027-04-01',
      '2027-04-30',
      'Open, review in 31 days',
    ]);
    expect(rows[2]![1]).toBe("'@owner");
    expect(rows[2]![2]).toBe('\'=HYPERLINK("http://x.example","click"), then "more"\nsecond line');
    expect(rows).toHaveLength(3);
  });
});

describe('exemption reviews in the admin calendar', () => {
  it('puts the review day of an override in admin/calendar.ics with its owner and expiry', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { renderAdminCalendar } = await import('../../src/artifacts/ics.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today: '2027-01-11' });
    const request = config.exemptionRequests[0]!;
    request.override = {
      decidedBy: { name: 'Daniel Whitfield', role: 'Chief Technology Officer' },
      decidedOn: '2027-02-09',
      riskOwner: 'Margaret Osei',
      compensatingControls: ['Compliant device required'],
      expiry: '2027-04-30',
      reviewDate: '2027-04-01',
    };
    const ics = renderAdminCalendar(buildPlaybook(config, { today: '2027-01-11', generatorVersion: 'register-test' })).replace(/\r\n /g, '');
    const event = ics.split('BEGIN:VEVENT').find((block) => block.includes(`UID:exemption-review.${request.id}@`));
    expect(event).toBeDefined();
    expect(event).toContain('DTSTART;VALUE=DATE:20270401');
    expect(event).toContain(`SUMMARY:MFA NE: Review exemption ${request.id} (${request.name})`);
    expect(event).toContain('Risk owner: Margaret Osei.\\nThe override lapses after 2027-04-30');
    expect(event).toContain('CATEGORIES:MFA rollout,Exemption review');
  });
});

describe('action plan in the admin output', () => {
  it('renderArtifacts writes admin/exemptions/action-plan.csv for an overridden exemption, read back with csv-parse', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { renderArtifacts } = await import('../../src/artifacts/index.ts');
    const { artifactPaths } = await import('../../src/artifacts/paths.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today: '2027-04-02' });
    const plain = buildPlaybook(config, { today: '2027-04-02', generatorVersion: 'register-test' });
    expect(artifactPaths(plain)).not.toContain('admin/exemptions/action-plan.csv');
    config.exemptionRequests[0]!.override = {
      decidedBy: { name: 'Daniel Whitfield', role: 'Chief Technology Officer' },
      decidedOn: '2027-02-09',
      riskOwner: 'Margaret Osei',
      compensatingControls: ['Compliant device required'],
      expiry: '2027-04-30',
      reviewDate: '2027-04-01',
    };
    const playbook = buildPlaybook(config, { today: '2027-04-02', generatorVersion: 'register-test' });
    const files = await renderArtifacts(playbook);
    expect(files.map((f) => f.path)).toEqual(artifactPaths(playbook));
    const csv = files.find((f) => f.path === 'admin/exemptions/action-plan.csv')!;
    const rows = parse(new TextDecoder().decode(csv.bytes)) as string[][];
    expect(rows).toEqual([
      ['item', 'owner', 'reason', 'review', 'expiry', 'state'],
      [
        'Exemption cfo-prompts: Claire Hendry, Chief Financial Officer',
        'Margaret Osei',
        config.exemptionRequests[0]!.reason,
        '2027-04-01',
        '2027-04-30',
        'Review was due yesterday',
      ],
    ]);
  });
});
