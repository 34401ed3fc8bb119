import type { HelpdeskView, StaffView } from '../../model/views.ts';
import type { Translator } from '../../i18n/translate.ts';

/** What an MDX guidance page may show: only the audience view of its own site, and the site's words in the page's language. */
export type GuideContext = { lang: string; view: StaffView | HelpdeskView; t: Translator };

const KEY = 'mfaPlaybookGuide';

export function setGuideContext(locals: object, context: GuideContext): void {
  (locals as Record<string, unknown>)[KEY] = context;
}

export function guideContext(locals: object): GuideContext {
  const context = (locals as Record<string, unknown>)[KEY] as GuideContext | undefined;
  if (!context) throw new Error('a guidance component was used outside a guidance page');
  return context;
}
