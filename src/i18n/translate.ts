import { IntlMessageFormat } from 'intl-messageformat';

// One language's texts, formatted with ICU MessageFormat (intl-messageformat): placeholders, plurals and
// numbers follow the language's rules. Pure: the catalog comes in, strings come out; no file is read here.
//
// A message may hold tags such as <b>…</b> or <phone>…</phone>. As plain text a tag leaves its content; as
// HTML, <b> becomes <strong> and every other tag is drawn by a function the caller passes (a link, say).
// In HTML every placeholder value is escaped by the caller's escape function before it is put in. A tag's name
// is never a placeholder's name (both share one values object).

/** A language's messages, keyed "<file>.<path>", e.g. "messages.announcement.subject". */
export type Catalog = Readonly<Record<string, string>>;
export type MessageValues = Readonly<Record<string, string | number>>;
/** Draws an HTML tag of a message around its already-formatted content. */
export type HtmlTag = (content: string) => string;

const HTML_BASE_TAGS: Readonly<Record<string, HtmlTag>> = {
  b: (content) => `<strong>${content}</strong>`,
};

export class Translator {
  readonly #formats = new Map<string, IntlMessageFormat>();
  readonly language: string;
  readonly catalog: Catalog;

  constructor(language: string, catalog: Catalog) {
    this.language = language;
    this.catalog = catalog;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.catalog, key);
  }

  #format(key: string): IntlMessageFormat {
    let format = this.#formats.get(key);
    if (!format) {
      const source = this.catalog[key];
      if (source === undefined) throw new Error(`No text "${key}" for ${this.language} (src/i18n/locales/${this.language})`);
      format = new IntlMessageFormat(source, this.language, undefined, { ignoreTag: false });
      this.#formats.set(key, format);
    }
    return format;
  }

  /** The message as plain text: a tag leaves its content, or is drawn by `tags` (quotes around a screen label, say). */
  text(key: string, values: MessageValues = {}, tags: Readonly<Record<string, HtmlTag>> = {}): string {
    const format = this.#format(key);
    const tagFunctions: Record<string, (chunks: unknown[]) => string> = {};
    for (const name of messageParts(format.getAst()).tags) tagFunctions[name] = (chunks) => (tags[name] ?? String)(chunks.join(''));
    return join(format.format({ ...values, ...tagFunctions }));
  }

  /** The message as runs of text, each marked with the tag around it (if any): for layouts that draw bold runs themselves. */
  runs(key: string, values: MessageValues = {}): { text: string; tag?: string }[] {
    const format = this.#format(key);
    const tagFunctions: Record<string, (chunks: unknown[]) => { text: string; tag: string }> = {};
    for (const name of messageParts(format.getAst()).tags) tagFunctions[name] = (chunks) => ({ text: chunks.join(''), tag: name });
    const result = format.format<{ text: string; tag: string }>({ ...values, ...tagFunctions });
    return (Array.isArray(result) ? result : [result]).map((run) => (typeof run === 'string' ? { text: run } : run)).filter((run) => run.text !== '');
  }

  /** The message as an HTML fragment: values escaped, <b> as <strong>, other tags drawn by `tags`. */
  html(key: string, values: MessageValues, escape: (value: string) => string, tags: Readonly<Record<string, HtmlTag>> = {}): string {
    const format = this.#format(key);
    const escaped: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) escaped[name] = typeof value === 'string' ? escape(value) : value;
    const drawers: Record<string, HtmlTag> = { ...HTML_BASE_TAGS, ...tags };
    const tagFunctions: Record<string, (chunks: unknown[]) => string> = {};
    for (const name of messageParts(format.getAst()).tags) {
      const draw = drawers[name];
      if (!draw) throw new Error(`Text "${key}" (${this.language}) uses the tag <${name}>, which has no HTML form here`);
      tagFunctions[name] = (chunks) => draw(chunks.join(''));
    }
    return join(format.format({ ...escaped, ...tagFunctions }));
  }
}

function join(result: unknown): string {
  return Array.isArray(result) ? result.join('') : String(result);
}

// Element types of the ICU message syntax tree (as numbered by @formatjs/icu-messageformat-parser).
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]); // argument, number, date, time, select, plural
const TAG_TYPE = 8;

interface AstElement {
  type: number;
  value?: string;
  children?: AstElement[];
  options?: Record<string, { value: AstElement[] }>;
}

/** The placeholders and tags a message uses: what every language's version of it must use too. */
export function messageParts(ast: readonly unknown[]): { placeholders: string[]; tags: string[] } {
  const placeholders = new Set<string>();
  const tags = new Set<string>();
  const walk = (elements: readonly AstElement[]): void => {
    for (const element of elements) {
      if (ARGUMENT_TYPES.has(element.type) && element.value) placeholders.add(element.value);
      if (element.type === TAG_TYPE && element.value) tags.add(element.value);
      if (element.children) walk(element.children);
      if (element.options) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(ast as AstElement[]);
  return { placeholders: [...placeholders].sort(), tags: [...tags].sort() };
}

/** The placeholders and tags of a message source. */
export function partsOf(source: string, language: string): { placeholders: string[]; tags: string[] } {
  return messageParts(new IntlMessageFormat(source, language).getAst());
}
