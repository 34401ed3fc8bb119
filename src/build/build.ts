import { formatProblem } from '../config/friendly-errors.ts';
import type { Playbook } from '../model/playbook.ts';
import { loadTenant, type TenantOptions, type TenantResult } from './load-tenant.ts';
import { StagedOutput } from './output-folder.ts';
import type { Reporter } from './reporter.ts';
import { resolveConfigPaths } from './resolve-configs.ts';
import { loadSharedResources, renderTenantFiles, type OutputFile } from './tenant-files.ts';
import { renderPortfolio } from './portfolio.ts';
import { buildSites } from '../site/build-sites.ts';

export interface BuildRequest extends Omit<TenantOptions, 'evidence'> {
  config: string;
  out: string;
  /** Folder of evidence exports; in a multi-tenant run, one sub-folder per tenant slug. */
  evidence?: string | undefined;
  reporter: Reporter;
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

  const evidenceReader = request.evidence ? await import('./evidence.ts').then((module) => module.evidenceReaderFor(request.evidence!, layout)) : undefined;
  const tenants = await reporter.step(`model (${paths.length} tenant${paths.length === 1 ? '' : 's'})`, () =>
    Promise.all(paths.map((file) => loadTenant(file, { ...request, evidence: evidenceReader }))),
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
  try {
    const shared = await reporter.step('shared resources', () => loadSharedResources());
    const rendered = await reporter.step('documents (PDF, ICS, JSON, EML)', () =>
      Promise.all(good.map(async (tenant) => ({ playbook: tenant.playbook, files: await renderTenantFiles(tenant.playbook, shared) }))),
    );
    const prefix = (playbook: Playbook) => (layout === 'multi' ? `${playbook.organisation.slug}/` : '');
    await reporter.step('sites', () =>
      buildSites({
        tenants: rendered.map(({ playbook, files }) => ({ slug: playbook.organisation.slug, playbook, files: files.map((file) => file.path) })),
        outDir: staged.staging,
        layout,
        quiet: true,
      }),
    );
    await reporter.step('write files', async () => {
      const writes: Promise<void>[] = [];
      for (const { playbook, files } of rendered) {
        for (const file of files as OutputFile[]) writes.push(staged.write(`${prefix(playbook)}${file.path}`, file.bytes));
      }
      if (layout === 'multi') writes.push(staged.write('index.html', renderPortfolio(tenants, { today: request.today })));
      await Promise.all(writes);
    });
    await staged.commit();
  } catch (error) {
    await staged.abandon();
    throw error;
  }
  return { layout, tenants, written: true, failed };
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
        problems: [{ severity: 'error', path: 'organisation.name', file: tenant.file, message: `gives the folder name "${slug}", already used by ${first}; tenants need distinct organisation names` }],
      };
    } else seen.set(slug, tenant.file);
  });
}
