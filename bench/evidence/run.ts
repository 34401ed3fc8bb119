/**
 * Evidence ingestion benchmark. Generates synthetic exports in a temporary folder, then measures,
 * each in its own child process so peak memory is per measurement:
 *   - a plain line-count pass over the file (the floor: read bytes, count newlines);
 *   - the full evidence read (format detection, the engine's grouped count of a portal CSV or the
 *     JSON readers, canonical records, legacy/break-glass/failure aggregation, report).
 * `portal-csv-bad-row` is the portal CSV with one malformed row appended: the grouped count gives it
 * up and the file is read row by row; the read must still name that row with its line.
 * Usage: node bench/evidence/run.ts [--rows 100000,1000000] [--formats portal-csv,portal-csv-bad-row,graph-json,jsonl]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.ts';
import type { BenchFormat } from './generate.ts';
import type { EvidenceReport } from '../../src/evidence/index.ts';

interface Measure {
  seconds: number;
  rows: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** The malformed rows the report names (evidence read). */
  malformed?: { file: string; line: number; reason: string }[];
  /** SHA-256 of the report, to see that two versions of the reader give the same one. */
  reportDigest?: string;
}

function sampleHeap(): { stop: () => number } {
  let peak = process.memoryUsage().heapUsed;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  return { stop: () => (clearInterval(t), Math.max(peak, process.memoryUsage().heapUsed)) };
}

async function child(mode: string, dir: string, file: string): Promise<void> {
  const heap = sampleHeap();
  const t0 = process.hrtime.bigint();
  let rows = 0;
  let report: EvidenceReport | null = null;
  if (mode === 'linecount') {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      let i = -1;
      while ((i = chunk.indexOf(10, i + 1)) !== -1) rows++;
    }
  } else {
    const { readEvidence } = await import('../../src/evidence/index.ts');
    report = await readEvidence(dir, {
      today: '2026-04-01',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      registerPhase: { startDate: '2026-03-04', endDate: '2026-03-17', days: ['2026-03-04'] },
      reminderDate: '2026-03-13',
      contactDate: '2026-03-16',
      enforcementDate: '2026-03-24',
      validateEndDate: '2026-03-27',
      targetRate: 95,
      reminderBelowRate: 90,
      breakGlassAccounts: ['user1@northgate-engineering.example'],
      userCount: 5000,
      smsVoiceRetirement: { allUsers: '2027-02-01', adminsAndExternal: '2027-07-01' },
      goNoGo: { policyName: 'CA002 - Require MFA - All users', decisionDate: '2026-03-20', maxWouldBlockRate: 10 },
    });
    rows = report.signIns.total;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakHeapMb = heap.stop() / 2 ** 20;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const m: Measure = { seconds, rows, peakRssMb, peakHeapMb };
  // Checks on the report, after the measurement: writing the whole report out as text takes memory of its own.
  if (report !== null) {
    m.malformed = report.files.flatMap((f) => f.malformed.map((x) => ({ file: f.file, line: x.line, reason: x.reason })));
    m.reportDigest = createHash('sha256').update(JSON.stringify(report)).digest('hex');
  }
  process.stdout.write(JSON.stringify(m));
}

function runChild(mode: string, dir: string, file: string): Measure {
  const node = process.execPath;
  const r = spawnSync(node, [fileURLToPath(import.meta.url), '--child', mode, dir, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    await child(argv[1]!, argv[2]!, argv[3]!);
    return;
  }
  const opt = (name: string, def: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? def : argv[i + 1]!;
  };
  const sizes = opt('--rows', '100000,1000000').split(',').map(Number);
  const formats = opt('--formats', 'portal-csv,graph-json').split(',') as BenchFormat[];
  const digests: string[] = [];
  const base = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
  console.log('| format | rows | file MB | line count: s, MB/s, peak RSS MB | evidence read: s, rows/s, MB/s, peak RSS MB, peak heap MB | read / line count |');
  console.log('|---|---:|---:|---|---|---:|');
  try {
    for (const format of formats) {
      for (const rows of sizes) {
        const dir = join(base, `${format}-${rows}`);
        await mkdir(join(dir, 'signins'), { recursive: true });
        const extension = { 'portal-csv': 'csv', 'portal-csv-bad-row': 'csv', 'graph-json': 'json', jsonl: 'jsonl' }[format];
        const file = join(dir, 'signins', `InteractiveSignIns_2026-03-20_2026-04-01.${extension}`);
        await generate(file, rows, format);
        const mb = (await stat(file)).size / 2 ** 20;
        const lc = runChild('linecount', dir, file);
        const ev = runChild('evidence', dir, file);
        const lines = rows + 1 + (format === 'portal-csv-bad-row' ? 1 : 0);
        if (format.startsWith('portal-csv') && lc.rows !== lines) throw new Error(`expected ${lines} lines, counted ${lc.rows}`);
        // The malformed row is not a sign-in; it is named with its line (after the header and the rows).
        if (ev.rows !== rows) throw new Error(`expected ${rows} sign-ins, read ${ev.rows}`);
        const expectedMalformed = format === 'portal-csv-bad-row' ? [rows + 2] : [];
        const malformedLines = (ev.malformed ?? []).map((m) => m.line);
        if (malformedLines.join() !== expectedMalformed.join()) {
          throw new Error(`expected malformed rows on lines [${expectedMalformed.join(', ')}], the report names [${malformedLines.join(', ')}]`);
        }
        digests.push(`${format} ${rows}: ${ev.reportDigest}`);
        console.log(
          `| ${format} | ${rows.toLocaleString('en-GB')} | ${mb.toFixed(0)} | ${lc.seconds.toFixed(2)} s, ${(mb / lc.seconds).toFixed(0)} MB/s, ${lc.peakRssMb.toFixed(0)} MB | ` +
            `${ev.seconds.toFixed(2)} s, ${Math.round(rows / ev.seconds).toLocaleString('en-GB')} rows/s, ${(mb / ev.seconds).toFixed(1)} MB/s, ${ev.peakRssMb.toFixed(0)} MB, ${ev.peakHeapMb.toFixed(0)} MB | ${(ev.seconds / lc.seconds).toFixed(1)}× |`,
        );
        await rm(dir, { recursive: true, force: true });
      }
    }
    console.log(`\nReport SHA-256 (the same for the same input and reader results):\n${digests.join('\n')}`);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

await main();
