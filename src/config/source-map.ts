import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';

/** A JSON text with the means to turn a key path into a line and column. */
export interface JsonSource {
  file: string;
  text: string;
  root: Node | undefined;
  syntaxErrors: { line: number; column: number; message: string }[];
}

export type JsonPath = (string | number)[];

export function readJsonSource(file: string, text: string): JsonSource {
  const errors: ParseError[] = [];
  // Strict JSON: comments and trailing commas are reported, as editors validating against $schema would.
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const syntaxErrors = errors.map((error) => {
    const { line, column } = lineAndColumn(text, error.offset);
    return { line, column, message: describeSyntaxError(printParseErrorCode(error.error)) };
  });
  return { file, text, root, syntaxErrors };
}

function describeSyntaxError(code: string): string {
  const known: Record<string, string> = {
    InvalidSymbol: 'invalid character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":" after the property name',
    CommaExpected: 'expected "," between entries',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the JSON document',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return `JSON syntax error: ${known[code] ?? code}`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastLineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lastLineStart = index + 1;
    }
  }
  return { line, column: offset - lastLineStart + 1 };
}

/**
 * Where a path points in the file. For a key that is missing, the nearest existing parent;
 * with `key: true`, the property name rather than its value (used for unknown keys).
 */
export function locate(source: JsonSource, path: JsonPath, options: { key?: boolean } = {}): { line: number; column: number } | undefined {
  if (!source.root) return undefined;
  for (let length = path.length; length >= 0; length -= 1) {
    const node = findNodeAtLocation(source.root, path.slice(0, length));
    if (!node) continue;
    const target = options.key && length === path.length && node.parent?.type === 'property' ? node.parent : node;
    return lineAndColumn(source.text, target.offset);
  }
  return undefined;
}

/** Every property name in the document with its path, for checks that look at keys (secrets). */
export function* walkKeys(node: Node | undefined, path: JsonPath = []): Generator<{ key: string; path: JsonPath; node: Node }> {
  if (!node) return;
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      yield { key, path: [...path, key], node: keyNode };
      yield* walkKeys(valueNode, [...path, key]);
    }
  } else if (node.type === 'array') {
    let index = 0;
    for (const child of node.children ?? []) {
      yield* walkKeys(child, [...path, index]);
      index += 1;
    }
  }
}
