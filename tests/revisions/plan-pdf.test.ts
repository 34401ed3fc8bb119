import { describe, expect, it } from 'vitest';
import { loadPdfFonts } from '../../src/pdf/fonts.ts';
import { renderPlan } from '../../src/pdf/documents/plan.ts';
import { readPdf, type ReadPdf } from '../pdf/read.ts';
import { longDate, shortDate } from '../../src/shared/format.ts';
import { BEFORE_A_FRIDAY, failedGoNoGo, playbookWith } from './helpers.ts';

// The plan PDF of a revised plan, read back with pdf.js: the version and its day on the cover and in the footer,
// the version history with the reason, and what changed (old date → new date per milestone and message).

const REASON = 'Go/no-go failed: 14% of report-only sign-ins would have been blocked.';
const today = BEFORE_A_FRIDAY.goNoGo;
const later = '2027-03-26';
const revise = failedGoNoGo(REASON);
const flat = (pdf: ReadPdf) => pdf.text.replace(/\s+/g, ' ');
// Dates as the plan writes them (the one formatting module), so the assertions follow its style.
const short = (date: string) => shortDate(date, 'en-GB');

describe('the plan PDF of a plan revised on its failed go/no-go', () => {
  let pdf: ReadPdf;
  let rebuilt: ReadPdf;

  it('is read back', async () => {
    const fonts = await loadPdfFonts();
    pdf = await readPdf(await renderPlan(playbookWith(revise, today), fonts));
    // The same config built nine days later: the plan date is the version's, not the build's.
    rebuilt = await readPdf(await renderPlan(playbookWith(revise, later), fonts));
    expect(pdf.pageCount).toBeGreaterThan(3);
  });

  it('gives version 1.1 and the revision day on the cover and in every footer', () => {
    expect(flat(pdf)).toContain('Plan version 1.1');
    expect(flat(pdf)).toContain(`Plan date ${longDate(today, 'en-GB')}`);
    for (const page of pdf.pages.slice(1)) expect(page.replace(/\s+/g, ' ')).toContain(`plan 1.1 of ${short(today)}`);
  });

  it('lists the version history with the reason', () => {
    const text = flat(pdf);
    expect(text).toContain('Version history');
    expect(text).toContain(`1.0 ${short(BEFORE_A_FRIDAY.startDate)} The plan as first approved.`);
    expect(text).toContain(`1.1 ${short(today)} ${REASON}`);
  });

  it('shows what changed: old date and new date per milestone and message', () => {
    const text = flat(pdf);
    expect(text).toContain('What changed in version 1.1');
    expect(text).toContain(`Enforcement Milestone ${short(BEFORE_A_FRIDAY.enforcement)} ${short('2027-03-22')}`);
    expect(text).toContain(`Go / no-go decision Milestone ${short(today)} ${short('2027-03-19')}`);
    expect(text).toContain(`MFA starts on Monday Message ${short(today)} ${short('2027-03-19')}`);
    expect(text).toContain(`The date has moved Message — ${short(today)}`);
    expect(text).not.toMatch(/Announcement Milestone/);
  });

  it('gives the new enforcement date in the key dates and the communications schedule', () => {
    const text = flat(pdf);
    expect(text).toContain(`${short('2027-03-22')} 08:00 Enforcement`);
    expect(text).toContain(`${short(today)} The date has moved`);
  });

  it('keeps the version and its date when the same config is built on a later day', () => {
    expect(flat(rebuilt)).toContain(`Plan date ${longDate(today, 'en-GB')}`);
    expect(flat(rebuilt)).not.toContain(`Plan date ${longDate(later, 'en-GB')}`);
    for (const page of rebuilt.pages.slice(1)) expect(page.replace(/\s+/g, ' ')).toContain(`plan 1.1 of ${short(today)}`);
    expect(rebuilt.info['CreationDate']).toBe(pdf.info['CreationDate']);
  });
});
