import type { SiteData, SiteId } from './types.ts';
import type { RunbookPartId } from '../model/runbook-refs.ts';
import { FALLBACK_LANGUAGE, languageFolder } from '../i18n/languages.ts';
import { siteTexts } from './texts.ts';

export type PageKind =
  | 'admin-plan'
  | 'admin-tracking'
  | 'admin-tasks'
  | 'admin-checklists'
  | 'admin-communications'
  | 'admin-decisions'
  | 'admin-policies'
  | 'admin-accounts'
  | 'admin-reference'
  | 'admin-evidence'
  | 'helpdesk-home'
  | 'helpdesk-symptom'
  | 'helpdesk-errors'
  | 'helpdesk-messages'
  | 'staff-home'
  | 'staff-messages'
  | 'staff-languages'
  | 'guide'
  | 'search';

/** A guidance page from the content collection (src/content/guidance). */
export interface GuideInfo {
  id: string;
  title: string;
  audience: 'staff' | 'helpdesk';
  order: number;
  /** Shown only when the tenant's chosen method matches, or to everyone when absent. */
  method?: 'authenticator' | 'passkey' | undefined;
  navLabel?: string | undefined;
  /** Output folder, when it should not follow the file name (both set-up guides use 'set-up'). */
  folder?: string | undefined;
  summary?: string | undefined;
  /** The staff language of the page; absent: en-GB (the pages under src/content/guidance). */
  language?: string | undefined;
}

export interface PageRef {
  site: SiteId;
  /** File path of the page relative to the site folder, e.g. 'symptoms/no-prompt/index.html'. */
  file: string;
  kind: PageKind;
  /** The symptom, decision or guide this page shows. */
  id?: string;
  /** The staff language of a staff page. */
  language?: string;
}

export interface NavItem {
  label: string;
  file: string;
}

const ADMIN_PAGES: [string, PageKind, string][] = [
  ['index.html', 'admin-plan', 'Plan'],
  ['tracking/index.html', 'admin-tracking', 'Tracking'],
  ['tasks/index.html', 'admin-tasks', 'Tasks'],
  ['checklists/index.html', 'admin-checklists', 'Checklists'],
  ['communications/index.html', 'admin-communications', 'Communications'],
  ['decisions/index.html', 'admin-decisions', 'Decisions'],
  ['policies/index.html', 'admin-policies', 'Policies'],
  ['accounts/index.html', 'admin-accounts', 'Accounts'],
  ['reference/index.html', 'admin-reference', 'Reference'],
  ['evidence/index.html', 'admin-evidence', 'Evidence'],
  ['search/index.html', 'search', 'Search'],
];

