// PDF rendering benchmark: time per document with the pdf-lib renderer, and printing the same
// content with headless Chromium, in one run. Usage:
//   ./node_modules/.bin/node bench/pdf/run.ts [--runs 20] [--no-chromium] [--untagged-reference]
// Chromium is the one the tests use (tests/helpers/browser.ts), from the @sparticuz/chromium package.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
// --untagged-reference: the same renderers from a copy of this commit with tagging switched off, timed side by
// side in the same process, so the cost of the structure tree is measured against a reference of the same run.
const UNTAGGED = args.includes('--untagged-reference');
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

/**
 * Copies src/ of this commit (git archive, so no uncommitted edits) into a temporary folder, constructs every
 * StructureTree disabled there, and returns that copy's renderers. node_modules is linked, not copied.
 */
async function untaggedRenderers() {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-playbook-untagged-'));
  execSync(`git archive HEAD src | tar -x -C ${JSON.stringify(dir)}`);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const tagging = join(dir, 'src/pdf/layout/tagging.ts');
  const source = readFileSync(tagging, 'utf8');
  if (!source.includes('this.enabled = enabled;')) throw new Error('tagging.ts changed: update the untagged reference in bench/pdf/run.ts');
  writeFileSync(tagging, source.replace('this.enabled = enabled;', 'this.enabled = false;'));
  const at = (path: string) => pathToFileURL(join(dir, path)).href;
  return {
    plan: (await import(at('src/pdf/documents/plan.ts'))).renderPlan as typeof renderPlan,
    checklists: (await import(at('src/pdf/documents/checklists.ts'))).renderChecklists as typeof renderChecklists,
    communications: (await import(at('src/pdf/documents/communications.ts'))).renderCommunications as typeof renderCommunications,
    decision: (await import(at('src/pdf/documents/decision.ts'))).renderDecision as typeof renderDecision,
    runbook: (await import(at('src/pdf/documents/runbook.ts'))).renderRunbook as typeof renderRunbook,
    staffGuide: (await import(at('src/pdf/documents/staff-guide.ts'))).renderStaffGuide as typeof renderStaffGuide,
  };
}
const untagged = UNTAGGED ? await untaggedRenderers() : null;
const untaggedRender: Record<string, () => Promise<Uint8Array>> = untagged
  ? {
      'admin/plan.pdf': () => untagged.plan(playbook, fonts),
      'admin/checklists.pdf': () => untagged.checklists(playbook, fonts),
      'admin/communications.pdf': () => untagged.communications(playbook, fonts),
      ...(decision ? { [`admin/decisions/${decision.id}.pdf`]: () => untagged.decision(playbook, decision, fonts) } : {}),
      'helpdesk/runbook.pdf': () => untagged.runbook(helpdeskView(playbook), fonts),
      'staff/mfa-guide.pdf': () => untagged.staffGuide(staffView(playbook), fonts),
    }
  : {};

const firstStart = performance.now();
await renderPdfs(playbook, fonts);
const firstSetMs = performance.now() - firstStart;

type Timing = ReturnType<typeof stats> & { bytes: number };
const results: Record<string, { pdfLib: Timing; untagged?: Timing; chromium?: Timing }> = {};
for (const doc of documents) {
  // Tagged and untagged alternate per document, so that both see the same machine load.
  const reference = untaggedRender[doc.name];
  results[doc.name] = { pdfLib: await time(RUNS, doc.render), ...(reference ? { untagged: await time(RUNS, reference) } : {}) };
}
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
if (untagged) {
  lines.push(
    '',
    '| document | tagged (this commit) | size | untagged reference | size | tagged ÷ untagged |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(results).map(([name, r]) => {
      const u = r.untagged!;
      return `| ${name} | ${fmt(r.pdfLib.median)} (${fmt(r.pdfLib.min)}–${fmt(r.pdfLib.max)}) | ${(r.pdfLib.bytes / 1024).toFixed(0)} KB | ${fmt(u.median)} (${fmt(u.min)}–${fmt(u.max)}) | ${(u.bytes / 1024).toFixed(0)} KB | ${(r.pdfLib.median / u.median).toFixed(2)}× |`;
    }),
  );
}
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/pdf.json', JSON.stringify({ node: process.version, runs: RUNS, fontMs, firstSetMs, launchMs, results, set, hostileSet }, null, 2));
