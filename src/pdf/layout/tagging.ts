import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

// Tagged PDF (ISO 32000-1 §14.7-14.8, PDF/UA-1): the logical structure tree that screen readers follow.
// pdf-lib has no tagging API; this module builds it from pdf-lib's low-level objects only (PDFDict,
// PDFArray, PDFName, PDFNumber, PDFHexString, PDFRef, PDFOperator, PDFPage.pushOperators), so that a
// fork with the same object model can replace pdf-lib without touching the layout.
//
// Drawing is wrapped in marked-content sequences: content that belongs to the document is marked with
// its structure type and a marked-content id (BDC /P <</MCID n>> … EMC) and referenced from its
// structure element; running headers and footers, rules and shading are marked /Artifact. Annotations
// (links, form fields) join the tree through object references (/OBJR) and /StructParent.

/** The standard structure types the documents use. */
export type StructRole = 'Document' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Form' | 'Link' | 'TOC' | 'TOCI' | 'Note';

/** Kinds of artifact: page furniture repeated on every page, or decoration of the layout. */
export type ArtifactKind = 'Pagination' | 'Layout';

export interface ElementOptions {
  /** Alternative text (/Alt): required for figures. */
  alt?: string;
  /** Header cells: whether they head a column or a row (/A <</O /Table /Scope …>>). */
  scope?: 'Column' | 'Row';
  /** Figures: the area on the page (/A <</O /Layout /BBox …>>). */
  bbox?: readonly [number, number, number, number];
}

type Kid = { element: StructElement } | { mcid: number; page: PDFPage } | { annotation: PDFRef; page: PDFPage };

/** One node of the structure tree. Created through StructureTree.add; written out by StructureTree.write. */
export class StructElement {
  readonly role: StructRole;
  readonly ref: PDFRef;
  readonly parent: StructElement | null;
  readonly options: ElementOptions;
  readonly kids: Kid[] = [];

  constructor(role: StructRole, ref: PDFRef, parent: StructElement | null, options: ElementOptions) {
    this.role = role;
    this.ref = ref;
    this.parent = parent;
    this.options = options;
  }
}

interface PageMarks {
  /** Index of the page's array in the parent tree (/StructParents). */
  key: number;
  /** The structure element of each marked-content id, in id order. */
  elements: StructElement[];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export class StructureTree {
  readonly root: StructElement;
  private readonly doc: PDFDocument;
  private readonly pages = new Map<PDFPage, PageMarks>();
  /** Parent-tree entries of annotations: key -> the element that holds the annotation. */
  private readonly annotations: { key: number; element: StructElement }[] = [];
  private nextKey = 0;
  /**
   * False only in the benchmark's untagged reference copy (bench/pdf/run.ts --untagged-reference), to measure what
   * tagging costs: content is drawn unmarked and no tree is written.
   */
  private readonly enabled: boolean;

  constructor(doc: PDFDocument, enabled = true) {
    this.doc = doc;
    this.enabled = enabled;
    this.root = new StructElement('Document', doc.context.nextRef(), null, {});
  }

  /** A new element, the last child of `parent`. Reading order is the order of creation under each parent. */
  add(parent: StructElement, role: StructRole, options: ElementOptions = {}): StructElement {
    const element = new StructElement(role, this.doc.context.nextRef(), parent, options);
    parent.kids.push({ element });
    return element;
  }

  private marksOf(page: PDFPage): PageMarks {
    let marks = this.pages.get(page);
    if (!marks) {
      marks = { key: this.nextKey, elements: [] };
      this.nextKey += 1;
      this.pages.set(page, marks);
    }
    return marks;
  }

  /** Draws content of `element` on a page as one marked-content sequence with its own id. */
  mark(page: PDFPage, element: StructElement, draw: () => void): void {
    if (!this.enabled) return draw();
    const marks = this.marksOf(page);
    const mcid = marks.elements.length;
    marks.elements.push(element);
    element.kids.push({ mcid, page });
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(element.role), `<</MCID ${mcid}>>`]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Draws content that is not part of the document's text (page furniture, rules, shading). */
  artifact(page: PDFPage, kind: ArtifactKind, draw: () => void): void {
    if (!this.enabled) return draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), `<</Type /${kind}>>`]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Makes an annotation (link, form widget) a child of `element`: /StructParent on the annotation, /OBJR in the tree. */
  annotation(page: PDFPage, element: StructElement, annotationRef: PDFRef): void {
    if (!this.enabled) return;
    const dict = this.doc.context.lookup(annotationRef, PDFDict);
    const key = this.nextKey;
    this.nextKey += 1;
    dict.set(PDFName.of('StructParent'), PDFNumber.of(key));
    this.annotations.push({ key, element });
    element.kids.push({ annotation: annotationRef, page });
  }

