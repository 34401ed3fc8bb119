import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

// Loads the Handlebars texts once, when this module is first imported. This is configuration
// loading, like reading a locale file: the generators that use the texts stay pure (no I/O while
// building a playbook). The files are kept as plain .hbs so writers can edit the wording without
// touching code, and read with the file system because the code runs both under plain Node (no
// bundler, so no `?raw` imports) and under Vite.

const TEMPLATE_DIR = fileURLToPath(new URL('.', import.meta.url));

function collect(dir: string, found: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path, found);
    else if (entry.isFile() && entry.name.endsWith('.hbs')) {
      const key = relative(TEMPLATE_DIR, path).split(sep).join('/').replace(/\.hbs$/, '');
      found.set(key, readFileSync(path, 'utf8'));
    }
  }
}

function loadAll(): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  collect(TEMPLATE_DIR, found);
  return found;
}

/** Every template's source, keyed by its path under src/templates without ".hbs", e.g. "communications/announcement.subject". */
export const templateSources: ReadonlyMap<string, string> = loadAll();
