import { beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/model/playbook.ts';
import { itemKey } from '../../src/pdf/documents/checklists.ts';
import { fieldPart, longDate, shortDate } from '../../src/pdf/documents/common.ts';
import { loadPdfFonts, renderPdfs, type PdfFile, type PdfFonts } from '../../src/pdf/index.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { readPdf, type ReadPdf } from './read.ts';

let fonts: PdfFonts;
let playbook: Playbook;
let files: PdfFile[];
const read = new Map<string, ReadPdf>();

function file(path: string): PdfFile {
  const found = files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found;
}
function pdf(path: string): ReadPdf {
  const found = read.get(path);
  if (!found) throw new Error(`not read: ${path}`);
  return found;
}

beforeAll(async () => {
  fonts = await loadPdfFonts();
  playbook = examplePlaybook();
  files = await renderPdfs(playbook, fonts);
  for (const f of files) read.set(f.path, await readPdf(f.bytes));
});

describe('PDF set of the example tenant', () => {
  it('renders every document at its place in the output folder', () => {
    const paths = files.map((f) => f.path).sort();
    const expected = [
      'admin/plan.pdf',
      'admin/checklists.pdf',
      'admin/communications.pdf',
      'helpdesk/runbook.pdf',
      'staff/mfa-guide.pdf',
      ...playbook.decisions.map((decision) => `admin/decisions/${fieldPart(decision.id)}.pdf`),
    ].sort();
    expect(paths).toEqual(expected);
    expect(paths).toContain('admin/decisions/cfo-prompts.pdf');
  });

  it('keeps every file under 500 KB, with a sane number of A4 pages', () => {
    for (const f of files) {
      expect(f.bytes.length, f.path).toBeLessThan(500 * 1024);
      expect(Buffer.from(f.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const doc = pdf(f.path);
      expect(doc.pageCount, f.path).toBeGreaterThanOrEqual(1);
      expect(doc.pageCount, f.path).toBeLessThanOrEqual(40);
      for (const size of doc.pageSizes) expect(size).toEqual([595, 842]);
    }
    expect(pdf('staff/mfa-guide.pdf').pageCount).toBe(1);
    expect(pdf('admin/plan.pdf').pageCount).toBeGreaterThanOrEqual(5);
    expect(pdf('helpdesk/runbook.pdf').pageCount).toBeGreaterThanOrEqual(3);
  });

  it('shows the organisation, the enforcement date and the helpdesk phone where expected', () => {
    const enforcementLong = longDate(playbook.schedule.enforcementDate, playbook.locale);
    const enforcementShort = shortDate(playbook.schedule.enforcementDate, playbook.locale);
    expect(enforcementLong).toMatch(/^Monday,? 8 February 2027$/);
    for (const path of ['admin/plan.pdf', 'helpdesk/runbook.pdf', 'staff/mfa-guide.pdf']) {
      const text = pdf(path).text;
      expect(text, path).toContain('Northgate Engineering Ltd');
      expect(text, path).toContain(enforcementLong);
      expect(text, path).toContain('+44 20 7946 0321');
    }
    expect(pdf('admin/plan.pdf').text).toContain(`${enforcementLong} at 08:00`);
    expect(pdf('staff/mfa-guide.pdf').text).toContain(enforcementShort);
    expect(pdf('staff/mfa-guide.pdf').text).toContain('https://aka.ms/mysecurityinfo');
    // People and owners in the manager plan.
    const plan = pdf('admin/plan.pdf').text;
    expect(plan).toContain('Daniel Whitfield');
    expect(plan).toContain('Priya Raman');
    expect(plan).toContain('Set up the emergency access accounts');
  });

  it('puts every message with its send date in communications.pdf', () => {
    const text = pdf('admin/communications.pdf').text;
    expect(playbook.communications.length).toBeGreaterThan(0);
    for (const message of playbook.communications) {
      expect(text).toContain(message.title);
      if (message.sendDate) expect(text).toContain(shortDate(message.sendDate, playbook.locale));
    }
  });

  it('stamps the running header and footer: organisation, classification, page N of M', () => {
    for (const f of files) {
      const doc = pdf(f.path);
      doc.pages.forEach((page, index) => {
        expect(page, `${f.path} p${index + 1}`).toContain(`Page ${index + 1} of ${doc.pageCount}`);
        expect(page).toContain('Northgate Engineering Ltd');
        if (f.path.startsWith('admin/')) expect(page).toContain('Confidential — IT');
        else expect(page).not.toContain('Confidential');
      });
    }
  });

  it('writes the metadata from the plan, not from the clock', () => {
    const info = pdf('admin/plan.pdf').info;
    expect(info.Title).toBe('MFA rollout plan — Northgate Engineering Ltd');
    expect(info.Author).toBe('Priya Raman (IT Manager)');
    expect(String(info.Subject)).toContain('Northgate Engineering Ltd');
    expect(info.Language).toBe('en-GB');
    expect(info.Creator).toBe('mfa-playbook');
    expect(info.Producer).toBe('mfa-playbook PDF renderer');
    expect(info.CreationDate).toMatch(/^D:20270104000000/);
    expect(info.ModDate).toMatch(/^D:20270104000000/);
  });

  it('has an outline per section and contents entries that link inside the document', () => {
    const plan = pdf('admin/plan.pdf');
    const titles = plan.outline.map((item) => item.title);
    expect(titles).toEqual([
      'Executive summary',
      'Timeline',
      'Phases and tasks',
      'Communications schedule',
      'Risks and mitigations',
      'Success criteria',
      'Exceptions and decisions',
      'Sources',
      'Approval and sign-off',
    ]);
    const phases = plan.outline.find((item) => item.title === 'Phases and tasks')!;
    expect(phases.children).toHaveLength(playbook.schedule.phases.length);
    expect(phases.children[0]).toMatch(/^Prepare \(/);
    expect(plan.links.filter((link) => link.page === 1).length).toBe(9);

    const runbook = pdf('helpdesk/runbook.pdf');
    expect(runbook.outline.map((item) => item.title)).toEqual(['Verify the caller first', 'Standard answers', 'What the caller says', 'Sign-in error codes', 'Contacts']);
    expect(runbook.outline.find((item) => item.title === 'What the caller says')!.children).toEqual(playbook.runbook!.symptoms.map((symptom) => symptom.title));
    expect(runbook.links.length).toBeGreaterThanOrEqual(5);

    expect(pdf('staff/mfa-guide.pdf').outline.map((item) => item.title)).toContain('Need help?');
    expect(pdf('admin/checklists.pdf').outline.map((item) => item.title)).toEqual(playbook.checklists.map((checklist) => checklist.title));
    expect(pdf('admin/decisions/cfo-prompts.pdf').outline.map((item) => item.title)).toContain('Signatures');
  });

  it('has fillable checklists: a checkbox and an evidence field per item, with stable names', () => {
    const fields = pdf('admin/checklists.pdf').fields;
    let items = 0;
    for (const checklist of playbook.checklists) {
      for (const item of checklist.items) {
        const key = `${checklist.phase}.${fieldPart(itemKey(checklist.phase, item.id))}`;
        expect(fields[`${key}.done`], key).toContain('checkbox');
        expect(fields[`${key}.evidence`], key).toContain('text');
        items += 1;
      }
      expect(fields[`${checklist.phase}.signoff.name`]).toContain('text');
      expect(fields[`${checklist.phase}.signoff.date`]).toContain('text');
    }
    expect(items).toBeGreaterThan(20);
    expect(fields['prepare.break-glass-accounts.done']).toContain('checkbox');
  });

  it('has a sign-off block with name, date and signature fields in the plan and the decision records', () => {
    const plan = pdf('admin/plan.pdf').fields;
    // Three signatures (prepared by, approved by, sponsor) and the approver's choice, all on the last page.
    for (const choice of ['approve', 'approve-with-changes', 'reject']) expect(plan[`signoff.decision.${choice}`], choice).toContain('checkbox');
    expect(plan['signoff.changes']).toContain('text');
    const lastPage = pdf('admin/plan.pdf').pages.at(-1)!;
    for (const caption of ['Prepared by: Priya Raman', 'Approved by: Daniel Whitfield', 'Sponsor: Margaret Osei', 'Approve with changes', 'Reject'])
      expect(lastPage).toContain(caption);
    for (const role of ['prepared-by', 'approver', 'sponsor']) {
      expect(plan[`signoff.${role}.name`]).toContain('text');
      expect(plan[`signoff.${role}.date`]).toContain('text');
      expect(plan[`signoff.${role}.signature`]).toContain('signature');
    }
    const decision = playbook.decisions.find((record) => record.id === 'cfo-prompts')!;
    const fields = pdf('admin/decisions/cfo-prompts.pdf').fields;
    for (const signer of decision.signatures) {
      const role = fieldPart(signer.role);
      expect(fields[`decision.${role}.name`], role).toContain('text');
      expect(fields[`decision.${role}.date`], role).toContain('text');
      expect(fields[`decision.${role}.signature`], role).toContain('signature');
    }
    const text = pdf('admin/decisions/cfo-prompts.pdf').text;
    expect(text).toContain('Claire Hendry');
    expect(text).toContain('Option B');
  });

  it('renders byte-identical files from the same input', async () => {
    const again = await renderPdfs(examplePlaybook(), await loadPdfFonts());
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    again.forEach((f, index) => expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(files[index]!.bytes)), f.path).toBe(0));
  });

  it('loads the font files once per process', async () => {
    expect(await loadPdfFonts()).toBe(fonts);
  });
});

describe('PDF options and empty sections', () => {
  it('uses Letter pages when the playbook says so (en-US)', async () => {
    const letter = await renderPdfs({ ...examplePlaybook(), locale: 'en-US', pageSize: 'Letter' }, await loadPdfFonts());
    const staff = await readPdf(letter.find((f) => f.path === 'staff/mfa-guide.pdf')!.bytes);
    expect(staff.pageSizes).toEqual([[612, 792]]);
    expect(staff.pageCount).toBe(1);
    const plan = await readPdf(letter.find((f) => f.path === 'admin/plan.pdf')!.bytes);
    for (const size of plan.pageSizes) expect(size).toEqual([612, 792]);
  });

  it('renders every document while the content sections are still empty', async () => {
    const empty: Playbook = { ...examplePlaybook(), communications: [], runbook: null, decisions: [], checklists: [], facts: [], guidance: [], risks: [], successCriteria: [] };
    const out = await renderPdfs(empty, await loadPdfFonts());
    expect(out.map((f) => f.path).sort()).toEqual(['admin/checklists.pdf', 'admin/communications.pdf', 'admin/plan.pdf', 'helpdesk/runbook.pdf', 'staff/mfa-guide.pdf']);
    const plan = await readPdf(out.find((f) => f.path === 'admin/plan.pdf')!.bytes);
    expect(plan.text).toContain('No risks have been recorded yet.');
    expect(plan.outline).toHaveLength(9);
    const runbook = await readPdf(out.find((f) => f.path === 'helpdesk/runbook.pdf')!.bytes);
    expect(runbook.text).toContain('+44 20 7946 0321');
    // Without written checklists, one checklist per phase is built from the dated tasks.
    const checklists = await readPdf(out.find((f) => f.path === 'admin/checklists.pdf')!.bytes);
    expect(checklists.fields['prepare.break-glass.done']).toContain('checkbox');
    expect(checklists.fields['prepare.break-glass.evidence']).toContain('text');
    expect((await readPdf(out.find((f) => f.path === 'staff/mfa-guide.pdf')!.bytes)).pageCount).toBe(1);
  });
});
