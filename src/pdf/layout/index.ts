// The PDF layout module: the one place that knows pdf-lib and fontkit. Documents describe content
// (headings, paragraphs, lists, tables, figures, form fields); this module places and draws it.
// theme.ts: colours, page sizes, heading styles. canvas.ts and fields.ts: drawing at absolute
// positions and AcroForm fields. flow.ts: the cursor, page breaks and text blocks. table.ts: tables.
// document.ts: contents, running headers and footers, metadata and saving.
export { LayoutDocument } from './document.ts';
export { Canvas } from './canvas.ts';
export { colors } from './theme.ts';
export type { DocumentOptions } from './document.ts';
export type { ContentsEntry, HeadingOptions, TextOptions } from './flow.ts';
export type { Column, TableOptions } from './table.ts';
export type { PageSize } from './theme.ts';
export type { Inline, Rgb, Span, Weight } from './text.ts';
