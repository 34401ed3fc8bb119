import type { Playbook } from '../../../src/model/playbook.ts';

/** The sections this generators write. */
export const CONTENT_SECTIONS = ['communications', 'runbook', 'decisions', 'checklists', 'facts', 'guidance', 'risks', 'successCriteria'] as const;

export interface Found {
  path: string;
  value: string;
}

/** Every string under the content sections of a playbook, with its path (e.g. communications[0].html). */
export function contentStrings(playbook: Playbook): Found[] {
  const found: Found[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') found.push({ path, value });
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  for (const section of CONTENT_SECTIONS) walk(playbook[section], section);
  return found;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities an HTML fragment may contain (named ones above, and numeric ones). */
export function decodeHtml(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    return ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Text content of an HTML fragment: tags removed, entities decoded. */
export function htmlText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ''));
}
