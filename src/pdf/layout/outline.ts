import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

// pdf-lib has no API for bookmarks or links: both are built here from low-level objects.

export interface Destination {
  page: PDFPage;
  /** Top of the target, in page coordinates. */
  y: number;
}

export interface OutlineEntry {
  title: string;
  level: number;
  dest: Destination;
}

function destArray(doc: PDFDocument, dest: Destination): PDFArray {
  // [page /XYZ left top zoom]: null left and zoom keep the reader's current ones.
  return doc.context.obj([dest.page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(dest.y + 4)), PDFNull]);
}

interface Node {
  entry: OutlineEntry;
  children: Node[];
}

/** Writes /Outlines into the catalog: level-1 entries at the top, deeper levels nested under them. */
export function writeOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  if (entries.length === 0) return;
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const entry of entries) {
    const node: Node = { entry, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.entry.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }

  const context = doc.context;
  const outlinesRef = context.nextRef();

  // Returns the number of visible descendants (all open), used for /Count.
  const build = (nodes: Node[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = nodes.map(() => context.nextRef());
    let count = 0;
    nodes.forEach((node, index) => {
      const ref = refs[index]!;
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), destArray(doc, node.entry.dest));
      if (index > 0) dict.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < nodes.length - 1) dict.set(PDFName.of('Next'), refs[index + 1]!);
      count += 1;
      if (node.children.length > 0) {
        const sub = build(node.children, ref);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count));
        count += sub.count;
      }
      context.assign(ref, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };

  const top = build(roots, outlinesRef);
  const outlines = context.obj({}) as PDFDict;
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), top.first);
  outlines.set(PDFName.of('Last'), top.last);
  outlines.set(PDFName.of('Count'), PDFNumber.of(top.count));
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** A URI or file name as a PDF literal string: 7-bit ASCII (others percent-encoded), parentheses escaped. */
function asciiString(value: string): PDFString {
  const ascii = value.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
  return PDFString.of(ascii.replace(/[\\()]/g, (char) => `\\${char}`));
}

/** Where a link goes: a place in this document, a web or mail address, or another PDF of the set (relative path). */
export type LinkTarget = { dest: Destination } | { uri: string } | { named: string };

/**
 * Adds a clickable area on a page and returns its annotation. Web and mail addresses open with a URI action,
 * another PDF of the set with a remote go-to action (its first page), a place in this document with /Dest.
 */
export function addLink(page: PDFPage, rect: { x: number; y: number; width: number; height: number }, target: LinkTarget, label: string): PDFRef {
  const doc = page.doc;
  const context = doc.context;
  const annot = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height].map((n) => Math.round(n * 100) / 100),
    Border: [0, 0, 0],
    F: 4,
  }) as PDFDict;
  if ('dest' in target) annot.set(PDFName.of('Dest'), destArray(doc, target.dest));
  // A named destination: the heading may be on a page not laid out yet; writeNamedDestinations resolves it.
  else if ('named' in target) annot.set(PDFName.of('Dest'), PDFName.of(target.named));
  else if (/^[a-z][a-z0-9+.-]*:/i.test(target.uri)) {
    annot.set(PDFName.of('A'), context.obj({ S: 'URI', URI: asciiString(target.uri) }));
  } else {
    annot.set(PDFName.of('A'), context.obj({ S: 'GoToR', F: asciiString(target.uri), D: [0, 'Fit'], NewWindow: true }));
  }
  annot.set(PDFName.of('Contents'), PDFHexString.fromText(label));
  const ref = context.register(annot);
  page.node.addAnnot(ref);
  return ref;
}

/** The document's named destinations (catalog /Dests): each anchor of a heading, for links drawn before it. */
export function writeNamedDestinations(doc: PDFDocument, anchors: ReadonlyMap<string, Destination>): void {
  if (anchors.size === 0) return;
  const dests = doc.context.obj({}) as PDFDict;
  for (const [name, dest] of [...anchors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) dests.set(PDFName.of(name), destArray(doc, dest));
  doc.catalog.set(PDFName.of('Dests'), doc.context.register(dests));
}
