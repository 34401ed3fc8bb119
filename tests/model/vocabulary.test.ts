import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { createSignInAccumulator } from '../../src/evidence/analysis/signins.ts';
import type { SignIn } from '../../src/evidence/signins/record.ts';
import { FACTS } from '../../src/generators/facts.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { SIGN_IN_ERROR_CODES, signInErrorCode } from '../../src/model/error-codes.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { renderPlan } from '../../src/pdf/documents/plan.ts';
import { loadPdfFonts } from '../../src/pdf/index.ts';
import { readPdf } from '../pdf/read.ts';
import { context } from '../evidence/helpers.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, examplePlaybook } from '../helpers/example.ts';

// Facts and vocabulary the model owns once: each test changes the one place and checks every output that shows it.

function playbookWith(patch: (config: Record<string, unknown>) => void): Playbook {
  const raw = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as Record<string, unknown>;
  patch(raw);
  const { config } = parseConfig(JSON.stringify(raw), 'patched.config.json', { today: EXAMPLE_TODAY });
  return buildPlaybook(config, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test' });
}

function failedSignIn(code: number, user: string): SignIn {
  return {
    requestId: '',
    userDisplayName: '',
    userType: '',
    appDisplayName: '',
    clientApp: 'Browser',
    status: 'failure',
    errorCode: code,
    failureReason: '',
    authRequirement: 'multiFactor',
    authMethods: [],
    mfaResult: '',
    deviceId: '',
    deviceName: '',
    operatingSystem: '',
    browser: '',
    userAgent: '',
    ipAddress: '',
    interactive: true,
    conditionalAccessStatus: 'failure',
    createdUtc: '2026-03-24T09:00:00.000Z',
    userPrincipalName: user,
  };
}

describe('one sign-in error-code table', () => {
  it('sends every code to the same runbook entry in the helpdesk lookup and in the evidence clusters', () => {
    const runbookCodes = examplePlaybook().runbook!.errorCodes.filter((entry) => entry.code !== '0');
    const accumulator = createSignInAccumulator(context());
    runbookCodes.forEach((entry, index) => accumulator.add(failedSignIn(Number(entry.code), `user${index}@x`)));
    const clusters = new Map(accumulator.result().failureClusters.map((cluster) => [String(cluster.errorCode), cluster]));
    expect(clusters.size).toBe(runbookCodes.length);
    for (const entry of runbookCodes) {
      const cluster = clusters.get(entry.code)!;
      expect([entry.code, cluster.runbookSymptom, cluster.meaning]).toEqual([entry.code, entry.symptom, entry.meaning]);
    }
  });

  // The evidence copy of the table sent 50076 to "no-prompt" and 53002 to no entry while the helpdesk lookup sent
  // both to "legacy-app" (whose text names 50076, and whose fix is the approved-app fix of 53002).
  it('regression: 50076 and 53002 lead to the legacy-app entry everywhere', () => {
    expect(signInErrorCode(50076)?.symptom).toBe('legacy-app');
    expect(signInErrorCode(53002)?.symptom).toBe('legacy-app');
    const legacyApp = examplePlaybook().runbook!.symptoms.find((symptom) => symptom.id === 'legacy-app')!;
    expect(legacyApp.likelyCauses.map((cause) => cause.check).join(' ')).toContain('50076');
  });

  it('lists each code once', () => {
    const codes = SIGN_IN_ERROR_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('facts the config or a dated fact owns', () => {
  it('counts the break-glass accounts from the config in the checklist and the plan PDF', async () => {
    const three = playbookWith((config) => {
      const breakGlass = config['breakGlass'] as { accounts: string[] };
      breakGlass.accounts.push('svc-emergency-charlie@northgateeng.onmicrosoft.com');
    });
    const item = three.checklists.flatMap((list) => list.items).find((entry) => entry.id === 'prepare.break-glass-accounts')!;
    expect(item.text).toMatch(/^Three cloud-only emergency accounts/);
    expect(item.pass).toMatch(/^All three accounts exist/);
    const plan = await readPdf(await renderPlan(three, await loadPdfFonts()));
    expect(plan.text.replace(/\s+/g, ' ')).toContain('Three emergency access accounts stay outside the policy');
    const two = examplePlaybook()
      .checklists.flatMap((list) => list.items)
      .find((entry) => entry.id === 'prepare.break-glass-accounts')!;
    expect(two.text).toMatch(/^Two cloud-only emergency accounts/);
    expect(two.pass).toMatch(/^Both accounts exist/);
  });

  it('takes the sign-in log retention from the dated fact for each licence', () => {
    const retention = FACTS.find((fact) => fact.id === 'sign-in-log-retention')!;
    expect(retention.values).toEqual({ free: 7, P1: 30, P2: 30 });
    for (const licence of ['free', 'P1'] as const) {
      const days = retention.values![licence]!;
      const playbook = playbookWith((config) => {
        config['licence'] = licence;
      });
      const audit = playbook.schedule.tasks.find((task) => task.id === 'prepare.legacy-audit');
      const texts = [
        audit?.action ?? '',
        playbook.checklists
          .flatMap((list) => list.items)
          .map((entry) => entry.text)
          .join('\n'),
        playbook.successCriteria.map((criterion) => criterion.measure).join('\n'),
      ];
      for (const text of texts) expect(text).toContain(`last ${days} days`);
    }
  });

  it('puts the go/no-go bar from the thresholds into the model', () => {
    expect(examplePlaybook().thresholds.goNoGoMaxFailureRate).toBe(10);
    const strict = playbookWith((config) => {
      config['thresholds'] = { goNoGoMaxFailureRate: 3 };
    });
    const texts = [
      strict.schedule.milestones['go-no-go'].description,
      strict.schedule.tasks.find((task) => task.id === 'pilot.go-no-go')!.action,
      strict.checklists.flatMap((list) => list.items).find((entry) => entry.id === 'pilot.go-no-go')!.pass,
      strict.guidance.find((note) => note.id === 'go-no-go-gate')!.current,
    ];
    for (const text of texts) expect(text).toMatch(/\b3%/);
  });
});
