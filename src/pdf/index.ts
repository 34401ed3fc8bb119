import type { Playbook } from '../model/playbook.ts';
import { helpdeskView, staffView } from '../model/views.ts';
import { loadPdfFonts, type PdfFonts } from './fonts.ts';
import { renderChecklists } from './documents/checklists.ts';
import { renderCommunications } from './documents/communications.ts';
import { decisionPath, renderDecision } from './documents/decision.ts';
import { renderPlan } from './documents/plan.ts';
import { renderRunbook } from './documents/runbook.ts';
import { renderStaffGuide } from './documents/staff-guide.ts';

// The PDF renderer: Playbook model in, files out (paths relative to the output folder). The build
// writes them; this module reads nothing but the fonts, once per process (loadPdfFonts).

export interface PdfFile {
  /** Relative path in the output folder, e.g. 'admin/plan.pdf', 'helpdesk/runbook.pdf'. */
  path: string;
  bytes: Uint8Array;
}

export { loadPdfFonts };
export type { PdfFonts };

/** The documents by path, for callers that render one at a time (the benchmark does). */
export const PDF_DOCUMENTS = ['admin/plan.pdf', 'admin/checklists.pdf', 'admin/communications.pdf', 'admin/decisions/*.pdf', 'helpdesk/runbook.pdf', 'staff/mfa-guide.pdf'] as const;

interface PdfJob {
  path: string;
  render: (fonts: PdfFonts) => Promise<Uint8Array>;
}

/**
 * The documents of one playbook, each with its path: the single list that both the paths (known before
 * anything is drawn, so the sites can link them while the PDFs render elsewhere) and the renders come from.
 * The helpdesk runbook and the staff guide receive only their audience views, never the full model.
 */
function pdfJobs(playbook: Playbook): PdfJob[] {
  return [
    { path: 'admin/plan.pdf', render: (fonts) => renderPlan(playbook, fonts) },
    { path: 'admin/checklists.pdf', render: (fonts) => renderChecklists(playbook, fonts) },
    { path: 'admin/communications.pdf', render: (fonts) => renderCommunications(playbook, fonts) },
    ...playbook.decisions.map((decision) => ({ path: decisionPath(decision), render: (fonts: PdfFonts) => renderDecision(playbook, decision, fonts) })),
    { path: 'helpdesk/runbook.pdf', render: (fonts) => renderRunbook(helpdeskView(playbook), fonts) },
    { path: 'staff/mfa-guide.pdf', render: (fonts) => renderStaffGuide(staffView(playbook), fonts) },
  ];
}

/** The paths renderPdfs will return for this playbook, without drawing anything. */
export function pdfPaths(playbook: Playbook): string[] {
  return pdfJobs(playbook).map((job) => job.path);
}

/** Renders every PDF of one playbook. Same playbook and fonts in, byte-identical files out. */
export async function renderPdfs(playbook: Playbook, fonts: PdfFonts): Promise<PdfFile[]> {
  const files: PdfFile[] = [];
  for (const job of pdfJobs(playbook)) files.push({ path: job.path, bytes: await job.render(fonts) });
  return files;
}
