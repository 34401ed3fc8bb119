import { daysBetween } from '../shared/calendar-dates.ts';
import { relativeDays } from './state.ts';
import type { DecisionRecord } from './content.ts';

// The register of exemption overrides for auditors and for the admin's daily `status`: who owns each
// accepted risk, when it is reviewed and when it lapses, judged on the plan date (an input).

/** open: before its review date; review-due: the review date is today or past; expired: past its expiry. */
export type RegisterStatus = 'open' | 'review-due' | 'expired';

export interface RegisterEntry {
  item: string;
  owner: string;
  reason: string;
  review: string;
  expiry: string;
  status: RegisterStatus;
  /** "Expired 2 days ago", "Review due today", "Open, review in 30 days". */
  label: string;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One entry per decision record with an override; the blank template and undecided requests have none. */
export function exemptionRegister(decisions: readonly Pick<DecisionRecord, 'id' | 'isTemplate' | 'request' | 'override'>[], today: string): RegisterEntry[] {
  return decisions.flatMap((record): RegisterEntry[] => {
    const override = record.override;
    if (record.isTemplate || override === null) return [];
    const toExpiry = daysBetween(today, override.expiry);
    const toReview = daysBetween(today, override.reviewDate);
    const base = {
      item: `Exemption ${record.id}: ${record.request.name}, ${record.request.role}`,
      owner: override.riskOwner,
      reason: record.request.reason,
      review: override.reviewDate,
      expiry: override.expiry,
    };
    // The expiry day itself still counts as covered; the day after, the override has lapsed.
    if (toExpiry < 0) return [{ ...base, status: 'expired' as const, label: `Expired ${relativeDays(toExpiry)}` }];
    if (toReview <= 0) return [{ ...base, status: 'review-due' as const, label: toReview === 0 ? 'Review due today' : `Review was due ${relativeDays(toReview)}` }];
    return [{ ...base, status: 'open' as const, label: capitalise(`open, review ${relativeDays(toReview)}`) }];
  });
}

/** A spreadsheet cell: quoted when needed, and a leading = + - @ (or tab/CR) defused so no formula runs. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The action plan for auditors: item, owner, reason, review, expiry, state; CRLF line ends as RFC 4180 writes them. */
export function actionPlanCsv(entries: readonly RegisterEntry[]): string {
  const rows = [['item', 'owner', 'reason', 'review', 'expiry', 'state'], ...entries.map((e) => [e.item, e.owner, e.reason, e.review, e.expiry, e.label])];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
