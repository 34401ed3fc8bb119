import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Reads a PDF back with a real parser (pdf.js): text per page, metadata, outline, form fields, links.

export interface ReadPdf {
  pageCount: number;
  pages: string[];
  text: string;
  pageSizes: [number, number][];
  info: Record<string, unknown>;
  outline: { title: string; children: string[] }[];
  /** Field types by fully qualified name (a field and its widget may both be listed). */
  fields: Record<string, string[]>;
  links: { page: number; dest: unknown }[];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const pageSizes: [number, number][] = [];
  const links: ReadPdf['links'] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
        .join(' ')
        .replace(/[ \t]+/g, ' '),
    );
    const [, , width, height] = page.view as [number, number, number, number];
    pageSizes.push([Math.round(width), Math.round(height)]);
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link' && annotation.dest) links.push({ page: n, dest: annotation.dest });
    }
  }
  const metadata = await doc.getMetadata();
  const outlineItems = (await doc.getOutline()) ?? [];
  const outline = outlineItems.map((item) => ({ title: item.title, children: (item.items ?? []).map((child) => child.title) }));
  const fieldObjects = ((await doc.getFieldObjects()) ?? {}) as Record<string, { type: string }[]>;
  const fields = Object.fromEntries(Object.entries(fieldObjects).map(([name, objects]) => [name, objects.map((object) => object.type).filter(Boolean)]));
  await doc.destroy();
  return { pageCount: pages.length, pages, text: pages.join('\n'), pageSizes, info: metadata.info as Record<string, unknown>, outline, fields, links };
}

/** Every stream of the file, inflated where it is Flate-compressed, as one latin1 string. */
export function rawContent(bytes: Uint8Array): string {
  const source = Buffer.from(bytes);
  const parts: string[] = [source.toString('latin1')];
  let at = 0;
  for (;;) {
    const start = source.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let dataStart = start + 6;
    if (source[dataStart] === 0x0d) dataStart += 1;
    if (source[dataStart] === 0x0a) dataStart += 1;
    const end = source.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) break;
    try {
      parts.push(inflateSync(source.subarray(dataStart, end)).toString('latin1'));
    } catch {
      // not compressed, or not Flate
    }
    at = end + 9;
  }
  return parts.join('\n');
}
