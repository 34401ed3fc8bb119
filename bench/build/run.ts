// Build benchmark: cold builds of the example tenant (median of at least five fresh processes) and
// multi-tenant runs of 1, 10 and 100 tenants. Figures go to bench/README.md by hand, with the machine.
// Usage: node bench/build/run.ts [--runs 5] [--tenants 1,10,100]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTenantFiles } from './make-tenants.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1]! : fallback;
};
const runs = Number(option('--runs', '5'));
const tenantCounts = option('--tenants', '1,10,100').split(',').map(Number);

interface Figures {
  wallMs: number;
  steps: Record<string, number>;
  peakRssMiB: number;
  tenants: number;
  failed: number;
}

function oneBuild(config: string, out: string): Figures {
  // A fresh process per run: a cold build pays module loading, font loading and the site builder's start-up.
  const started = performance.now();
  const stdout = execFileSync(process.execPath, [join(root, 'bench/build/one-build.ts'), config, out], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const processMs = performance.now() - started;
  const figures = JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
  return { ...figures, steps: { ...figures.steps, 'process (incl. start-up)': processMs } };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const work = await mkdtemp(join(tmpdir(), 'mfa-bench-build-'));
try {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);
  const example: Figures[] = [];
  for (let run = 0; run < runs; run += 1) example.push(oneBuild(join(root, 'tenant.config.json'), join(work, `example-${run}`)));
  const stepNames = Object.keys(example[0]!.steps);
  console.log(`\nexample tenant, cold build, ${runs} runs (median):`);
  console.log(`  in-process wall ${median(example.map((f) => f.wallMs)).toFixed(0)} ms, peak RSS ${median(example.map((f) => f.peakRssMiB)).toFixed(0)} MiB`);
  for (const name of stepNames) console.log(`  ${name.padEnd(36)} ${median(example.map((f) => f.steps[name] ?? 0)).toFixed(0)} ms`);

  console.log('\nmulti-tenant runs (one process each):');
  let single = 0;
  for (const count of tenantCounts) {
    const dir = join(work, `tenants-${count}`);
    await makeTenantFiles(join(root, 'tenant.config.json'), dir, count);
    const figures = oneBuild(dir, join(work, `out-${count}`));
    if (count === 1) single = figures.steps['process (incl. start-up)']!;
    const ratio = single ? ` (${(figures.steps['process (incl. start-up)']! / single).toFixed(1)}× one tenant)` : '';
    console.log(
      `  ${String(count).padStart(3)} tenants: ${figures.steps['process (incl. start-up)']!.toFixed(0)} ms, peak RSS ${figures.peakRssMiB.toFixed(0)} MiB${ratio}, failed ${figures.failed}`,
    );
    for (const [name, ms] of Object.entries(figures.steps)) if (name !== 'process (incl. start-up)') console.log(`      ${name.padEnd(34)} ${ms.toFixed(0)} ms`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
