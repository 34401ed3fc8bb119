import type { StaffView } from '../../model/views.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline } from '../layout/index.ts';
import { documentOptions, nowrap, longDate, shortDate, STAFF_LABEL } from './common.ts';

// staff/mfa-guide.pdf: one page for everyone, printed or pinned up. Rendered from the staff view
// only: it cannot show anything that view does not carry.

export const SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';

function setupSteps(method: StaffView['method']): Inline[] {
  if (method === 'passkey') {
    return [
      'Install Microsoft Authenticator on your phone (free in the App Store and on Google Play), or use the security key IT gave you.',
      [{ text: 'On a computer, go to ' }, { text: SECURITY_INFO_URL, bold: true }, { text: ' and sign in with your work account.' }],
      'Choose "Add sign-in method", then "Passkey", and follow the steps on screen.',
      'Sign in once with the new passkey to check it works.',
    ];
  }
  return [
    'Install Microsoft Authenticator on your phone. It is free in the App Store and on Google Play.',
    [{ text: 'On a computer, go to ' }, { text: SECURITY_INFO_URL, bold: true }, { text: ' and sign in with your work account.' }],
    'Choose "Add sign-in method", then "Microsoft Authenticator".',
    'Scan the code on the screen with the app, then approve the test notification.',
  ];
}

export async function renderStaffGuide(view: StaffView, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, dates, locale, helpdesk } = view;
  const doc = await LayoutDocument.create(
    fonts,
    documentOptions({
      title: 'Your sign-in is getting an extra step',
      subject: `What changes at sign-in at ${organisation.name}, when, what to do and where to get help`,
      organisation: organisation.name,
      author: `${organisation.name} IT`,
      locale,
      pageSize: view.pageSize,
      planDate: view.meta.asOf,
      planVersion: view.meta.planVersion,
      label: STAFF_LABEL,
      shortTitle: 'MFA guide for staff',
      compact: true,
    }),
  );
  const enforcementTime = view.milestones.find((milestone) => milestone.id === 'enforcement')?.time ?? view.enforcementTime;

  doc.paragraph(organisation.name, { size: 11, color: colors.accent, weight: 'bold', spaceAfter: 2 });
  doc.paragraph('Your sign-in is getting an extra step', { size: 20, weight: 'bold', spaceAfter: 4 });
  doc.paragraph(
    `From ${longDate(dates.enforcementDate, locale)}, signing in to your work account takes one more step after your password: you confirm it is really you on your phone. This is multifactor authentication (MFA). It stops someone who has guessed or stolen your password.`,
    { size: 10.5, spaceAfter: 10 },
  );

  // Three dates side by side.
  const boxes = [
    { label: 'Set up from', date: dates.announcement, note: 'You will get an email' },
    { label: 'Set up by', date: dates.registrationDeadline, note: 'Takes about five minutes' },
    { label: 'Required from', date: dates.enforcementDate, note: `From ${enforcementTime}` },
  ];
  doc.block(62, (canvas, top) => {
    const gap = 10;
    const width = (doc.contentWidth - 2 * gap) / 3;
    boxes.forEach((box, index) => {
      const x = doc.left + index * (width + gap);
      const last = index === boxes.length - 1;
      canvas.rect(x, top - 62, width, 62, { fill: last ? colors.warnLight : colors.accentLight });
      canvas.text(box.label, x + 8, top - 15, { size: 9, color: colors.muted, weight: 'bold' });
      canvas.text(shortDate(box.date, locale), x + 8, top - 34, { size: 14, weight: 'bold', color: last ? colors.warn : colors.accent, maxWidth: width - 14 });
      canvas.text(box.note, x + 8, top - 51, { size: 8.5, color: colors.muted, maxWidth: width - 14 });
    });
  }, 10);

  doc.heading('What to do', { level: 2, bookmark: true, anchor: 'what-to-do' });
  doc.list(setupSteps(view.method), { numbered: true, size: 10 });
  doc.paragraph(
    view.method === 'passkey'
      ? 'After that, you sign in with your passkey: a glance or a fingerprint on your phone, or a touch of your security key. You are asked now and then, and on a new device, not every time you open your email.'
      : 'After that, your screen shows a number when you sign in; type it into the app on your phone. You are asked now and then, and on a new device, not every time you open your email.',
    { size: 10 },
  );
  doc.paragraph(
    `Already set up? Then there is nothing more to do. If you have not set it up by ${shortDate(dates.enforcementDate, locale)}, you will be asked to do it the next time you sign in.`,
    { size: 10 },
  );

  doc.heading('No smartphone, or a new phone?', { level: 2, bookmark: true, anchor: 'no-smartphone' });
  doc.paragraph('Call the helpdesk. We can give you a small security key instead, or move your sign-in to your new phone. Text messages and phone calls are no longer offered as a sign-in method.', { size: 10 });

  doc.heading('Stay safe', { level: 2, bookmark: true, anchor: 'stay-safe' });
  doc.list(
    [
      'Only approve a sign-in that you started yourself. If a request appears out of the blue, deny it and tell the helpdesk.',
      'IT will never ask you for a code, a number from the app or your password.',
    ],
    { size: 10 },
  );

  doc.heading('Need help?', { level: 2, bookmark: true, anchor: 'help' });
  const contactLines: Inline = [
    { text: 'Helpdesk: ', bold: true },
    { text: nowrap(helpdesk.phone), bold: true, color: colors.accent },
    { text: `\n${helpdesk.email}` },
    { text: `\n${helpdesk.hours}` },
    ...(helpdesk.url ? [{ text: `\n${helpdesk.url}` }] : []),
  ];
  doc.callout(contactLines, { size: 11 });
  return doc.save();
}
