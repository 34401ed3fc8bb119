import type { PDFPage } from 'pdf-lib';
import { drawPieces, type Canvas, type Mark } from './canvas.ts';
import type { StructElement, StructureTree } from './tagging.ts';
import type { FontSet, Inline, Weight } from './text.ts';
import { colors } from './theme.ts';

// Tables in the flow: rows wrap their cells, move whole to the next page when they fit on one, and
// the header row is repeated on every page the table runs onto. Tagged as Table > TR > TH/TD: the header
// row's cells head their columns; in a plain table (label and value) the label heads its row. A header row
// repeated on a later page is an artifact: the structure holds it once.

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

/** What a table needs of the flow it is placed in: the cursor, the page and the page geometry. */
export interface FlowSurface {
  readonly fonts: FontSet;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly contentWidth: number;
  readonly page: PDFPage;
  readonly tags: StructureTree;
  /** The cursor: top of the next block, in page coordinates. */
  y: number;
  newPage(): void;
  /** Makes room for a block of the given height, with any waiting headings placed just above it. */
  reserve(height: number): void;
  canvas(): Canvas;
}

/** The width of the widest word of a cell: the narrowest the cell can be without breaking a word (an email address). */
function widestWord(fonts: FontSet, content: Inline, size: number, base: Weight): number {
  const spans = typeof content === 'string' ? [{ text: content }] : content;
  let widest = 0;
  for (const span of spans) {
    const weight: Weight = 'bold' in span && span.bold ? 'bold' : 'italic' in span && span.italic ? 'italic' : base;
    for (const word of fonts.clean(span.text).split(/[ \n]+/)) widest = Math.max(widest, fonts.width(word, weight, size));
  }
  return widest;
}

/**
 * Column widths: the preferred proportions, except that a column too narrow for its widest word grows to fit it and
 * the others give up room in proportion to what they can spare. When the words cannot all fit (a very long web
 * address), a column asks for at most 60% of the table and the rest of the word breaks at its safe points.
 */
export function fitColumns(preferred: number[], minimum: number[], total: number): number[] {
  const needed = minimum.map((width) => Math.min(width, total * 0.6));
  if (needed.reduce((sum, width) => sum + width, 0) > total) return preferred;
  const deficit = preferred.reduce((sum, width, index) => sum + Math.max(0, needed[index]! - width), 0);
  if (deficit <= 0) return preferred;
  const slack = preferred.map((width, index) => Math.max(0, width - needed[index]!));
  const totalSlack = slack.reduce((sum, width) => sum + width, 0);
  return preferred.map((width, index) => (width < needed[index]! ? needed[index]! : width - (deficit * slack[index]!) / totalSlack));
}

/**
 * A table whose rows wrap their cells. Rows move whole to the next page when they fit on one;
 * the header row is repeated on every page the table runs onto; a row taller than a page is split
 * between lines.
 */
