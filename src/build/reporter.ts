/** Reports build steps and their times on stderr; silent with --quiet, plain when NO_COLOR is set or stderr is not a terminal. */
export interface Reporter {
  step<T>(label: string, work: () => Promise<T> | T): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createReporter(options: { quiet: boolean; stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv; now?: () => number }): Reporter {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const now = options.now ?? (() => performance.now());
  const colour = !('NO_COLOR' in env) && Boolean(stream.isTTY);
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    async step(label, work) {
      const started = now();
      const result = await work();
      if (!options.quiet) write(`${paint(32, '✓')} ${label.padEnd(34)} ${paint(2, `${Math.round(now() - started)} ms`)}`);
      return result;
    },
    info(message) {
      if (!options.quiet) write(message);
    },
    // Warnings and errors are shown even with --quiet: quiet silences progress, not problems.
    warn(message) {
      write(paint(33, message));
    },
    error(message) {
      write(paint(31, message));
    },
  };
}
