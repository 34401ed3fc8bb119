import { describe, expect, it } from 'vitest';
import { evidenceContextFromPlaybook } from '../../src/model/evidence-context.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { loadPdfFonts } from '../../src/pdf/index.ts';
import { renderPlan } from '../../src/pdf/documents/plan.ts';
import { navFor, pagesFor } from '../../src/site/routes.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { examplePlaybook } from '../helpers/example.ts';
import { readPdf } from '../pdf/read.ts';
import { AFTER_VALIDATION, EXAMPLE_EVIDENCE } from './helpers.ts';

// Evidence is optional: a build without it has no Tracking page, no nav entry and the plan PDF it always had.

describe('without evidence', () => {
  const plain = examplePlaybook(AFTER_VALIDATION);

  it('the admin site has no Tracking page or nav entry; with evidence it has both, and only the admin site', async () => {
    const evidence = await readEvidence(EXAMPLE_EVIDENCE, evidenceContextFromPlaybook(plain, AFTER_VALIDATION));
    const [without] = toSiteData([{ slug: 'x', playbook: plain, files: [] }], 'single');
    const [withEvidence] = toSiteData([{ slug: 'x', playbook: { ...plain, evidence }, files: [] }], 'single');
    expect(pagesFor(without!, 'admin', []).map((page) => page.kind)).not.toContain('admin-tracking');
    expect(navFor(without!, 'admin', []).map((item) => item.label)).not.toContain('Tracking');
    expect(
      pagesFor(withEvidence!, 'admin', [])
        .filter((page) => page.kind === 'admin-tracking')
        .map((page) => page.file),
    ).toEqual(['tracking/index.html']);
    expect(
      navFor(withEvidence!, 'admin', [])
        .map((item) => item.label)
        .slice(0, 2),
    ).toEqual(['Plan', 'Tracking']);
    for (const site of ['staff', 'helpdesk'] as const) {
      expect(pagesFor(withEvidence!, site, []).map((page) => page.file)).toEqual(pagesFor(without!, site, []).map((page) => page.file));
      expect(JSON.stringify(withEvidence![site])).not.toContain('evidence');
      expect(JSON.stringify(withEvidence![site])).not.toContain('scan2mail@');
    }
  });

  it('the plan PDF keeps its nine sections and has no Progress section; the same playbook with evidence adds it as section 2', async () => {
    const fonts = await loadPdfFonts();
    const evidence = await readEvidence(EXAMPLE_EVIDENCE, evidenceContextFromPlaybook(plain, AFTER_VALIDATION));
    const before = await readPdf(await renderPlan(plain, fonts));
    expect(before.outline.map((entry) => entry.title)).not.toContain('Progress');
    expect(before.text).not.toContain('Progress');
    expect(before.text.replace(/\s+/g, ' ')).toContain('9. Approval and sign-off');
    const after = await readPdf(await renderPlan({ ...plain, evidence }, fonts));
    expect(after.outline.map((entry) => entry.title)).toEqual(['Executive summary', 'Progress', ...before.outline.map((entry) => entry.title).slice(1)]);
    expect(after.text.replace(/\s+/g, ' ')).toContain('10. Approval and sign-off');
  });
});
