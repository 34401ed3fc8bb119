import { createReadStream } from 'node:fs';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
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

/**
 * The header row of an export CSV from the file's first bytes, normalised and de-duplicated
 * (`name`, `name_2`); empty when there is none. The rows themselves are read by the engine.
 */
export function csvHeaderOf(head: string, fromLine = 1): string[] {
  try {
    const records = parseSync(head, { bom: true, from_line: fromLine, to: 1, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return dedupeHeaders(records[0] ?? []);
  } catch {
    return [];
  }
}

/**
 * The cheap second pass, run only for a file in which the engine found rows it could not use:
 * reads the file again with csv-parse to give each such row its line (the engine counts rows, not
 * lines) and to word the rows the CSV dialect rejects as before. `reasons` maps a readable row's
 * ordinal (1-based, file order, as the engine numbers them) to why it was not used.
 */
export async function locateCsvProblems(path: string, problems: FileProblems, reasons: ReadonlyMap<number, string>, fromLine = 1): Promise<void> {
  const parser = exportCsvParser(problems, { fromLine });
  const source = createReadStream(path);
  source.pipe(parser);
  let ordinal = 0;
  try {
    for await (const item of parser as AsyncIterable<{ info: { lines: number } }>) {
      ordinal += 1;
      const reason = reasons.get(ordinal);
      if (reason !== undefined) addMalformed(problems, item.info.lines, reason);
    }
  } finally {
    source.destroy();
  }
}
