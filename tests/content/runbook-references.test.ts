import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/model/content.ts';
import { ERROR_CODES_TITLE, prose, runbookPartIds, runbookPartTitles, runbookPlainText, see, type RunbookText } from '../../src/model/runbook-refs.ts';
import { helpdeskView } from '../../src/model/views.ts';
import { loadPdfFonts } from '../../src/pdf/fonts.ts';
import { renderRunbook } from '../../src/pdf/documents/runbook.ts';
import { examplePlaybook } from '../helpers/example.ts';

// Issue 13, point 9: a runbook text that points to another part of the runbook holds a reference to it, which the
// helpdesk site renders as a link (tests/site/readers-helpdesk.test.ts) and the printed runbook as the part's title
// with the number of the page its heading is on, linked to that heading.

const runbook = examplePlaybook().runbook!;
const titles = runbookPartTitles(runbook);

/** Every runbook text with references, in reading order. */
function runbookTexts(book: Runbook): RunbookText[] {
  return [
    ...book.identityVerification.steps,
    ...book.standardAnswers.map((entry) => entry.answer),
    ...book.symptoms.flatMap((symptom) => [...symptom.likelyCauses.map((cause) => cause.check), ...symptom.steps, symptom.escalateWhen]),
  ];
}

interface PrintedRunbook {
  /** Text per page (pdf.js), whitespace collapsed. */
  pages: string[];
  /** The page (from 1) of each outline entry, by title. */
  headingPage: Map<string, number>;
  /** In-document links: the page they are on and the page they lead to. */
  links: { from: number; to: number; name: string }[];
}

async function readRunbook(bytes: Uint8Array): Promise<PrintedRunbook> {
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pageOf = async (dest: unknown): Promise<number> => {
    const array = (typeof dest === 'string' ? await doc.getDestination(dest) : dest) as [{ num: number; gen: number }, ...unknown[]] | null;
    if (!array) throw new Error(`unresolved destination ${String(dest)}`);
    return (await doc.getPageIndex(array[0])) + 1;
  };
  const pages: string[] = [];
  const links: PrintedRunbook['links'] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link' && typeof annotation.dest === 'string') links.push({ from: n, to: await pageOf(annotation.dest), name: annotation.dest });
    }
  }
  const headingPage = new Map<string, number>();
  const walk = async (items: { title: string; dest: unknown; items: unknown[] }[]) => {
    for (const item of items) {
      headingPage.set(item.title, await pageOf(item.dest));
      await walk(item.items as typeof items);
    }
  };
  await walk(((await doc.getOutline()) ?? []) as unknown as { title: string; dest: unknown; items: unknown[] }[]);
  await doc.destroy();
  return { pages, headingPage, links };
}

let printed: PrintedRunbook;
beforeAll(async () => {
  printed = await readRunbook(await renderRunbook(helpdeskView(examplePlaybook()), await loadPdfFonts()));
});

describe('runbook cross-references in the model', () => {
  it('are references, not titles written into the prose', () => {
    const texts = runbookTexts(runbook);
    const refs = texts.flatMap((text) => text.filter((part) => typeof part !== 'string'));
    expect(refs.length).toBeGreaterThanOrEqual(15);
    // Every kind of part is pointed at somewhere: the caller check, the error-code table and several symptoms.
    expect(new Set(refs.map((ref) => ref.ref))).toEqual(
      new Set(['caller-verification', 'error-codes', 'suspected-compromise', 'no-smartphone', 'unexpected-prompts', 'no-prompt', 'not-registered']),
    );
    for (const text of texts) {
      for (const part of text) {
        if (typeof part !== 'string') continue;
        for (const title of titles.values()) expect(part, `a title in prose: ${part}`).not.toContain(`"${title}"`);
        expect(part).not.toMatch(/top of the runbook|the error code table|follow the [a-z]+(-[a-z]+)+ entry/i);
      }
    }
  });

  it('writes prose with references in reading order, and flattens it with each title in quotes', () => {
    expect(prose`Stop and follow ${see('suspected-compromise')}.`).toEqual(['Stop and follow ', { ref: 'suspected-compromise' }, '.']);
    expect(prose`${see('caller-verification')}, then call ${'Priya'}.`).toEqual([{ ref: 'caller-verification' }, ', then call Priya.']);
    expect(runbookPlainText(prose`See ${see('error-codes')}.`, titles)).toBe(`See "${ERROR_CODES_TITLE}".`);
    expect([...titles.keys()].sort()).toEqual([...runbookPartIds].sort());
  });
});

describe('runbook cross-references in the printed runbook', () => {
  it('print each reference as the title with the page its heading is on', () => {
    const found: { title: string; page: number; on: number }[] = [];
    printed.pages.forEach((text, index) => {
      for (const match of text.matchAll(/“([^”]+)” \(page (\d+)\)/g)) found.push({ title: match[1]!.trim(), page: Number(match[2]), on: index + 1 });
    });
    // The references of the texts, and one per error code that leads to a symptom.
    const expected = runbookTexts(runbook).flatMap((text) => text.filter((part) => typeof part !== 'string')).length + runbook.errorCodes.filter((entry) => entry.symptom).length;
    expect(found.length).toBe(expected);
    for (const reference of found) {
      expect(printed.headingPage.get(reference.title), `page of "${reference.title}" (printed on page ${reference.on})`).toBe(reference.page);
    }
    // The pages really differ: the error-code table comes after every symptom.
    const errorCodes = found.find((reference) => reference.title === ERROR_CODES_TITLE)!;
    expect(errorCodes.page).toBeGreaterThan(printed.headingPage.get(runbook.symptoms[0]!.title)!);
  });

  it('link each reference to its heading through a named destination', () => {
    const named = printed.links;
    expect(named.length).toBeGreaterThanOrEqual(runbookTexts(runbook).flatMap((text) => text.filter((part) => typeof part !== 'string')).length);
    const anchorTitle = new Map<string, string>([
      ['verify', runbook.identityVerification.title],
      ['error-codes', ERROR_CODES_TITLE],
      ...runbook.symptoms.map((symptom) => [`symptom-${symptom.id}`, symptom.title] as [string, string]),
    ]);
    for (const link of named) {
      const title = anchorTitle.get(link.name);
      expect(title, link.name).toBeDefined();
      expect(link.to, link.name).toBe(printed.headingPage.get(title!));
    }
  });
});
