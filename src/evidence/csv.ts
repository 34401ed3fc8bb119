import { parse, type CsvError, type Parser } from 'csv-parse';
import { addMalformed, type FileProblems } from './problems.ts';
import { dedupeHeaders } from './signins/headers.ts';

/**
 * A streaming csv-parse parser as every export reader needs it: BOM tolerated, duplicate headers renamed
 * (`name`, `name_2`), stray quotes accepted, empty lines skipped, and a malformed row reported with its line
 * and counted instead of stopping the file. `onHeaders` sees the header row once and may replace it.
 */
export function exportCsvParser(problems: FileProblems, options: { fromLine?: number; onHeaders?: (headers: string[]) => void } = {}): Parser {
  return parse({
    bom: true,
    from_line: options.fromLine ?? 1,
    columns: (raw: string[]) => {
      const headers = dedupeHeaders(raw);
      options.onHeaders?.(headers);
      return headers;
    },
    info: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.['lines'] === 'number' ? (err['lines'] as number) : 0;
      addMalformed(problems, line, err?.message.replace(/ (on|at) line \d+.*$/, '') ?? 'unreadable row');
      return undefined;
    },
  });
}
