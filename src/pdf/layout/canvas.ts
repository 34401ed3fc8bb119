import { LineCapStyle, type PDFFont, type PDFForm, type PDFPage } from 'pdf-lib';
import { addCheckbox, addSignatureField, addTextField, type TextFieldOptions } from './fields.ts';
import { addLink } from './outline.ts';
import type { ArtifactKind, ElementOptions, StructElement, StructRole, StructureTree } from './tagging.ts';
import type { FontSet, Inline, Line, Piece, Rgb, Weight } from './text.ts';
import { colors, round2, toRgb } from './theme.ts';

/** Where drawn content goes: into a structure element, or marked as an artifact. */
export type Mark = { tree: StructureTree; element: StructElement } | { tree: StructureTree; artifact: ArtifactKind };

/** Draws content under a mark: a marked-content sequence of the element, or an artifact. */
export function marked(page: PDFPage, mark: Mark, draw: () => void): void {
  if ('element' in mark) mark.tree.mark(page, mark.element, draw);
  else mark.tree.artifact(page, mark.artifact, draw);
}

function drawRuns(page: PDFPage, fonts: FontSet, pieces: readonly Piece[], x: number, baseline: number, size: number, fallbackColor: Rgb): number {
  let cursor = x;
  for (const piece of pieces) {
    const color = toRgb(piece.color ?? fallbackColor);
    for (const run of fonts.runs(piece.text, piece.weight)) {
      // A no-break space keeps words together when wrapping; it is drawn as an ordinary space.
      page.drawText(run.text.replace(/\u00a0/g, ' '), { x: cursor, y: baseline, size, font: run.font, color });
      cursor += fonts.width(run.text, piece.weight, size);
    }
  }
  return cursor;
}

/**
 * Draws pieces of styled text from a baseline, one pdf-lib text run per font, under a mark. A piece that is a
 * link becomes a Link element inside the element, with its text and a link annotation over it.
 */
export function drawPieces(page: PDFPage, fonts: FontSet, pieces: Line['pieces'], x: number, baseline: number, size: number, fallbackColor: Rgb, mark: Mark): void {
  let cursor = x;
  let group: Piece[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const pieces = group;
    group = [];
    const start = cursor;
    marked(page, mark, () => {
      cursor = drawRuns(page, fonts, pieces, start, baseline, size, fallbackColor);
    });
  };
  for (const piece of pieces) {
    if (!piece.link || !('element' in mark)) {
      group.push(piece);
      continue;
    }
    flush();
    const link = mark.tree.add(mark.element, 'Link');
    const start = cursor;
    mark.tree.mark(page, link, () => {
      cursor = drawRuns(page, fonts, [piece], start, baseline, size, fallbackColor);
    });
    const target = piece.link.startsWith('#') ? { named: piece.link.slice(1) } : { uri: piece.link };
    const annotation = addLink(page, { x: start, y: baseline - size * 0.3, width: cursor - start, height: size * 1.25 }, target, piece.text);
    mark.tree.annotation(page, link, annotation);
  }
  flush();
}

/**
 * Where a canvas puts what it draws in the structure tree. In a figure, everything drawn is part of the
 * figure; elsewhere text becomes paragraphs, form fields Form elements, and lines and shapes artifacts.
 */
export interface CanvasTags {
  tree: StructureTree;
  parent: StructElement;
  figure: boolean;
}

/** Drawing on one page at absolute coordinates (origin bottom left), for figures and form blocks. */
export class Canvas {
  readonly page: PDFPage;
  private readonly fonts: FontSet;
  private readonly getForm: () => { form: PDFForm; font: PDFFont };
  private readonly tags: CanvasTags;

  constructor(page: PDFPage, fonts: FontSet, getForm: () => { form: PDFForm; font: PDFFont }, tags: CanvasTags) {
    this.page = page;
    this.fonts = fonts;
    this.getForm = getForm;
    this.tags = tags;
  }

  /** The mark for text: the figure, or a new element of `role` under the parent. */
  private textMark(role: StructRole = 'P', options: ElementOptions = {}): Mark {
    const { tree, parent, figure } = this.tags;
    return { tree, element: figure ? parent : tree.add(parent, role, options) };
  }

  /** Lines and shapes: part of a figure, otherwise decoration. */
  private shape(draw: () => void): void {
    const { tree, parent, figure } = this.tags;
    if (figure) tree.mark(this.page, parent, draw);
    else tree.artifact(this.page, 'Layout', draw);
  }

  /** A form field's widget as a Form element of the structure, after the text around it. */
  private field(widget: ReturnType<typeof addCheckbox>): void {
    const { tree, parent } = this.tags;
    tree.annotation(this.page, tree.add(parent, 'Form'), widget);
  }

  // The AcroForm is created on first use, so documents without fields carry none.
  private get form(): PDFForm {
    return this.getForm().form;
  }

  measure(text: string, size: number, weight: Weight = 'regular'): number {
    return this.fonts.width(this.fonts.clean(text), weight, size);
  }

