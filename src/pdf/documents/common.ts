import type { Playbook } from '../../model/playbook.ts';
import type { DocumentOptions, PageSize } from '../layout/index.ts';
import { formatDateRange, shortDate } from '../../shared/format.ts';

// Small helpers shared by the documents: dates in the tenant's locale, labels, field names.

export const ADMIN_LABEL = 'Confidential — IT';
export const HELPDESK_LABEL = 'Internal — Helpdesk';
export const STAFF_LABEL = 'For all staff';

// The date spellings live in src/shared/format.ts, the one module every output formats with.
export { dayMonth, longDate, shortDate } from '../../shared/format.ts';

/** A range of short dates: "Mon, 8 Feb 2027 – Tue, 9 Feb 2027". */
export function dateRange(from: string, to: string, locale: string): string {
  return formatDateRange(from, to, 'short', locale);
}

/** A part of an AcroForm field name: dots separate levels, so they and other odd characters go. */
export function fieldPart(value: string): string {
  const part = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return part || 'item';
}

/** Field names are unique within a document: a repeated name gets "-2", "-3". */
export class FieldNames {
  private readonly used = new Set<string>();
  take(...parts: string[]): string {
    const base = parts.map(fieldPart).join('.');
    let name = base;
    for (let n = 2; this.used.has(name); n += 1) name = `${base}-${n}`;
    this.used.add(name);
    return name;
  }
}

export function pageSizeOf(pageSize: string): PageSize {
  return pageSize === 'Letter' ? 'Letter' : 'A4';
}

/** Options shared by every document: metadata from the plan, never from the clock. */
export function documentOptions(input: {
  title: string;
  subject: string;
  organisation: string;
  author: string;
  locale: string;
  pageSize: string;
  planDate: string;
  planVersion: string;
  label: string;
  shortTitle: string;
  compact?: boolean;
}): DocumentOptions {
  return {
    title: `${input.title} — ${input.organisation}`,
    subject: input.subject,
    author: input.author,
    keywords: ['MFA', 'Conditional Access', 'Microsoft 365', input.organisation],
    language: input.locale,
    pageSize: pageSizeOf(input.pageSize),
    planDate: input.planDate,
    headerLeft: input.organisation,
    label: input.label,
    footerLeft: `${input.shortTitle} · plan ${input.planVersion} of ${shortDate(input.planDate, input.locale)}`,
    compact: input.compact ?? false,
  };
}

/** "the approver", "Daniel Whitfield (Chief Technology Officer)". */
export function personLabel(person: { name: string; role: string }): string {
  return person.role ? `${person.name} (${person.role})` : person.name;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? 'unknown' : `${value}%`;
}

/** Text that must not be broken across lines (a phone number): its spaces become no-break spaces. */
export function nowrap(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/**
 * Options of an admin document (the plan, checklists, communications, decision records): written by the
 * IT lead, labelled confidential, dated and versioned by the plan.
 */
export function adminDocumentOptions(
  playbook: Pick<Playbook, 'organisation' | 'people' | 'locale' | 'pageSize' | 'meta'>,
  document: { title: string; subject: string; shortTitle?: string },
): DocumentOptions {
  return documentOptions({
    title: document.title,
    subject: document.subject,
    organisation: playbook.organisation.name,
    author: personLabel(playbook.people.itLead),
    locale: playbook.locale,
    pageSize: playbook.pageSize,
    // The day of the plan version, not the build: two builds of one version carry the same date.
    planDate: playbook.meta.planVersionDate,
    planVersion: playbook.meta.planVersion,
    label: ADMIN_LABEL,
    shortTitle: document.shortTitle ?? document.title,
  });
}
