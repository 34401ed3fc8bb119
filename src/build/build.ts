import { dirname, resolve } from 'node:path';
import { formatProblem } from '../config/friendly-errors.ts';
import { loadPlaybook, type PlaybookRequest, type TenantResult } from './pipeline.ts';
import { StagedOutput } from './output-folder.ts';
import { outputFolderRefusal, type ProtectedFolder } from './output-guard.ts';
import { PACKAGE_ROOT } from '../shared/package-root.ts';
import type { Reporter } from './reporter.ts';
import { resolveConfigPaths } from './resolve-configs.ts';
import { byPath, renderMainFiles, workerFilePaths, type OutputFile } from './tenant-files.ts';
import { RenderPool } from './render-pool.ts';
import { loadPdfFonts, type PdfFonts } from '../pdf/fonts.ts';
import { renderPortfolio, type PortfolioTenant } from '../artifacts/portfolio-page.ts';

export interface BuildRequest extends Omit<PlaybookRequest, 'configPath' | 'evidence'> {
  config: string;
  out: string;
  /** Folder of evidence exports; in a multi-tenant run, one sub-folder per tenant slug. */
  evidence?: string | undefined;
  reporter: Reporter;
  /** Upper bound on render workers (default: one per core). */
  workers?: number | undefined;
}

export interface BuildSummary {
  layout: 'single' | 'multi';
  tenants: TenantResult[];
  /** False when nothing was written (every tenant failed, or rendering failed): --out is untouched. */
  written: boolean;
  failed: number;
}

export async function runBuild(request: BuildRequest): Promise<BuildSummary> {
  const { reporter } = request;
  const paths = await resolveConfigPaths(request.config);
  const layout: 'single' | 'multi' = paths.length === 1 && paths[0] === request.config ? 'single' : 'multi';
  if (paths.length === 0) {
    reporter.error(`error: --config ${request.config}: no tenant files (*.json) found`);
    return { layout, tenants: [], written: false, failed: 1 };
  }
  const refusal = await outputFolderRefusal(request.out, protectedFolders(request, paths));
  if (refusal) {
    reporter.error(refusal);
    return { layout, tenants: [], written: false, failed: 0 };
  }

  // The fonts are read once for the whole run and handed to every worker; the workers start first, so their
  // start-up overlaps loading and validating the tenants.
  const fonts = await loadPdfFonts();
  const pool = new RenderPool({ size: Math.min(paths.length, request.workers ?? Number.POSITIVE_INFINITY), warm: true, workerData: { fonts } });
  try {
    return await buildWith(pool, request, paths, layout, fonts);
  } finally {
    await pool.close();
  }
}

