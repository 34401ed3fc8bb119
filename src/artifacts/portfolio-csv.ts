import { RISK_LABELS, type TenantStanding } from '../model/portfolio.ts';
import { csvText } from '../model/register.ts';

// portfolio.csv: the provider's spreadsheet of every tenant, in the portfolio's risk order. Every cell goes
// through csvText (formula-looking values defused), since organisation names come from the tenants' files.

export const PORTFOLIO_CSV_HEADER = [
  'rank',
  'organisation',
  'risk',
  'why',
  'phase',
  'registration rate',
  'measured on',
  'target',
  'next milestone',
  'next milestone date',
  'enforcement',
  'days to enforcement',
  'overdue items',
  'open exemptions and exceptions',
  'reviews due',
] as const;

/** One row per tenant, in the order given (rankByRisk's). */
export function portfolioCsv(ranked: readonly TenantStanding[]): string {
  return csvText([
    PORTFOLIO_CSV_HEADER,
    ...ranked.map((tenant, index) => [
      String(index + 1),
      tenant.name,
      RISK_LABELS[tenant.risk.level],
      tenant.risk.reasons.join('; '),
      tenant.phase,
      tenant.rate === null ? '' : tenant.rate.value.toFixed(1),
      tenant.rate?.date ?? '',
      String(tenant.target),
      tenant.nextMilestone?.title ?? '',
      tenant.nextMilestone?.date ?? '',
      tenant.enforcementDate,
      String(tenant.daysToEnforcement),
      String(tenant.overdueItems),
      String(tenant.openEntries),
      String(tenant.reviewsDue.length),
    ]),
  ]);
}
