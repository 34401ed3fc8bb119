import { renderArtifacts } from '../artifacts/index.ts';
import type { Playbook } from '../model/playbook.ts';
import { loadPdfFonts, pdfPaths, renderPdfs, type PdfFonts } from '../pdf/index.ts';
import { renderPlaybookJson } from '../renderers/json.ts';

export interface OutputFile {
  /** Relative to the tenant's root: admin/…, helpdesk/…, staff/… */
  path: string;
  bytes: Uint8Array | string;
}

/** Resources loaded once per process and shared by every tenant it renders. */
export interface SharedResources {
  pdfFonts: PdfFonts;
}

export async function loadSharedResources(): Promise<SharedResources> {
  return { pdfFonts: await loadPdfFonts() };
}

export const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The quick files of a tenant, rendered where the model is: the model as JSON, policies, calendars, email drafts. */
export async function renderQuickFiles(playbook: Playbook): Promise<OutputFile[]> {
  return [{ path: 'admin/playbook.json', bytes: renderPlaybookJson(playbook) }, ...(await renderArtifacts(playbook))];
}

/** The slow files of a tenant, rendered on a worker: the PDFs. Their paths are known beforehand (pdfPaths). */
export async function renderSlowFiles(playbook: Playbook, shared: SharedResources): Promise<OutputFile[]> {
  return renderPdfs(playbook, shared.pdfFonts);
}

export function slowFilePaths(playbook: Playbook): string[] {
  return pdfPaths(playbook);
}

/** Every non-site file of one tenant, in one process (used where no worker pool is wanted). */
export async function renderTenantFiles(playbook: Playbook, shared: SharedResources): Promise<OutputFile[]> {
  return [...(await renderQuickFiles(playbook)), ...(await renderSlowFiles(playbook, shared))].sort(byPath);
}
