import { parseDocument } from 'htmlparser2';

// The node types of htmlparser2's own DOM (taken from it, so they always match the installed version).
type AnyNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;

// Reading the text of rendered HTML (Astro's output for a page, or a page written to disk): the offline
// search index and the "On this page" list both take headings and words from it, with htmlparser2.

// Elements whose end separates words (so "Step 1</li><li>Step 2" does not read "Step 1Step 2").
const BLOCK = new Set([
  'p',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'caption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'br',
  'figure',
  'figcaption',
  'details',
  'summary',
  'blockquote',
  'form',
  'label',
  'aside',
]);
// Not read: code and pictures, form controls, and what the page marks as not for search.
const SKIP = new Set(['script', 'style', 'template', 'svg', 'noscript', 'button', 'input', 'select', 'textarea']);

export function isElement(node: AnyNode): node is Element {
  return 'attribs' in node;
}

function collect(node: AnyNode, out: string[]): void {
  if (node.type === 'text') {
    out.push('data' in node ? node.data : '');
    return;
  }
  if (!isElement(node)) return;
  if (SKIP.has(node.name) || node.attribs['data-pagefind-ignore'] !== undefined || node.attribs['hidden'] !== undefined) return;
  for (const child of node.children) collect(child, out);
  if (BLOCK.has(node.name)) out.push(' ');
}

/** The readable text of a node, whitespace squashed. */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  collect(node, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Every element under `nodes`, depth first, that `test` accepts. */
export function findAll(nodes: readonly AnyNode[], test: (element: Element) => boolean, out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) out.push(node);
    findAll(node.children, test, out);
  }
  return out;
}

export function parseHtml(html: string): AnyNode[] {
  return parseDocument(html).children;
}

/** The "On this page" entries of a rendered page body: its second-level headings that carry an id. */
export function pageSections(html: string): { id: string; text: string }[] {
  return findAll(parseHtml(html), (element) => element.name === 'h2' && typeof element.attribs['id'] === 'string' && element.attribs['id'] !== '')
    .map((heading) => ({ id: heading.attribs['id']!, text: textOf(heading) }))
    .filter((section) => section.text !== '');
}
