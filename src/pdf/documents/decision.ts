import type { DecisionRecord } from '../../model/content.ts';
import type { Playbook } from '../../model/playbook.ts';
import { EXPOSURE_LEVEL_LABEL, exposureLevels } from '../../model/sign-off.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline } from '../layout/index.ts';
import { adminDocumentOptions, FieldNames, fieldPart, longDate, shortDate } from './common.ts';
import { choiceRow, labelledField } from './form-blocks.ts';
import { SIGNATURE_BLOCK_HEIGHT, signatureBlock } from './plan.ts';

// admin/decisions/<id>.pdf: one exemption decision record, with signature and date fields for each
// person who signs it ("decision.<role>.name", ".date", ".signature").

export async function renderDecision(playbook: Playbook, decision: DecisionRecord, fonts: PdfFonts): Promise<Uint8Array> {
  const { organisation, locale } = playbook;
  const doc = await LayoutDocument.create(fonts, {
    ...adminDocumentOptions(playbook, {
      title: `Decision record: ${decision.title}`,
      subject: `Exemption decision record for the MFA rollout at ${organisation.name}`,
      shortTitle: `Decision record ${decision.id}`,
    }),
    fillable: true,
  });

  doc.paragraph(decision.isTemplate ? 'Decision record (template)' : 'Decision record', { size: 11, color: colors.accent, weight: 'bold', spaceAfter: 2 });
  doc.paragraph(decision.title, { size: 18, weight: 'bold', spaceAfter: 10, role: 'H1' });

  if (decision.isTemplate) {
    renderBlankDecision(doc, decision, playbook);
    return doc.save();
  }

  doc.heading('1. Request', { anchor: 'request', outlineTitle: 'Request' });
  doc.table(
    [
      { header: 'Field', width: 1.2 },
      { header: 'Value', width: 4 },
    ],
    [
      ['Person', `${decision.request.name}${decision.request.role ? ` (${decision.request.role})` : ''}`],
      ['Date', decision.request.date ? longDate(decision.request.date, locale) : 'Not yet known'],
      ['Asked by', decision.request.requestedBy ?? decision.request.name],
      ['Stated reason', decision.request.reason],
    ],
    { plain: true, size: 10 },
  );

  doc.heading('2. Exposure of the account', { anchor: 'exposure', outlineTitle: 'Exposure of the account' });
  const level = decision.exposure.level;
  doc.paragraph([
    {
      text: level ? `${EXPOSURE_LEVEL_LABEL[level]} exposure. ` : 'Exposure to be assessed. ',
      bold: true,
      color: level === 'high' || level === 'elevated' ? colors.warn : colors.text,
    },
    { text: decision.exposure.summary },
  ]);
  if (decision.exposure.reasons.length > 0) doc.list(decision.exposure.reasons);

  doc.heading('3. Options', { anchor: 'options', outlineTitle: 'Options' });
  optionsTable(doc, decision.options, { empty: 'No options recorded.' });

  doc.heading('4. Decision', { anchor: 'decision', outlineTitle: 'Decision' });
  doc.paragraph([
    { text: decision.decision.option ? `Option ${decision.decision.option}: ` : 'Pending: ', bold: true },
    { text: decision.decision.outcome || 'No decision has been taken yet.' },
  ]);
  if (decision.decision.rationale) doc.paragraph([{ text: 'Why: ', bold: true }, { text: decision.decision.rationale }]);
  if (decision.frictionReduction.length > 0) {
    doc.heading('Offered to make MFA smoother', { level: 3, bookmark: false });
    doc.list(decision.frictionReduction);
  }
  if (decision.riskStatement) doc.callout([{ text: 'Risk statement. ', bold: true }, { text: decision.riskStatement }], { fill: colors.warnLight, border: colors.warn });

  if (decision.override) {
    const override = decision.override;
    doc.heading('5. Leadership override', { anchor: 'override', outlineTitle: 'Leadership override' });
    doc.table(
      [
        { header: 'Field', width: 1.4 },
        { header: 'Value', width: 4 },
      ],
      [
        ['Decided by', `${override.decidedBy}, ${shortDate(override.decidedOn, locale)}`],
        ['Risk owner', [{ text: override.riskOwner, bold: true }]],
        ['Compensating controls', override.compensatingControls.map((control) => `• ${control}`).join('\n') || 'None'],
        ['Expires', shortDate(override.expiry, locale)],
        ['Review', shortDate(override.reviewDate, locale)],
      ] satisfies Inline[][],
      { plain: true, size: 10 },
    );
  }

  doc.heading(`${decision.override ? 6 : 5}. Signatures`, { anchor: 'signatures', outlineTitle: 'Signatures' });
  doc.paragraph('Each signature confirms that the signer has read the exposure and the risk statement above.', { size: 9, color: colors.muted });
  const signers = decision.signatures.length > 0 ? decision.signatures : [{ role: playbook.people.approver.role, name: playbook.people.approver.name }];
  const names = new FieldNames();
  // Signatures stay together on one page (up to three; more could not fit with the heading anyway).
  doc.keepTogether(Math.min(signers.length, 3) * SIGNATURE_BLOCK_HEIGHT);
  for (const signer of signers) {
    signatureBlock(doc, names, 'decision', fieldPart(signer.role), `${signer.role}${signer.name ? `: ${signer.name}` : ''}`);
  }
  return doc.save();
}

