// The PDF layout module: the one place that knows pdf-lib and fontkit. Documents describe content
// (headings, paragraphs, lists, tables, figures, form fields); this module places and draws it.
export { LayoutDocument, Canvas, colors } from './document.ts';
export type { Column, ContentsEntry, DocumentOptions, HeadingOptions, PageSize, TableOptions, TextOptions } from './document.ts';
export type { Inline, Rgb, Span, Weight } from './text.ts';
