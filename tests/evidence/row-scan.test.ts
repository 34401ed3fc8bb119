/**
 * The row-by-row read of a sign-in CSV (a file the grouped count gives up on): the engine first
 * writes each readable row's values as a JSON line into its staging folder, with one thread, then
 * the lines are handed out one by one and the staged file removed. These pin that the values arrive
 * exactly as written, that unusable rows keep their file lines, and that nothing is left behind.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEvidenceEngine, queryRows } from '../../src/evidence/engine/database.ts';
import type { EvidenceEngine } from '../../src/evidence/engine/database.ts';
import { scanCsv } from '../../src/evidence/engine/csv-scan.ts';
import { readSignInFile } from '../../src/evidence/signins/read.ts';
import { UnusableRows } from '../../src/evidence/csv.ts';
import { MAX_MALFORMED_LISTED } from '../../src/evidence/problems.ts';
import type { SignIn } from '../../src/evidence/signins/record.ts';
import { D, tempDir } from './helpers.ts';

const HEADER = 'Date (UTC),Request ID,User agent,Username,Client app,Sign-in error code';
/** A user agent JSON would change if it were not escaped: quotes, a backslash, braces, the word null, letters outside Latin-1. */
const AWKWARD_AGENT = 'Outlook "16.0" C:\\Program Files {"a":[1,null]} null – Ünïcødé 日本語';

