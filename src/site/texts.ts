import { Translator } from '../i18n/translate.ts';
import { daysBetween } from '../shared/calendar-dates.ts';
import type { MessageState } from '../model/state.ts';
import type { SiteData } from './types.ts';

// The staff site's words in a staff language: the "site.*" texts handed to the pages with the tenant's data
// (src/i18n/locales/<language>/site.json). The admin and helpdesk pages use the en-GB texts for the parts they
// share with the staff site (the page frame, key dates, contact box).

const translators = new WeakMap<Record<string, unknown>, Map<string, Translator>>();

export function siteTexts(data: SiteData, language: string): Translator {
  let byLanguage = translators.get(data.texts);
  if (!byLanguage) {
    byLanguage = new Map();
    translators.set(data.texts, byLanguage);
  }
  let translator = byLanguage.get(language);
  if (!translator) {
    const catalog = data.texts[language];
    if (!catalog) throw new Error(`the site has no texts for ${language}`);
    translator = new Translator(language, catalog);
    byLanguage.set(language, translator);
  }
  return translator;
}

/** "today", "tomorrow", "in 3 days", "yesterday", "3 days ago" in the page's language. */
export function relativeDaysIn(t: Translator, days: number): string {
  return days >= 0 ? t.text('site.relative.future', { days }) : t.text('site.relative.past', { days: -days });
}

/** Calendar days from `today` to `date`, said in the page's language. */
export function relativeDateIn(t: Translator, today: string, date: string): string {
  return relativeDaysIn(t, daysBetween(today, date));
}

/** The state of a message on the plan date (the model's state module decides it), in the page's language. */
export function messageStateLabel(t: Translator, state: MessageState): string {
  const relative = state.days === null ? '' : relativeDaysIn(t, state.days);
  switch (state.status) {
    case 'template':
      return t.text('site.messages.state.template');
    case 'not-needed':
      return t.text('site.messages.state.notNeeded');
    case 'if-needed':
      return state.days === null || state.days > 0
        ? t.text('site.messages.state.ifNeeded', { relative })
        : state.days === 0
          ? t.text('site.messages.state.ifNeededToday')
          : t.text('site.messages.state.ifNeededPast', { relative });
    case 'sent':
      return t.text('site.messages.state.sent', { relative });
    case 'sends-today':
      return t.text('site.messages.state.sendsToday');
    case 'scheduled':
      return t.text('site.messages.state.scheduled', { relative });
  }
}
