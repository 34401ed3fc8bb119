import { PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPdfFonts, renderPdfs, type PdfFile } from '../../src/pdf/index.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';

// Reads the tagged structure back with pdf.js, the way assistive technology in a browser sees it: the
// structure tree of every page, the text with its marked content, and the annotations.

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

interface PageRead {
  tree: StructNode | null;
  /** Text items with the marked-content sequences they are drawn in, outermost first. */
  text: { str: string; marks: { tag: string; id?: string }[] }[];
  annotations: { subtype: string; url?: string; unsafeUrl?: string; dest?: unknown; fieldType?: string; fieldName?: string; alternativeText?: string; structParent?: number }[];
}

interface DocRead {
  path: string;
  pages: PageRead[];
  markInfo: unknown;
  viewerPreferences: Record<string, unknown> | null;
  language: unknown;
  xmp: string;
  tabs: (string | undefined)[];
}

async function read(file: PdfFile): Promise<DocRead> {
  const doc = await getDocument({ data: file.bytes.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PageRead[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const tree = (await page.getStructTree()) as StructNode | null;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: { tag: string; id?: string }[] = [];
    const text: PageRead['text'] = [];
    for (const item of content.items as { type?: string; tag?: string; id?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push({ tag: item.tag ?? '', ...(item.id ? { id: item.id } : {}) });
      else if (item.type === 'endMarkedContent') stack.pop();
      else if (typeof item.str === 'string') text.push({ str: item.str, marks: [...stack] });
    }
    pages.push({ tree, text, annotations: (await page.getAnnotations()) as PageRead['annotations'] });
  }
  const markInfo = await doc.getMarkInfo();
  const viewerPreferences = (await doc.getViewerPreferences()) as Record<string, unknown> | null;
  const metadata = await doc.getMetadata();
  await doc.destroy();
  const lib = await PDFDocument.load(file.bytes, { updateMetadata: false });
  const tabs = lib.getPages().map((page) => page.node.get(PDFName.of('Tabs'))?.toString());
  const xmpStream = lib.catalog.lookup(PDFName.of('Metadata'));
  const xmp = xmpStream && 'getContents' in xmpStream ? Buffer.from((xmpStream as { getContents(): Uint8Array }).getContents()).toString('utf8') : '';
  return { path: file.path, pages, markInfo, viewerPreferences, language: (metadata.info as Record<string, unknown>).Language, xmp, tabs };
}

function walk(node: StructNode | null | undefined, visit: (node: StructNode, ancestors: StructNode[]) => void, ancestors: StructNode[] = []): void {
  if (!node) return;
  visit(node, ancestors);
  for (const child of node.children ?? []) walk(child, visit, [...ancestors, node]);
}

function contentIds(tree: StructNode | null): Set<string> {
  const ids = new Set<string>();
  walk(tree, (node) => {
    if (node.type === 'content' && node.id) ids.add(node.id);
  });
  return ids;
}

function textOf(node: StructNode, page: PageRead): string {
  const ids = contentIds(node);
  return page.text
    .filter((item) => item.marks.some((mark) => mark.id && ids.has(mark.id)))
    .map((item) => item.str)
    .join('');
}

const docs: DocRead[] = [];

beforeAll(async () => {
  const fonts = await loadPdfFonts();
  for (const playbook of [examplePlaybook(), hostilePlaybook()]) {
    for (const file of await renderPdfs(playbook, fonts)) docs.push(await read({ ...file, path: `${playbook.organisation.slug}/${file.path}` }));
  }
}, 240_000);

describe('tagged PDFs (PDF/UA-1 structure), read back with pdf.js', () => {
  it('renders every document of both tenants', () => {
    expect(docs.length).toBeGreaterThanOrEqual(14);
  });

  it('marks every document as tagged, with its language, its title shown and the PDF/UA identifier in XMP', () => {
    for (const doc of docs) {
      expect(doc.markInfo, doc.path).toMatchObject({ Marked: true });
      expect(doc.viewerPreferences, doc.path).toMatchObject({ DisplayDocTitle: true });
      expect(doc.language, doc.path).toMatch(/^[a-z]{2}(-[A-Z]{2})?$/);
      expect(doc.xmp, doc.path).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(doc.xmp, doc.path).toContain('<dc:title>');
      expect(
        doc.tabs.every((tabs) => tabs === '/S'),
        doc.path,
      ).toBe(true);
    }
  });

  it('has headings in order: the first is H1 and none skips a level', () => {
    for (const doc of docs) {
      const levels: number[] = [];
      for (const page of doc.pages) {
        walk(page.tree, (node) => {
          const match = /^H([1-6])$/.exec(node.role ?? '');
          if (match && textOf(node, page).trim()) levels.push(Number(match[1]));
        });
      }
      expect(levels.length, doc.path).toBeGreaterThan(0);
      expect(levels[0], doc.path).toBe(1);
      levels.forEach((level, index) => {
        if (index > 0) expect(level, `${doc.path} heading ${index}`).toBeLessThanOrEqual(levels[index - 1]! + 1);
      });
    }
  });

  it('gives every table header cells; a table continued from the previous page opens the page', () => {
    let tables = 0;
    for (const doc of docs) {
      doc.pages.forEach((page, index) => {
        const top = page.tree?.children?.[0]?.children ?? [];
        top.forEach((node, position) => {
          if (node.role !== 'Table') return;
          tables += 1;
          let headers = 0;
          walk(node, (cell) => {
            if (cell.role === 'TH') headers += 1;
          });
          const continued = position === 0 && index > 0;
          if (!continued) expect(headers, `${doc.path} page ${index + 1}`).toBeGreaterThan(0);
          walk(node, (row) => {
            if (row.role === 'TR')
              expect(
                row.children?.every((cell) => cell.role === 'TH' || cell.role === 'TD'),
                doc.path,
              ).toBe(true);
          });
        });
      });
    }
    expect(tables).toBeGreaterThan(20);
  });

  it('gives every figure alternative text: the plan timeline lists the phases and milestones', () => {
    let figures = 0;
    for (const doc of docs) {
      for (const page of doc.pages) {
        walk(page.tree, (node) => {
          if (node.role !== 'Figure') return;
          figures += 1;
          expect(node.alt?.trim().length ?? 0, doc.path).toBeGreaterThan(40);
        });
      }
    }
    expect(figures).toBeGreaterThanOrEqual(2);
    const plan = docs.find((doc) => doc.path.endsWith('northgate-engineering-ltd/admin/plan.pdf'))!;
    const alts: string[] = [];
    for (const page of plan.pages) walk(page.tree, (node) => node.role === 'Figure' && alts.push(node.alt ?? ''));
    const example = examplePlaybook();
    for (const phase of example.schedule.phases) expect(alts.join(' ')).toContain(phase.title);
    for (const milestone of Object.values(example.schedule.milestones)) expect(alts.join(' ')).toContain(milestone.title);
  });

  it('puts every piece of text on every page inside the structure tree or an artifact', () => {
    let checked = 0;
    for (const doc of docs) {
      doc.pages.forEach((page, index) => {
        const ids = contentIds(page.tree);
        for (const item of page.text) {
          if (!item.str.trim()) continue;
          checked += 1;
          const inTree = item.marks.some((mark) => mark.tag === 'Artifact' || (mark.id !== undefined && ids.has(mark.id)));
          expect(inTree, `${doc.path} page ${index + 1}: "${item.str}"`).toBe(true);
        }
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('tags running headers and footers as artifacts, outside the tree', () => {
    for (const doc of docs) {
      doc.pages.forEach((page, index) => {
        // Headers and footers are stamped last: the last four pieces of text on a page are the classification,
        // the organisation, the page number and the footer.
        const drawn = page.text.filter((item) => item.str.trim());
        const furniture = drawn.slice(-4);
        expect(furniture.map((item) => item.str).join(' '), `${doc.path} page ${index + 1}`).toMatch(new RegExp(`\\b${index + 1}\\b.*\\b${doc.pages.length}\\b`));
        for (const item of furniture)
          expect(
            item.marks.map((mark) => mark.tag),
            `${doc.path}: ${item.str}`,
          ).toEqual(['Artifact']);
      });
    }
  });

  it('makes every web address a link annotation, in a Link element of the structure', () => {
    let urls = 0;
    for (const doc of docs) {
      doc.pages.forEach((page, index) => {
        const targets = page.annotations.filter((annotation) => annotation.subtype === 'Link').map((annotation) => annotation.url ?? annotation.unsafeUrl ?? '');
        for (const item of page.text) {
          for (const match of item.str.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
            const url = match[0].replace(/[.,;:)\]]+$/, '');
            urls += 1;
            expect(
              targets.some((target) => target.startsWith(url)),
              `${doc.path} page ${index + 1}: ${url}`,
            ).toBe(true);
            expect(
              item.marks.some((mark) => mark.tag === 'Link'),
              `${doc.path}: ${url} in a Link element`,
            ).toBe(true);
          }
        }
        for (const annotation of page.annotations) {
          if (annotation.subtype === 'Link' || annotation.subtype === 'Widget') expect(annotation.structParent, `${doc.path} ${annotation.subtype}`).toBeGreaterThanOrEqual(0);
        }
      });
    }
    expect(urls).toBeGreaterThan(10);
  });

  it('links the cross-references to other documents of the set', () => {
    const plan = docs.find((doc) => doc.path.endsWith('northgate-engineering-ltd/admin/plan.pdf'))!;
    const targets = plan.pages.flatMap((page) => page.annotations.map((annotation) => annotation.url ?? annotation.unsafeUrl ?? ''));
    expect(targets.some((target) => target.startsWith('communications.pdf'))).toBe(true);
    expect(targets.some((target) => target.startsWith('decisions/cfo-prompts.pdf'))).toBe(true);
  });

  it('gives every form field a tooltip', () => {
    let fields = 0;
    for (const doc of docs) {
      for (const page of doc.pages) {
        for (const annotation of page.annotations) {
          if (annotation.subtype !== 'Widget') continue;
          fields += 1;
          expect(annotation.alternativeText?.trim(), `${doc.path} ${annotation.fieldName}`).toBeTruthy();
        }
      }
    }
    expect(fields).toBeGreaterThan(50);
  });
});
