import type { PDFDocument, PDFFont, PDFForm, PDFPage } from 'pdf-lib';
import { Canvas, drawPieces, type Mark } from './canvas.ts';
import type { Destination, OutlineEntry } from './outline.ts';
import { layoutTable, type Column, type FlowSurface, type TableOptions } from './table.ts';
import { StructureTree, type StructElement } from './tagging.ts';
import type { FontSet, Inline, Line, Rgb, Weight } from './text.ts';
import { colors, HEADING, PAGE_SIZES, type PageSize } from './theme.ts';

// The flow layout on top of pdf-lib: a cursor moves down the page; every block asks for the room it
// needs first and starts a new page when it does not fit. Headings wait until the block after them is
// placed, so that a heading never ends a page on its own. Everything drawn is tagged as it is drawn
// (tagging.ts): headings, paragraphs, lists, tables, figures and form fields in reading order, rules and
// shading as artifacts.

export interface PageGeometry {
  pageSize: PageSize;
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
  /** Structure type: a paragraph, or the document's title (H1) drawn in a paragraph's style. */
  role?: 'P' | 'H1';
}

/** Room for a contents list, filled in at the end, and its element in the structure tree. */
export interface ContentsSlot {
  page: PDFPage;
  y: number;
  entries: ContentsEntry[];
  element: StructElement;
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

export class Flow {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly contentWidth: number;
  protected readonly pdf: PDFDocument;
  protected readonly fonts: FontSet;
  protected readonly pages: PDFPage[] = [];
  private readonly pageSize: PageSize;
  private page!: PDFPage;
  private y = 0;
  private pending: PendingHeading[] = [];
  protected readonly outline: OutlineEntry[] = [];
  protected readonly anchors = new Map<string, Destination>();
  protected readonly contentsSlots: ContentsSlot[] = [];
  protected readonly tags: StructureTree;
  /** Level of the last heading in the structure tree: a heading is tagged at most one level deeper. */
  private headingTagLevel = 0;

  protected constructor(pdf: PDFDocument, fonts: FontSet, geometry: PageGeometry) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.tags = new StructureTree(pdf);
    this.pageSize = geometry.pageSize;
    const [width, height] = PAGE_SIZES[geometry.pageSize];
    this.pageWidth = width;
    this.pageHeight = height;
    const margin = geometry.compact ? 46 : 56;
    this.left = margin;
    this.right = width - margin;
    this.top = height - (geometry.compact ? 58 : 70);
    this.bottom = geometry.compact ? 52 : 60;
    this.contentWidth = this.right - this.left;
    this.newPage();
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
    this.page = this.pdf.addPage(PAGE_SIZES[this.pageSize]);
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

