/**
 * Streaming splitter for large JSON documents whose bulk is one array: a bare array (portal JSON
 * download), or an object holding the array under a known key (Graph `value`, storage `records`).
 * It tracks only nesting, strings and escapes, hands each array element over as text (parsed by
 * the caller with JSON.parse), and keeps the short top-level string values (such as
 * `@odata.nextLink`). Memory is bounded by the largest single element, not by the file.
 */

export interface SplitResult {
  /** Top-level string values of a root object (e.g. `@odata.nextLink`), by key. */
  topLevel: Record<string, string>;
  /** Keys of the root object seen, in order. */
  topLevelKeys: string[];
  rootType: 'array' | 'object' | null;
  /** Whether an array under one of the wanted keys (or the root array) was found. */
  foundArray: boolean;
  /** Structural problem that stopped the split (the elements before it were delivered). */
  error: string | null;
}

const WS = new Set([' ', '\t', '\n', '\r']);

export async function splitJsonArray(input: AsyncIterable<string>, arrayKeys: readonly string[], onElement: (text: string, line: number) => void): Promise<SplitResult> {
  const result: SplitResult = { topLevel: {}, topLevelKeys: [], rootType: null, foundArray: false, error: null };
  let depth = 0;
  let inString = false;
  let escape = false;
  let line = 1;
  let arrayDepth = -1; // depth of the open array whose elements we deliver
  let started = false;

  // Element capture.
  let capturing = false;
  let elementIsContainer = false;
  let elementLine = 0;
  let parts: string[] = [];
  let partStart = 0;

  // Strings directly inside the root object (keys and short values).
  let rootString: string[] | null = null;
  let expectKey = false;
  let lastKey = '';
  let valueForKey: string | null = null;

  const finishElement = (chunk: string, endExclusive: number): void => {
    parts.push(chunk.slice(partStart, endExclusive));
    onElement(parts.join(''), elementLine);
    parts = [];
    capturing = false;
  };

  const stringEnd = /["\\]/g;
  let first = true;

  for await (let chunk of input) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    partStart = 0;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (inString) {
        if (escape) {
          escape = false;
          if (rootString !== null) rootString.push('\\', chunk[i] as string);
          i += 1;
          continue;
        }
        stringEnd.lastIndex = i;
        const m = stringEnd.exec(chunk);
        if (m === null) {
          if (rootString !== null) rootString.push(chunk.slice(i));
          i = n;
          continue;
        }
        const j = m.index;
        if (rootString !== null) rootString.push(chunk.slice(i, j));
        if (chunk[j] === '\\') {
          escape = true;
          i = j + 1;
          continue;
        }
        inString = false;
        i = j + 1;
        if (rootString !== null) {
          let s = rootString.join('');
          rootString = null;
          try {
            s = JSON.parse(`"${s}"`) as string;
          } catch {
            /* keep raw text */
          }
          if (expectKey) {
            lastKey = s;
            result.topLevelKeys.push(s);
            expectKey = false;
          } else if (valueForKey !== null) {
            result.topLevel[valueForKey] = s;
            valueForKey = null;
          }
        }
        if (capturing && !elementIsContainer && depth === arrayDepth) {
          // a bare string element ends at the closing quote
          finishElement(chunk, i);
        }
        continue;
      }

      const c = chunk[i] as string;
      if (c === '\n') {
        line += 1;
        i += 1;
        continue;
      }
      if (WS.has(c)) {
        i += 1;
        continue;
      }

      if (!started) {
        started = true;
        if (c === '[') {
          result.rootType = 'array';
          result.foundArray = true;
          depth = 1;
          arrayDepth = 1;
          i += 1;
          continue;
        }
        if (c === '{') {
          result.rootType = 'object';
          depth = 1;
          expectKey = true;
          i += 1;
          continue;
        }
        result.error = `line ${line}: the file does not start with a JSON array or object`;
        return result;
      }

      // Start of an element of the wanted array.
      if (!capturing && arrayDepth !== -1 && depth === arrayDepth && c !== ',' && c !== ']') {
        capturing = true;
        elementIsContainer = c === '{' || c === '[';
        elementLine = line;
        partStart = i;
        parts = [];
      }

      if (c === '"') {
        inString = true;
        if (depth === 1 && result.rootType === 'object' && (expectKey || valueForKey !== null)) rootString = [];
        i += 1;
        continue;
      }
      if (c === '{' || c === '[') {
        if (depth === 1 && result.rootType === 'object' && c === '[' && arrayKeys.includes(lastKey) && arrayDepth === -1) {
          arrayDepth = 2;
          result.foundArray = true;
        }
        valueForKey = null;
        depth += 1;
        i += 1;
        continue;
      }
      if (c === '}' || c === ']') {
        depth -= 1;
        if (depth < 0) {
          result.error = `line ${line}: unbalanced "${c}"`;
          return result;
        }
        if (capturing && elementIsContainer && depth === arrayDepth) {
          finishElement(chunk, i + 1);
        } else if (capturing && !elementIsContainer && depth === arrayDepth - 1) {
          finishElement(chunk, i); // a bare primitive element closed by "]"
        }
        if (depth === arrayDepth - 1) arrayDepth = -1;
        i += 1;
        continue;
      }
      if (c === ',') {
        if (capturing && !elementIsContainer && depth === arrayDepth) finishElement(chunk, i);
        if (depth === 1 && result.rootType === 'object') expectKey = true;
        i += 1;
        continue;
      }
      if (c === ':') {
        if (depth === 1 && result.rootType === 'object') valueForKey = lastKey;
        i += 1;
        continue;
      }
      // number / literal characters
      i += 1;
    }
    if (capturing) {
      parts.push(chunk.slice(partStart));
    }
  }
  if (!started) result.error = 'the file is empty';
  else if (depth !== 0 || inString) result.error = `line ${line}: the file ends in the middle of the JSON (truncated download?)`;
  return result;
}
