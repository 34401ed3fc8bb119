/** Per-file bookkeeping shared by every reader. */

export type FileKind =
  | 'signins-portal-csv'
  | 'signins-legacy-portal-csv'
  | 'signins-log-analytics-csv'
  | 'signins-log-analytics-summary-csv'
  | 'signins-json'
  | 'signins-jsonl'
  | 'signins-auth-details-csv'
  | 'registration-graph-json'
  | 'registration-powershell-csv'
  | 'registration-portal-csv'
  | 'wrong-kind'
  | 'unreadable';

export interface MalformedRow {
  line: number;
  reason: string;
}

/** Malformed rows kept in full per file; beyond this only the count grows. */
export const MAX_MALFORMED_LISTED = 50;

export interface FileProblems {
  malformedCount: number;
  malformed: MalformedRow[];
  warnings: string[];
  /** Line of the last malformed row (0 when none), kept even past the listing limit. */
  lastMalformedLine: number;
}

export function newProblems(): FileProblems {
  return { malformedCount: 0, malformed: [], warnings: [], lastMalformedLine: 0 };
}

export function addMalformed(p: FileProblems, line: number, reason: string): void {
  p.malformedCount += 1;
  if (line > p.lastMalformedLine) p.lastMalformedLine = line;
  if (p.malformed.length < MAX_MALFORMED_LISTED) p.malformed.push({ line, reason });
}

export function addWarning(p: FileProblems, warning: string): void {
  if (!p.warnings.includes(warning)) p.warnings.push(warning);
}
