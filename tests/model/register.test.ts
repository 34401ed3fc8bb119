import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exceptionSchema, overrideSchema } from '../../src/config/schema.ts';
import { actionPlanCsv, exceptionRegister, exceptionReviewDate, exemptionRegister, riskRegister } from '../../src/model/register.ts';
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
    expect(anythingOverdue({ overdue: [], registerToAct: [on('2027-04-30')] })).toBe(false);
    expect(anythingOverdue({ overdue: [], registerToAct: [on('2027-05-01')] })).toBe(true);
  });

  it('flags an expired exemption on the right day: the day before and the day of the expiry it is still covered, the day after it has lapsed', () => {
    const on = (today: string) => exemptionRegister([cfo], today)[0]!;
    expect(on('2027-04-29').status).toBe('review-due');
    expect(on('2027-04-30').status).toBe('review-due');
    expect([on('2027-05-01').status, on('2027-05-01').label]).toEqual(['expired', 'Expired yesterday']);
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

// The example tenant's copier account: reviewed on 26 February 2027, lapsing after 31 March 2027.
const copier = {
  account: 'scan2mail@northgate-engineering.example',
  kind: 'service-account' as const,
  plan: 'The copier moves to the SMTP relay connector, then the account is disabled.',
  owner: 'Priya Raman',
  reviewDate: '2027-02-26',
  expiry: '2027-03-31',
};

describe('exception register', () => {
  it('refuses an exception without an expiry, and one without an owner, naming the field', () => {
    const { expiry: _expiry, ...withoutExpiry } = copier;
    const { owner: _owner, ...withoutOwner } = copier;
    const messages = [withoutExpiry, withoutOwner].map((input) => exceptionSchema.safeParse(input).error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    expect(messages).toMatchInlineSnapshot(`
      [
        [
          "expiry: an exception needs an expiry: the date (YYYY-MM-DD) it lapses unless its owner renews it",
        ],
        [
          "owner: an exception needs an owner: the person who renews it, replaces it with a fix or ends it",
        ],
      ]
    `);
  });

  it('flags an expired exception on the right day: open before the review, due from the review to the expiry day, expired the day after', () => {
    const on = (today: string) => exceptionRegister([copier], today)[0]!;
    expect([on('2027-02-25').status, on('2027-02-25').label]).toEqual(['open', 'Open, review tomorrow']);
    expect([on('2027-02-26').status, on('2027-02-26').label]).toEqual(['review-due', 'Review due today']);
    expect([on('2027-03-30').status, on('2027-03-30').label]).toEqual(['review-due', 'Review was due 32 days ago']);
    expect([on('2027-03-31').status, on('2027-03-31').label]).toEqual(['review-due', 'Review was due 33 days ago']);
    expect([on('2027-04-01').status, on('2027-04-01').label]).toEqual(['expired', 'Expired yesterday']);
    expect(on('2027-04-01').item).toBe('Exception scan2mail@northgate-engineering.example (service account)');
    expect(anythingOverdue({ overdue: [], registerToAct: [on('2027-03-31')] })).toBe(false);
    expect(anythingOverdue({ overdue: [], registerToAct: [on('2027-04-01')] })).toBe(true);
  });

  it('puts the review 30 days before the expiry when none is given, never after the expiry', () => {
    expect(exceptionReviewDate('2027-03-31', undefined)).toBe('2027-03-01');
    expect(exceptionReviewDate('2027-03-31', '2027-03-15')).toBe('2027-03-15');
    expect(exceptionReviewDate('2027-03-31', '2027-04-15')).toBe('2027-03-31');
  });

  it('lists exemption overrides first, then exceptions in the config order', () => {
    const entries = riskRegister({ decisions: [cfo] as never, exceptions: [copier, { ...copier, account: 'boardroom@x.example', kind: 'room' }] }, '2027-03-01');
    expect(entries.map((entry) => [entry.source, entry.item])).toEqual([
      ['exemption', 'Exemption cfo-prompts: Claire Hendry, Chief Financial Officer'],
      ['exception', 'Exception scan2mail@northgate-engineering.example (service account)'],
      ['exception', 'Exception boardroom@x.example (room or resource)'],
    ]);
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

  it('puts the review day of each exception in admin/calendar.ics with its owner and expiry, and none in the staff calendar', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { renderAdminCalendar, renderStaffCalendar } = await import('../../src/artifacts/ics.ts');
    const { staffView } = await import('../../src/model/views.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today: '2027-01-11' });
    const playbook = buildPlaybook(config, { today: '2027-01-11', generatorVersion: 'register-test' });
    const ics = renderAdminCalendar(playbook).replace(/\r\n /g, '');
    const events = ics.split('BEGIN:VEVENT').filter((block) => block.includes('UID:exception-review.'));
    expect(events).toHaveLength(4);
    const copierEvent = events.find((block) => block.includes('UID:exception-review.scan2mail-northgate-engineering-example@'))!;
    expect(copierEvent).toContain('DTSTART;VALUE=DATE:20270226');
    expect(copierEvent).toContain('SUMMARY:MFA NE: Review exception scan2mail@northgate-engineering.example (service account)');
    expect(copierEvent).toContain('Owner: Priya Raman.\\nThe exception lapses after 2027-03-31');
    expect(copierEvent).toContain('CATEGORIES:MFA rollout,Exception review');
    // No review date in the config: 30 days before the expiry.
    expect(events.find((block) => block.includes('UID:exception-review.accounts-northgate-engineering-example@'))).toContain('DTSTART;VALUE=DATE:20271201');
    const staff = renderStaffCalendar(staffView(playbook));
    expect(staff).not.toContain('exception-review');
    expect(staff).not.toContain('scan2mail');
  });
});

describe('action plan in the admin output', () => {
  it('has no action plan without an exception or an overridden exemption', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { artifactPaths } = await import('../../src/artifacts/paths.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today: '2027-04-02' });
    config.exceptions = [];
    expect(artifactPaths(buildPlaybook(config, { today: '2027-04-02', generatorVersion: 'register-test' }))).not.toContain('admin/exemptions/action-plan.csv');
  });

  it('renderArtifacts writes admin/exemptions/action-plan.csv with the overridden exemption and every exception, read back with csv-parse', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { renderArtifacts } = await import('../../src/artifacts/index.ts');
    const { artifactPaths } = await import('../../src/artifacts/paths.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today: '2027-04-02' });
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
      ...config.exceptions.map((exception) => [
        expect.stringContaining(`Exception ${exception.account} (`),
        exception.owner,
        exception.plan,
        exception.reviewDate ?? exceptionReviewDate(exception.expiry, undefined),
        exception.expiry,
        expect.any(String),
      ]),
    ]);
    // On 2 April 2027 the copier's exception (expiry 31 March) has lapsed; the mailbox's runs to the end of the year.
    expect(rows[4]).toEqual([
      'Exception scan2mail@northgate-engineering.example (service account)',
      'Priya Raman',
      config.exceptions[2]!.plan,
      '2027-02-26',
      '2027-03-31',
      'Expired 2 days ago',
    ]);
    expect(rows[2]![5]).toBe('Open, review in 243 days');
  });
});

describe('expired and due entries flagged on the plan date', () => {
  async function exampleOn(today: string) {
    const { loadConfig } = await import('../../src/config/load.ts');
    const { buildPlaybook } = await import('../../src/generators/playbook.ts');
    const { config } = await loadConfig(new URL('../../tenant.config.json', import.meta.url).pathname, { today });
    return buildPlaybook(config, { today, generatorVersion: 'register-test' });
  }

  it('status lists the copier exception as due on 31 March 2027 and expired on 1 April, and only then exits as overdue', async () => {
    const { planStatus, formatPlanStatusText } = await import('../../src/model/status.ts');
    const on = async (today: string) => planStatus(await exampleOn(today), today, () => []);
    const dayOf = await on('2027-03-31');
    expect(dayOf.registerToAct.map((entry) => [entry.item, entry.status])).toEqual([['Exception scan2mail@northgate-engineering.example (service account)', 'review-due']]);
    expect(anythingOverdue(dayOf)).toBe(false);
    const dayAfter = await on('2027-04-01');
    expect(anythingOverdue(dayAfter)).toBe(true);
    expect(formatPlanStatusText(dayAfter, 'Europe/London')).toContain(
      'Exemptions and exceptions to act on:\n  - Exception scan2mail@northgate-engineering.example (service account) (owner Priya Raman; review 2027-02-26, expiry 2027-03-31): Expired yesterday',
    );
    expect((await on('2027-02-25')).registerToAct).toEqual([]);
  });

  it('the plan PDF shows each exception with its owner, review and expiry, and flags the expired one', async () => {
    const { loadPdfFonts, renderPdfs } = await import('../../src/pdf/index.ts');
    const { readPdf } = await import('../pdf/read.ts');
    const files = await renderPdfs(await exampleOn('2027-04-01'), await loadPdfFonts());
    const plan = await readPdf(files.find((file) => file.path === 'admin/plan.pdf')!.bytes);
    const text = plan.text.replace(/\s+/g, ' ');
    expect(text).toContain('To act on, Thursday, 1 April 2027:');
    expect(text).toMatch(/Exception scan2mail@northgate-engineering\.example \(service account\), owner Priya Raman: expired yesterday/);
    expect(text).toMatch(/Review Fri, 26 Feb 2027, expires Wed, 31 Mar 2027\. Expired yesterday/);
    expect(text).toContain('Claire Hendry');
  });
});
