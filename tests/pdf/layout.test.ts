import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { loadPdfFonts } from '../../src/pdf/fonts.ts';
import { LayoutDocument, type DocumentOptions } from '../../src/pdf/layout/index.ts';
import { subsetTrueType } from '../../src/pdf/layout/subset.ts';
import { readPdf } from './read.ts';

const OPTIONS: DocumentOptions = {
  title: 'Layout test',
  subject: 'Layout',
  author: 'Tests',
  keywords: [],
  language: 'en-GB',
  pageSize: 'A4',
  planDate: '2027-01-04',
  headerLeft: 'Test organisation',
  label: 'Confidential — IT',
  footerLeft: 'Layout test',
};

describe('PDF layout module', () => {
  it('never leaves a heading alone at the foot of a page', async () => {
    const doc = await LayoutDocument.create(await loadPdfFonts(), OPTIONS);
    // Fill the first page until only a little room is left.
    while (doc.remaining > 60) doc.paragraph('Filler line of text.', { spaceAfter: 0 });
    doc.heading('Heading that must move', { level: 2 });
    doc.paragraph('First lines of the section that the heading belongs to. '.repeat(4));
    const pdf = await readPdf(await doc.save());
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages[0]).not.toContain('Heading that must move');
    expect(pdf.pages[1]).toContain('Heading that must move');
    expect(pdf.pages[1]).toContain('First lines of the section');
    expect(pdf.outline.map((item) => item.title)).toEqual(['Heading that must move']);
  });

  it('splits a long table across pages and repeats its header row on each', async () => {
    const doc = await LayoutDocument.create(await loadPdfFonts(), OPTIONS);
    doc.heading('A long table');
    const rows = Array.from({ length: 120 }, (_, index) => [`Row ${index + 1}`, `Value of row ${index + 1} with enough words to wrap maybe`]);
    doc.table(
      [
        { header: 'Column one', width: 1 },
        { header: 'Column two', width: 3 },
      ],
      rows,
    );
    const pdf = await readPdf(await doc.save());
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain('Column one');
      expect(page).toContain(`Page ${index + 1} of ${pdf.pageCount}`);
    });
    for (let n = 1; n <= 120; n += 1) expect(pdf.text).toContain(`Value of row ${n} `);
  });

  it('never carries the last table row alone to the next page: the row before it goes along', async () => {
    const doc = await LayoutDocument.create(await loadPdfFonts(), OPTIONS);
    while (doc.remaining > 200) doc.paragraph('Filler line of text.', { spaceAfter: 0 });
    // One-line rows at 9 pt: 9 × 1.35 leading + 2 × 4 padding. The header and `fit` rows fit in the room left.
    const rowHeight = 9 * 1.35 + 8;
    const fit = Math.floor((doc.remaining - 10) / rowHeight) - 1;
    const rows = Array.from({ length: fit + 1 }, (_, index) => [`Row ${index + 1}`, `Value ${index + 1}`]);
    doc.table(
      [
        { header: 'Key', width: 1 },
        { header: 'Value', width: 3 },
      ],
      rows,
    );
    const pdf = await readPdf(await doc.save());
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages[1]).toContain(`Value ${fit + 1}`);
    expect(pdf.pages[1]).toContain(`Value ${fit}`);
    expect(pdf.pages[0]).toContain(`Value ${fit - 1}`);
  });

  it('splits a table row taller than a page between lines instead of cutting it off', async () => {
    const doc = await LayoutDocument.create(await loadPdfFonts(), OPTIONS);
    const words = Array.from({ length: 900 }, (_, index) => `w${index}`).join(' ');
    doc.table(
      [
        { header: 'Key', width: 1 },
        { header: 'Long cell', width: 3 },
      ],
      [['only', words]],
    );
    const pdf = await readPdf(await doc.save());
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const probe of ['w0 ', 'w450 ', 'w899']) expect(text).toContain(probe);
  });

  it('subsets TrueType glyphs intact (the fontkit subsetter loses most of Noto Sans)', async () => {
    const fonts = await loadPdfFonts();
    const original = fontkit.create(fonts.regular);
    const ids = [0, ...Array.from('Łódź Σ Д a', (char) => original.glyphForCodePoint(char.codePointAt(0)!).id)];
    const unique = [...new Set(ids)];
    const subset = fontkit.create(subsetTrueType(fonts.regular, unique));
    expect(subset.numGlyphs).toBeGreaterThanOrEqual(unique.length);
    unique.forEach((id, newId) => {
      const before = original.getGlyph(id);
      const after = subset.getGlyph(newId);
      expect(after.advanceWidth).toBe(before.advanceWidth);
      // Composite glyphs (ó, ź) only match when their components were renumbered correctly.
      expect(after.path.toSVG()).toBe(before.path.toSVG());
      expect(after.path.toSVG().length).toBeGreaterThan(id === 0 || before.path.toSVG() === '' ? -1 : 10);
    });
  });
});
