import { renderArtifacts } from '../artifacts/index.ts';
import type { Playbook } from '../model/playbook.ts';
import { loadPdfFonts, renderPdfs, type PdfFonts } from '../pdf/index.ts';
import type { OutputFile } from './tenant-files.ts';

/** Resources a worker loads once and uses for every tenant it renders. */
export interface SharedResources {
  pdfFonts: PdfFonts;
}

/** The worker's resources: the font bytes the run already read, or read here when run on its own. */
export async function loadSharedResources(fonts?: PdfFonts): Promise<SharedResources> {
  return { pdfFonts: fonts ?? (await loadPdfFonts()) };
}

/** A tenant's documents: Conditional Access policies (linted), calendars, email drafts and PDFs. */
export async function renderWorkerFiles(playbook: Playbook, shared: SharedResources): Promise<OutputFile[]> {
  return [...(await renderArtifacts(playbook)), ...(await renderPdfs(playbook, shared.pdfFonts))];
}
