import { helpdeskView, staffView } from '../model/views.ts';
import { catalogArea } from '../i18n/catalog.ts';
import { FALLBACK_LANGUAGE } from '../i18n/languages.ts';
import { SITE_IDS, type SiteData, type SiteId, type SiteTenant } from './types.ts';

/** Splits the tenant's artifact list by site; paths become relative to the site folder. */
export function filesBySite(files: string[]): Record<SiteId, string[]> {
  const result: Record<SiteId, string[]> = { admin: [], helpdesk: [], staff: [] };
  for (const file of files) {
    const clean = file.replace(/\\/g, '/').replace(/^\.?\//, '');
    const slash = clean.indexOf('/');
    if (slash < 0) continue;
    const site = clean.slice(0, slash) as SiteId;
    if (!SITE_IDS.includes(site)) continue;
    const inner = clean.slice(slash + 1);
    if (inner && !inner.split('/').includes('..')) result[site].push(inner);
  }
  for (const site of SITE_IDS) result[site].sort();
  return result;
}

/** Turns the build's tenant list into the data the pages read: audience views are cut here, once. */
export function toSiteData(tenants: SiteTenant[], layout: 'single' | 'multi'): SiteData[] {
  if (layout === 'single' && tenants.length !== 1) throw new Error(`the single layout takes exactly one tenant (got ${tenants.length})`);
  const seen = new Set<string>();
  return tenants.map((tenant) => {
    if (layout === 'multi') {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(tenant.slug)) throw new Error(`tenant slug "${tenant.slug}" is not a safe folder name`);
      if (seen.has(tenant.slug)) throw new Error(`two tenants share the slug "${tenant.slug}"`);
      seen.add(tenant.slug);
    }
    return {
      slug: tenant.slug,
      prefix: layout === 'multi' ? `${tenant.slug}/` : '',
      files: filesBySite(tenant.files),
      admin: tenant.playbook,
      helpdesk: helpdeskView(tenant.playbook),
      staff: staffView(tenant.playbook),
      texts: Object.fromEntries([FALLBACK_LANGUAGE, ...tenant.playbook.staffLanguages].map((language) => [language, catalogArea(language, 'site')])),
    };
  });
}
