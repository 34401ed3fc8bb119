import { portfolioCsv } from '../artifacts/portfolio-csv.ts';
import type { PortfolioTenant } from '../artifacts/portfolio-page.ts';
import { rankByRisk, tenantStanding } from '../model/portfolio.ts';
import type { Playbook } from '../model/playbook.ts';
import { renderClientSummary } from '../pdf/documents/client-summary.ts';
import { renderPortfolioPdf } from '../pdf/documents/portfolio.ts';
import type { PdfFonts } from '../pdf/fonts.ts';
import type { OutputFile } from './tenant-files.ts';
import { clientSummaryPath, PORTFOLIO_CSV, PORTFOLIO_PDF } from '../artifacts/paths.ts';

// The provider's files of a multi-tenant run, beside the tenants' folders: portfolio.pdf, portfolio.csv and
// one client summary per tenant under clients/. Drawn on the main thread once the tenants' documents are
// done: they are a few pages each, and they need every tenant at once.

/**
 * The run's plan date: the one given with --today, else the latest of the tenants' own plan dates (each
 * tenant's "today" is taken in its time zone, so they can differ by a day).
 */
export function portfolioDate(playbooks: readonly Playbook[], today: string | undefined): string {
  return today ?? playbooks.map((playbook) => playbook.meta.asOf).reduce((a, b) => (a > b ? a : b), '0000-01-01');
}

export async function renderPortfolioFiles(tenants: readonly PortfolioTenant[], today: string | undefined, fonts: PdfFonts): Promise<OutputFile[]> {
  const playbooks = tenants.flatMap((tenant) => (tenant.ok ? [tenant.playbook] : []));
  const unbuilt = tenants.flatMap((tenant) => (tenant.ok ? [] : [{ file: tenant.file, problems: tenant.problems }]));
  const date = portfolioDate(playbooks, today);
  const files: OutputFile[] = [
    { path: PORTFOLIO_PDF, bytes: await renderPortfolioPdf({ playbooks, unbuilt, today: date }, fonts) },
    { path: PORTFOLIO_CSV, bytes: portfolioCsv(rankByRisk(playbooks.map((playbook) => tenantStanding(playbook, date)))) },
  ];
  for (const playbook of playbooks) files.push({ path: clientSummaryPath(playbook), bytes: await renderClientSummary(playbook, date, fonts) });
  return files;
}
