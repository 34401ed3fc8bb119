import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInErrorCode } from '../../src/model/error-codes.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import { milestoneList } from '../../src/model/schedule.ts';
import { formatDate, type DateStyle } from '../../src/shared/format.ts';
import { AFTER_VALIDATION, buildWithEvidence, EXAMPLE_EVIDENCE, removeFolder, visibleText, workFolder } from '../evidence-output/helpers.ts';
import { readPdf } from '../pdf/read.ts';

// One full build of the example tenant (with its evidence, after validation) read the way people read it: the
// visible text of every HTML page, every PDF through pdf.js and every email draft's body, per audience. Every date
// written in them must be one of the shared styles of src/shared/format.ts, spelled exactly so: the texts, the sites
// and the PDFs of an audience write a date one way per style. Machine fields (calendar data, JSON, CSV, file names,
// KQL in <pre>/<code>, email headers) are not prose and are not read.

const AUDIENCES = ['admin', 'helpdesk', 'staff'] as const;
type Audience = (typeof AUDIENCES)[number];
const LOCALE = 'en-GB';
const STYLES: DateStyle[] = ['long', 'short', 'dayMonth', 'dayMonthLong', 'dayMonthYear', 'monthYear', 'weekday'];

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH = `(${MONTHS.join('|')}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)`;
/** A day and a month, with the weekday (with or without a comma) and the year when written: every shape a date is spelled in. */
const DATE_MENTION = new RegExp(`(?:\\b${WEEKDAY},? )?\\b(\\d{1,2}) ${MONTH}\\b(?: (\\d{4})\\b)?`, 'g');
const ISO_DATE = /\b20\d\d-\d\d-\d\d\b/g;

interface Output {
  file: string;
  audience: Audience;
  text: string;
}

let out = '';
let playbook: Playbook;
const outputs: Output[] = [];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** What a reader sees of a page: no scripts, no code or queries (machine text), tags and entities resolved. */
function pageText(html: string): string {
  return visibleText(html.replace(/<pre[\s\S]*?<\/pre>/g, ' ').replace(/<code[\s\S]*?<\/code>/g, ' '));
}

async function readOutput(path: string): Promise<string | null> {
  if (path.endsWith('.html')) return pageText(await readFile(path, 'utf8'));
  if (path.endsWith('.pdf')) return (await readPdf(new Uint8Array(await readFile(path)))).text.replace(/\s+/g, ' ');
  if (path.endsWith('.eml')) {
    const mail = await simpleParser(await readFile(path));
    return `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? pageText(mail.html) : ''}`.replace(/\s+/g, ' ');
  }
  return null;
}

/** Every canonical spelling of a day and month (in the years the plan can touch), across the shared styles. */
function canonicalSpellings(day: number, month: number, year: number | null): Set<string> {
  const years = year === null ? [2026, 2027, 2028] : [year];
  const spellings = new Set<string>();
  for (const y of years) {
    const iso = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (new Date(`${iso}T12:00:00Z`).getUTCDate() !== day) continue;
    for (const style of STYLES) spellings.add(formatDate(iso, style, LOCALE));
  }
  return spellings;
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.slice(0, 3))) + 1;
}

beforeAll(async () => {
  out = await workFolder('consistency');
  playbook = await buildWithEvidence(out, EXAMPLE_EVIDENCE, AFTER_VALIDATION);
  for (const path of (await filesUnder(out)).sort()) {
    const file = relative(out, path);
    const audience = file.split(/[\\/]/)[0] as Audience;
    if (!AUDIENCES.includes(audience) || /[\\/](pagefind|search)[\\/]/.test(file)) continue;
    const text = await readOutput(path);
    if (text !== null) outputs.push({ file, audience, text });
  }
});

afterAll(async () => {
  await removeFolder(out);
});

