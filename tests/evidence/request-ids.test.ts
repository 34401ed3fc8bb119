import { describe, expect, it } from 'vitest';
import { createRequestIdSet } from '../../src/evidence/analysis/request-ids.ts';

describe('the set of request IDs counted', () => {
  it('says whether an ID was new, across growth of the table, for 200,000 IDs added twice', () => {
    const set = createRequestIdSet(16);
    const id = (i: number) => `${(i * 2654435761) >>> 0}-4a1b-${i.toString(16).padStart(8, '0')}`;
    let added = 0;
    for (let i = 0; i < 200_000; i += 1) if (set.add(id(i))) added += 1;
    expect(added).toBe(200_000);
    let repeated = 0;
    for (let i = 0; i < 200_000; i += 1) if (!set.add(id(i))) repeated += 1;
    expect(repeated).toBe(200_000);
    expect(set.size).toBe(200_000);
  });

  it('tells apart IDs that differ in one character, in case or only in order', () => {
    const set = createRequestIdSet();
    for (const id of ['a-0001', 'a-0002', 'A-0001', '1000-a', '']) expect(set.add(id)).toBe(true);
    expect(set.add('a-0001')).toBe(false);
    expect(set.size).toBe(5);
  });
});
