import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { locate, type JsonPath, type JsonSource } from './source-map.ts';
import { terminalSafe } from './unsafe-characters.ts';

/** One problem in a config file, ready to print as a single line. */
export interface ConfigProblem {
  severity: 'error' | 'warning';
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '(root)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** One line for the terminal; control characters and bidi overrides from the file are shown by name, never sent raw. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''} ` : '';
  return terminalSafe(`${problem.severity}: ${where}${problem.path}: ${problem.message}`);
}

/** Thrown for a config that cannot be used; `problems` holds every error found, not just the first. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function describeFound(input: unknown): string {
  if (input === undefined) return 'nothing (the key is missing)';
  if (input === null) return 'null';
  if (typeof input === 'string') return `"${input.length > 60 ? `${input.slice(0, 57)}…` : input}"`;
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  return String(input);
}

function knownKeysAt(shape: z.ZodType, path: JsonPath): string[] {
  // Walk the schema alongside the path to list the keys that are allowed where the unknown one stands.
  let current: unknown = shape;
  for (const part of path) {
    current = unwrap(current);
    const def = (current as { def?: Record<string, unknown> }).def;
    if (!def) return [];
    if (def.type === 'object') current = (def.shape as Record<string, unknown>)[String(part)];
    else if (def.type === 'array') current = def.element;
    else return [];
  }
  const def = (unwrap(current) as { def?: Record<string, unknown> }).def;
  return def?.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: Record<string, unknown> } | undefined;
  while (current?.def && ['default', 'optional', 'pipe', 'nullable', 'prefault'].includes(String(current.def.type))) {
    current = (current.def.innerType ?? current.def.in) as typeof current;
  }
  return current;
}

export function suggestKey(unknown: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(unknown, known);
  const lower = known.find((key) => key.toLowerCase() === unknown.toLowerCase());
  if (lower) return lower;
  return distance(unknown, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Turns zod issues into one human line each, prefixed by the key path and placed at a line of the file.
 * Modelled on Starlight's parseWithFriendlyErrors.
 */
const EXPECTED_LABELS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

export function friendlyProblems(issues: z.core.$ZodIssue[], schema: z.ZodType, source: JsonSource): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // A misspelt key shows twice in zod's issues: as an unknown key and as a missing one. Say it once, as "did you mean".
  const explainedMissing = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const known = knownKeysAt(schema, path);
    for (const key of issue.keys) {
      const suggestion = suggestKey(key, known);
      if (suggestion) explainedMissing.add(formatPath([...path, suggestion]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = suggestKey(key, known);
        const allowed = known.filter((name) => name !== '$schema').join(', ');
        problems.push(
          at(source, [...path, key], {
            message: suggestion ? `unknown key "${key}"; did you mean "${suggestion}"?` : `unknown key "${key}"; allowed here: ${allowed}`,
            key: true,
          }),
        );
      }
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    let message = issue.message;
    if (issue.code === 'invalid_type' && input === undefined) {
      if (explainedMissing.has(formatPath(path))) continue;
      // A type's wording ("Invalid input: …", "expected true or false") becomes "missing: expected …"; a message the
      // schema wrote for the key's absence (an override or exception without its expiry) is kept as written.
      const typeWording = message.startsWith('Invalid input') || message.startsWith('expected ');
      message = typeWording ? `missing: expected ${EXPECTED_LABELS[issue.expected] ?? issue.expected}` : message;
    } else if (!/found/.test(message) && (issue.code !== 'custom' || ['string', 'number', 'boolean'].includes(typeof input))) {
      // A custom check on a whole object (e.g. duplicate ids) says what it found itself.
      message = `${message}, found ${describeFound(input)}`;
    }
    problems.push(at(source, path, { message }));
  }
  return problems;
}

export function at(source: JsonSource, path: JsonPath, detail: { message: string; key?: boolean; severity?: 'error' | 'warning' }): ConfigProblem {
  const position = locate(source, path, { key: detail.key });
  return {
    severity: detail.severity ?? 'error',
    path: formatPath(path),
    message: detail.message,
    file: source.file,
    ...(position ?? {}),
  };
}