/**
 * The blank record for the next request: every value is a form field (request, exposure, option chosen, outcome,
 * and the override with its risk owner, compensating controls, expiry and review date), then the signatures.
 * Field names: "request.name", "exposure.high", "decision.option.b", "override.risk-owner", …
 */
function renderBlankDecision(doc: LayoutDocument, decision: DecisionRecord, playbook: Playbook): void {
  const names = new FieldNames();
  doc.paragraph('Fill in one record per request, in a PDF reader or by hand. The recommendation is option B unless the exposure is low and the person cannot use any MFA method.', {
    size: 9.5,
    color: colors.muted,
  });

  doc.heading('1. Request', { anchor: 'request', outlineTitle: 'Request' });
  labelledField(doc, names, ['request', 'name'], 'Person (name)');
  labelledField(doc, names, ['request', 'role'], 'Role or job title');
  labelledField(doc, names, ['request', 'date'], 'Date of the request');
  labelledField(doc, names, ['request', 'requested-by'], 'Asked by (if not the person)');
  labelledField(doc, names, ['request', 'reason'], 'Stated reason', { height: 44, multiline: true });

  doc.heading('2. Exposure of the account', { anchor: 'exposure', outlineTitle: 'Exposure of the account' });
  doc.paragraph(decision.exposure.summary, { size: 9.5 });
  choiceRow(
    doc,
    names,
    ['exposure'],
    'Exposure:',
    exposureLevels.map((level) => ({ key: level, label: EXPOSURE_LEVEL_LABEL[level] })),
  );
  for (const [index, reason] of decision.exposure.reasons.entries()) labelledField(doc, names, ['exposure', `reason-${index + 1}`], reason.replace(/:$/, ''));

  doc.heading('3. Options', { anchor: 'options', outlineTitle: 'Options' });
  optionsTable(doc, decision.options);

  doc.heading('4. Decision', { anchor: 'decision', outlineTitle: 'Decision' });
  choiceRow(
    doc,
    names,
    ['decision', 'option'],
    'Option chosen:',
    decision.options.map((option) => ({ key: option.key.toLowerCase(), label: `Option ${option.key}` })),
  );
  labelledField(doc, names, ['decision', 'outcome'], 'Outcome', { height: 36, multiline: true });
  labelledField(doc, names, ['decision', 'rationale'], 'Why', { height: 36, multiline: true });
  if (decision.frictionReduction.length > 0) {
    doc.heading('Offered to make MFA smoother', { level: 3, bookmark: false });
    doc.list(decision.frictionReduction);
  }
  if (decision.riskStatement) doc.callout([{ text: 'Risk statement. ', bold: true }, { text: decision.riskStatement }], { fill: colors.warnLight, border: colors.warn });

  doc.heading('5. Leadership override (only if the recommendation is overridden)', { anchor: 'override', outlineTitle: 'Leadership override' });
  labelledField(doc, names, ['override', 'decided-by'], 'Decided by (name and role)');
  labelledField(doc, names, ['override', 'decided-on'], 'Decided on');
  labelledField(doc, names, ['override', 'risk-owner'], 'Risk owner (accepts the risk of the exemption)');
  labelledField(
    doc,
    names,
    ['override', 'compensating-controls'],
    'Compensating controls (for example: sign-in only from a compliant device, a named location, a shorter session)',
    { height: 52, multiline: true },
  );
  labelledField(doc, names, ['override', 'expiry'], 'Exemption expires on');
  labelledField(doc, names, ['override', 'review-date'], 'Review date');

  doc.heading('6. Signatures', { anchor: 'signatures', outlineTitle: 'Signatures' });
  doc.paragraph('Each signature confirms that the signer has read the exposure and the risk statement above.', { size: 9, color: colors.muted });
  const signers = decision.signatures.length > 0 ? decision.signatures : [{ role: playbook.people.approver.role, name: playbook.people.approver.name }];
  doc.keepTogether(Math.min(signers.length, 3) * SIGNATURE_BLOCK_HEIGHT);
  for (const signer of signers) signatureBlock(doc, names, 'decision', fieldPart(signer.role), signer.role);
}

/** The options of a decision, the recommended one marked: the same table in the filled record and the blank form. */
function optionsTable(doc: LayoutDocument, options: DecisionRecord['options'], table: { empty?: string } = {}): void {
  doc.table(
    [
      { header: 'Option', width: 0.7 },
      { header: 'What it means', width: 2.2 },
      { header: 'Consequences', width: 4 },
    ],
    options.map((option) => [
      [{ text: option.key, bold: true }],
      [{ text: option.title, bold: option.recommended }, ...(option.recommended ? [{ text: '\nRecommended', bold: true, color: colors.accent }] : [])],
      option.consequences,
    ]),
    { ...(table.empty === undefined ? {} : { empty: table.empty }), zebra: true },
  );
}
