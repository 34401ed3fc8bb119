import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example.ts';

// `npm ci` (the first step of CI) refuses a lock that lacks any optional dependency, even another platform's
// binary. npm drops those when its registry lacks them; scripts/complete-lockfile.mjs puts them back.
describe('package-lock.json', () => {
  it('lists every optional dependency of every locked package, so npm ci accepts it', () => {
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as { packages: Record<string, { optionalDependencies?: Record<string, string> }> };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`${path ? `${path}/` : ''}node_modules/${name}`] && !lock.packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(missing, 'run "node scripts/complete-lockfile.mjs" after npm install').toEqual([]);
  });

  it('pins the stack at the chosen major versions', () => {
    const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8'));
    const major = (name: string) => Number(lock.packages[`node_modules/${name}`].version.split('.')[0]);
    expect({ astro: major('astro'), mdx: major('@astrojs/mdx'), zod: major('zod'), dateFns: major('date-fns'), vitest: major('vitest'), node: major('node') }).toEqual({
      astro: 7,
      mdx: 8,
      zod: 4,
      dateFns: 4,
      vitest: 5,
      node: 24,
    });
    expect(lock.packages['node_modules/pdf-lib'].version).toMatch(/^1\.17\./);
    expect(lock.packages['node_modules/handlebars'].version >= '4.7.10').toBe(true);
    expect(manifest.engines.node).toBe('>=22.12');
    expect(manifest.bin['mfa-playbook']).toBe('bin/mfa-playbook.mjs');
  });
});
