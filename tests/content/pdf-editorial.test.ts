import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPdfFonts, renderPdfs, type PdfFonts } from '../../src/pdf/index.ts';
import { FontSet, safeBreaks } from '../../src/pdf/layout/text.ts';
import { fitColumns } from '../../src/pdf/layout/table.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { examplePlaybook, EXAMPLE_CONFIG } from '../helpers/example.ts';
import { readPdf, type ReadPdf } from '../pdf/read.ts';
import { readFileSync } from 'node:fs';

// Editorial points of issue 13 that live in the PDF layout: portal paths keep their arrow ("→", from the symbol
// face, never "->"), and an email address is never broken across lines when it fits on one.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/gu;

let fonts: PdfFonts;
let playbook: Playbook;
const pdfs = new Map<string, ReadPdf>();

beforeAll(async () => {
  fonts = await loadPdfFonts();
  playbook = examplePlaybook();
  for (const file of await renderPdfs(playbook, fonts)) pdfs.set(file.path, await readPdf(file.bytes));
});

/** Every email address the example tenant's file holds. */
function tenantEmails(): string[] {
  return [...new Set(readFileSync(EXAMPLE_CONFIG, 'utf8').match(EMAIL) ?? [])].sort();
}

describe('arrows in PDF prose', () => {
  it('prints no "->" in any PDF; portal paths keep "→", also at the end of a wrapped line', () => {
    for (const [path, pdf] of pdfs) expect(pdf.text, path).not.toContain('->');
    const runbook = pdfs.get('helpdesk/runbook.pdf')!.text;
    expect(runbook).toContain('Entra admin center → Entra ID → Monitoring & health → Sign-in logs');
    // The arrow stays with the step before it: no line of any PDF starts with one.
    for (const [path, pdf] of pdfs) expect(pdf.text, path).not.toMatch(/\n *→/);
    expect(pdfs.get('admin/plan.pdf')!.text).toContain('Entra ID → Authentication methods');
  });

  it('draws the arrow and the comparison signs from the symbol face instead of a stand-in', async () => {
    const set = await FontSet.embed(await PDFDocument.create(), fonts);
    expect(set.clean('Users → Authentication methods, ≥ 95%, ✓')).toBe('Users → Authentication methods, ≥ 95%, ✓');
    const runs = set.runs('Users → Authentication', 'bold');
    expect(runs.map((run) => run.text)).toEqual(['Users ', '→', ' Authentication']);
    expect(runs[1]!.font).not.toBe(runs[0]!.font);
    // Symbols no embedded font has keep a plain stand-in rather than "?".
    expect(set.clean('☐ done')).toBe('[ ] done');
  });
});

describe('email addresses in PDFs', () => {
  it('prints every email address of the example tenant unbroken, in every PDF that names it', () => {
    const known = tenantEmails();
    expect(known).toEqual(expect.arrayContaining(['ithelp@northgate-engineering.example', 'priya.raman@northgate-engineering.example', 'scan2mail@northgate-engineering.example']));
    const printed = new Set<string>();
    for (const [path, pdf] of pdfs) {
      // A broken address reads back as a fragment ("priya.raman@northgate-enginee") that is no known address.
      for (const found of pdf.text.match(EMAIL) ?? []) {
        expect(known, `${path}: "${found}"`).toContain(found.replace(/\.$/, ''));
        printed.add(found.replace(/\.$/, ''));
      }
    }
    // The helpdesk and IT lead addresses (runbook contacts table) and the exception accounts (plan table), which
    // were broken mid-word in narrow table columns.
    for (const local of ['ithelp', 'priya.raman', 'accounts', 'boardroom', 'scan2mail', 'workshop.lead']) expect([...printed]).toContain(`${local}@northgate-engineering.example`);
    const contacts = pdfs.get('helpdesk/runbook.pdf')!.text;
    expect(contacts).toContain('ithelp@northgate-engineering.example +44 20 7946 0321');
  });

  it('breaks an address wider than the line only before "@" or "." or after "/"', async () => {
    const set = await FontSet.embed(await PDFDocument.create(), fonts);
    const address = 'workshop.lead@northgate-engineering.example';
    const lines = set.wrap(`Write to ${address} today`, 10, set.width('@northgate-engineering', 'regular', 10) + 2);
    const texts = lines.map((line) => line.pieces.map((piece) => piece.text).join(''));
    expect(texts).toEqual(['Write to', 'workshop.lead', '@northgate-engineering', '.example today']);
    // Every piece of the broken address links to the whole address.
    const linked = lines.flatMap((line) => line.pieces).filter((piece) => piece.link);
    expect(linked.map((piece) => piece.link)).toEqual([`mailto:${address}`, `mailto:${address}`, `mailto:${address}`]);
    expect(safeBreaks('https://aka.ms/mysecurityinfo')).toEqual([8, 11, 15, 29]);
    // A part between safe points wider than the line breaks after a hyphen before it breaks inside a word.
    const url = 'https://learn.microsoft.com/entra/concept-mandatory-multifactor-authentication';
    const narrow = set.wrap(url, 10, set.width('concept-mandatory-multifactor-', 'regular', 10) + 2).map((line) => line.pieces.map((piece) => piece.text).join(''));
    expect(narrow.slice(-2)).toEqual(['concept-mandatory-multifactor-', 'authentication']);
    expect(safeBreaks('a.b@c.example.')).toEqual([1, 3, 5, 14]);
  });

  it('widens a table column to its widest word, taking room from the columns that can spare it', () => {
    expect(fitColumns([100, 100, 100], [40, 180, 40], 300)).toEqual([60, 180, 60]);
    expect(fitColumns([100, 100, 100], [40, 80, 40], 300)).toEqual([100, 100, 100]);
    // Words that cannot all fit keep the preferred widths (the long word breaks at its safe points).
    expect(fitColumns([100, 100, 100], [200, 200, 40], 300)).toEqual([100, 100, 100]);
  });
});