  /** Writes the tree: /StructTreeRoot with its parent tree, /MarkInfo, and /StructParents and /Tabs /S on pages. */
  write(): void {
    if (!this.enabled) return;
    const { context, catalog } = this.doc;
    const rootRef = context.nextRef();
    const writeElement = (element: StructElement, parentRef: PDFRef) => {
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Type'), PDFName.of('StructElem'));
      dict.set(PDFName.of('S'), PDFName.of(element.role));
      dict.set(PDFName.of('P'), parentRef);
      const firstPage = element.kids.find((kid): kid is Extract<Kid, { page: PDFPage }> => 'page' in kid);
      if (firstPage) dict.set(PDFName.of('Pg'), firstPage.page.ref);
      if (element.options.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(element.options.alt));
      const attributes: PDFDict[] = [];
      if (element.options.scope) {
        const table = context.obj({}) as PDFDict;
        table.set(PDFName.of('O'), PDFName.of('Table'));
        table.set(PDFName.of('Scope'), PDFName.of(element.options.scope));
        attributes.push(table);
      }
      if (element.options.bbox) {
        const layout = context.obj({}) as PDFDict;
        layout.set(PDFName.of('O'), PDFName.of('Layout'));
        layout.set(PDFName.of('BBox'), context.obj(element.options.bbox.map(round2)));
        attributes.push(layout);
      }
      if (attributes.length === 1) dict.set(PDFName.of('A'), attributes[0]!);
      else if (attributes.length > 1) dict.set(PDFName.of('A'), context.obj(attributes));
      const kids = PDFArray.withContext(context);
      for (const kid of element.kids) {
        if ('element' in kid) {
          writeElement(kid.element, element.ref);
          kids.push(kid.element.ref);
        } else if ('mcid' in kid) {
          const mcr = context.obj({}) as PDFDict;
          mcr.set(PDFName.of('Type'), PDFName.of('MCR'));
          mcr.set(PDFName.of('Pg'), kid.page.ref);
          mcr.set(PDFName.of('MCID'), PDFNumber.of(kid.mcid));
          kids.push(mcr);
        } else {
          const objr = context.obj({}) as PDFDict;
          objr.set(PDFName.of('Type'), PDFName.of('OBJR'));
          objr.set(PDFName.of('Pg'), kid.page.ref);
          objr.set(PDFName.of('Obj'), kid.annotation);
          kids.push(objr);
        }
      }
      dict.set(PDFName.of('K'), kids);
      context.assign(element.ref, dict);
    };
    writeElement(this.root, rootRef);

    // The parent tree: page key -> array of elements by MCID; annotation key -> its element.
    const entries: [number, PDFArray | PDFRef][] = [];
    for (const [page, marks] of this.pages) {
      entries.push([marks.key, context.obj(marks.elements.map((element) => element.ref))]);
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(marks.key));
    }
    for (const { key, element } of this.annotations) entries.push([key, element.ref]);
    entries.sort((a, b) => a[0] - b[0]);
    const nums = PDFArray.withContext(context);
    for (const [key, value] of entries) {
      nums.push(PDFNumber.of(key));
      nums.push(value);
    }
    const parentTree = context.obj({}) as PDFDict;
    parentTree.set(PDFName.of('Nums'), nums);

    const root = context.obj({}) as PDFDict;
    root.set(PDFName.of('Type'), PDFName.of('StructTreeRoot'));
    root.set(PDFName.of('K'), this.root.ref);
    root.set(PDFName.of('ParentTree'), context.register(parentTree));
    root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(this.nextKey));
    context.assign(rootRef, root);
    catalog.set(PDFName.of('StructTreeRoot'), rootRef);

    const markInfo = context.obj({}) as PDFDict;
    markInfo.set(PDFName.of('Marked'), context.obj(true));
    catalog.set(PDFName.of('MarkInfo'), markInfo);
    // Tab order follows the structure on every page (PDF/UA-1 §7.18.3).
    for (const page of this.doc.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }
}
