import { defineCommand, renderUsage, runCommand, type CommandDef } from 'citty';
import { ConfigError } from '../config/friendly-errors.ts';
import { CliError } from './errors.ts';
import { packageVersion } from './version.ts';

const subCommands: Record<string, () => Promise<CommandDef>> = {
  init: () => import('./commands/init.ts').then((module) => module.default as CommandDef),
  check: () => import('./commands/check.ts').then((module) => module.default as CommandDef),
  build: () => import('./commands/build.ts').then((module) => module.default as CommandDef),
  status: () => import('./commands/status.ts').then((module) => module.default as CommandDef),
  replan: () => import('./commands/replan.ts').then((module) => module.default as CommandDef),
  schema: () => import('./commands/schema.ts').then((module) => module.default as CommandDef),
};

export const mainCommand = defineCommand({
  meta: {
    name: 'mfa-playbook',
    version: packageVersion(),
    description: 'Plan, communicate and track a Microsoft 365 MFA rollout',
  },
  subCommands,
});

async function usageOf(argv: string[]): Promise<string> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const sub = name && name in subCommands ? await subCommands[name]!() : undefined;
  return sub ? renderUsage(sub, mainCommand) : renderUsage(mainCommand);
}

/** Runs the command line. Errors are printed as readable lines (never a stack trace) and set a non-zero exit code. */
export async function runMain(argv: string[]): Promise<void> {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${await usageOf(argv)}\n`);
    return;
  }
  const name = argv[0]!;
  if (!(name in subCommands)) {
    process.stderr.write(`error: unknown command "${name}". Commands: ${Object.keys(subCommands).join(', ')}. Try --help.\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await runCommand(mainCommand, { rawArgs: argv });
  } catch (error) {
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
    if (error instanceof CliError || error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (process.env.MFA_PLAYBOOK_DEBUG) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    else process.stderr.write(`error: ${(error as Error).message ?? String(error)} (set MFA_PLAYBOOK_DEBUG=1 for details)\n`);
  }
}
