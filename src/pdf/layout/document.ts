import { createHash } from 'node:crypto';
import { LineCapStyle, PDFArray, PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFDict, type PDFForm, type PDFPage } from 'pdf-lib';
import type { PdfFonts } from '../fonts.ts';
import { addInternalLink, writeOutline, type Destination, type OutlineEntry } from './outline.ts';
import { FontSet, type Inline, type Line, type Rgb, type Weight } from './text.ts';

// The flow layout on top of pdf-lib: a cursor moves down the page; every block asks for the room it
// needs first and starts a new page when it does not fit. Headings wait until the block after them is
// placed, so that a heading never ends a page on its own. Running headers and footers, "page N of M"
// and the contents list are drawn last, once the number of pages is known (lay out, then stamp).

export const colors = {
  text: [0.1, 0.1, 0.12],
  muted: [0.36, 0.38, 0.42],
  accent: [0.09, 0.27, 0.47],
  accentLight: [0.9, 0.93, 0.97],
  rule: [0.75, 0.77, 0.8],
  zebra: [0.965, 0.97, 0.975],
  warn: [0.62, 0.16, 0.1],
  warnLight: [0.99, 0.94, 0.92],
  okLight: [0.92, 0.96, 0.93],
  white: [1, 1, 1],
} as const satisfies Record<string, Rgb>;

export type PageSize = 'A4' | 'Letter';
const PAGE_SIZES: Record<PageSize, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

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
}

export interface HeadingOptions {
  level?: 1 | 2 | 3;
  /** Name for a contents entry or internal link to point at. */
  anchor?: string;
  /** Add to the outline (bookmarks); default: levels 1 and 2. */
  bookmark?: boolean;
  /** Title used in the outline when it should differ from the printed heading. */
  outlineTitle?: string;
}

export interface TextOptions {
  size?: number;
  color?: Rgb;
  weight?: Weight;
  indent?: number;
  spaceAfter?: number;
  align?: 'left' | 'center' | 'right';
}

export interface Column {
  header: string;
  /** Relative width; the columns share the content width in proportion. */
  width: number;
  align?: 'left' | 'right';
}

export interface TableOptions {
  size?: number;
  /** Text shown instead of an empty table. */
  empty?: string;
  /** No header row, no shading: a list of label/value pairs. */
  plain?: boolean;
  /** Shade every other row. */
  zebra?: boolean;
  spaceAfter?: number;
}

export interface ContentsEntry {
  anchor: string;
  title: string;
  level?: 1 | 2;
}

interface PendingHeading {
  text: string;
  level: 1 | 2 | 3;
  anchor: string | undefined;
  bookmark: boolean;
  outlineTitle: string;
  lines: Line[];
}

const HEADING = {
  1: { size: 15, before: 16, after: 6, color: colors.accent },
  2: { size: 12, before: 12, after: 4, color: colors.accent },
  3: { size: 10.5, before: 8, after: 3, color: colors.text },
} as const;

