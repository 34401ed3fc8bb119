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

/**
 * Renders every PDF of one playbook. The helpdesk runbook and the staff guide receive only their
 * audience views, never the full model. Same playbook and fonts in, byte-identical files out.
 */
export async function renderPdfs(playbook: Playbook, fonts: PdfFonts): Promise<PdfFile[]> {
  const files: PdfFile[] = [
    { path: 'admin/plan.pdf', bytes: await renderPlan(playbook, fonts) },
    { path: 'admin/checklists.pdf', bytes: await renderChecklists(playbook, fonts) },
    { path: 'admin/communications.pdf', bytes: await renderCommunications(playbook, fonts) },
  ];
  for (const decision of playbook.decisions) {
    files.push({ path: decisionPath(decision), bytes: await renderDecision(playbook, decision, fonts) });
  }
  files.push({ path: 'helpdesk/runbook.pdf', bytes: await renderRunbook(helpdeskView(playbook), fonts) });
  files.push({ path: 'staff/mfa-guide.pdf', bytes: await renderStaffGuide(staffView(playbook), fonts) });
  return files;
}
