import type { Playbook } from '../model/playbook.ts';
import { helpdeskView, staffView } from '../model/views.ts';
import { loadPdfFonts, type PdfFonts } from './fonts.ts';
import { renderChecklists } from './documents/checklists.ts';
import { renderCommunications } from './documents/communications.ts';
import { renderDecision } from './documents/decision.ts';
import { pdfDocuments, type PdfDocument } from './paths.ts';
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
export const PDF_DOCUMENTS = [
  'admin/plan.pdf',
  'admin/checklists.pdf',
  'admin/communications.pdf',
  'admin/decisions/*.pdf',
  'helpdesk/runbook.pdf',
  'staff/mfa-guide.pdf',
] as const;

export { decisionPath, pdfPaths } from './paths.ts';

/** Draws one document of the list in paths.ts. The helpdesk runbook and the staff guide get only their audience views. */
function draw(playbook: Playbook, document: PdfDocument, fonts: PdfFonts): Promise<Uint8Array> {
  switch (document.kind) {
    case 'plan':
      return renderPlan(playbook, fonts);
    case 'checklists':
      return renderChecklists(playbook, fonts);
    case 'communications':
      return renderCommunications(playbook, fonts);
    case 'decision':
      return renderDecision(playbook, document.decision, fonts);
    case 'runbook':
      return renderRunbook(helpdeskView(playbook), fonts);
    case 'staff-guide':
      return renderStaffGuide(staffView(playbook), fonts, document.language);
  }
}

/** Renders every PDF of one playbook. Same playbook and fonts in, byte-identical files out. */
export async function renderPdfs(playbook: Playbook, fonts: PdfFonts): Promise<PdfFile[]> {
  const files: PdfFile[] = [];
  for (const document of pdfDocuments(playbook)) files.push({ path: document.path, bytes: await draw(playbook, document, fonts) });
  return files;
}
