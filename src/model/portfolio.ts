import { daysBetween } from '../shared/calendar-dates.ts';
import type { Playbook } from './playbook.ts';
import { progressOn } from './progress.ts';
import { riskRegister, type RegisterEntry } from './register.ts';
import { planItemState, type DueState } from './state.ts';
import { planStatus, type StatusCheck } from './status.ts';

// Where each tenant of a provider's run stands on the plan date, and how the tenants rank by risk. Pure:
// the plan date is an input. The portfolio PDF, the portfolio CSV and the client summary all read these
// values; none of them decides a phase, a count or a rank itself.

export type RiskLevel = 'high' | 'medium' | 'low';

export const RISK_LABELS: Record<RiskLevel, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** Calendar days before enforcement inside which a registration shortfall is high risk. */
export const SHORTFALL_HIGH_RISK_DAYS = 7;

export interface TenantRisk {
  level: RiskLevel;
  /** Why the tenant has its level, one short sentence each; empty for a tenant on track. */
  reasons: string[];
}

export interface TenantStanding {
  slug: string;
  name: string;
  today: string;
  /** "Register", "Not started (starts Mon, 1 Mar 2027)" (en-GB), "Complete". */
  phase: string;
  progress: 'not-started' | 'in-progress' | 'complete';
  /** The latest measured registration rate (percent) and its day; null without evidence. */
  rate: { value: number; date: string } | null;
  target: number;
  /** Percentage points below the target (0 when met); null when not measured. */
  shortfall: number | null;
  nextMilestone: { title: string; date: string; state: DueState } | null;
  enforcementDate: string;
  /** Calendar days from the plan date to enforcement (negative after it). */
  daysToEnforcement: number;
  /** Checks of the phase under way past their due date and not recorded done. */
  overdueChecks: StatusCheck[];
  /** Exemption overrides and exceptions past their expiry. */
  expired: RegisterEntry[];
  /** Exemption overrides and exceptions in force whose review is due. */
  reviewsDue: RegisterEntry[];
  /** Exemption overrides and exceptions still in force (open or due for review). */
  openEntries: number;
  /** Overdue checks plus expired entries: what is already late. */
  overdueItems: number;
  risk: TenantRisk;
}

/**
 * The risk of a tenant's rollout on the plan date.
 * - high: something is already late (an overdue check or an expired exemption or exception), or registration is
 *   below target with enforcement at most SHORTFALL_HIGH_RISK_DAYS away or past: on that day the unregistered are
 *   blocked or flood the helpdesk, and there is no time left to contact them one by one.
 * - medium: registration below target with time left, a review due, or a rollout under way whose registration
 *   nobody has measured (no exports read): the provider cannot see a shortfall coming.
 * - low: on track, not started, or complete with nothing late.
 * Lateness outranks a shortfall because it is a fact, while a shortfall may still close before the deadline.
 */
export function tenantRisk(standing: Omit<TenantStanding, 'risk'>): TenantRisk {
  const high: string[] = [];
  const medium: string[] = [];
  const checks = standing.overdueChecks.length;
  if (checks > 0) high.push(`${checks} overdue check${checks === 1 ? '' : 's'}`);
  if (standing.expired.length > 0)
    high.push(`${standing.expired.length} expired exemption${standing.expired.length === 1 ? '' : 's'} or exception${standing.expired.length === 1 ? '' : 's'}`);
  if (standing.shortfall !== null && standing.shortfall > 0 && standing.progress !== 'complete') {
    const text = `registration ${standing.shortfall.toFixed(1)} points below target`;
    if (standing.daysToEnforcement <= SHORTFALL_HIGH_RISK_DAYS)
      high.push(`${text} with enforcement ${standing.daysToEnforcement < 0 ? 'past' : `in ${standing.daysToEnforcement} days`}`);
    else medium.push(text);
  }
  if (standing.reviewsDue.length > 0) medium.push(`${standing.reviewsDue.length} review${standing.reviewsDue.length === 1 ? '' : 's'} due`);
  if (standing.rate === null && standing.progress === 'in-progress') medium.push('registration not measured (no exports read)');
  if (high.length > 0) return { level: 'high', reasons: [...high, ...medium] };
  if (medium.length > 0) return { level: 'medium', reasons: medium };
  return { level: 'low', reasons: [] };
}

/** Where one tenant stands on `today` (by default its own plan date). */
export function tenantStanding(playbook: Playbook, today: string = playbook.meta.asOf): TenantStanding {
  const status = planStatus(playbook, today, () => []);
  const progress = progressOn(playbook.schedule, today, playbook.locale);
  const latest = playbook.evidence?.registration.latest ?? null;
  const rate = latest === null || latest.rate === null ? null : { value: latest.rate, date: latest.date };
  const target = playbook.thresholds.targetRate;
  const expired = status.registerToAct.filter((entry) => entry.status === 'expired');
  const reviewsDue = status.registerToAct.filter((entry) => entry.status === 'review-due');
  const next = progress.nextMilestone;
  const base: Omit<TenantStanding, 'risk'> = {
    slug: playbook.organisation.slug,
    name: playbook.organisation.name,
    today,
    phase: progress.label,
    progress: progress.state,
    rate,
    target,
    shortfall: rate === null ? null : Math.max(0, Math.round((target - rate.value) * 10) / 10),
    nextMilestone: next === null ? null : { title: next.title, date: next.date, state: planItemState(next, today) },
    enforcementDate: playbook.schedule.enforcementDate,
    daysToEnforcement: daysBetween(today, playbook.schedule.enforcementDate),
    overdueChecks: status.overdue,
    expired,
    reviewsDue,
    openEntries: riskRegister(playbook, today).filter((entry) => entry.status !== 'expired').length,
    overdueItems: status.overdue.length + expired.length,
  };
  return { ...base, risk: tenantRisk(base) };
}

const LEVEL_ORDER: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

/**
 * The tenants, riskiest first: by level, then by how much is late, then by the registration shortfall, then by
 * the nearest enforcement (less time to recover), then by name so that the order never depends on file order.
 */
export function rankByRisk(standings: readonly TenantStanding[]): TenantStanding[] {
  return [...standings].sort(
    (a, b) =>
      LEVEL_ORDER[a.risk.level] - LEVEL_ORDER[b.risk.level] ||
      b.overdueItems - a.overdueItems ||
      (b.shortfall ?? 0) - (a.shortfall ?? 0) ||
      a.daysToEnforcement - b.daysToEnforcement ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** "88% on 22 Jan (target 95%)"-style parts for every output: the rate against its target in words. */
export function rateAgainstTarget(standing: Pick<TenantStanding, 'rate' | 'target' | 'shortfall'>): string {
  if (standing.rate === null) return `not measured (target ${standing.target}%)`;
  const gap = standing.shortfall === 0 ? 'target met' : `${standing.shortfall!.toFixed(1)} points below`;
  return `${standing.rate.value.toFixed(1)}% of ${standing.target}% target, ${gap}`;
}
