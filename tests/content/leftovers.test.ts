import { describe, expect, it } from 'vitest';
import { examplePlaybook, hostilePlaybook, readConfig, HOSTILE_CONFIG } from '../helpers/example.ts';
import { contentStrings } from './helpers/walk.ts';

// Scans every string the content generators produced for the marks of an unfinished or broken text.

const LEFTOVERS: [string, RegExp][] = [
  ['TODO', /\bTODO\b|\bFIXME\b|\bTBD\b/],
  ['lorem', /lorem|ipsum/i],
  ['undefined', /\bundefined\b/],
  ['NaN', /\bNaN\b/],
  ['[object Object]', /\[object Object\]/],
  ['unreplaced {{', /\{\{/],
  ['Invalid Date', /Invalid Date/],
  ['null', /\bnull\b/],
];

describe('no leftovers in generated text', () => {
  it('example tenant', () => {
    for (const { path, value } of contentStrings(examplePlaybook())) {
      for (const [name, pattern] of LEFTOVERS) expect(value, `${name} in ${path}`).not.toMatch(pattern);
    }
  });

  it('hostile tenant, once the config\u2019s own "{{…}}" values are taken out', () => {
    const config = readConfig(HOSTILE_CONFIG);
    const own = ['{{x}}', '{{hours}}', '{{role}}'];
    expect(JSON.stringify(config)).toContain(own[0]);
    for (const { path, value } of contentStrings(hostilePlaybook())) {
      const cleaned = own.reduce((text, literal) => text.split(literal).join(''), value);
      for (const [name, pattern] of LEFTOVERS) expect(cleaned, `${name} in ${path}`).not.toMatch(pattern);
    }
  });
});
