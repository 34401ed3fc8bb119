import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { AnnotationMode, getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderChecklists } from '../../src/pdf/documents/checklists.ts';
import { renderDecision } from '../../src/pdf/documents/decision.ts';
import { readPdf } from './read.ts';
import { loadPdfFonts, type PdfFonts } from '../../src/pdf/index.ts';
import { examplePlaybook } from '../helpers/example.ts';

// Form fields keep every character the document's font has, whoever fills them in: pdf-lib's form API (appearance
// streams written by the filler) and a viewer drawing the field itself from /DA and /DR (pdf.js here).

const VALUES = {
  polish: 'Łódź — Zażółć gęślą jaźń',
  greek: 'Αθήνα — Καλημέρα σας',
  cyrillic: 'Москва — Привет, мир №1',
  latin: 'Zürich Ærø Ğüneş Ñandú',
};

let fonts: PdfFonts;
let blank: Uint8Array;
let fieldNames: string[];

beforeAll(async () => {
  fonts = await loadPdfFonts();
  blank = await renderChecklists(examplePlaybook(), fonts);
  const doc = await PDFDocument.load(blank);
  fieldNames = doc
    .getForm()
    .getFields()
    .filter((field) => field.constructor.name === 'PDFTextField')
    .map((field) => field.getName())
    .slice(0, 4);
}, 120_000);

/** The text that pdf.js draws for the page's annotations: every glyph of every showText in the appearance streams. */
async function appearanceText(bytes: Uint8Array, fill?: Record<string, string>): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    if (fill) {
      for (const annotation of (await page.getAnnotations()) as { id: string; fieldName?: string }[]) {
        const value = annotation.fieldName ? fill[annotation.fieldName] : undefined;
        if (value !== undefined) doc.annotationStorage.setValue(annotation.id, { value });
      }
    }
    const ops = await page.getOperatorList({ annotationMode: fill ? AnnotationMode.ENABLE_STORAGE : AnnotationMode.ENABLE });
    ops.fnArray.forEach((fn, index) => {
      if (fn !== OPS.showText) return;
      for (const glyph of ops.argsArray[index]![0] as ({ unicode?: string } | number)[]) if (typeof glyph === 'object' && glyph?.unicode) text += glyph.unicode;
      text += '\n';
    });
  }
  await doc.destroy();
  return text;
}

describe('form fields and their font', () => {
  it('names the embedded form font in the AcroForm /DR and in every text field /DA, not Helvetica', async () => {
    const doc = await PDFDocument.load(blank);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    const resources = acroForm.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    expect(resources.keys().map(String)).toEqual(['/NotoSans-Regular']);
    expect(acroForm.get(PDFName.of('DA'))!.toString()).toBe('(/NotoSans-Regular 0 Tf 0 g)');
    for (const field of doc.getForm().getFields()) {
      if (field.constructor.name !== 'PDFTextField') continue;
      expect(field.acroField.getDefaultAppearance(), field.getName()).toMatch(/\/NotoSans-Regular \d+ Tf/);
    }
    const raw = Buffer.from(blank).toString('latin1');
    expect(raw).not.toContain('/Helvetica');
  });

  it('embeds the form font whole (no subset tag) with a glyph outline for every test character', async () => {
    const doc = await PDFDocument.load(blank);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    const fontRef = acroForm.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict).get(PDFName.of('NotoSans-Regular')) as PDFRef;
    const type0 = doc.context.lookup(fontRef, PDFDict);
    expect(type0.get(PDFName.of('BaseFont'))!.toString()).toBe('/NotoSans-Regular');
    const descendant = doc.context.lookup((type0.lookup(PDFName.of('DescendantFonts')) as unknown as { get(i: number): PDFRef }).get(0), PDFDict);
    const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const program = descriptor.lookup(PDFName.of('FontFile2')) as PDFStream;
    const bytes = decodePDFRawStream(program as PDFRawStream).decode();
    const font = fontkit.create(Buffer.from(bytes));
    for (const char of Object.values(VALUES).join('')) {
      if (char === ' ') continue;
      const code = char.codePointAt(0)!;
      expect(font.hasGlyphForCodePoint(code), char).toBe(true);
      expect(font.glyphForCodePoint(code).path.toSVG().length, char).toBeGreaterThan(0);
    }
  });

  it('keeps Latin, Greek, Cyrillic and Polish text filled in with pdf-lib’s form API, read back by pdf.js', async () => {
    const doc = await PDFDocument.load(blank);
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(fonts.regular, { subset: true });
    const form = doc.getForm();
    Object.values(VALUES).forEach((value, index) => form.getTextField(fieldNames[index]!).setText(value));
    form.updateFieldAppearances(font);
    const filled = await doc.save();
    const text = await appearanceText(filled);
    for (const value of Object.values(VALUES)) expect(text).toContain(value);
  });

  it('keeps the same text when a viewer draws the fields itself from /DA and /DR (pdf.js)', async () => {
    const fill = Object.fromEntries(Object.values(VALUES).map((value, index) => [fieldNames[index]!, value]));
    const text = await appearanceText(blank, fill);
    for (const value of Object.values(VALUES)) expect(text).toContain(value);
  });
});

describe('blank decision record (template)', () => {
  it('is fillable: request, exposure, option, compensating controls, risk owner, expiry, review date and signatures', async () => {
    const playbook = examplePlaybook();
    const template = playbook.decisions.find((decision) => decision.isTemplate)!;
    expect(template.exposure.level).toBeNull();
    const pdf = await readPdf(await renderDecision(playbook, template, fonts));
    for (const name of [
      'request.name',
      'request.role',
      'request.date',
      'request.requested-by',
      'request.reason',
      'decision.outcome',
      'decision.rationale',
      'override.decided-by',
      'override.decided-on',
      'override.risk-owner',
      'override.compensating-controls',
      'override.expiry',
      'override.review-date',
    ]) {
      expect(pdf.fields[name], name).toContain('text');
    }
    for (const name of ['exposure.high', 'exposure.elevated', 'exposure.standard', 'decision.option.a', 'decision.option.b', 'decision.option.c'])
      expect(pdf.fields[name], name).toContain('checkbox');
    expect(pdf.fields['decision.it-lead.signature']).toContain('signature');
    // Nothing is decided in a blank record: no exposure level, no person.
    expect(pdf.text).not.toMatch(/Standard exposure|Who ,/);
  });
});
