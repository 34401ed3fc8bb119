import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { addMalformed, MAX_MALFORMED_LISTED, type FileProblems } from './problems.ts';
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
 * The rows the engine read but a reader could not use, by ordinal (1-based, file order, as the
 * engine numbers them). Every such row is counted and located, but a file can hold a million of
 * them (a whole export in a date format nobody reads), so each is one bit, and only the reasons the
 * problems list can show are kept: those of the first rows. By the time a later row is located, the
 * list is full with the earlier ones, so its reason would never be shown.
 */
export class UnusableRows {
  private bits = new Uint8Array(1 << 12);
  private readonly reasons = new Map<number, string>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(ordinal: number, reason: string): void {
    const byte = ordinal >>> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, byte + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    const bit = 1 << (ordinal & 7);
    if (((this.bits[byte] as number) & bit) !== 0) return;
    this.bits[byte] = (this.bits[byte] as number) | bit;
    this.count += 1;
    if (this.reasons.size < MAX_MALFORMED_LISTED) this.reasons.set(ordinal, reason);
  }

  /** Why the row was not used; undefined for a row that was. */
  reasonFor(ordinal: number): string | undefined {
    const byte = ordinal >>> 3;
    if (byte >= this.bits.length || ((this.bits[byte] as number) & (1 << (ordinal & 7))) === 0) return undefined;
    return this.reasons.get(ordinal) ?? UNLISTED_REASON;
  }
}

/** The reason given for an unusable row past the listing limit: counted and located, never listed. */
const UNLISTED_REASON = 'not a usable row';

/**
 * The cheap second pass, run only for a file in which the engine found rows it could not use:
 * reads the file again with csv-parse to give each such row its line (the engine counts rows, not
 * lines) and to word the rows the CSV dialect rejects as before.
 */
export async function locateCsvProblems(path: string, problems: FileProblems, unusable: UnusableRows, fromLine = 1): Promise<void> {
  const parser = exportCsvParser(problems, { fromLine });
  const source = createReadStream(path);
  source.pipe(parser);
  let ordinal = 0;
  try {
    for await (const item of parser as AsyncIterable<{ info: { lines: number } }>) {
      ordinal += 1;
      const reason = unusable.reasonFor(ordinal);
      if (reason !== undefined) addMalformed(problems, item.info.lines, reason);
    }
  } finally {
    source.destroy();
  }
}

/** How far from a file's end its last line is looked for: a portal row is about a kilobyte. */
const TAIL_BYTES = 65_536;

/**
 * The text of a file's last line (after its last line break, a final line break and carriage return
 * left out); null when its last line is longer than TAIL_BYTES, and when the file has a single line
 * unless `single` says that line counts.
 */
export async function lastLineOf(path: string, single = false): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const bytes = Buffer.alloc(size - start);
    await handle.read(bytes, 0, bytes.length, start);
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end -= 1;
    if (end === 0) return null;
    const lastBreak = bytes.lastIndexOf(0x0a, end - 1);
    if (lastBreak === -1) return single && start === 0 ? bytes.subarray(0, end).toString('utf8') : null;
    return bytes.subarray(lastBreak + 1, end).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A CSV file's last row as written, when the file's end alone tells it: its last line read as one row
 * of exactly `columnCount` fields. Null when it cannot be told (the last line is the header or too
 * long, or is the end of a quoted field spanning lines: such a piece never has every field).
 */
export async function lastCsvRow(path: string, columnCount: number): Promise<string[] | null> {
  const line = await lastLineOf(path);
  if (line === null) return null;
  try {
    const records = parseSync(line, { relax_quotes: true, relax_column_count: true }) as string[][];
    const row = records[0];
    return records.length === 1 && row !== undefined && row.length === columnCount ? row : null;
  } catch {
    return null;
  }
}