  /** One line of text at a baseline; cut with an ellipsis when maxWidth is given and exceeded. */
  text(
    text: string,
    x: number,
    baseline: number,
    options: { size?: number; weight?: Weight; color?: Rgb; maxWidth?: number; align?: 'left' | 'center' | 'right'; role?: StructRole; artifact?: ArtifactKind } = {},
  ): number {
    const size = options.size ?? 10;
    const weight = options.weight ?? 'regular';
    const clean = options.maxWidth ? this.fonts.truncate(text, weight, size, options.maxWidth) : this.fonts.clean(text).replace(/\n/g, ' ');
    const width = this.fonts.width(clean, weight, size);
    const start = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    const mark: Mark = options.artifact ? { tree: this.tags.tree, artifact: options.artifact } : this.textMark(options.role);
    drawPieces(this.page, this.fonts, [{ text: clean, weight, color: options.color, width }], start, baseline, size, options.color ?? colors.text, mark);
    return width;
  }

  /** Wrapped text in a box from its top; returns the height used. */
  textBox(content: Inline, x: number, top: number, width: number, options: { size?: number; weight?: Weight; color?: Rgb; lineHeight?: number } = {}): number {
    const size = options.size ?? 10;
    const lh = options.lineHeight ?? size * 1.35;
    const lines = this.fonts.wrap(content, size, width, options.weight ?? 'regular');
    const mark = this.textMark();
    lines.forEach((line, index) => {
      drawPieces(this.page, this.fonts, line.pieces, x, top - index * lh - size * 1.02, size, options.color ?? colors.text, mark);
    });
    return lines.length * lh;
  }

  wrapHeight(content: Inline, width: number, size = 10, lineHeight = size * 1.35, weight: Weight = 'regular'): number {
    return this.fonts.wrap(content, size, width, weight).length * lineHeight;
  }

  rect(x: number, y: number, width: number, height: number, options: { fill?: Rgb; stroke?: Rgb; borderWidth?: number } = {}): void {
    this.shape(() =>
      this.page.drawRectangle({
        x,
        y,
        width,
        height,
        ...(options.fill ? { color: toRgb(options.fill) } : {}),
        ...(options.stroke ? { borderColor: toRgb(options.stroke), borderWidth: options.borderWidth ?? 0.75 } : {}),
      }),
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, options: { color?: Rgb; width?: number; dash?: number[] } = {}): void {
    this.shape(() =>
      this.page.drawLine({
        start: { x: x1, y: y1 },
        end: { x: x2, y: y2 },
        thickness: options.width ?? 0.75,
        color: toRgb(options.color ?? colors.rule),
        ...(options.dash ? { dashArray: options.dash } : {}),
      }),
    );
  }

  /** A diamond centred on (x, y), for milestones. */
  diamond(x: number, y: number, radius: number, fill: Rgb): void {
    this.shape(() => this.page.drawSvgPath(`M 0 ${-radius} L ${radius} 0 L 0 ${radius} L ${-radius} 0 Z`, { x, y, color: toRgb(fill) }));
  }

  /** A circle centred on (x, y), filled and/or outlined: data points of a chart. */
  circle(x: number, y: number, radius: number, options: { fill?: Rgb; stroke?: Rgb; borderWidth?: number } = {}): void {
    this.shape(() =>
      this.page.drawCircle({
        x,
        y,
        size: radius,
        ...(options.fill ? { color: toRgb(options.fill) } : {}),
        ...(options.stroke ? { borderColor: toRgb(options.stroke), borderWidth: options.borderWidth ?? 0.75 } : {}),
      }),
    );
  }

  /** An open line through points given in page coordinates (origin bottom left), with round joins. */
  polyline(points: readonly { x: number; y: number }[], options: { color?: Rgb; width?: number; dash?: number[] } = {}): void {
    if (points.length < 2) return;
    // drawSvgPath flips the y axis around its origin: with the origin at (0, 0), y is negated.
    const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'} ${round2(point.x)} ${round2(-point.y)}`).join(' ');
    this.shape(() =>
      this.page.drawSvgPath(path, {
        x: 0,
        y: 0,
        borderColor: toRgb(options.color ?? colors.accent),
        borderWidth: options.width ?? 1.5,
        borderLineCap: LineCapStyle.Round,
        ...(options.dash ? { borderDashArray: options.dash } : {}),
      }),
    );
  }

  /**
   * A fillable checkbox (AcroForm). Dots in the name make a field hierarchy: "prepare.mfa.done". The tooltip
   * (/TU) is what a screen reader announces for the field.
   */
  checkbox(name: string, tooltip: string, x: number, y: number, size: number): void {
    this.field(addCheckbox(this.form, this.page, name, tooltip, x, y, size));
  }

  /** A fillable text field (AcroForm), with its tooltip. */
  textField(name: string, tooltip: string, x: number, y: number, width: number, height: number, options: TextFieldOptions = {}): void {
    const { form, font } = this.getForm();
    this.field(addTextField(form, font, this.page, name, tooltip, x, y, width, height, options));
  }

  /** An empty signature field in the same name hierarchy as `sibling`, with its tooltip and a drawn frame. */
  signatureField(name: string, sibling: string, tooltip: string, x: number, y: number, width: number, height: number): void {
    this.field(addSignatureField(this.form, this.page, name, sibling, tooltip, x, y, width, height));
    this.rect(x, y, width, height, { stroke: colors.rule });
  }
}
