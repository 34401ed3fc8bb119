import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example.ts';

// The layering rules of .dependency-cruiser.cjs, checked over src/. dependency-cruiser cannot parse Astro pages,
// so the cruise runs over a copy of src/ in which every `X.astro` is replaced by `X.astro.ts` holding the page's
// frontmatter (its imports): an import of './X.astro' still resolves (the resolver tries the .ts extension), and
// a page that imports a layer it must not is reported like any module.

let copies: string[] = [];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The frontmatter of an Astro page: the code between its leading `---` fences (empty when it has none). */
function frontmatter(page: string): string {
  const match = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(page);
  return match ? `${match[1]}\n` : '';
}

/** A copy of src/ that dependency-cruiser can read whole; returns the folder that holds it. */
async function cruisableCopy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'layering-'));
  copies.push(root);
  for (const file of await filesUnder(join(ROOT, 'src'))) {
    const target = join(root, relative(ROOT, file));
    await mkdir(dirname(target), { recursive: true });
    if (file.endsWith('.astro')) await writeFile(`${target}.ts`, frontmatter(await readFile(file, 'utf8')));
    else await cp(file, target);
  }
  return root;
}

async function violationsIn(root: string): Promise<IViolation[]> {
  const config = await extractDepcruiseConfig(join(ROOT, '.dependency-cruiser.cjs'));
  const result = await cruise(['src'], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir: root });
  return (result.output as ICruiseResult).summary.violations;
}

const described = (violations: IViolation[]) => violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);

afterAll(async () => {
  await Promise.all(copies.map((folder) => rm(folder, { recursive: true, force: true })));
  copies = [];
});

describe('layering of src/', () => {
  let root = '';
  beforeAll(async () => {
    root = await cruisableCopy();
  });

  it('has no violation of the layering rules, pages included', async () => {
    expect(described(await violationsIn(root))).toEqual([]);
  });

  it('sees the pages: the admin evidence page is in the graph with its imports', async () => {
    const config = await extractDepcruiseConfig(join(ROOT, '.dependency-cruiser.cjs'));
    const result = await cruise(['src'], { ...config.options, baseDir: root });
    const page = (result.output as ICruiseResult).modules.find((module) => module.source === 'src/site/views/AdminEvidence.astro.ts');
    expect(page?.dependencies.map((dependency) => dependency.resolved)).toContain('src/model/playbook.ts');
  });
});

describe('the layering check catches a wrong import', () => {
  let root = '';
  beforeAll(async () => {
    root = await cruisableCopy();
    // Deliberately wrong, one per rule: a generator importing a renderer, a renderer importing the config and a
    // page importing an evidence reader, the model importing a generator, and a cycle between two new modules.
    const append = async (path: string, line: string) => writeFile(join(root, path), `${await readFile(join(root, path), 'utf8')}\n${line}\n`);
    await append('src/generators/sections.ts', "import { renderPortfolio } from '../artifacts/portfolio-page.ts';");
    await append('src/pdf/documents/timeline.ts', "import type { TenantConfig } from '../../config/schema.ts';");
    await append('src/site/views/AdminPlan.astro.ts', "import { readEvidence } from '../../evidence/index.ts';");
    await append('src/model/views.ts', "import { buildPlaybook } from '../generators/playbook.ts';");
    await append('src/evidence/csv.ts', "import { longDate } from '../site/format.ts';");
    await writeFile(join(root, 'src/shared/ping.ts'), "import { pong } from './pong.ts';\nexport const ping = () => pong;\n");
    await writeFile(join(root, 'src/shared/pong.ts'), "import { ping } from './ping.ts';\nexport const pong = () => ping;\n");
  });

  it('reports each of them under its rule', async () => {
    const found = described(await violationsIn(root));
    expect(found).toEqual(
      expect.arrayContaining([
        'generators-not-renderers: src/generators/sections.ts -> src/artifacts/portfolio-page.ts',
        'renderers-read-the-model-only: src/pdf/documents/timeline.ts -> src/config/schema.ts',
        'renderers-read-the-model-only: src/site/views/AdminPlan.astro.ts -> src/evidence/index.ts',
        'model-imports-nothing-above-it: src/model/views.ts -> src/generators/playbook.ts',
        'evidence-not-renderers: src/evidence/csv.ts -> src/site/format.ts',
        'no-cycles: src/shared/ping.ts -> src/shared/pong.ts',
      ]),
    );
  });
});
