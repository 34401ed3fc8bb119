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

  it('keeps hashes in every shard of the table apart, the empty-slot hash (0, 0) included, as they grow', () => {
    const set = createRequestIdSet(16);
    // High words spread over every top-bit shard, low words alike across shards, so only the shard tells some apart.
    const hashes: [number, number][] = [[0, 0]];
    for (let shard = 0; shard < 64; shard += 1) for (let low = 1; low <= 40; low += 1) hashes.push([((shard << 26) | low) >>> 0, low]);
    for (const [hi, lo] of hashes) expect(set.addHash(hi, lo)).toBe(true);
    expect(set.size).toBe(hashes.length);
    for (const [hi, lo] of hashes) expect(set.hasHash(hi, lo)).toBe(true);
    for (const [hi, lo] of hashes) expect(set.addHash(hi, lo)).toBe(false);
    expect(set.hasHash(1 << 26, 41)).toBe(false);
    // (0, 0) is kept as (0, 1): the two are one hash to the table.
    expect(set.hasHash(0, 1)).toBe(true);
  });
});
