import type { HelpdeskView } from '../../model/views.ts';
import { staffWaveName } from '../../model/waves.ts';
import { translatorFor } from '../../i18n/catalog.ts';
import { FALLBACK_LANGUAGE } from '../../i18n/languages.ts';
import { ERROR_CODE_LOCATION } from '../../model/error-codes.ts';
import { ERROR_CODES_TITLE, runbookPartTitles, see, type RunbookPartId, type RunbookText } from '../../model/runbook-refs.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Span } from '../layout/index.ts';
import { dateRange, nowrap, documentOptions, HELPDESK_LABEL, longDate, shortDate } from './common.ts';

// helpdesk/runbook.pdf: print-friendly triage for the helpdesk. Rendered from the helpdesk view
// only, which carries no emergency-account names, exceptions or exemption records.

const LIKELIHOOD_COLORS = {
  'most likely': colors.warn,
  possible: colors.accent,
  unlikely: colors.muted,
} as const;

/** The heading anchor of each part of the runbook a text can refer to. */
function anchorOf(part: RunbookPartId): string {
  return part === 'caller-verification' ? 'verify' : part === 'error-codes' ? 'error-codes' : `symptom-${part}`;
}

/**
 * Runbook prose as spans: a reference is the part's title in quotes, linked to its heading, followed by its page
 * number. The page numbers come from the previous layout (see renderRunbook); before there is one, a two-digit
 * stand-in keeps the line widths close.
 */
function referenceSpans(text: RunbookText, titles: ReadonlyMap<RunbookPartId, string>, pages: ReadonlyMap<string, number>): Span[] {
  return text.flatMap((part): Span[] =>
    typeof part === 'string'
      ? [{ text: part }]
      : [{ text: `“${titles.get(part.ref) ?? part.ref}”`, color: colors.accent, link: `#${anchorOf(part.ref)}` }, { text: ` (page ${pages.get(anchorOf(part.ref)) ?? 88})` }],
  );
}

/**
 * helpdesk/runbook.pdf. Cross-references print the page of the heading they point to, which is known only once the
 * document is laid out: it is laid out again with the pages of the previous pass until they no longer change
 * (usually twice; a page number that moves a heading to another page takes a third).
 */
export async function renderRunbook(view: HelpdeskView, fonts: PdfFonts): Promise<Uint8Array> {
  let pages: ReadonlyMap<string, number> = new Map();
  for (let pass = 0; pass < 4; pass += 1) {
    const doc = await layoutRunbook(view, fonts, pages);
    const placed = doc.anchorPages();
    const stable = placed.size === pages.size && [...placed].every(([anchor, page]) => pages.get(anchor) === page);
    if (stable || pass === 3) return doc.save();
    pages = placed;
  }
  throw new Error('unreachable');
}

