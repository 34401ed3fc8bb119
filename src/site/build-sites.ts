import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { siteOptions } from './astro-options.ts';
import { mfaPlaybookSites } from './integration.ts';
import { toSiteData } from './site-data.ts';
import { SITE_IDS, type SiteTenant } from './types.ts';

export type { SiteTenant } from './types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the admin, helpdesk and staff sites of every tenant in ONE Astro build, then one Pagefind index per site.
 * layout 'single' (exactly one tenant): <outDir>/{admin,helpdesk,staff}/; 'multi': <outDir>/<slug>/{admin,helpdesk,staff}/.
 * Each site folder is self-contained: styles inlined, scripts inline, links relative, its own pagefind/ folder.
 */
export async function buildSites(options: { tenants: SiteTenant[]; outDir: string; layout: 'single' | 'multi'; quiet?: boolean }): Promise<void> {
  const outDir = resolve(options.outDir);
  const tenants = toSiteData(options.tenants, options.layout);
  // A private cache folder lets several builds run side by side (tests, batch runs) without sharing state.
  const cacheDir = await mkdtemp(join(tmpdir(), 'mfa-playbook-astro-'));
  try {
    await build({
      root: ROOT,
      configFile: false,
      outDir,
      cacheDir,
      logLevel: options.quiet ? 'error' : 'info',
      mode: 'production',
      ...siteOptions(),
      integrations: [mdx(), mfaPlaybookSites({ tenants })],
    });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  const siteDirs = tenants.flatMap((tenant) => SITE_IDS.map((site) => join(outDir, tenant.prefix, site)));
  await indexSites(siteDirs);
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

/** One Pagefind index per site folder, written into that folder's pagefind/. */
async function indexSites(siteDirs: string[]): Promise<void> {
  const queue = [...siteDirs];
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      if (!(await isDirectory(dir))) continue;
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
