// Compiles the command's TypeScript (src/) to JavaScript (lib/) for the published package: Node does not strip
// types from files under node_modules, so an installed copy must run JavaScript. The Handlebars texts and JSON
// data the compiled modules read beside themselves are copied along. Astro still reads src/ (pages, components,
// content) at build time, so src/ ships too. Development keeps running from src/ directly.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lib = join(root, 'lib');
rmSync(lib, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.package.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const src = join(root, 'src');
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(hbs|json)$/.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(lib, relative(src, from)));
}
