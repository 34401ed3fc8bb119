import { describe, expect, it } from 'vitest';
import { ERROR_CODE_LOCATION } from '../../src/model/error-codes.ts';
import { runbookSymptomIds } from '../../src/model/runbook-ids.ts';
import { helpdeskView } from '../../src/model/views.ts';
import { renderRunbook } from '../../src/pdf/documents/runbook.ts';
import { loadPdfFonts } from '../../src/pdf/fonts.ts';
import { buildPlaybook } from '../../src/generators/playbook.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, examplePlaybook, readConfig } from '../helpers/example.ts';
import { readPdf } from '../pdf/read.ts';

// More of issue 13's editorial class, found reading the outputs after the numbered points: one term per thing,
// and no id where a reader expects words.

const playbook = examplePlaybook();

/** Every string of the model (what the admin, helpdesk and staff outputs are written from). */
function modelStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(modelStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(modelStrings);
  return [];
}

describe('one term per thing', () => {
  it('says "security info" (the portal\u2019s word), never "security information"', () => {
    const strings = modelStrings(playbook);
    expect(strings.filter((text) => /security information/i.test(text))).toEqual([]);
    expect(strings.some((text) => text.includes('registering security info'))).toBe(true);
  });

  it('tells the helpdesk where to read an error code in the same words on the site and in the printed runbook', async () => {
    expect(ERROR_CODE_LOCATION).toBe('Entra admin center → Entra ID → Monitoring & health → Sign-in logs → the sign-in → Basic info → "Sign-in error code"');
    const printed = (await readPdf(await renderRunbook(helpdeskView(playbook), await loadPdfFonts()))).text.replace(/\s+/g, ' ');
    expect(printed).toContain(`Find the code in the sign-in log (${ERROR_CODE_LOCATION}) or on the caller's screen`);
    expect(printed).not.toContain('Basic info) as');
  });
});

describe('no id where a reader expects words', () => {
  it('names no runbook entry by its id in an error code\u2019s advice (the table links the entry itself)', () => {
    for (const entry of playbook.runbook!.errorCodes) {
      for (const id of runbookSymptomIds) expect(entry.action, `${entry.code}: ${id}`).not.toContain(id);
    }
    const frequency = playbook.runbook!.errorCodes.find((entry) => entry.code === '70043')!;
    expect(frequency.action).toContain('many repeats mean the user is asked too often');
    expect(frequency.symptom).toBe('too-many-prompts');
  });
});

describe('one story per starting state', () => {
  const inState = (securityDefaults: boolean, perUserMfa: boolean) => {
    const config = readConfig(EXAMPLE_CONFIG);
    return buildPlaybook({ ...config, current: { ...config.current, securityDefaults, perUserMfa } }, { today: EXAMPLE_TODAY, generatorVersion: '0.0.0-test', warnings: [] });
  };
  const sentences = (book: ReturnType<typeof examplePlaybook>) => modelStrings(book).flatMap((text) => text.split(/(?<=[.!?])\s+/));

  it('does not tell a tenant without security defaults that they are turned off at enforcement, nor warn of leaving them', () => {
    for (const [name, book] of [
      ['per-user MFA', inState(false, true)],
      ['neither', inState(false, false)],
    ] as const) {
      const all = sentences(book);
      expect(
        all.filter((sentence) => /^Security defaults are turned off/.test(sentence)),
        name,
      ).toEqual([]);
      expect(
        all.filter((sentence) => /moving from security defaults/.test(sentence)),
        name,
      ).toEqual([]);
      expect(
        all.filter((sentence) => /takes over from per-user settings/.test(sentence)),
        name,
      ).toEqual([]);
    }
    expect(sentences(inState(false, true))).toContain('A gap with no MFA at all when moving from per-user MFA to Conditional Access.');
    expect(sentences(inState(false, false))).toContain(
      'This tenant runs neither security defaults nor per-user MFA, so there is nothing to turn off: the all-users policy is the first MFA its users meet.',
    );
    expect(sentences(inState(true, false))).toContain('A gap with no MFA at all when moving from security defaults to Conditional Access.');
  });
});
