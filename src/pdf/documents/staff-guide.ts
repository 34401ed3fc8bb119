import type { StaffView } from '../../model/views.ts';
import { translatorFor } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translate.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline } from '../layout/index.ts';
import { documentOptions, nowrap, longDate, shortDate } from './common.ts';
import { staffWaveWho } from '../../model/waves.ts';

// staff/mfa-guide.pdf (staff/<language>/mfa-guide.pdf with several staff languages): one page for everyone,
// printed or pinned up, in one staff language; the words come from src/i18n/locales/<language>/guide.json.
// Rendered from the staff view only: it cannot show anything that view does not carry.

export const SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';

/** A message with <b>…</b> runs as the layout's inline text. */
function inline(t: Translator, key: string, values: Record<string, string> = {}): Inline {
  const runs = t.runs(key, values);
  return runs.length === 1 && !runs[0]!.tag ? runs[0]!.text : runs.map((run) => (run.tag === 'b' ? { text: run.text, bold: true } : { text: run.text }));
}

function setupSteps(t: Translator, method: StaffView['method']): Inline[] {
  const url = { securityInfoUrl: SECURITY_INFO_URL };
  if (method === 'passkey') {
    return [t.text('guide.passkey.install'), inline(t, 'guide.passkey.goTo', url), t.text('guide.passkey.choose'), t.text('guide.passkey.check')];
  }
  return [t.text('guide.authenticator.install'), inline(t, 'guide.authenticator.goTo', url), t.text('guide.authenticator.choose'), t.text('guide.authenticator.scan')];
}

export async function renderStaffGuide(view: StaffView, fonts: PdfFonts, language: string = view.staffLanguages[0]!): Promise<Uint8Array> {
  const { organisation, dates, helpdesk } = view;
  const t = translatorFor(language);
  const org = { org: organisation.name };
  const options = documentOptions({
    title: t.text('guide.title'),
    subject: t.text('guide.subject', org),
    organisation: organisation.name,
    author: t.text('guide.author', org),
    locale: language,
    pageSize: view.pageSize,
    planDate: view.meta.planVersionDate,
    planVersion: view.meta.planVersion,
    label: t.text('guide.label'),
    shortTitle: '',
    compact: true,
  });
  const doc = await LayoutDocument.create(fonts, {
    ...options,
    footerLeft: t.text('guide.footer', { planVersion: view.meta.planVersion, planDate: shortDate(view.meta.planVersionDate, language) }),
    pageLabel: (page, total) => t.text('guide.page', { page, total }),
  });
  const enforcementTime = view.enforcementTime;

  doc.paragraph(organisation.name, { size: 11, color: colors.accent, weight: 'bold', spaceAfter: 2 });
  doc.paragraph(t.text('guide.title'), { size: 20, weight: 'bold', spaceAfter: 4, role: 'H1' });
  // A plan in waves: no one day for everyone; the guide gives the first and last wave, and each place's day when
  // the waves are sites or departments.
  const waves = view.waves;
  if (!waves) {
    doc.paragraph(t.text('guide.intro', { enforcement: longDate(dates.enforcementDate, language) }), { size: 10.5, spaceAfter: 10 });
  } else {
    const span = { first: longDate(waves.firstEnforcementDate, language), last: longDate(waves.lastEnforcementDate, language), findYourDate: waves.findYourDate };
    doc.paragraph(t.text('guide.introWaves', span), { size: 10.5, spaceAfter: waves.findYourDate === 'place' ? 4 : 10 });
    if (waves.findYourDate === 'place') {
      doc.list(
        waves.waves.map((wave) => t.text('messages.announcement.waveDate', { who: staffWaveWho(t, wave), date: longDate(wave.enforcementDate, language) })),
        { size: 10, spaceAfter: 10 },
      );
    }
  }

  // Three dates side by side.
  const boxes = [
    { label: t.text('guide.boxes.from'), date: dates.announcement, note: t.text('guide.boxes.fromNote') },
    { label: t.text('guide.boxes.by'), date: dates.registrationDeadline, note: t.text('guide.boxes.byNote') },
    waves
      ? {
          label: t.text('guide.boxes.firstWave'),
          date: waves.firstEnforcementDate,
          note: t.text('guide.boxes.lastWaveNote', { last: shortDate(waves.lastEnforcementDate, language) }),
        }
      : { label: t.text('guide.boxes.required'), date: dates.enforcementDate, note: t.text('guide.boxes.requiredNote', { time: enforcementTime }) },
  ];
  doc.block(
    62,
    (canvas, top) => {
      const gap = 10;
      const width = (doc.contentWidth - 2 * gap) / 3;
      boxes.forEach((box, index) => {
        const x = doc.left + index * (width + gap);
        const last = index === boxes.length - 1;
        canvas.rect(x, top - 62, width, 62, { fill: last ? colors.warnLight : colors.accentLight });
        canvas.text(box.label, x + 8, top - 15, { size: 9, color: colors.muted, weight: 'bold' });
        canvas.text(shortDate(box.date, language), x + 8, top - 34, { size: 14, weight: 'bold', color: last ? colors.warn : colors.accent, maxWidth: width - 14 });
        canvas.text(box.note, x + 8, top - 51, { size: 8.5, color: colors.muted, maxWidth: width - 14 });
      });
    },
    10,
  );

  doc.heading(t.text('guide.whatToDo'), { level: 2, bookmark: true, anchor: 'what-to-do' });
  doc.list(setupSteps(t, view.method), { numbered: true, size: 10 });
  doc.paragraph(t.text(view.method === 'passkey' ? 'guide.passkey.after' : 'guide.authenticator.after'), { size: 10 });
  doc.paragraph(waves ? t.text('guide.alreadyWaves') : t.text('guide.already', { enforcementShort: shortDate(dates.enforcementDate, language) }), { size: 10 });

  doc.heading(t.text('guide.noSmartphoneHeading'), { level: 2, bookmark: true, anchor: 'no-smartphone' });
  doc.paragraph(t.text('guide.noSmartphone'), { size: 10 });

  doc.heading(t.text('guide.staySafeHeading'), { level: 2, bookmark: true, anchor: 'stay-safe' });
  doc.list([t.text('guide.onlyYours'), t.text('guide.neverAsk')], { size: 10 });

  doc.heading(t.text('guide.helpHeading'), { level: 2, bookmark: true, anchor: 'help' });
  const contactLines: Inline = [
    { text: t.text('guide.helpdesk'), bold: true },
    { text: nowrap(helpdesk.phone), bold: true, color: colors.accent },
    { text: `\n${helpdesk.email}` },
    { text: `\n${helpdesk.hours}` },
    ...(helpdesk.url ? [{ text: `\n${helpdesk.url}` }] : []),
  ];
  doc.callout(contactLines, { size: 11 });
  return doc.save();
}