function toRgb(color: Rgb) {
  return rgb(color[0], color[1], color[2]);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Drawing on one page at absolute coordinates (origin bottom left), for figures and form blocks. */
export class Canvas {
  readonly page: PDFPage;
  private readonly fonts: FontSet;
  private readonly getForm: () => PDFForm;

  constructor(page: PDFPage, fonts: FontSet, getForm: () => PDFForm) {
    this.page = page;
    this.fonts = fonts;
    this.getForm = getForm;
  }

  // The AcroForm is created on first use, so documents without fields carry none.
  private get form(): PDFForm {
    return this.getForm();
  }

  measure(text: string, size: number, weight: Weight = 'regular'): number {
    return this.fonts.width(this.fonts.clean(text), weight, size);
  }

  /** One line of text at a baseline; cut with an ellipsis when maxWidth is given and exceeded. */
  text(text: string, x: number, baseline: number, options: { size?: number; weight?: Weight; color?: Rgb; maxWidth?: number; align?: 'left' | 'center' | 'right' } = {}): number {
    const size = options.size ?? 10;
    const weight = options.weight ?? 'regular';
    const clean = options.maxWidth ? this.fonts.truncate(text, weight, size, options.maxWidth) : this.fonts.clean(text).replace(/\n/g, ' ');
    const width = this.fonts.width(clean, weight, size);
    const start = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    drawPieces(this.page, this.fonts, [{ text: clean, weight, color: options.color, width }], start, baseline, size, options.color ?? colors.text);
    return width;
  }

  /** Wrapped text in a box from its top; returns the height used. */
  textBox(content: Inline, x: number, top: number, width: number, options: { size?: number; weight?: Weight; color?: Rgb; lineHeight?: number } = {}): number {
    const size = options.size ?? 10;
    const lh = options.lineHeight ?? size * 1.35;
    const lines = this.fonts.wrap(content, size, width, options.weight ?? 'regular');
    lines.forEach((line, index) => {
      drawPieces(this.page, this.fonts, line.pieces, x, top - index * lh - size * 1.02, size, options.color ?? colors.text);
    });
    return lines.length * lh;
  }

  wrapHeight(content: Inline, width: number, size = 10, lineHeight = size * 1.35, weight: Weight = 'regular'): number {
    return this.fonts.wrap(content, size, width, weight).length * lineHeight;
  }

  rect(x: number, y: number, width: number, height: number, options: { fill?: Rgb; stroke?: Rgb; borderWidth?: number } = {}): void {
    this.page.drawRectangle({
      x,
      y,
      width,
      height,
      ...(options.fill ? { color: toRgb(options.fill) } : {}),
      ...(options.stroke ? { borderColor: toRgb(options.stroke), borderWidth: options.borderWidth ?? 0.75 } : {}),
    });
  }

  line(x1: number, y1: number, x2: number, y2: number, options: { color?: Rgb; width?: number; dash?: number[] } = {}): void {
    this.page.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness: options.width ?? 0.75,
      color: toRgb(options.color ?? colors.rule),
      ...(options.dash ? { dashArray: options.dash } : {}),
    });
  }

  /** A diamond centred on (x, y), for milestones. */
  diamond(x: number, y: number, radius: number, fill: Rgb): void {
    this.page.drawSvgPath(`M 0 ${-radius} L ${radius} 0 L 0 ${radius} L ${-radius} 0 Z`, { x, y, color: toRgb(fill) });
  }

  /** A circle centred on (x, y), filled and/or outlined: data points of a chart. */
  circle(x: number, y: number, radius: number, options: { fill?: Rgb; stroke?: Rgb; borderWidth?: number } = {}): void {
    this.page.drawCircle({
      x,
      y,
      size: radius,
      ...(options.fill ? { color: toRgb(options.fill) } : {}),
      ...(options.stroke ? { borderColor: toRgb(options.stroke), borderWidth: options.borderWidth ?? 0.75 } : {}),
    });
  }

  /** An open line through points given in page coordinates (origin bottom left), with round joins. */
  polyline(points: readonly { x: number; y: number }[], options: { color?: Rgb; width?: number; dash?: number[] } = {}): void {
    if (points.length < 2) return;
    // drawSvgPath flips the y axis around its origin: with the origin at (0, 0), y is negated.
    const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${round2(point.x)} ${round2(-point.y)}`).join(' ');
    this.page.drawSvgPath(path, {
      x: 0,
      y: 0,
      borderColor: toRgb(options.color ?? colors.accent),
      borderWidth: options.width ?? 1.5,
      borderLineCap: LineCapStyle.Round,
      ...(options.dash ? { borderDashArray: options.dash } : {}),
    });
  }

  /** A fillable checkbox (AcroForm). Dots in the name make a field hierarchy: "prepare.mfa.done". */
  checkbox(name: string, x: number, y: number, size: number): void {
    const box = this.form.createCheckBox(name);
    box.addToPage(this.page, { x, y, width: size, height: size, borderWidth: 1, borderColor: toRgb(colors.muted), backgroundColor: toRgb(colors.white) });
  }

  /** A fillable text field (AcroForm). */
  textField(name: string, x: number, y: number, width: number, height: number, options: { multiline?: boolean; value?: string; fontSize?: number } = {}): void {
    const field = this.form.createTextField(name);
    if (options.multiline) field.enableMultiline();
    if (options.value) field.setText(options.value);
    field.addToPage(this.page, { x, y, width, height, borderWidth: 0.75, borderColor: toRgb(colors.rule), backgroundColor: toRgb([0.975, 0.98, 0.99]) });
    field.setFontSize(options.fontSize ?? 10);
  }

  /**
   * An empty signature field (/FT /Sig) that Acrobat and other readers offer to sign. pdf-lib cannot
   * create one; it is added next to a sibling field so that it joins the same name hierarchy.
   */
  signatureField(name: string, sibling: string, x: number, y: number, width: number, height: number): void {
    const doc = this.form.doc;
    const context = doc.context;
    const partial = name.slice(name.lastIndexOf('.') + 1);
    const widget = context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [x, y, x + width, y + height].map((n) => Math.round(n * 100) / 100),
      F: 4,
      MK: { BC: [0.75, 0.77, 0.8] },
      P: this.page.ref,
    }) as PDFDict;
    widget.set(PDFName.of('T'), PDFString.of(partial));
    const ref = context.register(widget);
    const parent = this.form.getField(sibling).acroField.getParent();
    const kids = parent?.dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (parent && kids && name.includes('.')) {
      widget.set(PDFName.of('Parent'), parent.ref);
      kids.push(ref);
    } else {
      this.form.acroForm.addField(ref);
    }
    this.page.node.addAnnot(ref);
    this.rect(x, y, width, height, { stroke: colors.rule });
  }
}

function drawPieces(page: PDFPage, fonts: FontSet, pieces: Line['pieces'], x: number, baseline: number, size: number, fallbackColor: Rgb): void {
  let cursor = x;
  for (const piece of pieces) {
    const color = toRgb(piece.color ?? fallbackColor);
    for (const run of fonts.runs(piece.text, piece.weight)) {
      // A no-break space keeps words together when wrapping; it is drawn as an ordinary space.
      page.drawText(run.text.replace(/\u00a0/g, ' '), { x: cursor, y: baseline, size, font: run.font, color });
      cursor += fonts.width(run.text, piece.weight, size);
    }
  }
}

export class LayoutDocument {
  readonly options: DocumentOptions;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly contentWidth: number;
  private readonly pdf: PDFDocument;
  private readonly fonts: FontSet;
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private pending: PendingHeading[] = [];
  private readonly outline: OutlineEntry[] = [];
  private readonly anchors = new Map<string, Destination>();
  private readonly contentsSlots: { page: PDFPage; y: number; entries: ContentsEntry[] }[] = [];

  private constructor(pdf: PDFDocument, fonts: FontSet, options: DocumentOptions) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.options = options;
    const [width, height] = PAGE_SIZES[options.pageSize];
    this.pageWidth = width;
    this.pageHeight = height;
    const margin = options.compact ? 46 : 56;
    this.left = margin;
    this.right = width - margin;
    this.top = height - (options.compact ? 58 : 70);
    this.bottom = options.compact ? 52 : 60;
    this.contentWidth = this.right - this.left;
    this.newPage();
  }

  static async create(fonts: PdfFonts, options: DocumentOptions): Promise<LayoutDocument> {
    // updateMetadata: false stops pdf-lib stamping the clock into the Info dictionary.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fontSet = await FontSet.embed(pdf, fonts);
    return new LayoutDocument(pdf, fontSet, options);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Room left on the current page, in points. */
  get remaining(): number {
    return this.y - this.bottom;
  }

  get atPageTop(): boolean {
    return this.y >= this.top - 0.01;
  }

  newPage(): void {
    this.page = this.pdf.addPage(PAGE_SIZES[this.options.pageSize]);
    this.pages.push(this.page);
    this.y = this.top;
  }

  pageBreak(): void {
    this.flushHeadings();
    if (!this.atPageTop) this.newPage();
  }

  /** Starts a new page unless at least `height` points are left: keeps a short group together. */
  needSpace(height: number): void {
    if (this.pending.length === 0 && this.y - height < this.bottom && !this.atPageTop) this.newPage();
    else if (this.pending.length > 0 && this.y - this.pendingHeight() - height < this.bottom && !this.atPageTop) this.newPage();
  }

  spacer(height: number): void {
    if (!this.atPageTop) this.y = Math.max(this.bottom, this.y - height);
  }

  measure(text: string, size = 10, weight: Weight = 'regular'): number {
    return this.fonts.width(this.fonts.clean(text), weight, size);
  }

  lineCount(content: Inline, width: number, size = 10): number {
    return this.fonts.wrap(content, size, width).length;
  }

  // ---- headings, keep-with-next ----------------------------------------------------------------

  heading(text: string, options: HeadingOptions = {}): void {
    const level = options.level ?? 1;
    const style = HEADING[level];
    this.pending.push({
      text,
      level,
      anchor: options.anchor,
      bookmark: options.bookmark ?? level <= 2,
      outlineTitle: options.outlineTitle ?? text,
      lines: this.fonts.wrap(text, style.size, this.contentWidth, 'bold'),
    });
  }

  private pendingHeight(): number {
    return this.pending.reduce((sum, heading) => {
      const style = HEADING[heading.level];
      // Level-1 headings carry a rule 2 pt below them (see flushHeadings).
      return sum + style.before + heading.lines.length * style.size * 1.3 + style.after + (heading.level === 1 ? 2 : 0);
    }, 0);
  }

  /** Makes room for a block of the given height, with any waiting headings placed just above it. */
  private reserve(height: number): void {
    const needed = this.pendingHeight() + height;
    if (this.y - needed < this.bottom && !this.atPageTop) this.newPage();
    this.flushHeadings();
  }

  private flushHeadings(): void {
    for (const heading of this.pending) {
      const style = HEADING[heading.level];
      if (!this.atPageTop) this.y -= style.before;
      const dest = { page: this.page, y: this.y };
      if (heading.anchor) this.anchors.set(heading.anchor, dest);
      if (heading.bookmark) this.outline.push({ title: heading.outlineTitle, level: heading.level, dest });
      const lh = style.size * 1.3;
      for (const line of heading.lines) {
        drawPieces(this.page, this.fonts, line.pieces, this.left, this.y - style.size, style.size, style.color);
        this.y -= lh;
      }
      if (heading.level === 1) {
        this.y -= 2;
        this.canvas().line(this.left, this.y, this.right, this.y, { color: colors.accent, width: 0.6 });
      }
      this.y -= style.after;
    }
    this.pending = [];
  }

  // ---- text blocks ----------------------------------------------------------------------------

  paragraph(content: Inline, options: TextOptions = {}): void {
    const size = options.size ?? 10;
    const lh = size * 1.4;
    const indent = options.indent ?? 0;
    const lines = this.fonts.wrap(content, size, this.contentWidth - indent, options.weight ?? 'regular');
    // Keep the first two lines together (no orphan line at the foot of a page).
    this.reserve(Math.min(2, lines.length) * lh);
    lines.forEach((line, index) => {
      const left = lines.length - index;
      // Do not leave a single last line alone at the top of the next page either.
      const need = left === 2 && lines.length > 2 ? 2 * lh : lh;
      if (this.y - need < this.bottom) this.newPage();
      const x =
        options.align === 'center'
          ? this.left + indent + (this.contentWidth - indent - line.width) / 2
          : options.align === 'right'
            ? this.right - line.width
            : this.left + indent;
      drawPieces(this.page, this.fonts, line.pieces, x, this.y - size * 1.05, size, options.color ?? colors.text);
      this.y -= lh;
    });
    this.y -= options.spaceAfter ?? 6;
  }

  /** A bulleted or numbered list; items wrap with a hanging indent. */
  list(items: Inline[], options: { numbered?: boolean; size?: number; indent?: number; spaceAfter?: number; marker?: (index: number) => string } = {}): void {
    const size = options.size ?? 10;
    const lh = size * 1.4;
    const indent = options.indent ?? 0;
    const markerWidth = options.numbered ? 18 : 12;
    items.forEach((item, index) => {
      const lines = this.fonts.wrap(item, size, this.contentWidth - indent - markerWidth);
      this.reserve(Math.min(2, lines.length) * lh);
      const marker = options.marker ? options.marker(index) : options.numbered ? `${index + 1}.` : '•';
      lines.forEach((line, lineIndex) => {
        if (this.y - lh < this.bottom) this.newPage();
        const baseline = this.y - size * 1.05;
        if (lineIndex === 0) drawPieces(this.page, this.fonts, [{ text: marker, weight: 'regular', color: colors.accent, width: 0 }], this.left + indent, baseline, size, colors.accent);
        drawPieces(this.page, this.fonts, line.pieces, this.left + indent + markerWidth, baseline, size, colors.text);
        this.y -= lh;
      });
      this.y -= 2;
    });
    this.y -= options.spaceAfter ?? 4;
  }

  /** A shaded box of text, kept on one page when it fits on one. */
  callout(content: Inline, options: { fill?: Rgb; border?: Rgb; size?: number; spaceAfter?: number } = {}): void {
    const size = options.size ?? 10;
    const lh = size * 1.4;
    const pad = 8;
    const lines = this.fonts.wrap(content, size, this.contentWidth - 2 * pad - 3);
    const height = lines.length * lh + 2 * pad;
    if (height > this.top - this.bottom) {
      this.paragraph(content, { size });
      return;
    }
    this.reserve(height);
    const canvas = this.canvas();
    canvas.rect(this.left, this.y - height, this.contentWidth, height, { fill: options.fill ?? colors.accentLight });
    canvas.rect(this.left, this.y - height, 3, height, { fill: options.border ?? colors.accent });
    lines.forEach((line, index) => {
      drawPieces(this.page, this.fonts, line.pieces, this.left + pad + 3, this.y - pad - index * lh - size * 1.05, size, colors.text);
    });
    this.y -= height + (options.spaceAfter ?? 8);
  }

  /** A block of fixed height drawn by the caller, never split across pages. */
  /** Starts a new page unless `height` points still fit on this one: keeps a group (e.g. signature blocks) on one page. */
  keepTogether(height: number): void {
    this.reserve(height);
  }

  block(height: number, draw: (canvas: Canvas, top: number) => void, spaceAfter = 6): void {
    this.reserve(height);
    draw(this.canvas(), this.y);
    this.y -= height + spaceAfter;
  }

  private usesForm = false;
  private form(): PDFForm {
    this.usesForm = true;
    return this.pdf.getForm();
  }

  canvas(): Canvas {
    return new Canvas(this.page, this.fonts, () => this.form());
  }

  // ---- tables -------------------------------------------------------------------------------

  /**
   * A table whose rows wrap their cells. Rows move whole to the next page when they fit on one;
   * the header row is repeated on every page the table runs onto; a row taller than a page is split
   * between lines.
   */
  table(columns: Column[], rows: Inline[][], options: TableOptions = {}): void {
    if (rows.length === 0) {
      if (options.empty) this.paragraph(options.empty, { color: colors.muted, weight: 'italic' });
      return;
    }
    const size = options.size ?? 9;
    const lh = size * 1.35;
    const pad = 4;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.contentWidth);
    const xs = widths.map((_, index) => this.left + widths.slice(0, index).reduce((a, b) => a + b, 0));
    const wrapCell = (content: Inline, index: number, weight: Weight) => this.fonts.wrap(content, size, widths[index]! - 2 * pad, weight);

    const headerLines = options.plain ? [] : columns.map((column, index) => wrapCell(column.header, index, 'bold'));
    const headerHeight = options.plain ? 0 : Math.max(...headerLines.map((lines) => lines.length)) * lh + 2 * pad;
    const drawHeader = () => {
      if (options.plain) return;
      const canvas = this.canvas();
      canvas.rect(this.left, this.y - headerHeight, this.contentWidth, headerHeight, { fill: colors.accentLight });
      headerLines.forEach((lines, index) => {
        lines.forEach((line, lineIndex) => {
          const x = columns[index]!.align === 'right' ? xs[index]! + widths[index]! - pad - line.width : xs[index]! + pad;
          drawPieces(this.page, this.fonts, line.pieces, x, this.y - pad - lineIndex * lh - size * 1.02, size, colors.accent);
        });
      });
      this.y -= headerHeight;
      canvas.line(this.left, this.y, this.right, this.y, { color: colors.accent, width: 0.75 });
    };

    const usable = this.top - this.bottom - headerHeight;
    rows.forEach((row, rowIndex) => {
      const cells = columns.map((_, index) => wrapCell(row[index] ?? '', index, options.plain && index === 0 ? 'bold' : 'regular'));
      let remaining = cells.map((lines) => lines);
      const rowLines = () => Math.max(1, ...remaining.map((lines) => lines.length));
      if (rowIndex === 0) {
        // The header row never stands alone: it goes with the whole first row, or with its first
        // lines when the row is taller than a page.
        const firstRow = rowLines() * lh + 2 * pad;
        this.reserve(headerHeight + (firstRow <= usable ? firstRow : 3 * lh + 2 * pad));
        drawHeader();
      }
      let first = true;
      while (remaining.some((lines) => lines.length > 0) || first) {
        const needed = rowLines() * lh + 2 * pad;
        let take = rowLines();
        if (this.y - needed < this.bottom) {
          const fitNow = Math.floor((this.y - this.bottom - 2 * pad) / lh);
          if (needed <= usable || fitNow < 2) {
            // Move the row (or the rest of it) to a new page under a repeated header row.
            this.newPage();
            drawHeader();
            take = Math.min(rowLines(), Math.floor((usable - 2 * pad) / lh));
          } else take = fitNow;
        }
        const height = take * lh + 2 * pad;
        const canvas = this.canvas();
        if (options.zebra && rowIndex % 2 === 1) canvas.rect(this.left, this.y - height, this.contentWidth, height, { fill: colors.zebra });
        remaining.forEach((lines, index) => {
          lines.slice(0, take).forEach((line, lineIndex) => {
            const x = columns[index]!.align === 'right' ? xs[index]! + widths[index]! - pad - line.width : xs[index]! + pad;
            drawPieces(this.page, this.fonts, line.pieces, x, this.y - pad - lineIndex * lh - size * 1.02, size, options.plain && index === 0 ? colors.muted : colors.text);
          });
        });
        this.y -= height;
        canvas.line(this.left, this.y, this.right, this.y, { color: colors.rule, width: 0.5 });
        remaining = remaining.map((lines) => lines.slice(take));
        first = false;
      }
    });
    this.y -= options.spaceAfter ?? 10;
  }

  // ---- contents, header and footer, output ----------------------------------------------------------

  /** Reserves room for a contents list; it is filled with page numbers and links at the end. */
  contents(entries: ContentsEntry[], size = 10): void {
    const lh = size * 1.6;
    this.reserve(entries.length * lh);
    this.contentsSlots.push({ page: this.page, y: this.y, entries });
    this.y -= entries.length * lh + 8;
  }

  private drawContents(size = 10): void {
    const lh = size * 1.6;
    for (const slot of this.contentsSlots) {
      const canvas = new Canvas(slot.page, this.fonts, () => this.form());
      slot.entries.forEach((entry, index) => {
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
        if (dotsTo > dotsFrom) canvas.line(dotsFrom, baseline + 1, dotsTo, baseline + 1, { color: colors.rule, width: 0.8, dash: [1, 2.5] });
        canvas.text(number, this.right, baseline, { size, align: 'right' });
        if (dest) addInternalLink(this.pdf, slot.page, { x: this.left + indent, y: top - lh + 2, width: this.contentWidth - indent, height: lh - 2 }, dest, entry.title);
      });
    }
  }

  private stamp(): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const canvas = new Canvas(page, this.fonts, () => this.form());
      const headerY = this.pageHeight - (this.options.compact ? 30 : 36);
      const labelWidth = canvas.text(this.options.label, this.right, headerY, { size: 8, weight: 'bold', color: colors.warn, align: 'right' });
      canvas.text(this.options.headerLeft, this.left, headerY, { size: 8, color: colors.muted, maxWidth: this.contentWidth - labelWidth - 24 });
      canvas.line(this.left, headerY - 6, this.right, headerY - 6, { color: colors.rule, width: 0.5 });
      const footerY = this.options.compact ? 26 : 30;
      canvas.line(this.left, footerY + 12, this.right, footerY + 12, { color: colors.rule, width: 0.5 });
      const pageLabel = `Page ${index + 1} of ${total}`;
      const pageWidth = canvas.text(pageLabel, this.right, footerY, { size: 8, color: colors.muted, align: 'right' });
      canvas.text(this.options.footerLeft, this.left, footerY, { size: 8, color: colors.muted, maxWidth: this.contentWidth - pageWidth - 24 });
    });
  }

  /** Finishes the document: contents, headers and footers, outline, metadata; returns the bytes. */
  async save(): Promise<Uint8Array> {
    this.flushHeadings();
    this.drawContents();
    this.stamp();
    writeOutline(this.pdf, this.outline);

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
    // A document ID from the content's identity instead of a random one: same input, same bytes.
    const id = createHash('sha256')
      .update([options.title, options.author, options.subject, options.planDate, options.headerLeft, String(this.pages.length)].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
    return pdf.save({ useObjectStreams: true, updateFieldAppearances: this.usesForm, objectsPerTick: Number.POSITIVE_INFINITY });
  }
}