async function csvFile(lines: string[]): Promise<string> {
  const path = join(await tempDir(), 'InteractiveSignIns_2026-03-20_2026-03-26.csv');
  await writeFile(path, `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);
  return path;
}

const threadsOf = async (engine: EvidenceEngine): Promise<number> => ((await queryRows(engine, "SELECT current_setting('threads')")) as [[number]])[0][0];

let engine: EvidenceEngine;
beforeEach(async () => {
  engine = await openEvidenceEngine();
});
afterEach(async () => {
  await engine.close();
});

describe('the row-by-row read of a sign-in CSV', () => {
  it('delivers values exactly as written, including text JSON would change and a line break inside quotes', async () => {
    const path = await csvFile([
      `2026-03-24T09:00:00Z,r-1,"${AWKWARD_AGENT.replaceAll('"', '""')}",alice@${D},Browser,0`,
      `2026-03-24T09:05:00Z,r-2,"first line\r\nsecond line",bob@${D},IMAP4,50126`,
      `2026-03-24T09:10:00Z,r-3,,carol@${D},Browser,0`,
    ]);
    const signIns: SignIn[] = [];
    const r = await readSignInFile(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', (s) => signIns.push(s), null, null, engine);
    expect(r.rows).toBe(3);
    expect(r.problems.malformedCount).toBe(0);
    expect(signIns.map((s) => [s.requestId, s.userAgent, s.userPrincipalName, s.clientApp, s.errorCode])).toEqual([
      ['r-1', AWKWARD_AGENT, `alice@${D}`, 'Browser', 0],
      ['r-2', 'first line\r\nsecond line', `bob@${D}`, 'IMAP4', 50126],
      ['r-3', '', `carol@${D}`, 'Browser', 0],
    ]);
  });

  it('names an unusable row and a row the dialect rejects by their file lines, counting a quoted line break as a line', async () => {
    const path = await csvFile([
      `2026-03-24T09:00:00Z,r-1,Mozilla/5.0,alice@${D},Browser,0`, // line 2
      `2026-03-24T09:05:00Z,r-2,"two\nlines",bob@${D},Browser,0`, // lines 3-4
      `not a date,r-3,Mozilla/5.0,carol@${D},Browser,0`, // line 5: unusable
      `2026-03-24T09:15:00Z,r-4,Mozilla/5.0,dave@${D},Browser,0,one too many`, // line 6: rejected by the dialect
      `2026-03-24T09:20:00Z,r-5,Mozilla/5.0,erin@${D},Browser,0`, // line 7
    ]);
    const signIns: SignIn[] = [];
    const r = await readSignInFile(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', (s) => signIns.push(s), null, null, engine);
    expect(signIns.map((s) => s.requestId)).toEqual(['r-1', 'r-2', 'r-5']);
    expect(r.rows).toBe(3);
    expect([...r.problems.malformed].sort((a, b) => a.line - b.line)).toMatchInlineSnapshot(`
      [
        {
          "line": 5,
          "reason": "unreadable date "not a date"",
        },
        {
          "line": 6,
          "reason": "Invalid Record Length: columns length is 6, got 7",
        },
      ]
    `);
  });

  it('gives the engine its own thread count back and leaves no staged rows, also when the row handler stops the scan', async () => {
    const before = await threadsOf(engine);
    const path = await csvFile([`2026-03-24T09:00:00Z,r-1,Mozilla/5.0,alice@${D},Browser,0`, `2026-03-24T09:05:00Z,r-2,Mozilla/5.0,bob@${D},Browser,0`]);
    await readSignInFile(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', () => undefined, null, null, engine);
    expect(await threadsOf(engine)).toBe(before);
    expect(await readdir(engine.stagingDir)).toEqual([]);
    await expect(
      scanCsv(engine, path, { columnCount: 6, headerLine: 1, selected: [1] }, (ordinal) => {
        if (ordinal === 1) throw new Error('stop at the first row');
      }),
    ).rejects.toThrow('stop at the first row');
    expect(await threadsOf(engine)).toBe(before);
    expect(await readdir(engine.stagingDir)).toEqual([]);
  });

  it('numbers every readable row in file order, with the selected values in the order asked for', async () => {
    const path = await csvFile([
      `2026-03-24T09:00:00Z,r-1,Mozilla/5.0,alice@${D},Browser,0`,
      `2026-03-24T09:05:00Z,r-2,,bob@${D},IMAP4,50126`,
      `2026-03-24T09:10:00Z,r-3,Mozilla/5.0,carol@${D},Browser,0`,
    ]);
    const seen: [number, (string | null)[]][] = [];
    const result = await scanCsv(engine, path, { columnCount: 6, headerLine: 1, selected: [4, 1, 2] }, (ordinal, values) => seen.push([ordinal, values]));
    expect(result.rejectedLines).toEqual([]);
    expect(seen).toEqual([
      [1, ['Browser', 'r-1', 'Mozilla/5.0']],
      [2, ['IMAP4', 'r-2', null]],
      [3, ['Browser', 'r-3', 'Mozilla/5.0']],
    ]);
    const counted: number[] = [];
    await scanCsv(engine, path, { columnCount: 6, headerLine: 1, selected: [] }, (ordinal, values) => counted.push(ordinal + values.length));
    expect(counted).toEqual([1, 2, 3]);
  });

  it('hands out every row whole when the staged lines cross the edges of the read buffer', async () => {
    // About 3,000 rows of 300 characters: the staged lines run over several read buffers, some cut mid-character.
    const rows = 3000;
    const agentOf = (i: number): string => `Agent ${i} ${'é'.repeat(i % 7)}${'x'.repeat(250 + (i % 13))}`;
    const lines = Array.from({ length: rows }, (_, i) => `2026-03-24T09:00:00Z,r-${i},${agentOf(i)},user${i}@${D},Browser,0`);
    const path = await csvFile(lines);
    const seen: string[] = [];
    let wrong = 0;
    await scanCsv(engine, path, { columnCount: 6, headerLine: 1, selected: [1, 2] }, (ordinal, values) => {
      if (values[0] !== `r-${ordinal - 1}` || values[1] !== agentOf(ordinal - 1)) wrong += 1;
      seen.push(values[0] ?? '');
    });
    expect(wrong).toBe(0);
    expect(seen).toHaveLength(rows);
    expect(seen.at(-1)).toBe(`r-${rows - 1}`);
  });

  it('counts and locates every unusable row past the listing limit, listing the first ones with their own reasons', async () => {
    const bad = MAX_MALFORMED_LISTED + 10;
    const lines: string[] = [];
    for (let i = 1; i <= bad; i += 1) lines.push(`2026-03-24 9h${i},r-${i},Mozilla/5.0,user${i}@${D},Browser,0`); // lines 2 .. bad + 1
    lines.push(`2026-03-24T09:00:00Z,r-ok,Mozilla/5.0,alice@${D},Browser,0`);
    const path = await csvFile(lines);
    const r = await readSignInFile(path, 'InteractiveSignIns_2026-03-20_2026-03-26.csv', () => undefined, null, null, engine);
    expect(r.rows).toBe(1);
    expect(r.problems.malformedCount).toBe(bad);
    expect(r.problems.lastMalformedLine).toBe(bad + 1);
    expect(r.problems.malformed).toHaveLength(MAX_MALFORMED_LISTED);
    expect(r.problems.malformed.map((m) => m.line)).toEqual(Array.from({ length: MAX_MALFORMED_LISTED }, (_, i) => i + 2));
    expect(r.problems.malformed.at(-1)).toEqual({ line: MAX_MALFORMED_LISTED + 1, reason: `unreadable date "2026-03-24 9h${MAX_MALFORMED_LISTED}"` });
  });
});

describe('the unusable rows of a CSV', () => {
  it('counts a row once, knows which rows were used, and keeps only the reasons the problems list can show', () => {
    const rows = new UnusableRows();
    for (let ordinal = 3; ordinal < 3 + 2 * (MAX_MALFORMED_LISTED + 5); ordinal += 2) rows.add(ordinal, `row ${ordinal}`);
    rows.add(3, 'again');
    rows.add(100_000, 'far away');
    expect(rows.size).toBe(MAX_MALFORMED_LISTED + 6);
    expect(rows.reasonFor(3)).toBe('row 3');
    expect(rows.reasonFor(4)).toBeUndefined();
    expect(rows.reasonFor(99_999)).toBeUndefined();
    expect(rows.reasonFor(3 + 2 * (MAX_MALFORMED_LISTED - 1))).toBe(`row ${3 + 2 * (MAX_MALFORMED_LISTED - 1)}`);
    expect(rows.reasonFor(3 + 2 * MAX_MALFORMED_LISTED)).toBe('not a usable row');
    expect(rows.reasonFor(100_000)).toBe('not a usable row');
  });
});
