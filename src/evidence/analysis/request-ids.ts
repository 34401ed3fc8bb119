/**
 * The request IDs already counted, kept as 64-bit hashes in one open-addressing table of 32-bit
 * words: 16 bytes an ID at the highest load, instead of a JavaScript string and a Set entry (about
 * 100 bytes), so ten million sign-ins fit in about 160 MB. Two different IDs share a 64-bit hash
 * with odds of about one in 300,000 over ten million IDs; such a sign-in would be taken as seen.
 */

const EMPTY_HIGH = 0; // a slot is empty when both words are 0; a real hash of (0, 0) is stored as (0, 1)

/** Two independent 32-bit FNV-1a hashes of the UTF-16 code units. */
function hash64(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a >>>= 0;
  b >>>= 0;
  return a === EMPTY_HIGH && b === 0 ? [0, 1] : [a, b];
}

export interface RequestIdSet {
  /** Add the ID; false when it was already there. */
  add(id: string): boolean;
  readonly size: number;
}

export function createRequestIdSet(initialSlots = 1 << 16): RequestIdSet {
  let slots = initialSlots;
  let table = new Uint32Array(slots * 2);
  let size = 0;

  const insert = (t: Uint32Array, capacity: number, hi: number, lo: number): boolean => {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & (capacity - 1);
    for (;;) {
      const h = t[i * 2] as number;
      const l = t[i * 2 + 1] as number;
      if (h === 0 && l === 0) {
        t[i * 2] = hi;
        t[i * 2 + 1] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
      i = (i + 1) & (capacity - 1);
    }
  };

  const grow = (): void => {
    const old = table;
    const next = new Uint32Array(slots * 4);
    for (let i = 0; i < slots; i += 1) {
      const h = old[i * 2] as number;
      const l = old[i * 2 + 1] as number;
      if (h !== 0 || l !== 0) insert(next, slots * 2, h, l);
    }
    slots *= 2;
    table = next;
  };

  return {
    add(id: string): boolean {
      if (size * 2 >= slots) grow();
      const [hi, lo] = hash64(id);
      const added = insert(table, slots, hi, lo);
      if (added) size += 1;
      return added;
    },
    get size() {
      return size;
    },
  };
}
