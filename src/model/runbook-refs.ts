import { z } from 'zod';
import { runbookSymptomIds } from './runbook-ids.ts';

// Cross-references inside the helpdesk runbook. A text that points to another part of the runbook holds the
// part's id, not its title in prose: the helpdesk site renders it as a link, the printed runbook as the title with
// its page number, and a reference to a part that does not exist is a type error.

/** The parts of the runbook a text may point to: the caller check, the error-code table and each symptom. */
export const runbookPartIds = ['caller-verification', 'error-codes', ...runbookSymptomIds] as const;
export type RunbookPartId = (typeof runbookPartIds)[number];

export const runbookRefSchema = z.object({ ref: z.enum(runbookPartIds) });
export type RunbookRef = z.infer<typeof runbookRefSchema>;

/** Runbook prose: plain strings and references to other parts, in reading order. */
export const runbookTextSchema = z.array(z.union([z.string(), runbookRefSchema]));
export type RunbookText = z.infer<typeof runbookTextSchema>;

/** The one title of the error-code table, in the site and the printed runbook alike. */
export const ERROR_CODES_TITLE = 'Sign-in error codes';

/** A reference to a part of the runbook, for writing runbook texts. */
export function see(part: RunbookPartId): RunbookRef {
  return { ref: part };
}

/** The titles a reference shows: the caller check's, the error-code table's and each symptom's. */
export function runbookPartTitles(runbook: { identityVerification: { title: string }; symptoms: readonly { id: string; title: string }[] }): ReadonlyMap<RunbookPartId, string> {
  return new Map<RunbookPartId, string>([
    ['caller-verification', runbook.identityVerification.title],
    ['error-codes', ERROR_CODES_TITLE],
    ...runbook.symptoms.map((symptom) => [symptom.id as RunbookPartId, symptom.title] as const),
  ]);
}

/** A runbook text as one plain string, each reference as its title in quotes (search, plain-text readers). */
export function runbookPlainText(text: RunbookText, titles: ReadonlyMap<RunbookPartId, string>): string {
  return text.map((part) => (typeof part === 'string' ? part : `"${titles.get(part.ref) ?? part.ref}"`)).join('');
}

/**
 * Runbook prose with references in it: prose`Stop and follow ${see('suspected-compromise')}.` gives
 * ['Stop and follow ', { ref: 'suspected-compromise' }, '.'].
 */
export function prose(strings: TemplateStringsArray, ...values: (string | number | RunbookRef)[]): RunbookText {
  const parts: RunbookText = [];
  const add = (part: string | RunbookRef) => {
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else if (part !== '') parts.push(part);
  };
  strings.forEach((string, index) => {
    add(string);
    if (index < values.length) {
      const value = values[index]!;
      add(typeof value === 'object' ? value : String(value));
    }
  });
  return parts;
}
