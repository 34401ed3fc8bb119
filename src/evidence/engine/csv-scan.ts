/**
 * Reading an export CSV with the engine: the dialect is fixed (comma, double quote, quotes doubled
 * inside quotes, BOM and CRLF tolerated, a stray quote inside an unquoted field kept as text), the
 * columns are named by position (`c0`, `c1`, …) so a header's odd spelling never reaches SQL, every
 * value is text, and a row the dialect cannot read is set aside with its line instead of stopping
 * the file.
 */
import { createReadStream } from 'node:fs';
import { copyFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { queryRows, sqlIdentifier, sqlString, withEngineSettings } from './database.ts';
import { lastCsvRow, lastLineOf } from '../csv.ts';
import type { EvidenceEngine } from './database.ts';

/** Characters DuckDB reads as a file-name pattern (glob) rather than as part of the name. */
const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * The path to hand to the engine for `path`. A name the engine would take as a pattern (a file
 * called `export[1].csv`) is linked, or copied where links are not allowed, into the engine's
 * staging folder under a plain name, so the engine reads exactly that one file.
 */
export async function enginePath(engine: EvidenceEngine, path: string): Promise<string> {
  if (!GLOB_CHARACTERS.test(path)) return path;
  const staged = join(engine.stagingDir, `${engine.uniqueName('source')}.data`);
  try {
    await symlink(path, staged);
  } catch {
    await copyFile(path, staged);
  }
  return staged;
}

/** Column name of the header's column `index` in engine queries. */
export const csvColumn = (index: number): string => `c${index}`;

/**
 * The engine's read buffer for a CSV scanned row by row: 4 MiB, twice the longest line the engine
 * reads by default (2 MiB), instead of the default 32 MiB. The rows are written out as they are
 * read, so a larger buffer would only add to the engine's memory.
 */
const CSV_BUFFER_BYTES = 4 * 1024 * 1024;

/** The table-function call that reads `$path` as an export CSV of `columnCount` columns, header on line `headerLine`. */
export function readCsvCall(columnCount: number, headerLine: number, rejectsTable: string): string {
  const columns = Array.from({ length: columnCount }, (_, i) => `${sqlString(csvColumn(i))}: 'VARCHAR'`).join(', ');
  return (
    `read_csv($path, auto_detect = false, buffer_size = ${CSV_BUFFER_BYTES}, header = true, skip = ${headerLine - 1}, delim = ',', quote = '"', escape = '"', ` +
    `strict_mode = true, store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, rejects_scan = ${sqlString(`${rejectsTable}_scan`)}, ` +
    `columns = {${columns}})`
  );
}

export interface CsvScanResult {
  /** Lines (1-based, in the file) of rows the dialect could not read, once each, in order. */
  rejectedLines: number[];
}

/**
 * Stream the rows of an export CSV: `onRow` gets the row's ordinal among the readable rows
 * (1-based, in file order) and the values of the `selected` column indexes, in that order.
 *
 * The engine's part and the caller's run one after the other, not side by side, so their memory
 * never adds up: the engine first writes the selected values of every readable row, in file order,
 * as one JSON line each into its staging folder, and is done with the file (its allocator hands the
 * memory back in the background, see EngineSettings); only then are the lines read back and handed out, one at a time.
 * The staged file is removed as soon as it has been read.
 */
export async function scanCsv(
  engine: EvidenceEngine,
  path: string,
  options: { columnCount: number; headerLine: number; selected: readonly number[] },
  onRow: (ordinal: number, values: (string | null)[]) => void,
): Promise<CsvScanResult> {
  const rejects = engine.uniqueName('rejects');
  const staged = join(engine.stagingDir, `${engine.uniqueName('rows')}.jsonl`);
  // A list of text values (NULL for an empty field), written as {"v":[...]}; rows keep the file's order (insertion order is preserved).
  const values = options.selected.length === 0 ? '[]::VARCHAR[]' : `[${options.selected.map((i) => sqlIdentifier(csvColumn(i))).join(', ')}]`;
  const params: Record<string, DuckDBValue> = { path: await enginePath(engine, path) };
  let ordinal = 0;
  let rejectedLines: number[] = [];
  // One engine thread writes the rows in order; the allocator hands back what the engine frees (now and from any
  // earlier pass) while the rows are handled.
  await withEngineSettings(engine, { threads: 1, allocator_background_threads: true }, async () => {
    try {
      await engine.connection.run(
        `COPY (SELECT ${values} AS v FROM ${readCsvCall(options.columnCount, options.headerLine, rejects)}) TO ${sqlString(staged)} (FORMAT json)`,
        params,
      );
      rejectedLines = await rejectedLinesOf(engine, rejects);
      // A rejected row may be the last one, so the end is checked only in a file the engine took whole.
      if (rejectedLines.length === 0) await checkReadToEnd(path, options.columnCount, options.selected, staged);
      await forEachJsonLine(staged, (line) => {
        ordinal += 1;
        onRow(ordinal, (JSON.parse(line) as { v: (string | null)[] }).v);
      });
    } finally {
      await rm(staged, { force: true });
    }
  });
  await engine.connection.run(`DROP TABLE IF EXISTS ${sqlIdentifier(rejects)}; DROP TABLE IF EXISTS ${sqlIdentifier(`${rejects}_scan`)}`);
  return { rejectedLines };
}

/** Lines (1-based, in the file) of the rows the dialect could not read, once each, in order. */
async function rejectedLinesOf(engine: EvidenceEngine, rejects: string): Promise<number[]> {
  const rows = await queryRows(engine, `SELECT DISTINCT line FROM ${sqlIdentifier(rejects)} ORDER BY line`);
  return rows.map((r) => r[0] as number);
}

/**
 * The engine can stop reading a CSV without an error (no reject either) at a line longer than it takes
 * when other long lines came before it: the rows after it would be missing without a word. So the
 * file's last row, when its end tells it, must be the last row the engine wrote out; if not, nothing
 * of the file is handed out and the read stops with a message (the caller's "Reading stopped early").
 * An empty value and a missing one are the same here (the engine writes an empty field as null).
 */
async function checkReadToEnd(path: string, columnCount: number, selected: readonly number[], staged: string): Promise<void> {
  const expected = await lastCsvRow(path, columnCount);
  const written = await lastLineOf(staged, true);
  // No row written: a file of a header alone, or one whose first row the engine refused with an error.
  if (expected === null || written === null) return;
  const values = (JSON.parse(written) as { v: (string | null)[] }).v;
  const same = selected.every((column, i) => (values[i] ?? '') === (expected[column] ?? ''));
  if (!same) throw new Error(ENDED_EARLY);
}

/** Why a CSV was not counted when the engine stopped before its last row. */
export const ENDED_EARLY =
  'the file was not read to its end (a line longer than 2 MB may have stopped the reader); nothing of it was counted. Export it again or remove the over-long line.';

/**
 * Hand each line of a file the engine wrote as JSON to `onLine`, in order (JSON text never holds a
 * raw line break). Lines are decoded where they lie in the read buffer; only a line cut by the end
 * of a buffer is copied.
 */
async function forEachJsonLine(path: string, onLine: (line: string) => void): Promise<void> {
  let partial: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      if (partial.length > 0) {
        partial.push(chunk.subarray(0, end));
        const line = Buffer.concat(partial);
        partial = [];
        if (line.length > 0) onLine(line.toString('utf8'));
      } else if (end > start) {
        onLine(chunk.toString('utf8', start, end));
      }
      start = end + 1;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) onLine(Buffer.concat(partial).toString('utf8'));
}
