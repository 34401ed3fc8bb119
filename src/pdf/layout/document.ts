import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { PdfFonts } from '../fonts.ts';
import { Canvas } from './canvas.ts';
import { Flow } from './flow.ts';
import { writeXmp } from './metadata.ts';
import { addLink, writeNamedDestinations, writeOutline } from './outline.ts';
import { useFormFont } from './fields.ts';
import { embedFormFont, FontSet, type Weight } from './text.ts';
import { colors, type PageSize } from './theme.ts';

// A document: the flow (flow.ts) plus what is drawn last, once the number of pages is known (lay out,
// then stamp): the contents list with page numbers, running headers and footers with "page N of M",
// the outline, the structure tree and the metadata (Info dictionary and XMP, the same values in both).

export interface DocumentOptions {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  /** BCP 47 language tag, written to the catalog /Lang. */
  language: string;
  pageSize: PageSize;
  /** The plan date (YYYY-MM-DD): used for the creation and modification dates, never the clock. */
  planDate: string;
  /** Running header, left: the organisation. */
  headerLeft: string;
  /** Running header, right: the classification label, e.g. "Confidential — IT". */
  label: string;
  /** Running footer, left: the document's short title and version. */
  footerLeft: string;
  /** Smaller margins for one-page documents. */
  compact?: boolean;
  /** The document has form fields: their font is embedded (see embedFormFont). */
  fillable?: boolean;
  /** The footer's page number in the document's language; "Page 1 of 3" when absent. */
  pageLabel?: (page: number, total: number) => string;
}

export class LayoutDocument extends Flow {
  readonly options: DocumentOptions;

  private constructor(pdf: PDFDocument, fonts: FontSet, options: DocumentOptions) {
    super(pdf, fonts, { pageSize: options.pageSize, compact: options.compact });
    this.options = options;
  }

  static async create(fonts: PdfFonts, options: DocumentOptions): Promise<LayoutDocument> {
    // updateMetadata: false stops pdf-lib stamping the clock into the Info dictionary.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fontSet = await FontSet.embed(pdf, fonts);
    const doc = new LayoutDocument(pdf, fontSet, options);
    if (options.fillable) doc.formFont = await embedFormFont(pdf, fonts.regular);
    return doc;
  }

  /** The page number (from 1) of each anchored heading placed so far: for "page N" in cross-references. */
  anchorPages(): Map<string, number> {
    this.flushHeadings();
    return new Map([...this.anchors].map(([anchor, dest]) => [anchor, this.pages.indexOf(dest.page) + 1]));
  }

  private drawContents(size = 10): void {
    const lh = size * 1.6;
    for (const slot of this.contentsSlots) {
      slot.entries.forEach((entry, index) => {
        // TOC > TOCI > Link: the title and page number are the link's text; the dot leader is decoration.
        const item = this.tags.add(slot.element, 'TOCI');
        const link = this.tags.add(item, 'Link');
        const canvas = new Canvas(slot.page, this.fonts, () => this.form(), { tree: this.tags, parent: link, figure: true });
        const dest = this.anchors.get(entry.anchor);
        const top = slot.y - index * lh;
        const baseline = top - size * 1.15;
        const indent = entry.level === 2 ? 16 : 0;
        const number = dest ? String(this.pages.indexOf(dest.page) + 1) : '';
        const numberWidth = canvas.measure(number, size);
        const weight: Weight = entry.level === 2 ? 'regular' : 'bold';
        const titleWidth = canvas.text(entry.title, this.left + indent, baseline, { size, weight, maxWidth: this.contentWidth - indent - 40 });
        const dotsFrom = this.left + indent + titleWidth + 6;
        const dotsTo = this.right - numberWidth - 6;
        if (dotsTo > dotsFrom) {
          new Canvas(slot.page, this.fonts, () => this.form(), { tree: this.tags, parent: item, figure: false }).line(dotsFrom, baseline + 1, dotsTo, baseline + 1, {
            color: colors.rule,
            width: 0.8,
            dash: [1, 2.5],
          });
        }
        canvas.text(number, this.right, baseline, { size, align: 'right' });
        if (dest) {
          const annotation = addLink(slot.page, { x: this.left + indent, y: top - lh + 2, width: this.contentWidth - indent, height: lh - 2 }, { dest }, entry.title);
          this.tags.annotation(slot.page, link, annotation);
        }
      });
    }
  }

  private stamp(): void {
    const total = this.pages.length;
    // Running headers and footers repeat on every page: pagination artifacts, outside the structure.
    const furniture = { artifact: 'Pagination' } as const;
    this.pages.forEach((page, index) => {
      const canvas = new Canvas(page, this.fonts, () => this.form(), { tree: this.tags, parent: this.tags.root, figure: false });
      const headerY = this.pageHeight - (this.options.compact ? 30 : 36);
      const labelWidth = canvas.text(this.options.label, this.right, headerY, { size: 8, weight: 'bold', color: colors.warn, align: 'right', ...furniture });
      canvas.text(this.options.headerLeft, this.left, headerY, { size: 8, color: colors.muted, maxWidth: this.contentWidth - labelWidth - 24, ...furniture });
      canvas.line(this.left, headerY - 6, this.right, headerY - 6, { color: colors.rule, width: 0.5 });
      const footerY = this.options.compact ? 26 : 30;
      canvas.line(this.left, footerY + 12, this.right, footerY + 12, { color: colors.rule, width: 0.5 });
      const pageLabel = this.options.pageLabel ? this.options.pageLabel(index + 1, total) : `Page ${index + 1} of ${total}`;
      const pageWidth = canvas.text(pageLabel, this.right, footerY, { size: 8, color: colors.muted, align: 'right', ...furniture });
      canvas.text(this.options.footerLeft, this.left, footerY, { size: 8, color: colors.muted, maxWidth: this.contentWidth - pageWidth - 24, ...furniture });
    });
  }

  /** Finishes the document: contents, headers and footers, outline, metadata; returns the bytes. */
  async save(): Promise<Uint8Array> {
    this.flushHeadings();
    this.drawContents();
    this.stamp();
    writeOutline(this.pdf, this.outline);
    writeNamedDestinations(this.pdf, this.anchors);

    const { options, pdf } = this;
    const date = new Date(`${options.planDate}T00:00:00Z`);
    pdf.setTitle(options.title, { showInWindowTitleBar: true });
    pdf.setAuthor(options.author);
    pdf.setSubject(options.subject);
    pdf.setKeywords(options.keywords);
    pdf.setCreator('mfa-playbook');
    pdf.setProducer('mfa-playbook PDF renderer');
    pdf.setCreationDate(date);
    pdf.setModificationDate(date);
    pdf.setLanguage(options.language);
    this.tags.write();
    writeXmp(pdf, {
      title: options.title,
      author: options.author,
      subject: options.subject,
      keywords: options.keywords,
      language: options.language,
      creator: 'mfa-playbook',
      producer: 'mfa-playbook PDF renderer',
      date: date.toISOString().replace('.000Z', 'Z'),
    });
    // A document ID from the content's identity instead of a random one: same input, same bytes.
    const id = createHash('sha256')
      .update([options.title, options.author, options.subject, options.planDate, options.headerLeft, String(this.pages.length)].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
    if (this.usesForm && this.formFont) {
      const form = pdf.getForm();
      useFormFont(form, this.formFont);
      // Appearances drawn with the form font (pdf-lib's default would embed Helvetica, which lacks most scripts).
      form.updateFieldAppearances(this.formFont);
    }
    return pdf.save({ useObjectStreams: true, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  }
}
