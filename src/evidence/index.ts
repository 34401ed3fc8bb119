/**
 * Evidence from the admin's Entra exports: registration tracking, legacy-auth dependencies and
 * validation verdicts. Entry point: `readEvidence(dir, ctx)`.
 */
import type { EvidenceContext } from '../model/evidence-context.ts';
import { readEvidenceDir } from './read-evidence-dir.ts';
import { EvidenceReportSchema } from '../model/evidence-report.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import { buildReport } from './build-report.ts';

export type { EvidenceContext } from '../model/evidence-context.ts';
export type { EvidenceReport } from '../model/evidence-report.ts';
export { EvidenceReportSchema } from '../model/evidence-report.ts';
export { formatStatusText } from './status-text.ts';

/** Read every export under `<dir>/registration` and `<dir>/signins` and build the report. */
export async function readEvidence(dir: string, ctx: EvidenceContext): Promise<EvidenceReport> {
  const contents = await readEvidenceDir(dir, ctx);
  return EvidenceReportSchema.parse(buildReport(contents, ctx));
}