/** Guides this tenant's staff (in one staff language) or helpdesk see, in order. A method-specific guide shows for its method only. */
export function guidesFor(guides: GuideInfo[], audience: 'staff' | 'helpdesk', method: 'authenticator' | 'passkey', language: string = FALLBACK_LANGUAGE): GuideInfo[] {
  return guides
    .filter((guide) => guide.audience === audience && (!guide.method || guide.method === method) && (guide.language ?? FALLBACK_LANGUAGE) === language)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function guideFile(guide: GuideInfo): string {
  return `${guide.folder ?? guide.id.split('/').pop()}/index.html`;
}

/** The folder of a staff language's pages inside the staff site: '' with one staff language, 'de-de/' with several. */
export function staffLanguagePrefix(data: SiteData, language: string): string {
  return data.staff.staffLanguages.length > 1 ? `${languageFolder(language)}/` : '';
}

/** One staff language's pages, under its folder when the tenant has several. */
function staffPages(data: SiteData, guides: GuideInfo[], language: string): PageRef[] {
  const site = 'staff' as const;
  const prefix = staffLanguagePrefix(data, language);
  return [
    { site, file: `${prefix}index.html`, kind: 'staff-home', language },
    ...guidesFor(guides, 'staff', data.staff.method, language).map((guide) => ({ site, file: `${prefix}${guideFile(guide)}`, kind: 'guide' as const, id: guide.id, language })),
    { site, file: `${prefix}messages/index.html`, kind: 'staff-messages', language },
    { site, file: `${prefix}search/index.html`, kind: 'search', language },
  ];
}

/** The same page in every staff language (for hreflang links and the language switcher); empty with one language. */
export function pageInLanguages(data: SiteData, guides: GuideInfo[], page: PageRef): { language: string; file: string }[] {
  const languages = data.staff.staffLanguages;
  if (page.site !== 'staff' || languages.length < 2 || !page.language) return [];
  const prefix = staffLanguagePrefix(data, page.language);
  // The language chooser at the site's front page leads to each language's home page.
  const inner = page.file.startsWith(prefix) ? page.file.slice(prefix.length) : 'index.html';
  return languages.map((language) => {
    const candidates = staffPages(data, guides, language);
    const match = candidates.find((candidate) => candidate.file === `${staffLanguagePrefix(data, language)}${inner}`) ?? candidates[0]!;
    return { language, file: match.file };
  });
}

/** Admin pages of this tenant: the Tracking page exists only when the build read evidence. */
function adminPages(data: SiteData): [string, PageKind, string][] {
  return ADMIN_PAGES.filter(([, kind]) => kind !== 'admin-tracking' || data.admin.evidence !== null);
}

export function pagesFor(data: SiteData, site: SiteId, guides: GuideInfo[]): PageRef[] {
  if (site === 'admin') return adminPages(data).map(([file, kind]) => ({ site, file, kind }));
  if (site === 'helpdesk') {
    const symptoms = (data.helpdesk.runbook?.symptoms ?? []).map((symptom) => ({
      site,
      file: `symptoms/${symptom.id}/index.html`,
      kind: 'helpdesk-symptom' as const,
      id: symptom.id,
    }));
    return [
      { site, file: 'index.html', kind: 'helpdesk-home' },
      ...symptoms,
      { site, file: 'error-codes/index.html', kind: 'helpdesk-errors' },
      { site, file: 'messages/index.html', kind: 'helpdesk-messages' },
      ...guidesFor(guides, 'helpdesk', data.helpdesk.method).map((guide) => ({ site, file: guideFile(guide), kind: 'guide' as const, id: guide.id })),
      { site, file: 'search/index.html', kind: 'search' },
    ];
  }
  const languages = data.staff.staffLanguages;
  if (languages.length === 1) return staffPages(data, guides, languages[0]!);
  // Several languages: the site's front page lets the reader choose; each language has its own folder.
  return [{ site, file: 'index.html', kind: 'staff-languages', language: languages[0]! }, ...languages.flatMap((language) => staffPages(data, guides, language))];
}

/** The helpdesk page (and place in it) of each part of the runbook a runbook text can refer to. */
export function runbookPartFile(part: RunbookPartId): string {
  if (part === 'caller-verification') return 'index.html#verify-h';
  if (part === 'error-codes') return 'error-codes/index.html';
  return `symptoms/${part}/index.html`;
}

export function navFor(data: SiteData, site: SiteId, guides: GuideInfo[], language: string = data.staff.staffLanguages[0]!): NavItem[] {
  if (site === 'admin')
    return adminPages(data)
      .filter(([, kind]) => kind !== 'search')
      .map(([file, , label]) => ({ file, label }));
  if (site === 'helpdesk') {
    return [
      { file: 'index.html', label: 'Calls by symptom' },
      { file: 'error-codes/index.html', label: 'Error codes' },
      { file: 'messages/index.html', label: 'Messages to staff' },
      ...guidesFor(guides, 'helpdesk', data.helpdesk.method).map((guide) => ({ file: guideFile(guide), label: guide.navLabel ?? guide.title })),
    ];
  }
  const t = siteTexts(data, language);
  const prefix = staffLanguagePrefix(data, language);
  return [
    { file: `${prefix}index.html`, label: t.text('site.titles.home') },
    ...guidesFor(guides, 'staff', data.staff.method, language).map((guide) => ({ file: `${prefix}${guideFile(guide)}`, label: guide.navLabel ?? guide.title })),
    { file: `${prefix}messages/index.html`, label: t.text('site.titles.messages') },
  ];
}

/** The route parameter of a page: its folder (pages are written as <folder>/index.html). */
export function routePath(data: SiteData, page: PageRef): string {
  return `${data.prefix}${page.site}/${page.file.replace(/(^|\/)index\.html$/, '')}`.replace(/\/$/, '');
}

export interface StaticPath {
  params: { path: string };
  props: { tenant: number; page: PageRef };
}

export function staticPaths(tenants: SiteData[], guides: GuideInfo[]): StaticPath[] {
  const paths: StaticPath[] = [];
  tenants.forEach((data, tenant) => {
    for (const site of ['admin', 'helpdesk', 'staff'] as const) {
      for (const page of pagesFor(data, site, guides)) paths.push({ params: { path: routePath(data, page) }, props: { tenant, page } });
    }
  });
  return paths;
}
