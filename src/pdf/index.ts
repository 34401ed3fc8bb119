import type { Playbook } from '../model/playbook.ts';
import { helpdeskView, staffView } from '../model/views.ts';
import { loadPdfFonts, type PdfFonts } from './fonts.ts';
import { renderPlan } from './documents/plan.ts';

// The PDF renderer: Playbook model in, files out (paths relative to the output folder). The build
// writes them; this module never touches the file system except to read the fonts once.

export interface PdfFile {
  /** Relative path in the output folder, e.g. 'admin/plan.pdf', 'helpdesk/runbook.pdf'. */
  path: string;
  bytes: Uint8Array;
}

export { loadPdfFonts };
export type { PdfFonts };

export async function renderPdfs(playbook: Playbook, fonts: PdfFonts): Promise<PdfFile[]> {
  const files: PdfFile[] = [];
  files.push({ path: 'admin/plan.pdf', bytes: await renderPlan(playbook, fonts) });
  void helpdeskView;
  void staffView;
  return files;
}
