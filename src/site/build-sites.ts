import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { onInterrupt } from '../shared/interrupt.ts';
import { PACKAGE_ROOT } from '../shared/package-root.ts';
import mdx from '@astrojs/mdx';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { siteOptions } from './astro-options.ts';
import { mfaPlaybookSites } from './integration.ts';
import { writeOfflineSearch } from './offline-search.ts';
import { toSiteData } from './site-data.ts';
import { SITE_IDS, type SiteTenant } from './types.ts';
import { languageFolder } from '../i18n/languages.ts';
import { isRunning } from '../shared/process-alive.ts';

export type { SiteTenant } from './types.ts';

const ROOT = PACKAGE_ROOT;
/** Where Astro works: inside the tool's own folder, so that its server-side chunks find the tool's packages. */
const WORK_ROOT = join(ROOT, '.site-build');

/**
 * Builds the admin, helpdesk and staff sites of every tenant in ONE Astro build, then one Pagefind index per site.
 * layout 'single' (exactly one tenant): <outDir>/{admin,helpdesk,staff}/; 'multi': <outDir>/<slug>/{admin,helpdesk,staff}/.
 * Each site folder is self-contained: styles inlined, links relative, its own pagefind/ folder and offline search files.
 *
 * Astro writes its server-side chunks under its output folder and imports packages from there, so it builds in a
 * private folder inside the tool (never beside the user's files); only the finished static pages move to `outDir`.
 */
export async function buildSites(options: { tenants: SiteTenant[]; outDir: string; layout: 'single' | 'multi'; quiet?: boolean }): Promise<void> {
  const outDir = resolve(options.outDir);
  const tenants = toSiteData(options.tenants, options.layout);
  await removeStaleWorkFolders();
  // A private folder per build lets several builds run side by side (tests, batch runs) without sharing state.
  const work = join(WORK_ROOT, `${process.pid}-${randomUUID()}`);
  const release = onInterrupt(() => rmSync(work, { recursive: true, force: true }));
  try {
    await mkdir(work, { recursive: true });
    const siteOut = join(work, 'out');
    await withWorkingFolder(ROOT, () =>
      build({
        root: ROOT,
        configFile: false,
        outDir: siteOut,
        cacheDir: join(work, 'cache'),
        logLevel: options.quiet ? 'error' : 'info',
        mode: 'production',
        ...siteOptions(),
        integrations: [mdx(), mfaPlaybookSites({ tenants })],
      }),
    );
    await mkdir(outDir, { recursive: true });
    for (const tenant of tenants) {
      for (const site of SITE_IDS) {
        const from = join(siteOut, tenant.prefix, site);
        if (await isDirectory(from)) await moveFolder(from, join(outDir, tenant.prefix, site));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    release();
  }
  // With several staff languages, each language folder of the staff site is searched on its own (an index per language).
  const siteDirs = tenants.flatMap((tenant) =>
    SITE_IDS.flatMap((site) =>
      site === 'staff' && tenant.staff.staffLanguages.length > 1
        ? tenant.staff.staffLanguages.map((language) => join(outDir, tenant.prefix, site, languageFolder(language)))
        : [join(outDir, tenant.prefix, site)],
    ),
  );
  await indexSites(siteDirs);
}

/** Moves a folder, copying when the two places are on different file systems (the tool's folder and --out may be). */
async function moveFolder(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false });
  }
}

/** Work folders of builds whose process is gone (killed with -9): removed by the next build. */
async function removeStaleWorkFolders(): Promise<void> {
  const entries = await readdir(WORK_ROOT).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(/^(\d+)-/.exec(entry)?.[1]);
    if (Number.isInteger(pid) && !isRunning(pid)) await rm(join(WORK_ROOT, entry), { recursive: true, force: true });
  }
}

/**
 * Astro puts its server-side chunks under the output folder only when that folder lies inside the working
 * folder (elsewhere it uses <working folder>/.astro/). The build therefore runs with the tool's folder as the
 * working folder. Builds that overlap in one process share the change; the last one to finish restores it.
 */
let workingFolderUsers = 0;
let workingFolderBefore = '';
async function withWorkingFolder<T>(folder: string, work: () => Promise<T>): Promise<T> {
  if (workingFolderUsers === 0) {
    workingFolderBefore = process.cwd();
    process.chdir(folder);
  }
  workingFolderUsers += 1;
  try {
    return await work();
  } finally {
    workingFolderUsers -= 1;
    if (workingFolderUsers === 0) process.chdir(workingFolderBefore);
  }
}

const UNUSED_PAGEFIND_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/** One Pagefind index per site folder, written into that folder's pagefind/, and the offline search files for file://. */
async function indexSites(siteDirs: string[]): Promise<void> {
  const queue = [...siteDirs];
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      if (!(await isDirectory(dir))) continue;
      await writeOfflineSearch(dir);
      const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true });
      if (!index) throw new Error(`search index for ${dir}: ${errors.join('; ')}`);
      const added = await index.addDirectory({ path: dir });
      if (added.errors.length > 0) throw new Error(`search index for ${dir}: ${added.errors.join('; ')}`);
      const written = await index.writeFiles({ outputPath: join(dir, 'pagefind') });
      if (written.errors.length > 0) throw new Error(`search index for ${dir}: ${written.errors.join('; ')}`);
      await index.deleteIndex();
      // The sites use their own small search page; Pagefind's ready-made UI bundles are not needed.
      await Promise.all(UNUSED_PAGEFIND_FILES.map((name) => rm(join(dir, 'pagefind', name), { force: true })));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(4, siteDirs.length) }, worker));
  } finally {
    await pagefind.close();
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under a folder, relative to it (used by tests and checks). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}
