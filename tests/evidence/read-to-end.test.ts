/**
 * The engine's CSV reader can stop at a line longer than it takes without an error or a reject, when
 * long lines came before it (five 1.9 MB rows, then one of 2.2 MB): the rows after it went missing
 * without a word. Both ways of reading a sign-in CSV now check that the file's last row was read, and
 * count nothing of a file that was not read to its end.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSignInAccumulator } from '../../src/evidence/analysis/signins.ts';
import { lastCsvRow } from '../../src/evidence/csv.ts';
import { openEvidenceEngine } from '../../src/evidence/engine/database.ts';
import type { EvidenceEngine } from '../../src/evidence/engine/database.ts';
import { ENDED_EARLY, scanCsv } from '../../src/evidence/engine/csv-scan.ts';
import { countSignInCsvByGroups, readSignInFile } from '../../src/evidence/signins/read.ts';
import { evidenceWindows } from '../../src/model/evidence-windows.ts';
import { context, D, tempDir } from './helpers.ts';

const HEADER = 'Date (UTC),Request ID,User agent,Username,Client app,Sign-in error code';

/** Ten sign-ins; rows 1–5 carry a 1.9 MB user agent and row 6 one of 2.2 MB, the shape that stops the reader. */
async function overLongExport(): Promise<string> {
  const rows = Array.from({ length: 10 }, (_, i) => {
    const agent = i < 5 ? 'a'.repeat(1_900_000) : i === 5 ? 'b'.repeat(2_200_000) : 'Mozilla/5.0';
    return `2026-03-24T10:0${i}:00Z,req-${i},${agent},user${i}@${D},Browser,0`;
  });
  const path = join(await tempDir(), 'InteractiveSignIns_2026-03-20_2026-03-26.csv');
  await writeFile(path, `${[HEADER, ...rows].join('\r\n')}\r\n`);
  return path;
}

let engine: EvidenceEngine;
beforeEach(async () => {
  engine = await openEvidenceEngine();
});
afterEach(async () => {
  await engine.close();
});

describe('a sign-in CSV the engine does not read to its end', () => {
  it('is handed out whole or not at all by the row-by-row scan', async () => {
    const path = await overLongExport();
    const ordinals: number[] = [];
    let stopped: unknown = null;
    try {
      await scanCsv(engine, path, { columnCount: 6, headerLine: 1, selected: [1] }, (ordinal) => ordinals.push(ordinal));
    } catch (e) {
      stopped = e;
    }
    // Never a silent part of the file: either every row (a reader that no longer stops) or none with the reason.
    if (stopped === null) expect(ordinals).toHaveLength(10);
    else {
      expect((stopped as Error).message).toBe(ENDED_EARLY);
      expect(ordinals).toEqual([]);
    }
  });

  it('is counted whole or not at all, by groups and row by row', async () => {
    const path = await overLongExport();
    const ctx = context();
    const acc = createSignInAccumulator(ctx);
    const target = { acc, windows: evidenceWindows(ctx), breakGlassAccounts: ctx.breakGlassAccounts, moreFilesFollow: false };
    const grouped = await countSignInCsvByGroups(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', target, engine);
    // The grouped count reads with every engine thread, the way that stops at the long row: it must not count the first five alone.
    if (grouped === null) expect(acc.result().total).toBe(0);
    else expect([grouped.rows, acc.result().total]).toEqual([10, 10]);
    const delivered: string[] = [];
    const byRows = await readSignInFile(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', (s) => delivered.push(s.requestId), null, null, engine);
    if (delivered.length === 0) expect(byRows.problems.warnings.join('\n')).toContain('not read to its end');
    else expect(delivered).toEqual(Array.from({ length: 10 }, (_, i) => `req-${i}`));
  });
});

describe("a CSV file's last row, as its end tells it", () => {
  const file = async (text: string): Promise<string> => {
    const path = join(await tempDir(), 'last.csv');
    await writeFile(path, text);
    return path;
  };

  it('is the last line read as a row of every column, whatever the line endings', async () => {
    expect(await lastCsvRow(await file('a,b,c\r\n1,2,3\r\n4,"five, six",7\r\n'), 3)).toEqual(['4', 'five, six', '7']);
    expect(await lastCsvRow(await file('a,b,c\n1,2,3'), 3)).toEqual(['1', '2', '3']);
  });

  it('is not told for a file of a header alone, a last line of another width, or the end of a field spanning lines', async () => {
    expect(await lastCsvRow(await file('a,b,c\r\n'), 3)).toBeNull();
    expect(await lastCsvRow(await file('a,b,c\r\n1,2\r\n'), 3)).toBeNull();
    expect(await lastCsvRow(await file('a,b,c\r\n1,"two\r\nlines",3\r\n'), 3)).toBeNull();
  });
});
