import type { Playbook } from '../../model/playbook.ts';
import { rankByRisk, rateAgainstTarget, RISK_LABELS, SHORTFALL_HIGH_RISK_DAYS, tenantStanding, type RiskLevel, type TenantStanding } from '../../model/portfolio.ts';
import { milestoneList } from '../../model/schedule.ts';
import { planItemState } from '../../model/state.ts';
import type { PdfFonts } from '../fonts.ts';
import { colors, LayoutDocument, type Inline, type Rgb, type Span } from '../layout/index.ts';
import { longDate, pageSizeOf, shortDate } from './common.ts';

// portfolio.pdf: the provider's report over every tenant of a run. Page 1 ranks the tenants by risk (the
// model's rankByRisk), then one page per tenant in that order. Confidential to the provider: it names
// overdue checks and the owners of exemptions and exceptions, so it sits above the tenants' own folders.

export const PROVIDER_LABEL = 'Confidential — service provider';
/** The provider's documents are written in one language, whatever the tenants' locales. */
const PROVIDER_LOCALE = 'en-GB';

const RISK_COLORS: Record<RiskLevel, Rgb> = { high: colors.warn, medium: [0.5, 0.36, 0.02], low: [0.12, 0.45, 0.23] };

/** A tenant file that could not be built, with its problems already worded. */
export interface UnbuiltTenant {
  file: string;
  problems: string[];
}

export interface PortfolioInput {
  playbooks: readonly Playbook[];
  unbuilt: readonly UnbuiltTenant[];
  /** The run's plan date; every tenant is judged on it. */
  today: string;
}

function riskInline(level: RiskLevel): Span[] {
  return [{ text: RISK_LABELS[level], bold: true, color: RISK_COLORS[level] }];
}

function nextMilestoneText(standing: TenantStanding, locale: string): string {
  const next = standing.nextMilestone;
  return next === null ? 'None left' : `${next.title}, ${shortDate(next.date, locale)} (${next.state.label.toLowerCase()})`;
}

export async function renderPortfolioPdf(input: PortfolioInput, fonts: PdfFonts): Promise<Uint8Array> {
  const locale = PROVIDER_LOCALE;
  const byName = new Map(input.playbooks.map((playbook) => [playbook.organisation.slug, playbook]));
  const ranked = rankByRisk(input.playbooks.map((playbook) => tenantStanding(playbook, input.today)));
  // Letter only when every tenant prints on Letter; a mixed portfolio uses A4.
  const pageSize = input.playbooks.length > 0 && input.playbooks.every((playbook) => playbook.pageSize === 'Letter') ? 'Letter' : 'A4';
  const doc = await LayoutDocument.create(fonts, {
    title: 'MFA rollout portfolio',
    subject: `Where the MFA rollouts of ${ranked.length} tenant${ranked.length === 1 ? '' : 's'} stand on ${input.today}, ranked by risk`,
    author: 'mfa-playbook',
    keywords: ['MFA', 'Conditional Access', 'Microsoft 365', 'portfolio'],
    language: locale,
    pageSize: pageSizeOf(pageSize),
    planDate: input.today,
    headerLeft: 'MFA rollout portfolio',
    label: PROVIDER_LABEL,
    footerLeft: `Portfolio of ${shortDate(input.today, locale)}`,
  });

  doc.paragraph('MFA rollout portfolio', { size: 20, weight: 'bold', spaceAfter: 2, role: 'H1' });
  doc.paragraph(
    `${longDate(input.today, locale)}: ${ranked.length} tenant${ranked.length === 1 ? '' : 's'} built${input.unbuilt.length > 0 ? `, ${input.unbuilt.length} not built` : ''}. Riskiest first: anything already late (an overdue check, an expired exemption or exception) ranks high, as does registration below target within ${SHORTFALL_HIGH_RISK_DAYS} days of enforcement; a shortfall with time left, a review due or registration not measured ranks medium.`,
    { size: 9.5, color: colors.muted },
  );
  doc.heading('Ranked by risk', { anchor: 'summary' });
  doc.table(
    [
      { header: '#', width: 0.35, align: 'right' },
      { header: 'Organisation', width: 1.9 },
      { header: 'Risk', width: 0.8 },
      { header: 'Phase', width: 1.1 },
      { header: 'Registration', width: 1.5 },
      { header: 'Next milestone', width: 1.8 },
      { header: 'Overdue', width: 0.75, align: 'right' },
      { header: 'Open exemptions and exceptions', width: 1.1, align: 'right' },
    ],
    ranked.map((standing, index) => [
      String(index + 1),
      standing.name,
      riskInline(standing.risk.level),
      standing.phase,
      rateAgainstTarget(standing),
      nextMilestoneText(standing, locale),
      String(standing.overdueItems),
      String(standing.openEntries),
    ]),
    { zebra: true, size: 8.5, empty: 'No tenant was built.' },
  );
  if (input.unbuilt.length > 0) {
    doc.heading('Not built', { level: 2 });
    doc.list(input.unbuilt.map((tenant): Inline => [{ text: tenant.file, bold: true }, { text: `: ${tenant.problems.join(' ')}` }]));
  }

  for (const standing of ranked) {
    const playbook = byName.get(standing.slug)!;
    doc.pageBreak();
    tenantPage(doc, playbook, standing, locale);
  }
  return doc.save();
}

