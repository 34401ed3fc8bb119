/**
 * The request IDs already counted, kept as 64-bit hashes in one open-addressing table of 32-bit
 * words: at most 10.7 bytes an ID (each shard grows at three quarters full), instead of a JavaScript
 * string and a Set entry (about 100 bytes), so ten million sign-ins fit in 134 MB. The hash is the
 * lower half of the ID's MD5 digest, the value the engine computes for the same ID
 * (`md5_number_lower`), so IDs counted by the engine and by the TypeScript readers share one table.
 * Two different IDs share a 64-bit hash with odds of about one in 300,000 over ten million IDs; such
 * a sign-in would be taken as seen.
 */
import { createHash } from 'node:crypto';

/** The ID's 64-bit hash as two 32-bit words (high, low): bytes 8–15 of its MD5 digest, little-endian. */
export function requestIdHash(id: string): [number, number] {
  const digest = createHash('md5').update(id, 'utf8').digest();
  return [digest.readUInt32LE(12), digest.readUInt32LE(8)];
}

/** The engine's UBIGINT form of the same hash, split into the table's two words. */
export function splitRequestIdHash(value: bigint): [number, number] {
  return [Number(value >> 32n), Number(value & 0xffffffffn)];
}

export interface RequestIdSet {
  /** Add the ID; false when it was already there. */
  add(id: string): boolean;
  /** Add an ID by its hash words; false when it was already there. */
  addHash(high: number, low: number): boolean;
  /** Whether an ID with this hash was added. */
  hasHash(high: number, low: number): boolean;
  readonly size: number;
}

/**
 * The table is split into shards by the hash's top bits, each growing on its own: growing copies one
 * shard into a table twice its size, so the old and new copies held together at that moment are a
 * sixty-fourth of the table, not all of it (at ten million IDs the whole table's growth held 67 MB
 * beside the new 134 MB).
 */
const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;

interface Shard {
  slots: number;
  table: Uint32Array;
  size: number;
}

export function createRequestIdSet(initialSlots = 1 << 16): RequestIdSet {
  const shards: Shard[] = Array.from({ length: SHARDS }, () => {
    const slots = Math.max(2, initialSlots / SHARDS);
    return { slots, table: new Uint32Array(slots * 2), size: 0 };
  });
  let size = 0;

  // A slot is empty when both words are 0; a real hash of (0, 0) is stored as (0, 1), so the two
  // collide the way any two IDs with one hash do.
  const slotOf = (t: Uint32Array, capacity: number, hi: number, lo: number): number => {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & (capacity - 1);
    for (;;) {
      const h = t[i * 2] as number;
      const l = t[i * 2 + 1] as number;
      if ((h === 0 && l === 0) || (h === hi && l === lo)) return i;
      i = (i + 1) & (capacity - 1);
    }
  };

  const insert = (t: Uint32Array, capacity: number, hi: number, lo: number): boolean => {
    const i = slotOf(t, capacity, hi, lo);
    if (t[i * 2] === hi && t[i * 2 + 1] === lo) return false;
    t[i * 2] = hi;
    t[i * 2 + 1] = lo;
    return true;
  };

  const grow = (shard: Shard): void => {
    const old = shard.table;
    const next = new Uint32Array(shard.slots * 4);
    for (let i = 0; i < shard.slots; i += 1) {
      const h = old[i * 2] as number;
      const l = old[i * 2 + 1] as number;
      if (h !== 0 || l !== 0) insert(next, shard.slots * 2, h, l);
    }
    shard.slots *= 2;
    shard.table = next;
  };

  const nonEmpty = (hi: number, lo: number): [number, number] => (hi === 0 && lo === 0 ? [0, 1] : [hi >>> 0, lo >>> 0]);
  // The shard by the high word's top bits; the slot within it by the low word mixed with the high one.
  const shardOf = (hi: number): Shard => shards[hi >>> (32 - SHARD_BITS)] as Shard;

  const addHash = (high: number, low: number): boolean => {
    const [hi, lo] = nonEmpty(high, low);
    const shard = shardOf(hi);
    if (shard.size * 4 >= shard.slots * 3) grow(shard);
    const added = insert(shard.table, shard.slots, hi, lo);
    if (added) {
      shard.size += 1;
      size += 1;
    }
    return added;
  };

  return {
    add(id: string): boolean {
      const [hi, lo] = requestIdHash(id);
      return addHash(hi, lo);
    },
    addHash,
    hasHash(high: number, low: number): boolean {
      const [hi, lo] = nonEmpty(high, low);
      const shard = shardOf(hi);
      const i = slotOf(shard.table, shard.slots, hi, lo);
      return shard.table[i * 2] === hi && shard.table[i * 2 + 1] === lo;
    },
    get size() {
      return size;
    },
  };
}
