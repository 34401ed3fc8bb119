import { getCollection } from 'astro:content';
import { STAFF_LANGUAGES } from '../i18n/languages.ts';
import type { GuideInfo } from './routes.ts';

/**
 * Every guidance page: the English ones (src/content/guidance, staff and helpdesk) and the staff pages of the
 * other staff languages (src/i18n/locales/<language>/guidance, collection ids "de-de/guidance/faq").
 */
type GuideEntry = { id: string; data: Omit<GuideInfo, 'id' | 'language'> };

export async function allGuides(): Promise<GuideInfo[]> {
  const english = ((await getCollection('guidance')) as GuideEntry[]).map((entry) => ({ id: entry.id, ...entry.data }));
  const translated = ((await getCollection('staffGuidance')) as GuideEntry[]).map((entry) => ({
    id: entry.id,
    ...entry.data,
    language: STAFF_LANGUAGES.find((language) => language.toLowerCase() === entry.id.split('/')[0]),
  }));
  return [...english, ...translated];
}
