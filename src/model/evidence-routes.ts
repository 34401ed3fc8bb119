/**
 * Which way of getting sign-in evidence fits an organisation of a given size: the admin center
 * download, a Graph export, or queries in Log Analytics. The sizes are Microsoft's published
 * figures and this tool's measured reading speed (bench/README.md); one place for all of them.
 */

/** Microsoft sizes sign-in events at about 1.5 million a day per 100,000 users. */
export const SIGN_INS_PER_USER_PER_DAY = 15;

export type EvidenceRouteId = 'portal-download' | 'graph-export' | 'log-analytics';

export interface EvidenceRoute {
  id: EvidenceRouteId;
  name: string;
  /** Largest number of sign-in rows in the plan's window this route is meant for; null for no limit. */
  maxRows: number | null;
  how: string;
  why: string;
}

export const EVIDENCE_ROUTES: readonly EvidenceRoute[] = [
  {
    id: 'portal-download',
    name: 'Admin center download (CSV or JSON)',
    maxRows: 250_000,
    how: 'Entra admin center, Sign-in logs, Download: interactive and non-interactive sign-ins, one file each, for the dates of the plan.',
    why: 'Microsoft says the download is reliable only below 250,000 rows. The CSV has no per-policy results; the JSON download has them, so it also gives the go/no-go figure.',
  },
  {
    id: 'graph-export',
    name: 'Microsoft Graph export (JSON pages)',
    maxRows: 5_000_000,
    how: "A script pages through /auditLogs/signIns for the plan's dates (with the header Prefer: include-unknown-enum-members, so report-only results are included) and saves every page.",
    why: 'No row limit of its own, and it carries every field the analysis reads. This tool reads about 45,000 Graph records a second on two cores, so five million rows take about two minutes.',
  },
  {
    id: 'log-analytics',
    name: 'Log Analytics or Microsoft Sentinel (the queries on this page)',
    maxRows: null,
    how: 'Run the five queries below in the workspace that receives the sign-in logs and save each result with Export, CSV, into the evidence signins folder.',
    why: "The workspace counts the sign-ins where they are, so the results stay a few thousand rows whatever the organisation's size. Needs the sign-in logs sent to the workspace (diagnostic settings) for the whole plan.",
  },
];

/** Sign-in rows expected in the plan's window (register phase start to the end of validation). */
export function expectedSignInRows(userCount: number, days: number): number {
  return userCount * SIGN_INS_PER_USER_PER_DAY * days;
}

/** The first route whose size limit the expected rows fit. */
export function fittingRoute(expectedRows: number): EvidenceRoute {
  return EVIDENCE_ROUTES.find((r) => r.maxRows === null || expectedRows <= r.maxRows) ?? (EVIDENCE_ROUTES.at(-1) as EvidenceRoute);
}