async function layoutRunbook(view: HelpdeskView, fonts: PdfFonts, pages: ReadonlyMap<string, number>): Promise<LayoutDocument> {
  const { organisation, dates, locale, helpdesk, runbook } = view;
  const doc = await LayoutDocument.create(
    fonts,
    documentOptions({
      title: 'Helpdesk runbook: MFA rollout',
      subject: `Triage of sign-in and MFA calls during the MFA rollout at ${organisation.name}, with the sign-in error codes`,
      organisation: organisation.name,
      author: `${view.itLead.name} (${view.itLead.role})`,
      locale,
      pageSize: view.pageSize,
      planDate: view.meta.planVersionDate,
      planVersion: view.meta.planVersion,
      label: HELPDESK_LABEL,
      shortTitle: 'Helpdesk runbook',
    }),
  );
  const enforcementTime = view.enforcementTime;

  doc.paragraph('Helpdesk runbook: MFA rollout', { size: 20, weight: 'bold', spaceAfter: 2, role: 'H1' });
  doc.paragraph(organisation.name, { size: 12, color: colors.accent, weight: 'bold', spaceAfter: 10 });
  doc.callout(
    [
      // A plan in waves: every wave's day and the busy days after it, not only the first wave's.
      ...(view.waves
        ? [
            { text: `Enforcement in ${view.waves.waves.length} waves, each at ${enforcementTime}:`, bold: true },
            ...view.waves.waves.map((wave) => ({
              text: `\n${shortDate(wave.enforcementDate, locale)} (busy until ${shortDate(wave.watchEndDate, locale)}): ${staffWaveName(translatorFor(FALLBACK_LANGUAGE), wave)}`,
            })),
          ]
        : [
            { text: 'Enforcement: ', bold: true },
            { text: `${longDate(dates.enforcementDate, locale)} at ${enforcementTime}`, bold: true, color: colors.warn },
            { text: runbook ? `. Busy window: ${dateRange(runbook.enforcementWindow.from, runbook.enforcementWindow.to, locale)}.` : '.' },
          ]),
      { text: `\nRegistration window: ${shortDate(dates.announcement, locale)} to ${shortDate(dates.registrationDeadline, locale)}.` },
      { text: `\nHelpdesk line: ${nowrap(helpdesk.phone)} · ${helpdesk.email} · ${helpdesk.hours}` },
      { text: `\nEscalate to: ${view.itLead.name} (${view.itLead.role}), ${view.itLead.email}` },
    ],
    { size: 10 },
  );

  const sections = runbook
    ? [
        { anchor: 'verify', title: runbook.identityVerification.title },
        { anchor: 'answers', title: 'Standard answers' },
        ...runbook.symptoms.map((symptom) => ({ anchor: `symptom-${symptom.id}`, title: symptom.title, level: 2 as const })),
        { anchor: 'error-codes', title: ERROR_CODES_TITLE },
        { anchor: 'contacts', title: 'Contacts' },
      ]
    : [];
  if (runbook) {
    doc.heading('Contents', { level: 2, bookmark: false });
    const symptomsAt = sections.findIndex((section) => section.anchor.startsWith('symptom-'));
    const entries = [...sections];
    if (symptomsAt >= 0) entries.splice(symptomsAt, 0, { anchor: 'symptoms', title: 'What the caller says' });
    doc.contents(entries, 9.5);
  }

  if (!runbook) {
    doc.heading('Triage guide', { anchor: 'triage' });
    doc.paragraph(
      'The triage guide for this rollout has not been written yet. Until it is, pass every MFA call to the IT lead above, and never reset MFA or issue a Temporary Access Pass without calling the user back on the number on record.',
    );
    return doc;
  }
  const titles = runbookPartTitles(runbook);
  const spans = (text: RunbookText) => referenceSpans(text, titles, pages);

  // ---- verify ------------------------------------------------------------------------------
  doc.pageBreak();
  doc.heading(`1. ${runbook.identityVerification.title}`, { anchor: 'verify', outlineTitle: runbook.identityVerification.title });
  doc.paragraph(runbook.identityVerification.summary);
  doc.list(runbook.identityVerification.steps.map(spans), { numbered: true });
  if (runbook.identityVerification.never.length > 0) {
    doc.callout(
      runbook.identityVerification.never.flatMap((line, index): Span[] => [{ text: `${index > 0 ? '\n' : ''}• `, bold: true, color: colors.warn }, { text: line }]),
      { fill: colors.warnLight, border: colors.warn },
    );
  }

  // ---- standard answers ------------------------------------------------------------------------
  doc.heading('2. Standard answers', { anchor: 'answers', outlineTitle: 'Standard answers' });
  doc.table(
    [
      { header: 'Situation', width: 2 },
      { header: 'What to do', width: 4 },
    ],
    runbook.standardAnswers.map((answer) => [[{ text: answer.situation, bold: true }], spans(answer.answer)]),
    { empty: 'No standard answers yet.', zebra: true, size: 9.5 },
  );

  // ---- symptoms ----------------------------------------------------------------------------
  doc.heading('3. What the caller says', { anchor: 'symptoms', outlineTitle: 'What the caller says' });
  runbook.symptoms.forEach((symptom, index) => {
    // Heading, what the caller says and the start of the causes table belong together.
    doc.needSpace(150);
    doc.heading(`3.${index + 1} ${symptom.title}`, { level: 2, anchor: `symptom-${symptom.id}`, outlineTitle: symptom.title });
    doc.paragraph([
      { text: 'The caller says: ', bold: true },
      { text: symptom.userSays, italic: true },
    ]);
    doc.table(
      [
        { header: 'Likelihood', width: 1 },
        { header: 'Cause', width: 3 },
        { header: 'How to check', width: 3 },
      ],
      symptom.likelyCauses.map((cause) => [[{ text: cause.likelihood, bold: true, color: LIKELIHOOD_COLORS[cause.likelihood] }], cause.cause, spans(cause.check)]),
      { size: 9 },
    );
    doc.heading('Steps', { level: 3, bookmark: false });
    doc.list(symptom.steps.map(spans), { numbered: true, size: 9.5 });
    doc.paragraph([{ text: 'Where: ', bold: true }, { text: symptom.adminPath }], { size: 9.5 });
    doc.paragraph([{ text: 'Tell the user: ', bold: true }, { text: symptom.tellUser }], { size: 9.5 });
    doc.paragraph([{ text: 'Escalate when: ', bold: true, color: colors.warn }, ...spans(symptom.escalateWhen)], { size: 9.5 });
  });

  // ---- error codes ---------------------------------------------------------------------------
  doc.heading(`4. ${ERROR_CODES_TITLE}`, { anchor: 'error-codes', outlineTitle: ERROR_CODES_TITLE });
  doc.paragraph(`Find the code in the sign-in log (${ERROR_CODE_LOCATION}) or on the caller's screen, often shown as AADSTS followed by digits.`, {
    size: 9,
    color: colors.muted,
  });
  doc.table(
    [
      { header: 'Code', width: 0.9 },
      { header: 'Meaning', width: 3.2 },
      { header: 'What to do', width: 3.4 },
    ],
    runbook.errorCodes.map((entry) => [
      [{ text: entry.code, bold: true }],
      [{ text: entry.name, bold: true }, { text: `\n${entry.meaning}` }],
      entry.symptom && titles.has(entry.symptom) ? spans([`${entry.action} See `, see(entry.symptom), '.']) : entry.action,
    ]),
    { empty: 'The error-code table has not been written yet.', size: 8.5, zebra: true },
  );

  // ---- contacts ------------------------------------------------------------------------------
  doc.heading('5. Contacts', { anchor: 'contacts', outlineTitle: 'Contacts' });
  doc.table(
    [
      { header: 'For', width: 2 },
      { header: 'Who', width: 2.4 },
      { header: 'Email', width: 2.6 },
      { header: 'Phone', width: 1.5 },
    ],
    runbook.contacts.map((contact) => [contact.label, `${contact.name}\n${contact.role}`, contact.email, nowrap(contact.phone ?? '')]),
    { empty: 'No contacts listed.' },
  );
  return doc;
}