  protected flushHeadings(): void {
    for (const heading of this.pending) {
      const style = HEADING[heading.level];
      if (!this.atPageTop) this.y -= style.before;
      const dest = { page: this.page, y: this.y };
      if (heading.anchor) this.anchors.set(heading.anchor, dest);
      if (heading.bookmark) this.outline.push({ title: heading.outlineTitle, level: heading.level, dest });
      const lh = style.size * 1.3;
      // The structure never skips a level (PDF/UA): a small heading right under a level-1 one is tagged H2.
      const tagLevel = Math.min(heading.level, this.headingTagLevel + 1) as 1 | 2 | 3;
      this.headingTagLevel = tagLevel;
      const mark = this.element(`H${tagLevel}`);
      for (const line of heading.lines) {
        drawPieces(this.page, this.fonts, line.pieces, this.left, this.y - style.size, style.size, style.color, mark);
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

  /** A new element at the end of the document's reading order, as a mark to draw into. */
  private element(role: 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'Note', parent: StructElement = this.tags.root): Mark & { element: StructElement } {
    return { tree: this.tags, element: this.tags.add(parent, role) };
  }

  // ---- text blocks ----------------------------------------------------------------------------

  paragraph(content: Inline, options: TextOptions = {}): void {
    const size = options.size ?? 10;
    const lh = size * 1.4;
    const indent = options.indent ?? 0;
    const lines = this.fonts.wrap(content, size, this.contentWidth - indent, options.weight ?? 'regular');
    // Keep the first two lines together (no orphan line at the foot of a page).
    this.reserve(Math.min(2, lines.length) * lh);
    if (options.role === 'H1') this.headingTagLevel = 1;
    const mark = this.element(options.role ?? 'P');
    lines.forEach((line, index) => {
      const left = lines.length - index;
      // Do not leave a single last line alone at the top of the next page either.
      const need = left === 2 && lines.length > 2 ? 2 * lh : lh;
      if (this.y - need < this.bottom) this.newPage();
      const x =
        options.align === 'center' ? this.left + indent + (this.contentWidth - indent - line.width) / 2 : options.align === 'right' ? this.right - line.width : this.left + indent;
      drawPieces(this.page, this.fonts, line.pieces, x, this.y - size * 1.05, size, options.color ?? colors.text, mark);
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
    let list: StructElement | undefined;
    items.forEach((item, index) => {
      const lines = this.fonts.wrap(item, size, this.contentWidth - indent - markerWidth);
      this.reserve(Math.min(2, lines.length) * lh);
      // L > LI > (Lbl, LBody): created after the first reserve, which places any waiting heading first.
      list ??= this.tags.add(this.tags.root, 'L');
      const listItem = this.tags.add(list, 'LI');
      const label: Mark = { tree: this.tags, element: this.tags.add(listItem, 'Lbl') };
      const body: Mark = { tree: this.tags, element: this.tags.add(listItem, 'LBody') };
      const marker = options.marker ? options.marker(index) : options.numbered ? `${index + 1}.` : '•';
      lines.forEach((line, lineIndex) => {
        if (this.y - lh < this.bottom) this.newPage();
        const baseline = this.y - size * 1.05;
        if (lineIndex === 0)
          drawPieces(this.page, this.fonts, [{ text: marker, weight: 'regular', color: colors.accent, width: 0 }], this.left + indent, baseline, size, colors.accent, label);
        drawPieces(this.page, this.fonts, line.pieces, this.left + indent + markerWidth, baseline, size, colors.text, body);
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
    const mark = this.element('P');
    lines.forEach((line, index) => {
      drawPieces(this.page, this.fonts, line.pieces, this.left + pad + 3, this.y - pad - index * lh - size * 1.05, size, colors.text, mark);
    });
    this.y -= height + (options.spaceAfter ?? 8);
  }

  /** Starts a new page unless `height` points still fit on this one: keeps a group (e.g. signature blocks) on one page. */
  keepTogether(height: number): void {
    this.reserve(height);
  }

  /**
   * A block of fixed height drawn by the caller, never split across pages. Its text becomes paragraphs and its
   * form fields Form elements, in the order drawn; its lines and shapes are decoration.
   */
  block(height: number, draw: (canvas: Canvas, top: number) => void, spaceAfter = 6): void {
    this.reserve(height);
    draw(this.canvas(), this.y);
    this.y -= height + spaceAfter;
  }

  /**
   * A figure (timeline, chart) of fixed height, never split across pages: one Figure element holding all that is
   * drawn, with `alt` as its text equivalent for readers that cannot see it.
   */
  figure(height: number, alt: string, draw: (canvas: Canvas, top: number) => void, spaceAfter = 6): void {
    this.reserve(height);
    const figure = this.tags.add(this.tags.root, 'Figure', { alt, bbox: [this.left, this.y - height, this.right, this.y] });
    draw(new Canvas(this.page, this.fonts, () => this.form(), { tree: this.tags, parent: figure, figure: true }), this.y);
    this.y -= height + spaceAfter;
  }

  protected usesForm = false;
  /** The font of form fields (text.ts embedFormFont), embedded when the document is created fillable. */
  protected formFont: PDFFont | null = null;
  protected form(): { form: PDFForm; font: PDFFont } {
    if (!this.formFont) throw new Error('This document has form fields: create it with `fillable: true`.');
    this.usesForm = true;
    return { form: this.pdf.getForm(), font: this.formFont };
  }

  canvas(): Canvas {
    return new Canvas(this.page, this.fonts, () => this.form(), { tree: this.tags, parent: this.tags.root, figure: false });
  }

  // ---- tables -------------------------------------------------------------------------------

  /** A table (see table.ts); an empty one shows `options.empty` instead. */
  table(columns: Column[], rows: Inline[][], options: TableOptions = {}): void {
    if (rows.length === 0) {
      if (options.empty) this.paragraph(options.empty, { color: colors.muted, weight: 'italic' });
      return;
    }
    layoutTable(this.surface(), columns, rows, options);
  }

  /** The cursor and page of this flow, handed to block layouts that live in their own modules. */
  private surface(): FlowSurface {
    const flow = this;
    return {
      fonts: this.fonts,
      left: this.left,
      right: this.right,
      top: this.top,
      bottom: this.bottom,
      contentWidth: this.contentWidth,
      get page() {
        return flow.page;
      },
      get y() {
        return flow.y;
      },
      set y(value: number) {
        flow.y = value;
      },
      tags: this.tags,
      newPage: () => this.newPage(),
      reserve: (height) => this.reserve(height),
      canvas: () => this.canvas(),
    };
  }

  // ---- contents -------------------------------------------------------------------------------

  /** Reserves room for a contents list; it is filled with page numbers and links at the end. */
  contents(entries: ContentsEntry[], size = 10): void {
    const lh = size * 1.6;
    this.reserve(entries.length * lh);
    this.contentsSlots.push({ page: this.page, y: this.y, entries, element: this.tags.add(this.tags.root, 'TOC') });
    this.y -= entries.length * lh + 8;
  }
}
