/** An error whose message is already fit for the terminal: printed as is, no stack trace, exit code 1. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = options?.exitCode ?? 1;
  }
}

export function dateArgument(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new CliError(`error: ${flag}: expected a date written YYYY-MM-DD, found "${value}"`);
  }
  return value;
}
