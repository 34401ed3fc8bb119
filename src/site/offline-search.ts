import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { findAll, parseHtml, textOf } from './html-text.ts';

// Search for a site opened from disk or a file share. Browsers refuse Pagefind's module and WebAssembly
// over file://, but they run classic scripts next to the page: each site gets search/documents.js (the
// text of its pages) and search/minisearch.js (the MiniSearch library), and the search page indexes
// the documents in the browser. The same results page shows either engine's hits.

export const OFFLINE_FILES = { documents: 'search/documents.js', library: 'search/minisearch.js' } as const;

/** One page of a site as the offline search sees it. */
export interface SearchDocument {
  id: number;
  /** Relative to the site folder, e.g. 'symptoms/no-prompt/index.html'. */
  url: string;
  title: string;
  text: string;
}

/** The searchable text of one built page: its indexed body (what Pagefind reads) and its first heading as title. */
export function pageDocument(html: string, url: string, id: number): SearchDocument | null {
  const body = findAll(parseHtml(html), (element) => element.attribs['data-pagefind-body'] !== undefined)[0];
  if (!body) return null;
  const heading = findAll(body.children, (element) => element.name === 'h1')[0];
  return { id, url, title: (heading ? textOf(heading) : '') || url, text: textOf(body) };
}

/** Writes the offline search files of one site folder from its built pages. */
export async function writeOfflineSearch(siteDir: string): Promise<SearchDocument[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(siteDir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
  const documents: SearchDocument[] = [];
  for (const url of pages) {
    const document = pageDocument(await readFile(join(siteDir, url), 'utf8'), url, documents.length);
    if (document) documents.push(document);
  }
  await mkdir(join(siteDir, 'search'), { recursive: true });
  // JSON inside a script: escape "<" so no text can close the script element.
  const json = JSON.stringify(documents).replace(/</g, '\\u003c');
  await writeFile(join(siteDir, OFFLINE_FILES.documents), `window.mfaPlaybookSearchDocuments = ${json};\n`);
  await copyFile(miniSearchBundle(), join(siteDir, OFFLINE_FILES.library));
  return documents;
}

/** The browser build of MiniSearch (UMD: defines window.MiniSearch), from the installed package. */
function miniSearchBundle(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('minisearch')), '..', 'umd', 'index.js');
}
