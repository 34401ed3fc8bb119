// A small TrueType subsetter. The subsetter inside @pdf-lib/fontkit writes a short-format `loca`
// table while copying glyph records of odd length unpadded, which corrupts most glyphs of Noto Sans
// (letters vanish in every viewer). This one copies the glyphs the document uses, in the order the
// PDF numbers them, pads every glyph record to four bytes and always writes a long-format `loca`.
// Composite glyphs pull in their components, renumbered. Tables a PDF viewer does not read for an
// embedded CID font (cmap, GSUB, GPOS, GDEF, kern, ...) are left out.

import { inflateSync } from 'node:zlib';

interface TableRecord {
  offset: number;
  length: number;
}

const KEEP = ['OS/2', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep'];

function readTables(font: Uint8Array): Map<string, TableRecord> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

function checksum(bytes: Uint8Array): number {
  const padded = bytes.length % 4 === 0 ? bytes : concat([bytes, new Uint8Array(4 - (bytes.length % 4))]);
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A font's tables by tag: `get` fails naming a missing table, `has` asks first. */
function fontTables(font: Uint8Array): { get: (tag: string) => Uint8Array; has: (tag: string) => boolean } {
  const tables = readTables(font);
  return {
    get: (tag) => {
      const record = tables.get(tag);
      if (!record) throw new Error(`The font has no ${tag} table`);
      return font.subarray(record.offset, record.offset + record.length);
    },
    has: (tag) => tables.has(tag),
  };
}

const dv = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Returns a TrueType font holding only `glyphIds` (old glyph ids; new glyph id = position in the
 * list, so the list should start with 0 for .notdef) plus the components of composite glyphs,
 * which are appended after them.
 */
export function subsetTrueType(font: Uint8Array, glyphIds: readonly number[]): Uint8Array {
  const tables = fontTables(font);
  const table = tables.get;

  const head = dv(table('head'));
  const longLoca = head.getInt16(50) === 1;
  const maxp = dv(table('maxp'));
  const numGlyphs = maxp.getUint16(4);
  const hhea = dv(table('hhea'));
  const numberOfHMetrics = hhea.getUint16(34);
  const hmtx = dv(table('hmtx'));
  const loca = dv(table('loca'));
  const glyf = table('glyf');

  const offsetOf = (gid: number) => (longLoca ? loca.getUint32(gid * 4) : loca.getUint16(gid * 2) * 2);
  const metricOf = (gid: number): [number, number] => {
    if (gid < numberOfHMetrics) return [hmtx.getUint16(gid * 4), hmtx.getInt16(gid * 4 + 2)];
    const advance = hmtx.getUint16((numberOfHMetrics - 1) * 4);
    return [advance, hmtx.getInt16(numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2)];
  };

  const order: number[] = [];
  const index = new Map<number, number>();
  const include = (gid: number): number => {
    const safe = gid >= 0 && gid < numGlyphs ? gid : 0;
    let id = index.get(safe);
    if (id === undefined) {
      id = order.length;
      order.push(safe);
      index.set(safe, id);
    }
    return id;
  };
  if (glyphIds[0] !== 0) include(0);
  for (const gid of glyphIds) include(gid);

  const glyphData: Uint8Array[] = [];
  for (let i = 0; i < order.length; i += 1) {
    const gid = order[i]!;
    const start = offsetOf(gid);
    const end = offsetOf(gid + 1);
    let data: Uint8Array = glyf.slice(start, end);
    if (data.length >= 10 && dv(data).getInt16(0) < 0) {
      // Composite glyph: renumber each component, including any not yet in the subset.
      const view = dv(data);
      let at = 10;
      for (;;) {
        const flags = view.getUint16(at);
        view.setUint16(at + 2, include(view.getUint16(at + 2)));
        at += 4 + (flags & 0x0001 ? 4 : 2);
        if (flags & 0x0008) at += 2;
        else if (flags & 0x0040) at += 4;
        else if (flags & 0x0080) at += 8;
        if (!(flags & 0x0020)) break;
      }
    }
    if (data.length % 4 !== 0) data = concat([data, new Uint8Array(4 - (data.length % 4))]);
    glyphData.push(data);
  }

  const count = order.length;
  const newGlyf = concat(glyphData);
  const newLoca = new Uint8Array((count + 1) * 4);
  const newLocaView = dv(newLoca);
  let offset = 0;
  glyphData.forEach((data, i) => {
    newLocaView.setUint32(i * 4, offset);
    offset += data.length;
  });
  newLocaView.setUint32(count * 4, offset);

  const newHmtx = new Uint8Array(count * 4);
  const newHmtxView = dv(newHmtx);
  order.forEach((gid, i) => {
    const [advance, bearing] = metricOf(gid);
    newHmtxView.setUint16(i * 4, advance);
    newHmtxView.setInt16(i * 4 + 2, bearing);
  });

  const newHead = table('head').slice();
  dv(newHead).setUint32(8, 0); // checkSumAdjustment, set below
  dv(newHead).setInt16(50, 1); // long loca
  const newMaxp = table('maxp').slice();
  dv(newMaxp).setUint16(4, count);
  const newHhea = table('hhea').slice();
  dv(newHhea).setUint16(34, count);
  // post format 3: no glyph names.
  const newPost = table('post').slice(0, 32);
  dv(newPost).setUint32(0, 0x00030000);

  const out = new Map<string, Uint8Array>([
    ['glyf', newGlyf],
    ['head', newHead],
    ['hhea', newHhea],
    ['hmtx', newHmtx],
    ['loca', newLoca],
    ['maxp', newMaxp],
    ['post', newPost],
  ]);
  for (const tag of KEEP) if (!out.has(tag) && tables.has(tag)) out.set(tag, table(tag));
  return writeFont(out);
}

/**
 * Returns a TrueType font in which every glyph keeps its id but only `glyphIds` (and the components of composite
 * glyphs among them) keep their outlines; the others are empty. The character map stays, so a viewer can type any
 * character whose glyph is kept: used for the font of form fields, which must render what is typed later.
 * Layout tables (GSUB, GPOS, GDEF, ...) are left out: the glyphs only they reach are the ones emptied.
 */
export function sparseTrueType(font: Uint8Array, glyphIds: readonly number[]): Uint8Array {
  const tables = fontTables(font);
  const table = tables.get;
  const longLoca = dv(table('head')).getInt16(50) === 1;
  const numGlyphs = dv(table('maxp')).getUint16(4);
  const loca = dv(table('loca'));
  const glyf = table('glyf');
  const offsetOf = (gid: number) => (longLoca ? loca.getUint32(gid * 4) : loca.getUint16(gid * 2) * 2);

  const kept = new Set<number>([0]);
  const queue = [...glyphIds];
  while (queue.length > 0) {
    const gid = queue.pop()!;
    if (gid < 0 || gid >= numGlyphs || (kept.has(gid) && gid !== 0)) continue;
    kept.add(gid);
    const data = glyf.subarray(offsetOf(gid), offsetOf(gid + 1));
    if (data.length < 10 || dv(data).getInt16(0) >= 0) continue;
    const view = dv(data);
    let at = 10;
    for (;;) {
      const flags = view.getUint16(at);
      const component = view.getUint16(at + 2);
      if (!kept.has(component)) queue.push(component);
      at += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) at += 2;
      else if (flags & 0x0040) at += 4;
      else if (flags & 0x0080) at += 8;
      if (!(flags & 0x0020)) break;
    }
  }

  const glyphData: Uint8Array[] = [];
  for (let gid = 0; gid < numGlyphs; gid += 1) {
    let data: Uint8Array = kept.has(gid) ? glyf.subarray(offsetOf(gid), offsetOf(gid + 1)) : new Uint8Array(0);
    if (data.length % 4 !== 0) data = concat([data, new Uint8Array(4 - (data.length % 4))]);
    glyphData.push(data);
  }
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  let offset = 0;
  glyphData.forEach((data, i) => {
    dv(newLoca).setUint32(i * 4, offset);
    offset += data.length;
  });
  dv(newLoca).setUint32(numGlyphs * 4, offset);
  const newHead = table('head').slice();
  dv(newHead).setUint32(8, 0);
  dv(newHead).setInt16(50, 1);
  const newPost = table('post').slice(0, 32);
  dv(newPost).setUint32(0, 0x00030000);
  const out = new Map<string, Uint8Array>([
    ['glyf', concat(glyphData)],
    ['head', newHead],
    ['loca', newLoca],
    ['post', newPost],
  ]);
  for (const tag of [...KEEP, 'cmap']) if (!out.has(tag) && tables.has(tag)) out.set(tag, table(tag));
  return writeFont(out);
}

/**
 * The TrueType font inside a WOFF (1.0) file: each table inflated where it was compressed. The symbol font ships
 * only as WOFF, and the subsetter above reads plain TrueType tables.
 */
export function woffToTrueType(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('Not a WOFF font (no "wOFF" signature)');
  if (view.getUint32(4) !== 0x00010000) throw new Error('The WOFF font does not hold TrueType outlines');
  const count = view.getUint16(12);
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i += 1) {
    const at = 44 + i * 20;
    const tag = String.fromCharCode(woff[at]!, woff[at + 1]!, woff[at + 2]!, woff[at + 3]!);
    const offset = view.getUint32(at + 4);
    const compressed = view.getUint32(at + 8);
    const original = view.getUint32(at + 12);
    const stored = woff.subarray(offset, offset + compressed);
    const data = compressed < original ? new Uint8Array(inflateSync(stored)) : stored.slice();
    if (data.length !== original) throw new Error(`The WOFF font's ${tag} table does not inflate to its stated length`);
    out.set(tag, data);
  }
  const head = out.get('head');
  if (head) new DataView(head.buffer, head.byteOffset, head.byteLength).setUint32(8, 0); // set again by writeFont
  return writeFont(out);
}