function tenantPage(doc: LayoutDocument, playbook: Playbook, standing: TenantStanding, locale: string): void {
  doc.heading(standing.name, { anchor: `tenant-${standing.slug}` });
  doc.paragraph([{ text: 'Risk: ' }, ...riskInline(standing.risk.level), { text: standing.risk.reasons.length > 0 ? ` — ${standing.risk.reasons.join('; ')}.` : ' — on track.' }]);
  doc.table(
    [
      { header: 'Item', width: 1.4 },
      { header: 'Value', width: 4 },
    ],
    [
      ['Phase', standing.phase],
      ['Registration', `${rateAgainstTarget(standing)}${standing.rate ? ` (measured ${shortDate(standing.rate.date, locale)})` : ''}`],
      ['Next milestone', nextMilestoneText(standing, locale)],
      [
        'Enforcement',
        `${shortDate(standing.enforcementDate, locale)} (${standing.daysToEnforcement >= 0 ? `in ${standing.daysToEnforcement} days` : `${-standing.daysToEnforcement} days ago`})`,
      ],
      ['Users', String(playbook.organisation.userCount)],
      ['IT lead', `${playbook.people.itLead.name}, ${playbook.people.itLead.email}`],
      ['Plan', `version ${playbook.meta.planVersion}, ${shortDate(playbook.schedule.startDate, locale)} to ${shortDate(playbook.schedule.endDate, locale)}`],
    ],
    { plain: true, size: 9 },
  );
  doc.heading('Late', { level: 2 });
  const late: Inline[] = [
    ...standing.overdueChecks.map((check): Inline => `Check ${check.text} (due ${shortDate(check.due, locale)}, ${check.state.label.toLowerCase()})`),
    ...standing.expired.map((entry): Inline => `${entry.item}, owner ${entry.owner}: ${entry.label.toLowerCase()}`),
  ];
  if (late.length === 0) doc.paragraph('Nothing is late.', { color: colors.muted });
  else doc.list(late, { size: 9 });
  if (standing.reviewsDue.length > 0) {
    doc.heading('Reviews due', { level: 2 });
    doc.list(
      standing.reviewsDue.map((entry): Inline => `${entry.item}, owner ${entry.owner}: ${entry.label.toLowerCase()}, expires ${shortDate(entry.expiry, locale)}`),
      { size: 9 },
    );
  }
  const coming = milestoneList(playbook.schedule.milestones)
    .filter((milestone) => milestone.date >= standing.today)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 5);
  doc.heading('Coming milestones', { level: 2 });
  if (coming.length === 0) doc.paragraph('No milestone is left: the rollout is over.', { color: colors.muted });
  else
    doc.table(
      [
        { header: 'Date', width: 1.3 },
        { header: 'Milestone', width: 3 },
        { header: 'When', width: 1.2 },
      ],
      coming.map((milestone) => [shortDate(milestone.date, locale), milestone.title, planItemState(milestone, standing.today).label]),
      { size: 9 },
    );
}
