import { describe, expect, it } from 'vitest';
import { splitJsonArray } from '../../src/evidence/json-split.ts';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function split(text: string, size = 1_000_000, keys = ['value']) {
  const out: { text: string; line: number }[] = [];
  const r = await splitJsonArray(chunks(text, size), keys, (t, line) => out.push({ text: t, line }));
  return { ...r, elements: out };
}

const tricky = '{"@odata.context":"x","value":[\n{"a":"q\\"uote ] } [ {","b":[1,{"c":"\\\\"}]},\n{"d":"\\u00e9"}\n],"@odata.nextLink":"https://graph.example/next?$skip=\\"2\\""}';

describe('splitJsonArray', () => {
  it('splits the value array of a Graph page, whatever the chunk size', async () => {
    for (const size of [1, 2, 3, 7, 64, 1_000_000]) {
      const r = await split(tricky, size);
      expect(r.error).toBeNull();
      expect(r.elements.map((e) => JSON.parse(e.text))).toEqual([{ a: 'q"uote ] } [ {', b: [1, { c: '\\' }] }, { d: 'é' }]);
      expect(r.elements.map((e) => e.line)).toEqual([2, 3]);
      expect(r.topLevel['@odata.nextLink']).toBe('https://graph.example/next?$skip="2"');
      expect(r.topLevelKeys).toEqual(['@odata.context', 'value', '@odata.nextLink']);
    }
  });

  it('splits a bare array, including primitive elements, after a BOM', async () => {
    const r = await split('\uFEFF[ {"x":1}, 2, "three", null ]', 3);
    expect(r.rootType).toBe('array');
    expect(r.elements.map((e) => e.text.trim())).toEqual(['{"x":1}', '2', '"three"', 'null']);
  });

  it('ignores arrays under other keys and says when no wanted array exists', async () => {
    const r = await split('{"other":[{"x":1}],"count":3}');
    expect(r.foundArray).toBe(false);
    expect(r.elements).toEqual([]);
  });

  it('reports truncation and structural garbage', async () => {
    expect((await split('[{"a":1},{"a":')).error).toMatch(/ends in the middle/);
    expect((await split('hello')).error).toMatch(/does not start with a JSON array or object/);
    expect((await split('')).error).toBe('the file is empty');
  });
});
