import type { Node } from 'jsonc-parser';
import { ConfigError, formatPath, type ConfigProblem } from './friendly-errors.ts';
import { lineAndColumn, type JsonPath, type JsonSource } from './source-map.ts';
import { codePoint, UNSAFE_CHARACTERS } from './unsafe-characters.ts';

/**
 * Checks on the text of a tenant file that come before its JSON is read: the encoding, the nesting depth, keys given
 * twice and characters that do not belong in any value (control characters, bidirectional-text overrides).
 */

/** Deeper than any tenant file needs (it uses five levels); refused before a parser could run out of stack. */
export const MAX_NESTING = 20;

function fail(file: string, message: string, where?: { line: number; column: number }, path = '(file)'): never {
  throw new ConfigError([{ severity: 'error', path, message, file, ...(where ?? {}) }]);
}

/**
 * The text of a tenant file from its bytes: UTF-8, with or without a byte-order mark. UTF-16 and UTF-32 files (as
 * some Windows editors save them) and files in a legacy 8-bit encoding are refused with what to do.
 */
export function decodeConfigBytes(bytes: Uint8Array, file: string): string {
  const saveAs = 'save the file as UTF-8 (in most editors: "Save with encoding" or "Encoding: UTF-8")';
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    fail(file, `the file is saved as UTF-32; ${saveAs}`);
  }
  if (b0 === 0xff && b1 === 0xfe) fail(file, `the file is saved as UTF-16 (little-endian); ${saveAs}`);
  if (b0 === 0xfe && b1 === 0xff) fail(file, `the file is saved as UTF-16 (big-endian); ${saveAs}`);
  // UTF-16 without a byte-order mark: every other byte of the ASCII braces and quotes is zero.
  const head = bytes.subarray(0, 64);
  const zeros = head.filter((byte) => byte === 0).length;
  if (head.length >= 4 && zeros >= head.length / 4) fail(file, `the file looks like UTF-16 or UTF-32 (it has zero bytes between the characters); ${saveAs}`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    const where = lineAndColumn(lenient, lenient.indexOf('\ufffd'));
    return fail(file, `the file is not valid UTF-8 (it may be saved as Windows-1252 or Latin-1); ${saveAs}`, where);
  }
}

/** Refuses arrays and objects nested deeper than MAX_NESTING, naming the line where the limit is passed. */
export function checkNesting(text: string, file: string): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{' || character === '[') {
      depth += 1;
      if (depth > MAX_NESTING) fail(file, `nested more than ${MAX_NESTING} levels deep; a tenant file needs five at most`, lineAndColumn(text, index), '(syntax)');
    } else if (character === '}' || character === ']') depth -= 1;
  }
}

function* nodesWithPaths(node: Node | undefined, path: JsonPath = []): Generator<{ node: Node; path: JsonPath }> {
  if (!node) return;
  yield { node, path };
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key) yield* nodesWithPaths(value, [...path, String(key.value)]);
    }
  } else if (node.type === 'array') {
    let index = 0;
    for (const child of node.children ?? []) yield* nodesWithPaths(child, [...path, index++]);
  }
}

/**
 * Keys given twice in one object (JSON keeps the last silently) and values or keys holding unsafe characters; one
 * problem per finding, at its line.
 */
export function textProblems(source: JsonSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (node: Node, path: JsonPath, message: string): ConfigProblem => ({
    severity: 'error',
    path: formatPath(path),
    message,
    file: source.file,
    ...lineAndColumn(source.text, node.offset),
  });
  for (const { node, path } of nodesWithPaths(source.root)) {
    if (node.type === 'string') {
      const found = UNSAFE_CHARACTERS.exec(String(node.value));
      if (found) problems.push(at(node, path, `contains the invisible control character ${codePoint(found[0])}; remove it (retype the value if unsure where it is)`));
    }
    if (node.type !== 'object') continue;
    const first = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      const name = String(key.value);
      const unsafe = UNSAFE_CHARACTERS.exec(name);
      if (unsafe) problems.push(at(key, [...path, name], `the key contains the invisible control character ${codePoint(unsafe[0])}; remove it`));
      const earlier = first.get(name);
      if (earlier) {
        const line = lineAndColumn(source.text, earlier.offset).line;
        problems.push(at(key, [...path, name], `duplicate key "${name}": also given on line ${line}; JSON would keep only this last value, so remove one of them`));
      } else first.set(name, key);
    }
  }
  return problems;
}
