/**
 * Reading an export CSV with the engine: the dialect is fixed (comma, double quote, quotes doubled
 * inside quotes, BOM and CRLF tolerated, a stray quote inside an unquoted field kept as text), the
 * columns are named by position (`c0`, `c1`, …) so a header's odd spelling never reaches SQL, every
 * value is text, and a row the dialect cannot read is set aside with its line instead of stopping
 * the file.
 */
import { copyFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { queryRows, sqlIdentifier, sqlString, withEngineThreads } from './database.ts';
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
 * reads by default (2 MiB), instead of the default 32 MiB. The rows go out one chunk at a time, so
 * a larger buffer only adds to the process's memory.
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
 * Memory, not the engine's speed, decides how: the caller's work on each row takes several times
 * longer than the engine's parsing, so the engine reads with one thread (one CSV buffer, one
 * allocator arena) and parses the next chunk while this one is handed out. Each row leaves the
 * engine as one JSON array of its selected values, one string to copy out instead of one per
 * value, and a chunk's strings are released as soon as its rows have been handed out rather than
 * when the garbage collector gets to it.
 */
export async function scanCsv(
  engine: EvidenceEngine,
  path: string,
  options: { columnCount: number; headerLine: number; selected: readonly number[] },
  onRow: (ordinal: number, values: (string | null)[]) => void,
): Promise<CsvScanResult> {
  const rejects = engine.uniqueName('rejects');
  // Rows come in file order (the engine preserves insertion order), so they are numbered here: a
  // window function (row_number() OVER ()) would hold every row of the file before the first came out.
  const projection = options.selected.length === 0 ? 'NULL' : `json_array(${options.selected.map((i) => sqlIdentifier(csvColumn(i))).join(', ')})::VARCHAR`;
  const params: Record<string, DuckDBValue> = { path: await enginePath(engine, path) };
  let ordinal = 0;
  await withEngineThreads(engine, 1, async () => {
    const result = await engine.connection.stream(`SELECT ${projection} FROM ${readCsvCall(options.columnCount, options.headerLine, rejects)}`, params);
    let next = result.fetchChunk();
    try {
      for (;;) {
        const chunk = await next;
        if (chunk === null || chunk.rowCount === 0) break;
        next = result.fetchChunk();
        const rowCount = chunk.rowCount;
        const rowsJson = options.selected.length === 0 ? null : chunk.getColumnVector(0);
        for (let r = 0; r < rowCount; r += 1) {
          const values = rowsJson === null ? [] : (JSON.parse(rowsJson.getItem(r) as string) as (string | null)[]);
          ordinal += 1;
          onRow(ordinal, values);
        }
        chunk.reset();
      }
    } finally {
      // A row handler that throws leaves the next chunk's fetch behind: its outcome no longer matters.
      next.catch(() => undefined);
    }
  });
  const rows = await queryRows(engine, `SELECT DISTINCT line FROM ${sqlIdentifier(rejects)} ORDER BY line`);
  await engine.connection.run(`DROP TABLE IF EXISTS ${sqlIdentifier(rejects)}; DROP TABLE IF EXISTS ${sqlIdentifier(`${rejects}_scan`)}`);
  return { rejectedLines: rows.map((r) => r[0] as number) };
}
