import { constants } from 'node:os';

/**
 * Clean-ups that must run when the command is stopped with Ctrl-C (SIGINT) or `kill` (SIGTERM, SIGHUP):
 * staging folders and the site builder's working folder hold half-written, partly confidential pages.
 * Each clean-up is synchronous, because after a signal nothing else of the build may run.
 * The handlers are installed while at least one clean-up is registered, so a process that never builds keeps
 * Node's default signal behaviour.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

const cleanUps = new Set<() => void>();

function runCleanUps(): void {
  for (const cleanUp of [...cleanUps].reverse()) {
    try {
      cleanUp();
    } catch {
      // One failed clean-up must not keep the others from running.
    }
  }
}

/** How long file operations already under way (on libuv's threads) are given to finish before the second pass. */
const SETTLE_MS = 300;

function onSignal(signal: Signal): void {
  // A file operation started just before the signal (creating the staging folder, say) may still complete after
  // the first pass has removed its folder: the clean-ups run again once such operations have had time to finish.
  // The main thread is blocked meanwhile, so the build starts nothing new.
  runCleanUps();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  runCleanUps();
  cleanUps.clear();
  // The handlers stay installed until exit: a second Ctrl-C (a terminal sends one to every process of the
  // command, and a wrapper passes one on) is then ignored instead of ending the process by default.
  process.stderr.write(`\nstopped (${signal}); nothing was written and the previous output is unchanged\n`);
  // The shell convention for "ended by a signal": 128 + the signal number.
  process.exit(128 + constants.signals[signal]);
}

const handlers = new Map<Signal, () => void>(SIGNALS.map((signal) => [signal, () => onSignal(signal)]));

function install(): void {
  for (const [signal, handler] of handlers) process.on(signal, handler);
}

function uninstall(): void {
  for (const [signal, handler] of handlers) process.off(signal, handler);
}

/** Registers a clean-up to run if the process is stopped by a signal; call the returned function once the work is done. */
export function onInterrupt(cleanUp: () => void): () => void {
  if (cleanUps.size === 0) install();
  cleanUps.add(cleanUp);
  return () => {
    if (!cleanUps.delete(cleanUp)) return;
    if (cleanUps.size === 0) uninstall();
  };
}
