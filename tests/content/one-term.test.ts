import { describe, expect, it } from 'vitest';
import { ERROR_CODE_LOCATION } from '../../src/model/error-codes.ts';
import { runbookSymptomIds } from '../../src/model/runbook-ids.ts';
import { helpdeskView } from '../../src/model/views.ts';
import { renderRunbook } from '../../src/pdf/documents/runbook.ts';
import { loadPdfFonts } from '../../src/pdf/fonts.ts';
import { examplePlaybook } from '../helpers/example.ts';
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
