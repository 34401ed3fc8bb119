import { beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/model/playbook.ts';
import { loadPdfFonts, renderPdfs, type PdfFile } from '../../src/pdf/index.ts';
import { CANARIES, hostilePlaybook } from '../helpers/example.ts';
import { rawContent, readPdf, type ReadPdf } from './read.ts';

// The Arabic fallback font comes from @expo-google-fonts/noto-sans-arabic; without it Arabic letters
// are drawn as "?" (never a crash), and the test of the Arabic run is skipped.
const hasArabicFont = (await loadPdfFonts()).fallback !== null;

let playbook: Playbook;
let files: PdfFile[];
const read = new Map<string, ReadPdf>();

beforeAll(async () => {
  playbook = hostilePlaybook();
  files = await renderPdfs(playbook, await loadPdfFonts());
  for (const f of files) read.set(f.path, await readPdf(f.bytes));
});

function pdf(path: string): ReadPdf {
  return read.get(path)!;
}

describe('Unicode tenant (Zürich Ærø Łódź Ğüneş, Greek, Cyrillic and Arabic names)', () => {
  it('renders Latin with diacritics, Greek and Cyrillic as real text in the embedded Noto Sans subset', () => {
    const plan = pdf('admin/plan.pdf').text;
    expect(plan).toContain('Zürich Ærø Łódź Ğüneş');
    expect(plan).toContain('Σοφία Παπαδοπούλου');
    expect(plan).toContain('Дмитрий Иванов');
    expect(plan).toContain('<script>alert("org")</script>');
    for (const path of ['helpdesk/runbook.pdf', 'staff/mfa-guide.pdf']) expect(pdf(path).text).toContain('Zürich Ærø Łódź Ğüneş');
    expect(pdf('helpdesk/runbook.pdf').text).toContain('Σοφία Παπαδοπούλου');
    expect(pdf('admin/plan.pdf').info.Title).toContain('Zürich Ærø Łódź Ğüneş');
  });

  it('embeds subset fonts only, none of the standard 14 for the text', () => {
    const raw = rawContent(files.find((f) => f.path === 'admin/plan.pdf')!.bytes);
    expect(raw).toContain('/BaseFont /MFAPBA+NotoSans-Regular');
    expect(raw).toContain('/BaseFont /MFAPBB+NotoSans-Bold');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Times|Courier|Symbol)/);
  });

  it.skipIf(!hasArabicFont)('draws the Arabic sponsor name with the Arabic fallback font instead of dropping it', () => {
    const plan = pdf('admin/plan.pdf').text;
    // pdf.js may give the shaped right-to-left run in visual order; every letter of the name is there.
    for (const letter of 'مريمالحسيني') expect(plan).toContain(letter);
    const raw = rawContent(files.find((f) => f.path === 'admin/plan.pdf')!.bytes);
    expect(raw).toContain('/BaseFont /MFAPBD+NotoSansArabic-Regular');
    expect(plan).toContain('Geschäftsführerin');
  });

  it('keeps every file under 500 KB and renders byte-identically', async () => {
    for (const f of files) expect(f.bytes.length, f.path).toBeLessThan(500 * 1024);
    const again = await renderPdfs(hostilePlaybook(), await loadPdfFonts());
    again.forEach((f, index) => expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(files[index]!.bytes)), f.path).toBe(0));
  });
});

describe('Confidentiality of the helpdesk and staff PDFs', () => {
  it('the canaries are in the admin plan, so the test below can catch a leak', () => {
    const admin = pdf('admin/plan.pdf').text;
    expect(admin).toContain('CANARY-BG-GROUP-91c2');
    expect(admin).toContain('canary-exception-55d1');
  });

  for (const path of ['helpdesk/runbook.pdf', 'staff/mfa-guide.pdf']) {
    it(`${path} holds no break-glass account, group, exception, exemption or pilot member`, () => {
      const doc = pdf(path);
      const file = files.find((f) => f.path === path)!;
      const haystacks = [doc.text, JSON.stringify(doc.info), JSON.stringify(doc.outline), JSON.stringify(Object.keys(doc.fields)), rawContent(file.bytes)].map((value) =>
        value.toLowerCase(),
      );
      for (const canary of CANARIES) {
        for (const haystack of haystacks) expect(haystack, canary).not.toContain(canary.toLowerCase());
      }
      // Decision records are admin-only: nothing of the exemption request reaches these audiences.
      expect(doc.text).not.toContain('Finance Director');
      expect(doc.text).not.toContain('Exemption request');
      expect(doc.text).not.toContain('Confidential — IT');
    });
  }

  it('renders the helpdesk and staff PDFs from their audience views only', async () => {
    // A model whose confidential fields hold different values renders the same helpdesk and staff bytes.
    const scrubbed: Playbook = {
      ...hostilePlaybook(),
      breakGlass: { group: { name: 'x', objectId: null }, accounts: [] },
      exceptions: [],
      decisions: [],
      pilotGroup: { name: 'x', objectId: null, members: [] },
      policies: [],
    };
    const other = await renderPdfs(scrubbed, await loadPdfFonts());
    for (const path of ['helpdesk/runbook.pdf', 'staff/mfa-guide.pdf']) {
      const a = files.find((f) => f.path === path)!.bytes;
      const b = other.find((f) => f.path === path)!.bytes;
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b)), path).toBe(0);
    }
  });
});
