import type { Playbook } from '../model/playbook.ts';
import { progressOn } from '../model/progress.ts';
import { escapeHtml } from '../shared/escape.ts';
import { clientSummaryPath, PORTFOLIO_CSV, PORTFOLIO_PDF } from './paths.ts';

/** One tenant file of a multi-tenant run: its playbook, or why it was not built (problems already worded by the build). */
export type PortfolioTenant = { ok: true; playbook: Playbook } | { ok: false; file: string; problems: string[] };

function latestRate(evidence: unknown): string {
  const rate = (evidence as { latestRate?: { rate?: unknown; date?: unknown } | null } | null)?.latestRate;
  if (rate && typeof rate.rate === 'number') return `${rate.rate.toFixed(1)}%${typeof rate.date === 'string' ? ` (${rate.date})` : ''}`;
  return '—';
}

/**
 * The provider's portfolio page: one row per tenant with where it stands. Confidential to the provider
 * (it sits above the tenants' own folders). Self-contained: inline styles, no scripts, relative links.
 */
export function renderPortfolio(tenants: PortfolioTenant[], options: { today?: string | undefined }): string {
  const rows = tenants
    .filter((tenant): tenant is Extract<PortfolioTenant, { ok: true }> => tenant.ok)
    .map(({ playbook }) => {
      const today = options.today ?? playbook.meta.asOf;
      const progress = progressOn(playbook.schedule, today, playbook.locale);
      const next = progress.nextMilestone;
      const slug = escapeHtml(playbook.organisation.slug);
      return `<tr>
  <th scope="row"><a href="./${slug}/admin/index.html">${escapeHtml(playbook.organisation.name)}</a></th>
  <td>${escapeHtml(progress.label)}</td>
  <td>${next ? `${escapeHtml(next.title)} <time datetime="${next.date}">${next.date}</time>` : '—'}</td>
  <td><time datetime="${playbook.schedule.enforcementDate}">${playbook.schedule.enforcementDate}</time></td>
  <td>${escapeHtml(latestRate(playbook.evidence))}</td>
  <td><a href="./${slug}/helpdesk/index.html">helpdesk</a> · <a href="./${slug}/staff/index.html">staff</a> · <a href="./${escapeHtml(clientSummaryPath(playbook))}">client summary (PDF)</a></td>
</tr>`;
    })
    .join('\n');
  const failed = tenants.filter((tenant): tenant is Extract<PortfolioTenant, { ok: false }> => !tenant.ok);
  const failedList = failed.length
    ? `<h2>Not built</h2>\n<ul>\n${failed
        .map((tenant) => `<li><code>${escapeHtml(tenant.file)}</code><ul>${tenant.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul></li>`)
        .join('\n')}\n</ul>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MFA rollout portfolio</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid color-mix(in srgb, currentColor 25%, transparent); vertical-align: top; }
thead th { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; }
.label { display: inline-block; padding: .1rem .5rem; border: 1px solid currentColor; border-radius: .25rem; font-size: .8rem; }
</style>
</head>
<body>
<main>
<p class="label">Confidential — service provider</p>
<h1>MFA rollout portfolio</h1>
<p>${tenants.length} tenant file${tenants.length === 1 ? '' : 's'}; ${tenants.length - failed.length} built${failed.length ? `, ${failed.length} not built` : ''}.</p>
<p>Ranked by risk: <a href="./${PORTFOLIO_PDF}">portfolio report (PDF)</a> · <a href="./${PORTFOLIO_CSV}">portfolio spreadsheet (CSV)</a></p>
<table>
<thead><tr><th scope="col">Organisation</th><th scope="col">Phase today</th><th scope="col">Next milestone</th><th scope="col">Enforcement</th><th scope="col">Registration</th><th scope="col">Sites</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${failedList}
</main>
</body>
</html>
`;
}
