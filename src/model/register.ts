import { addDays, daysBetween } from '../shared/calendar-dates.ts';
import { relativeDays } from './state.ts';
import type { DecisionRecord } from './content.ts';
import type { Playbook } from './playbook.ts';

// The register of accepted risks for auditors and for the admin's daily `status`: every exemption override
// and every exception (an account left outside the rollout's rules), who owns it, when it is reviewed and
// when it lapses, judged on the plan date (an input).

/** open: before its review date; review-due: the review date is today or past; expired: past its expiry. */
export type RegisterStatus = 'open' | 'review-due' | 'expired';

export type Exception = Playbook['exceptions'][number];

export interface RegisterEntry {
  /** What kind of accepted risk: an exemption override (decision record) or an exception of the config. */
  source: 'exemption' | 'exception';
  item: string;
  owner: string;
  reason: string;
  review: string;
  expiry: string;
  status: RegisterStatus;
  /** "Expired 2 days ago", "Review due today", "Open, review in 30 days". */
  label: string;
}

/** How each kind of exception reads in every output. */
export const EXCEPTION_KIND_LABELS: Record<Exception['kind'], string> = {
  'shared-mailbox': 'Shared mailbox',
  room: 'Room or resource',
  'service-account': 'Service account',
  'no-smartphone': 'No smartphone',
};

/**
 * Days before an exception's expiry that its review falls when the config names no review date: a month
 * leaves the owner time to renew it, replace it with a real fix or let it end.
 */
export const EXCEPTION_REVIEW_LEAD_DAYS = 30;

/** The review date of an exception: the one given, else EXCEPTION_REVIEW_LEAD_DAYS before the expiry; never after the expiry. */
export function exceptionReviewDate(expiry: string, reviewDate: string | undefined): string {
  const review = reviewDate ?? addDays(expiry, -EXCEPTION_REVIEW_LEAD_DAYS);
  return review > expiry ? expiry : review;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where an entry stands on `today`. The expiry day itself still counts as covered; the day after, it has lapsed. */
function judged(base: Omit<RegisterEntry, 'status' | 'label'>, today: string): RegisterEntry {
  const toExpiry = daysBetween(today, base.expiry);
  const toReview = daysBetween(today, base.review);
  if (toExpiry < 0) return { ...base, status: 'expired', label: `Expired ${relativeDays(toExpiry)}` };
  if (toReview <= 0) return { ...base, status: 'review-due', label: toReview === 0 ? 'Review due today' : `Review was due ${relativeDays(toReview)}` };
  return { ...base, status: 'open', label: capitalise(`open, review ${relativeDays(toReview)}`) };
}

/** One entry per decision record with an override; the blank template and undecided requests have none. */
export function exemptionRegister(decisions: readonly Pick<DecisionRecord, 'id' | 'isTemplate' | 'request' | 'override'>[], today: string): RegisterEntry[] {
  return decisions.flatMap((record): RegisterEntry[] => {
    const override = record.override;
    if (record.isTemplate || override === null) return [];
    return [
      judged(
        {
          source: 'exemption',
          item: `Exemption ${record.id}: ${record.request.name}, ${record.request.role}`,
          owner: override.riskOwner,
          reason: record.request.reason,
          review: override.reviewDate,
          expiry: override.expiry,
        },
        today,
      ),
    ];
  });
}

/** One entry per exception of the config, in the config's order. */
export function exceptionRegister(exceptions: readonly Exception[], today: string): RegisterEntry[] {
  return exceptions.map((exception) =>
    judged(
      {
        source: 'exception',
        item: `Exception ${exception.account} (${EXCEPTION_KIND_LABELS[exception.kind].toLowerCase()})`,
        owner: exception.owner,
        reason: exception.plan,
        review: exception.reviewDate,
        expiry: exception.expiry,
      },
      today,
    ),
  );
}

/** The whole register: exemption overrides first, then exceptions. */
export function riskRegister(playbook: Pick<Playbook, 'decisions' | 'exceptions'>, today: string): RegisterEntry[] {
  return [...exemptionRegister(playbook.decisions, today), ...exceptionRegister(playbook.exceptions, today)];
}

/** The entries to act on today: expired ones and those due for review. */
export function entriesToAct(entries: readonly RegisterEntry[]): RegisterEntry[] {
  return entries.filter((entry) => entry.status !== 'open');
}

/** A spreadsheet cell: quoted when needed, and a leading = + - @ (or tab/CR) defused so no formula runs. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to CSV text: CRLF line ends as RFC 4180 writes them, every cell through csvCell. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The action plan for auditors: item, owner, reason, review, expiry, state. */
export function actionPlanCsv(entries: readonly RegisterEntry[]): string {
  return csvText([['item', 'owner', 'reason', 'review', 'expiry', 'state'], ...entries.map((e) => [e.item, e.owner, e.reason, e.review, e.expiry, e.label])]);
}
