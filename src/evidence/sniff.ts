import { open } from 'node:fs/promises';

export type TextShape = 'csv' | 'json' | 'jsonl' | 'empty' | 'binary';

/** Read the first bytes of a file as UTF-8 (BOM removed). */
export async function readHead(path: string, bytes = 65_536): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

/**
 * Decide how a file is laid out from its first bytes. `{` on a first line that parses alone and is
 * not a Graph page (`value`/`@odata.context`) means JSON lines (diagnostic settings); any other
 * `{` or `[` start is a JSON document; anything else is CSV.
 */
export function sniffShape(head: string): TextShape {
  if (head.includes('\u0000')) return 'binary';
  const t = head.trimStart();
  if (t === '') return 'empty';
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    const nl = t.indexOf('\n');
    if (nl === -1) return 'json';
    const firstLine = t.slice(0, nl).trim();
    try {
      const o = JSON.parse(firstLine) as Record<string, unknown>;
      if (o !== null && typeof o === 'object' && !Array.isArray(o) && !('value' in o) && !('records' in o) && !('@odata.context' in o)) {
        return 'jsonl';
      }
      return 'json';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

/** The first CSV record's fields, for classification only (the real parse is csv-parse's). */
export function firstLineOf(head: string): string {
  const nl = head.search(/\r?\n/);
  return nl === -1 ? head : head.slice(0, nl);
}