/** Writes a TrueType file from its tables, with table checksums and the head checksum adjustment. */
function writeFont(out: Map<string, Uint8Array>): Uint8Array {
  const tags = [...out.keys()].sort();
  const numTables = tags.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector += 1;
  const searchRange = 2 ** entrySelector * 16;
  const header = new Uint8Array(12 + numTables * 16);
  const headerView = dv(header);
  headerView.setUint32(0, 0x00010000);
  headerView.setUint16(4, numTables);
  headerView.setUint16(6, searchRange);
  headerView.setUint16(8, entrySelector);
  headerView.setUint16(10, numTables * 16 - searchRange);
  const bodies: Uint8Array[] = [];
  let at = header.length;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = out.get(tag)!;
    const record = 12 + i * 16;
    for (let c = 0; c < 4; c += 1) header[record + c] = tag.charCodeAt(c);
    headerView.setUint32(record + 4, checksum(data));
    headerView.setUint32(record + 8, at);
    headerView.setUint32(record + 12, data.length);
    if (tag === 'head') headOffset = at;
    const padded = data.length % 4 === 0 ? data : concat([data, new Uint8Array(4 - (data.length % 4))]);
    bodies.push(padded);
    at += padded.length;
  });
  const result = concat([header, ...bodies]);
  const adjustment = (0xb1b0afba - checksum(result)) >>> 0;
  dv(result).setUint32(headOffset + 8, adjustment);
  return result;
}
