/**
 * The example tenant built through the real command with its evidence plus a Graph page of
 * pilot-week sign-ins carrying the all-users policy's report-only results: the go/no-go figure on
 * the Tracking page and in the plan PDF, and the Evidence sources page with the route that fits the
 * tenant's size and the Log Analytics queries dated to its plan.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { kqlQueries } from '../../src/kql/queries.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { readPdf } from '../pdf/read.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { graphPage, graphSignIn } from '../evidence/helpers.ts';
import { AFTER_VALIDATION, buildWithEvidence, EXAMPLE_EVIDENCE, removeFolder, visibleText, workFolder } from './helpers.ts';

let out = '';
let work = '';
let playbook: Playbook;
let tracking = '';
let evidencePage = '';
const plan = examplePlaybook(AFTER_VALIDATION);
const goNoGoDate = plan.schedule.milestones['go-no-go'].date;
const policy = plan.policies.find((p) => p.id === 'CA002')!.displayName;

/** 45 sign-ins the policy would pass, 3 it would block (an old scanner), 2 not applied: 3 of 48 = 6.3%, a go at 10%. */
function pilotWeek(): string {
  const at = (i: number) => `${goNoGoDate}T0${i % 9}:00:00Z`;
  const record = (id: string, upn: string, result: string, client = 'Browser') => ({
    ...graphSignIn({ id, when: at(id.length + Number(id.slice(1))), upn, client }),
    appliedConditionalAccessPolicies: [{ id: 'x', displayName: policy, enforcedGrantControls: ['Mfa'], result }],
  });
  const records = [
    ...Array.from({ length: 45 }, (_, i) => record(`s${i}`, `user${i % 20}@northgate-engineering.example`, 'reportOnlySuccess')),
    ...Array.from({ length: 3 }, (_, i) => record(`f${i}`, 'scanner.floor2@northgate-engineering.example', 'reportOnlyFailure', 'Authenticated SMTP')),
    ...Array.from({ length: 2 }, (_, i) => record(`n${i}`, 'guest.auditor@northgate-engineering.example', 'reportOnlyNotApplied')),
  ];
  return graphPage(records);
}

beforeAll(async () => {
  work = await workFolder('evidence-pages-input');
  out = await workFolder('evidence-pages-output');
  const evidence = join(work, 'evidence');
  await cp(EXAMPLE_EVIDENCE, evidence, { recursive: true });
  await writeFile(join(evidence, 'signins', `GraphSignIns_${goNoGoDate}.json`), pilotWeek());
  playbook = await buildWithEvidence(out, evidence);
  tracking = await readFile(join(out, 'admin', 'tracking', 'index.html'), 'utf8');
  evidencePage = await readFile(join(out, 'admin', 'evidence', 'index.html'), 'utf8');
});

afterAll(async () => {
  await removeFolder(out);
  await removeFolder(work);
});

describe('go / no-go with its evidence', () => {
  it('is computed in the report from the report-only results against the plan threshold', () => {
    expect(playbook.evidence!.goNoGo).toMatchObject({
      policy,
      decisionDate: goNoGoDate,
      counts: { reportOnlySuccess: 45, reportOnlyFailure: 3, reportOnlyInterrupted: 0, reportOnlyNotApplied: 2 },
      evaluated: 48,
      wouldBlock: 3,
      wouldBlockRate: 6.3,
      threshold: 10,
      decision: 'go',
      wouldBlockClientApps: [{ clientApp: 'Authenticated SMTP', signIns: 3 }],
    });
  });

  it('is on the Tracking page: decision, figure and the count per result', () => {
    const text = visibleText(tracking);
    expect(tracking).toContain('data-go-no-go="go"');
    expect(text).toContain(`6.3% of 48 evaluated sign-ins would have been blocked by "${policy}" (3); the gate allows at most 10%.`);
    expect(text).toContain('Report-only: Failure 3 Would block');
    expect(text).toContain('Report-only: Not applied 2 Left out');
    expect(text).toContain('Would be blocked, by client app: Authenticated SMTP (3). Users: scanner.floor2@northgate-engineering.example.');
  });

  it('is in the plan PDF progress section', async () => {
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'admin', 'plan.pdf'))));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Go / no-go');
    expect(text).toContain('6.3% of 48 evaluated sign-ins would have been blocked');
    expect(text).toContain('Report-only: Failure 3');
  });
});

describe('the Evidence sources page', () => {
  it('says which route fits the example tenant (250 users) and why', () => {
    const text = visibleText(evidencePage);
    expect(evidencePage).toContain('data-route="portal-download"');
    expect(text).toMatch(/has about 250 users; at about 15 sign-ins per user a day, the \d+ days from .* hold about [\d,]+ sign-ins: Admin center download \(CSV or JSON\) fits\./);
    expect(text).toContain('Up to 250,000');
    expect(text).toContain('Up to 5,000,000');
    expect(text).toContain('Any number');
  });

  it('ships the five queries of this plan, escaped as text, each with the file name the reader takes', () => {
    const queries = kqlQueries(evidenceContextFromPlaybook(plan, AFTER_VALIDATION));
    expect(queries).toHaveLength(5);
    const text = visibleText(evidencePage.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    for (const q of queries) {
      expect(evidencePage).toContain(`data-kql="${q.id}"`);
      expect(text).toContain(`Save the result as ${q.fileName}.`);
      expect(text).toContain(q.text.split('\n').find((l) => l.startsWith('let EnforcementStart') || l.startsWith('let DecisionEnd'))!);
    }
  });
});
