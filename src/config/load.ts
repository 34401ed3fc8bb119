import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConfigError, friendlyProblems, at, type ConfigProblem } from './friendly-errors.ts';
import { lintConfig } from './lint.ts';
import { findSecretKeys } from './secrets.ts';
import { tenantConfigSchema, type TenantConfig } from './schema.ts';
import { readJsonSource, type JsonSource } from './source-map.ts';
import { checkNesting, decodeConfigBytes, textProblems } from './text-checks.ts';

export interface LoadedConfig {
  config: TenantConfig;
  source: JsonSource;
  /** Warnings found by the schema and the plan lints; errors throw instead. */
  warnings: ConfigProblem[];
}

/**
 * Parses and validates config text. Throws ConfigError listing every problem (syntax, secrets, schema, plan lints).
 * `today` is the plan date, used by lints such as "start date in the past".
 */
export interface ParseOptions {
  /** The plan date, used by lints such as "start date in the past". */
  today: string;
  /** Values given on the command line that replace the file's (e.g. --start). */
  overrides?: { startDate?: string | undefined };
}

export function parseConfig(text: string, file: string, context: ParseOptions): LoadedConfig {
  checkNesting(text, file);
  const source = readJsonSource(file, text.replace(/^\uFEFF/, ''));
  if (source.syntaxErrors.length > 0) {
    throw new ConfigError(source.syntaxErrors.map((error) => ({ severity: 'error', path: '(syntax)', message: error.message, file, line: error.line, column: error.column })));
  }
  const textErrors = textProblems(source);
  if (textErrors.length > 0) throw new ConfigError(textErrors);
  let raw: unknown;
  try {
    raw = JSON.parse(source.text);
  } catch (cause) {
    throw new ConfigError([{ severity: 'error', path: '(syntax)', message: 'not valid JSON', file }], { cause });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([{ severity: 'error', path: '(root)', message: 'expected a JSON object with the tenant settings', file, line: 1, column: 1 }]);
  }
  const secretProblems = findSecretKeys(source);
  if (secretProblems.length > 0) throw new ConfigError(secretProblems);
  if (context.overrides?.startDate !== undefined) (raw as Record<string, unknown>).startDate = context.overrides.startDate;

  const parsed = tenantConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ConfigError(friendlyProblems(parsed.error.issues, tenantConfigSchema, source), { cause: parsed.error });

  const findings = lintConfig(parsed.data, context).map((finding) => at(source, finding.path, { message: finding.message, severity: finding.severity }));
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw new ConfigError(errors);
  return { config: parsed.data, source, warnings: findings.filter((finding) => finding.severity === 'warning') };
}

/** The text of a tenant file: read as bytes, so that a file in another encoding is named as such (ConfigError). */
export async function readConfigText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found (run "mfa-playbook init" to write a starter config)'
        : code === 'EISDIR'
          ? 'this is a folder, not a tenant file'
          : `cannot read the file (${code ?? 'unknown error'})`;
    throw new ConfigError([{ severity: 'error', path: '(file)', message, file: path }], { cause });
  }
  return decodeConfigBytes(bytes, path);
}

export async function loadConfig(path: string, context: ParseOptions): Promise<LoadedConfig> {
  return parseConfig(await readConfigText(path), path, context);
}
