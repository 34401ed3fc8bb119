// PDF rendering benchmark: time per document with the pdf-lib renderer, and printing the same
// content with headless Chromium, in one run. Usage:
//   ./node_modules/.bin/node bench/pdf/run.ts [--runs 20] [--no-chromium]
// Chromium is the one the tests use (tests/helpers/browser.ts), from the @sparticuz/chromium package.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Playbook } from '../../src/model/playbook.ts';
import { helpdeskView, staffView } from '../../src/model/views.ts';
import { renderChecklists } from '../../src/pdf/documents/checklists.ts';
import { renderCommunications } from '../../src/pdf/documents/communications.ts';
import { renderDecision } from '../../src/pdf/documents/decision.ts';
import { renderPlan } from '../../src/pdf/documents/plan.ts';
import { renderRunbook } from '../../src/pdf/documents/runbook.ts';
import { renderStaffGuide } from '../../src/pdf/documents/staff-guide.ts';
import { loadPdfFonts, renderPdfs, type PdfFonts } from '../../src/pdf/index.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { examplePlaybook, hostilePlaybook } from '../../tests/helpers/example.ts';
import { communicationsHtml, planHtml, runbookHtml, staffGuideHtml } from './html.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 20);
const WITH_CHROMIUM = !args.includes('--no-chromium');

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { median, mean, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

async function time(runs: number, work: () => Promise<Uint8Array | Buffer>) {
  await work();
  await work(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    bytes = (await work()).length;
    times.push(performance.now() - start);
  }
  return { ...stats(times), bytes };
}

const fontStart = performance.now();
const fonts: PdfFonts = await loadPdfFonts();
const fontMs = performance.now() - fontStart;
const playbook: Playbook = examplePlaybook();
const decision = playbook.decisions[0];

const documents: { name: string; render: () => Promise<Uint8Array>; html?: () => string }[] = [
  { name: 'admin/plan.pdf', render: () => renderPlan(playbook, fonts), html: () => planHtml(playbook) },
  { name: 'admin/checklists.pdf', render: () => renderChecklists(playbook, fonts) },
  { name: 'admin/communications.pdf', render: () => renderCommunications(playbook, fonts), html: () => communicationsHtml(playbook) },
  ...(decision ? [{ name: `admin/decisions/${decision.id}.pdf`, render: () => renderDecision(playbook, decision, fonts) }] : []),
  { name: 'helpdesk/runbook.pdf', render: () => renderRunbook(helpdeskView(playbook), fonts), html: () => runbookHtml(playbook) },
  { name: 'staff/mfa-guide.pdf', render: () => renderStaffGuide(staffView(playbook), fonts), html: () => staffGuideHtml(playbook) },
];

const firstStart = performance.now();
await renderPdfs(playbook, fonts);
const firstSetMs = performance.now() - firstStart;

const results: Record<string, { pdfLib: ReturnType<typeof stats> & { bytes: number }; chromium?: ReturnType<typeof stats> & { bytes: number } }> = {};
for (const doc of documents) results[doc.name] = { pdfLib: await time(RUNS, doc.render) };
const set = await time(Math.max(5, Math.floor(RUNS / 4)), async () => {
  const files = await renderPdfs(playbook, fonts);
  return new Uint8Array(files.reduce((sum, f) => sum + f.bytes.length, 0));
});
const hostileSet = await time(Math.max(5, Math.floor(RUNS / 4)), async () => {
  const files = await renderPdfs(hostilePlaybook(), fonts);
  return new Uint8Array(files.reduce((sum, f) => sum + f.bytes.length, 0));
});

let launchMs: number | null = null;
if (WITH_CHROMIUM) {
  const launchStart = performance.now();
  // The HTML pages load the Noto Sans files through file: URLs.
  const browser = await launchBrowser({ extraArgs: ['--allow-file-access-from-files'] });
  const page = await browser.newPage();
  launchMs = performance.now() - launchStart;
  const chromiumRuns = Math.max(5, Math.floor(RUNS / 4));
  for (const doc of documents) {
    if (!doc.html) continue;
    const html = doc.html();
    results[doc.name]!.chromium = await time(chromiumRuns, async () => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true });
    });
  }
  await browser.close();
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const lines = [
  `Node ${process.version}, ${RUNS} runs per document after 2 warm-up renders; median (min–max) in ms.`,
  `Font files read once per process: ${fmt(fontMs)} ms. First full set in a fresh process (parsing fonts, JIT): ${fmt(firstSetMs)} ms.`,
  launchMs !== null ? `Chromium launch and first page: ${fmt(launchMs)} ms (paid once per run, not in the figures below).` : 'Chromium: not measured (--no-chromium).',
  '',
  '| document | pdf-lib renderer | size | headless Chromium (setContent + page.pdf) | size | Chromium ÷ pdf-lib |',
  '|---|---:|---:|---:|---:|---:|',
  ...Object.entries(results).map(([name, r]) => {
    const c = r.chromium;
    return `| ${name} | ${fmt(r.pdfLib.median)} (${fmt(r.pdfLib.min)}–${fmt(r.pdfLib.max)}) | ${(r.pdfLib.bytes / 1024).toFixed(0)} KB | ${c ? `${fmt(c.median)} (${fmt(c.min)}–${fmt(c.max)})` : '—'} | ${c ? `${(c.bytes / 1024).toFixed(0)} KB` : '—'} | ${c ? `${(c.median / r.pdfLib.median).toFixed(1)}×` : '—'} |`;
  }),
  `| whole set, example tenant (${documents.length} files) | ${fmt(set.median)} (${fmt(set.min)}–${fmt(set.max)}) | ${(set.bytes / 1024).toFixed(0)} KB | | | |`,
  `| whole set, Unicode tenant | ${fmt(hostileSet.median)} (${fmt(hostileSet.min)}–${fmt(hostileSet.max)}) | ${(hostileSet.bytes / 1024).toFixed(0)} KB | | | |`,
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/pdf.json', JSON.stringify({ node: process.version, runs: RUNS, fontMs, firstSetMs, launchMs, results, set, hostileSet }, null, 2));
