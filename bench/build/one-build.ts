// Runs one cold build in this (fresh) process and prints its figures as JSON on stdout.
// Usage: node bench/build/one-build.ts <config> <out>
import { runBuild } from '../../src/build/build.ts';
import type { Reporter } from '../../src/build/reporter.ts';

const [config, out] = process.argv.slice(2) as [string, string];
const steps: Record<string, number> = {};
const reporter: Reporter = {
  async step(label, work) {
    const started = performance.now();
    const result = await work();
    steps[label] = performance.now() - started;
    return result;
  },
  info() {},
  warn() {},
  error(message) {
    process.stderr.write(`${message}\n`);
  },
};
const started = performance.now();
const summary = await runBuild({ config, out, today: '2027-01-04', now: new Date('2027-01-04T09:00:00Z'), generatorVersion: 'bench', reporter });
const wallMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ wallMs, steps, peakRssMiB: process.resourceUsage().maxRSS / 1024, tenants: summary.tenants.length, failed: summary.failed, written: summary.written })}\n`,
);