describe('dates across all outputs of each audience (one build of the example tenant)', () => {
  it('reads HTML pages, PDFs and email drafts of every audience', () => {
    for (const audience of AUDIENCES) {
      const files = outputs.filter((output) => output.audience === audience).map((output) => output.file);
      expect(
        files.some((file) => file.endsWith('.html')),
        audience,
      ).toBe(true);
      expect(
        files.some((file) => file.endsWith('.pdf')),
        audience,
      ).toBe(true);
    }
    expect(outputs.some((output) => output.file.endsWith('.eml'))).toBe(true);
  });

  it('writes every date in one of the shared styles, spelled exactly as src/shared/format.ts spells it', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { file, text } of outputs) {
      for (const match of text.matchAll(DATE_MENTION)) {
        checked += 1;
        const spellings = canonicalSpellings(Number(match[1]), monthNumber(match[2]!), match[3] === undefined ? null : Number(match[3]));
        if (!spellings.has(match[0])) wrong.push(`${file}: "${match[0]}" in "…${text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20)}…"`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('prints no ISO date (YYYY-MM-DD) in prose', () => {
    const iso = outputs.flatMap(({ file, text }) => [...text.matchAll(ISO_DATE)].map((match) => `${file}: "…${text.slice(Math.max(0, match.index - 50), match.index + 15)}…"`));
    expect(iso).toEqual([]);
  });

  it('says each milestone date in the long style in the admin outputs, and the enforcement date in every audience', () => {
    const admin = outputs
      .filter((output) => output.audience === 'admin')
      .map((output) => output.text)
      .join('\n');
    for (const milestone of milestoneList(playbook.schedule.milestones)) {
      expect(admin, milestone.id).toContain(formatDate(milestone.date, 'long', LOCALE));
    }
    const enforcement = formatDate(playbook.schedule.enforcementDate, 'long', LOCALE);
    expect(enforcement).toBe('Monday, 8 February 2027');
    for (const audience of AUDIENCES) {
      const texts = outputs.filter((output) => output.audience === audience);
      expect(
        texts.some((output) => output.text.includes(enforcement)),
        audience,
      ).toBe(true);
      // The texts' old spelling without the comma is gone from messages, sites and PDFs alike.
      expect(
        texts.filter((output) => output.text.includes('Monday 8 February 2027')).map((output) => output.file),
        audience,
      ).toEqual([]);
    }
  });
});

describe('error codes: the helpdesk lookup and the evidence clustering', () => {
  /** Code → the runbook entry the helpdesk error-code page links to. */
  async function helpdeskLookup(): Promise<Map<number, string | null>> {
    const html = await readFile(join(out, 'helpdesk', 'error-codes', 'index.html'), 'utf8');
    const rows = [...html.matchAll(/<tr id="code-(\d+)"[\s\S]*?<\/tr>/g)];
    return new Map(rows.map((row) => [Number(row[1]), /href="\.\.\/symptoms\/([a-z-]+)\/index\.html"/.exec(row[0])?.[1] ?? null]));
  }

  it('sends each code of the helpdesk lookup to the runbook entry the evidence analysis names for it', async () => {
    const lookup = await helpdeskLookup();
    expect(lookup.size).toBeGreaterThan(15);
    for (const code of [50076, 53002, 500121, 53003, 50074]) expect(lookup.has(code), String(code)).toBe(true);
    for (const [code, symptom] of lookup) expect(signInErrorCode(code)?.symptom ?? null, String(code)).toBe(symptom);
  });

  it('sends each failure cluster of the example evidence to the same entry as the helpdesk lookup, on the Tracking page too', async () => {
    const lookup = await helpdeskLookup();
    const clusters = playbook.evidence!.failureClusters.filter((cluster) => cluster.errorCode !== null);
    expect(clusters.map((cluster) => cluster.errorCode)).toEqual(expect.arrayContaining([500121, 53003]));
    const runbookTitle = new Map(playbook.runbook!.symptoms.map((symptom) => [symptom.id, symptom.title]));
    const tracking = visibleText(await readFile(join(out, 'admin', 'tracking', 'index.html'), 'utf8'));
    for (const cluster of clusters) {
      expect(cluster.runbookSymptom, String(cluster.errorCode)).toBe(lookup.get(cluster.errorCode!) ?? null);
      if (cluster.runbookSymptom !== null) expect(tracking).toContain(`“${runbookTitle.get(cluster.runbookSymptom)}”`);
    }
  });
});
