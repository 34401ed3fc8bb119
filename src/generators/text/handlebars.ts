import Handlebars from 'handlebars';
import { templateSources } from '../../templates/load.ts';
import type { HtmlTag, MessageValues, Translator } from '../../i18n/translate.ts';

// Two isolated Handlebars environments (Handlebars.create(): no global helpers or partials leak in
// or out), both in strict mode so a misspelt field fails loudly instead of printing nothing.
//
// - HTML bodies ("*.html") escape every value: {{value}} turns <, >, &, quotes, = and ` into entities.
//   Triple-stash is never used in HTML templates.
// - Everything else (subjects, plain-text bodies, Teams posts, banners) is plain text, compiled with
//   noEscape: HTML entities in a plain-text email or a chat post would show as "&amp;" to the reader
//   and corrupt names such as "Smith & Sons". These outputs are not HTML; whoever puts them into HTML
//   (a renderer) escapes them there.
//
// Handlebars never re-evaluates data, so a config value such as "{{x}}" is printed literally.
//
// The templates are layout; the words come from the language's message catalog through the one helper
// {{t "key"}} (src/i18n/locales/<language>/messages.json), formatted with the data's `values`.

type Kind = 'html' | 'text';

const COMPILE_OPTIONS: Record<Kind, CompileOptions> = {
  html: { strict: true, knownHelpersOnly: true, knownHelpers: { t: true } },
  text: { strict: true, knownHelpersOnly: true, knownHelpers: { t: true }, noEscape: true },
};

/** What a template that uses {{t "key"}} reads besides its layout flags: the language and the message values. */
export interface TranslatedData {
  translator: Translator;
  values: MessageValues;
  /** How tags such as <phone>…</phone> are drawn in HTML and in plain text. */
  htmlTags: Readonly<Record<string, HtmlTag>>;
  textTags: Readonly<Record<string, HtmlTag>>;
}

/** Which environment a template key belongs to: "…​.html" (and html partials) escape, the rest do not. */
export function templateKind(key: string): Kind {
  return /\.html$/.test(key) ? 'html' : 'text';
}

function createEnvironment(kind: Kind) {
  const env = Handlebars.create();
  env.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
    const root = options.data.root as Partial<TranslatedData>;
    if (!root.translator || !root.values || !root.htmlTags || !root.textTags) throw new Error(`{{t "${key}"}}: the data has no translator, values or tags ("values" not defined)`);
    const fullKey = `messages.${key}`;
    return kind === 'html'
      ? new env.SafeString(root.translator.html(fullKey, root.values, env.Utils.escapeExpression, root.htmlTags))
      : root.translator.text(fullKey, root.values, root.textTags);
  });
  for (const [key, source] of templateSources) {
    const match = /^partials\/(.+)\.(html|text)$/.exec(key);
    if (match && match[2] === kind) {
      // Partials are compiled here with the same options as the templates that call them.
      env.registerPartial(match[1]!, env.compile(source, COMPILE_OPTIONS[kind]));
    }
  }
  return env;
}

const environments: Record<Kind, typeof Handlebars> = { html: createEnvironment('html'), text: createEnvironment('text') };
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Keys of every template except partials, e.g. "communications/announcement.subject". */
export function templateKeys(): string[] {
  return [...templateSources.keys()].filter((key) => !key.startsWith('partials/'));
}

export function hasTemplate(key: string): boolean {
  return templateSources.has(key);
}

/** Renders one template with the given data. Throws when the template is missing or reads a missing field. */
export function renderTemplate(key: string, data: object): string {
  let template = compiled.get(key);
  if (!template) {
    const source = templateSources.get(key);
    if (source === undefined) throw new Error(`No template "${key}" under src/templates`);
    const kind = templateKind(key);
    template = environments[kind].compile(source, COMPILE_OPTIONS[kind]);
    compiled.set(key, template);
  }
  return template(data);
}
