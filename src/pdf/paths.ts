import type { DecisionRecord } from '../model/content.ts';
import type { Playbook } from '../model/playbook.ts';
import { fieldPart } from './documents/common.ts';
import { staffFilePath } from '../i18n/languages.ts';

// Which PDFs a playbook gets, and where: known without loading pdf-lib, so the build can link the files from
// the sites while they are still being drawn on worker threads. The renderer draws exactly this list.

export type PdfDocument =
  | { kind: 'plan' | 'checklists' | 'communications' | 'runbook'; path: string }
  | { kind: 'staff-guide'; path: string; language: string }
  | { kind: 'decision'; path: string; decision: DecisionRecord };

export function decisionPath(decision: DecisionRecord): string {
  return `admin/decisions/${fieldPart(decision.id)}.pdf`;
}

export function pdfDocuments(playbook: Pick<Playbook, 'decisions' | 'staffLanguages'>): PdfDocument[] {
  return [
    { kind: 'plan', path: 'admin/plan.pdf' },
    { kind: 'checklists', path: 'admin/checklists.pdf' },
    { kind: 'communications', path: 'admin/communications.pdf' },
    ...playbook.decisions.map((decision) => ({ kind: 'decision' as const, path: decisionPath(decision), decision })),
    { kind: 'runbook', path: 'helpdesk/runbook.pdf' },
    ...playbook.staffLanguages.map((language) => ({ kind: 'staff-guide' as const, path: staffFilePath(playbook.staffLanguages, language, 'mfa-guide.pdf'), language })),
  ];
}

export function pdfPaths(playbook: Pick<Playbook, 'decisions' | 'staffLanguages'>): string[] {
  return pdfDocuments(playbook).map((document) => document.path);
}
