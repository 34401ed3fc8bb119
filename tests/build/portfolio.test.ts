import { describe, expect, it } from 'vitest';
import { renderPortfolio } from '../../src/artifacts/portfolio-page.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';

describe('the portfolio page', () => {
  const page = renderPortfolio(
    [
      { ok: true, playbook: hostilePlaybook() },
      { ok: true, playbook: examplePlaybook() },
      { file: 'tenants/<c>.json', ok: false, problems: ['error: tenants/<c>.json:3:14 licence: expected one of free, P1, P2, found "<E5>"'] },
    ],
    { today: '2027-02-09' },
  );

  it('escapes every tenant value', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('Zürich Ærø Łódź Ğüneş &lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; &quot;Sons&quot; {{x}} &#39;Ltd&#39;');
    expect(page).toContain('<code>tenants/&lt;c&gt;.json</code>');
    expect(page).toContain('found &quot;&lt;E5&gt;&quot;');
  });

  it('shows where each tenant stands on the given day', () => {
    // Northgate on 9 February 2027: enforced on the 8th (a one-day phase), so in Validate; the 48-hour watch ends on the 10th.
    expect(page).toMatch(/Northgate Engineering Ltd<\/a><\/th>\s*<td>Validate<\/td>\s*<td>End of the 48-hour watch <time datetime="2027-02-10">/);
    expect(page).toContain('2 built, 1 not built');
  });

  it('is a self-contained page: no script, no outside resource, confidential label', () => {
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(page).toContain('Confidential — service provider');
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
  });
});
