import type { Playbook } from '../../model/playbook.ts';
import { NO_DATE, REVISION_CHANGE_KINDS, REVISION_HEADINGS, type PlanHistory } from '../../model/revisions.ts';
import type { LayoutDocument } from '../layout/index.ts';
import { shortDate } from './common.ts';

// The plan's version history in the PDF: every version with its day and reason, and per revision what moved
// (old date → new date of each milestone and message). Only a revised plan has it.

export function renderVersionHistory(doc: LayoutDocument, playbook: Pick<Playbook, 'locale'>, history: PlanHistory): void {
  const { locale } = playbook;
  const date = (value: string | null) => (value === null ? NO_DATE : shortDate(value, locale));
  doc.heading(REVISION_HEADINGS.history, { level: 2 });
  doc.table(
    [
      { header: 'Version', width: 0.8 },
      { header: 'Issued', width: 1.2 },
      { header: 'Reason', width: 5 },
    ],
    history.map((entry) => [[{ text: entry.version, bold: entry === history[history.length - 1] }], date(entry.date), entry.reason ?? 'The plan as first approved.']),
    { zebra: true },
  );
  for (const entry of history.slice(1)) {
    doc.heading(`${REVISION_HEADINGS.changes} in version ${entry.version}`, { level: 3 });
    doc.table(
      [
        { header: 'Item', width: 3.6 },
        { header: 'Kind', width: 1.1 },
        { header: 'Was', width: 1.2 },
        { header: 'Now', width: 1.2 },
      ],
      entry.changes.map((change) => [change.title, REVISION_CHANGE_KINDS[change.kind], date(change.from), [{ text: date(change.to), bold: true }]]),
      { empty: 'No milestone or message moved.', zebra: true },
    );
  }
}