async function buildWith(pool: RenderPool, request: BuildRequest, paths: string[], layout: 'single' | 'multi', fonts: PdfFonts): Promise<BuildSummary> {
  const { reporter } = request;
  // The site builder (Astro) is the heaviest import: load it while the tenants are read, after the workers started.
  const siteBuilder = import('../site/build-sites.ts');
  siteBuilder.catch(() => undefined);
  const evidence = request.evidence === undefined ? undefined : { dir: request.evidence, layout };
  const tenants = await reporter.step(`model (${paths.length} tenant${paths.length === 1 ? '' : 's'})`, () =>
    Promise.all(
      paths.map((configPath) => loadPlaybook({ configPath, today: request.today, now: request.now, start: request.start, generatorVersion: request.generatorVersion, evidence })),
    ),
  );
  markDuplicateSlugs(tenants);

  for (const tenant of tenants) {
    if (tenant.ok) for (const warning of tenant.warnings) reporter.warn(formatProblem(warning));
    else for (const problem of tenant.problems) reporter.error(formatProblem(problem));
  }
  const good = tenants.filter((tenant): tenant is Extract<TenantResult, { ok: true }> => tenant.ok);
  const failed = tenants.length - good.length;
  if (good.length === 0) return { layout, tenants, written: false, failed };

  const staged = new StagedOutput(request.out, `${process.pid}`);
  await staged.begin();
  // Documents (PDFs, policies, calendars, drafts) render on worker threads, one tenant per core in flight, while
  // this thread builds the sites. Their paths are known beforehand, so the sites link them.
  const documents = reporter.step('documents (worker threads, alongside)', () => Promise.all(good.map((tenant) => pool.render(tenant.playbook))));
  documents.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
  try {
    const main = good.map((tenant) => renderMainFiles(tenant.playbook));
    const planned = good.map((tenant, index) => [...main[index]!.map((file) => file.path), ...workerFilePaths(tenant.playbook)].sort());
    const { buildSites } = await siteBuilder;
    await reporter.step('sites', () =>
      buildSites({
        tenants: good.map((tenant, index) => ({ slug: tenant.playbook.organisation.slug, playbook: tenant.playbook, files: planned[index]! })),
        outDir: staged.staging,
        layout,
        quiet: true,
      }),
    );
    const rendered = await documents;
    await reporter.step('write files', async () => {
      const writes: Promise<void>[] = [];
      good.forEach((tenant, index) => {
        const files: OutputFile[] = [...main[index]!, ...rendered[index]!].sort(byPath);
        const written = files.map((file) => file.path);
        // The sites linked the planned paths: a renderer that wrote something else would leave a broken link.
        if (written.join('\n') !== planned[index]!.join('\n')) {
          throw new Error(
            `${tenant.file}: rendered files differ from the planned ones (${written.filter((path) => !planned[index]!.includes(path)).join(', ') || 'missing files'})`,
          );
        }
        const prefix = layout === 'multi' ? `${tenant.playbook.organisation.slug}/` : '';
        for (const file of files) writes.push(staged.write(`${prefix}${file.path}`, file.bytes));
      });
      if (layout === 'multi') {
        const portfolio = portfolioTenants(tenants);
        writes.push(staged.write('index.html', renderPortfolio(portfolio, { today: request.today })));
        // pdf-lib is loaded on this thread only for a provider's run (see portfolio-files.ts).
        const { renderPortfolioFiles } = await import('./portfolio-files.ts');
        for (const file of await renderPortfolioFiles(portfolio, request.today, fonts)) writes.push(staged.write(file.path, file.bytes));
      }
      await Promise.all(writes);
    });
    await staged.commit();
  } catch (error) {
    await staged.abandon();
    throw error;
  }
  return { layout, tenants, written: true, failed };
}

/** The folders whose files are the user's (or the tool's own): the output may be none of them and no ancestor of them. */
function protectedFolders(request: BuildRequest, configPaths: string[]): ProtectedFolder[] {
  const folders: ProtectedFolder[] = [
    { path: process.cwd(), what: 'the working folder' },
    { path: PACKAGE_ROOT, what: "the mfa-playbook program's own folder" },
    ...[...new Set(configPaths.map((file) => dirname(resolve(file))))].map((path) => ({ path, what: 'the tenant config' })),
  ];
  if (request.evidence) folders.push({ path: request.evidence, what: 'the evidence' });
  return folders;
}

function markDuplicateSlugs(tenants: TenantResult[]): void {
  const seen = new Map<string, string>();
  tenants.forEach((tenant, index) => {
    if (!tenant.ok) return;
    const slug = tenant.playbook.organisation.slug;
    const first = seen.get(slug);
    if (first) {
      tenants[index] = {
        file: tenant.file,
        ok: false,
        problems: [
          {
            severity: 'error',
            path: 'organisation.name',
            file: tenant.file,
            message: `gives the folder name "${slug}", already used by ${first}; tenants need distinct organisation names`,
          },
        ],
      };
    } else seen.set(slug, tenant.file);
  });
}

/** The portfolio page's rows: a tenant that failed shows its problems as the build printed them. */
function portfolioTenants(tenants: TenantResult[]): PortfolioTenant[] {
  return tenants.map((tenant) => (tenant.ok ? tenant : { ok: false, file: tenant.file, problems: tenant.problems.map(formatProblem) }));
}