export function layoutTable(flow: FlowSurface, columns: Column[], rows: Inline[][], options: TableOptions = {}): void {
  const size = options.size ?? 9;
  const lh = size * 1.35;
  const pad = 4;
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const preferred = columns.map((column) => (column.width / total) * flow.contentWidth);
  const widths = fitColumns(
    preferred,
    columns.map(
      (column, index) =>
        Math.max(options.plain ? 0 : widestWord(flow.fonts, column.header, size, 'bold'), ...rows.map((row) => widestWord(flow.fonts, row[index] ?? '', size, 'regular'))) +
        2 * pad,
    ),
    flow.contentWidth,
  );
  const xs = widths.map((_, index) => flow.left + widths.slice(0, index).reduce((a, b) => a + b, 0));
  const wrapCell = (content: Inline, index: number, weight: Weight) => flow.fonts.wrap(content, size, widths[index]! - 2 * pad, weight);

  const headerLines = options.plain ? [] : columns.map((column, index) => wrapCell(column.header, index, 'bold'));
  const headerHeight = options.plain ? 0 : Math.max(...headerLines.map((lines) => lines.length)) * lh + 2 * pad;
  const { tags } = flow;
  let table: StructElement | undefined;
  let headerTagged = false;
  const drawHeader = () => {
    if (options.plain) return;
    const canvas = flow.canvas();
    canvas.rect(flow.left, flow.y - headerHeight, flow.contentWidth, headerHeight, { fill: colors.accentLight });
    const headerRow = headerTagged || !table ? null : tags.add(table, 'TR');
    headerTagged = true;
    headerLines.forEach((lines, index) => {
      const mark: Mark = headerRow ? { tree: tags, element: tags.add(headerRow, 'TH', { scope: 'Column' }) } : { tree: tags, artifact: 'Pagination' };
      lines.forEach((line, lineIndex) => {
        const x = columns[index]!.align === 'right' ? xs[index]! + widths[index]! - pad - line.width : xs[index]! + pad;
        drawPieces(flow.page, flow.fonts, line.pieces, x, flow.y - pad - lineIndex * lh - size * 1.02, size, colors.accent, mark);
      });
    });
    flow.y -= headerHeight;
    canvas.line(flow.left, flow.y, flow.right, flow.y, { color: colors.accent, width: 0.75 });
  };

  const usable = flow.top - flow.bottom - headerHeight;
  const wrapRow = (row: Inline[]) => columns.map((_, index) => wrapCell(row[index] ?? '', index, options.plain && index === 0 ? 'bold' : 'regular'));
  const rowHeight = (cells: ReturnType<typeof wrapRow>) => Math.max(1, ...cells.map((lines) => lines.length)) * lh + 2 * pad;
  rows.forEach((row, rowIndex) => {
    const cells = wrapRow(row);
    // No single row alone at the top of a page: when the last row would not fit after the one before it, that
    // one moves too, so the two go over together (when both fit on a page and some rows stay behind).
    if (rowIndex >= 2 && rowIndex === rows.length - 2) {
      const pair = rowHeight(cells) + rowHeight(wrapRow(rows[rowIndex + 1]!));
      if (flow.y - pair < flow.bottom && flow.y - rowHeight(cells) >= flow.bottom && pair <= usable) {
        flow.newPage();
        drawHeader();
      }
    }
    let remaining = cells.map((lines) => lines);
    const rowLines = () => Math.max(1, ...remaining.map((lines) => lines.length));
    if (rowIndex === 0) {
      // The header row never stands alone: it goes with the whole first row, or with its first
      // lines when the row is taller than a page.
      const firstRow = rowLines() * lh + 2 * pad;
      flow.reserve(headerHeight + (firstRow <= usable ? firstRow : 3 * lh + 2 * pad));
      table = tags.add(tags.root, 'Table');
      drawHeader();
    }
    const rowElement = tags.add(table!, 'TR');
    const cellMarks: Mark[] = columns.map((_, index) =>
      options.plain && index === 0 ? { tree: tags, element: tags.add(rowElement, 'TH', { scope: 'Row' }) } : { tree: tags, element: tags.add(rowElement, 'TD') },
    );
    let first = true;
    while (remaining.some((lines) => lines.length > 0) || first) {
      const needed = rowLines() * lh + 2 * pad;
      let take = rowLines();
      if (flow.y - needed < flow.bottom) {
        const fitNow = Math.floor((flow.y - flow.bottom - 2 * pad) / lh);
        if (needed <= usable || fitNow < 2) {
          // Move the row (or the rest of it) to a new page under a repeated header row.
          flow.newPage();
          drawHeader();
          take = Math.min(rowLines(), Math.floor((usable - 2 * pad) / lh));
        } else take = fitNow;
      }
      const height = take * lh + 2 * pad;
      const canvas = flow.canvas();
      if (options.zebra && rowIndex % 2 === 1) canvas.rect(flow.left, flow.y - height, flow.contentWidth, height, { fill: colors.zebra });
      remaining.forEach((lines, index) => {
        lines.slice(0, take).forEach((line, lineIndex) => {
          const x = columns[index]!.align === 'right' ? xs[index]! + widths[index]! - pad - line.width : xs[index]! + pad;
          drawPieces(
            flow.page,
            flow.fonts,
            line.pieces,
            x,
            flow.y - pad - lineIndex * lh - size * 1.02,
            size,
            options.plain && index === 0 ? colors.muted : colors.text,
            cellMarks[index]!,
          );
        });
      });
      flow.y -= height;
      canvas.line(flow.left, flow.y, flow.right, flow.y, { color: colors.rule, width: 0.5 });
      remaining = remaining.map((lines) => lines.slice(take));
      first = false;
    }
  });
  flow.y -= options.spaceAfter ?? 10;
}
