import { LineCapStyle, type PDFForm, type PDFPage } from 'pdf-lib';
import { addCheckbox, addSignatureField, addTextField, type TextFieldOptions } from './fields.ts';
import type { FontSet, Inline, Line, Rgb, Weight } from './text.ts';
import { colors, round2, toRgb } from './theme.ts';

/** Draws pieces of styled text from a baseline, one pdf-lib text run per font. */
export function drawPieces(page: PDFPage, fonts: FontSet, pieces: Line['pieces'], x: number, baseline: number, size: number, fallbackColor: Rgb): void {
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
    addCheckbox(this.form, this.page, name, x, y, size);
  }

  /** A fillable text field (AcroForm). */
  textField(name: string, x: number, y: number, width: number, height: number, options: TextFieldOptions = {}): void {
    addTextField(this.form, this.page, name, x, y, width, height, options);
  }

  /** An empty signature field in the same name hierarchy as `sibling`, with a drawn frame. */
  signatureField(name: string, sibling: string, x: number, y: number, width: number, height: number): void {
    addSignatureField(this.form, this.page, name, sibling, x, y, width, height);
    this.rect(x, y, width, height, { stroke: colors.rule });
  }
}
