import { createRequire } from 'node:module';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { rawContent, readPdf } from '../pdf/read.ts';
import { readableText } from '../site/helpers.ts';
import type { Playbook } from '../../src/model/playbook.ts';

export const EXAMPLE_EVIDENCE = join(ROOT, 'examples', 'evidence', 'northgate');
/** The day after validation sign-off: every phase is over, so every verdict can be decided. */
export const AFTER_VALIDATION = '2027-02-12';

/**
 * A fresh folder under the repository's ignored .tmp/ (never the OS temp dir: Astro keeps temporary
 * files in <cwd>/.astro when the output is outside the project, and parallel builds would clash).
 */
export async function workFolder(name: string): Promise<string> {
  const dir = join(ROOT, '.tmp', `${name}-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function removeFolder(dir: string): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Builds the example tenant with an evidence folder through the real command; returns the parsed admin/playbook.json. */
export async function buildWithEvidence(out: string, evidence: string, today = AFTER_VALIDATION): Promise<Playbook> {
  const run = await runCli(['build', '--config', EXAMPLE_CONFIG, '--evidence', evidence, '--today', today, '--out', out, '--quiet']);
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(await readFile(join(out, 'admin', 'playbook.json'), 'utf8')) as Playbook;
}

/** Every way a person or a search engine could read a file: text, gunzipped text, PDF text and PDF streams. */
export async function everythingReadable(path: string): Promise<string> {
  const bytes = await readFile(path);
  if (path.endsWith('.pdf')) return `${(await readPdf(new Uint8Array(bytes))).text}\n${rawContent(new Uint8Array(bytes))}`;
  return readableText(bytes);
}

/** HTML text with tags removed (inline ones without a gap) and whitespace collapsed, for checking sentences a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<\/?(?:bdi|code|strong|em|span|a)(?:\s[^>]*)?>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core');

/** Serious and critical axe-core violations of the page as loaded. */
export async function axeSerious(page: Page, only?: string[]): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (rules) => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, only ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}
