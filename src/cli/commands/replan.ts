/**
 * `mfa-playbook replan --config <file> --reason "..." [--today D] [--enforcement D|next-valid-day] [--extend <phase> --days N]`:
 * writes a revision into the tenant file for the admin. By default enforcement moves to the next day the enforcement
 * rules allow, written as that date. The rest of the file is left as written; the new file is checked (schema and
 * re-planning) before it replaces the old one, through a temporary file and a rename, so a failure changes nothing.
 */
import { access, constants, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defineCommand } from 'citty';
import { addRevision } from '../../config/add-revision.ts';
import { ConfigError, formatProblem } from '../../config/friendly-errors.ts';
import { parseConfig, readConfigText } from '../../config/load.ts';
import type { RevisionConfig } from '../../config/revisions.ts';
import { todayIn } from '../../config/today.ts';
import { datePlan } from '../../build/pipeline.ts';
import { buildPlaybook, createCalendar } from '../../generators/playbook.ts';
import { nextValidEnforcementDay } from '../../generators/revisions.ts';
import { phaseIds, type PhaseId } from '../../model/common.ts';
import { NEXT_VALID_DAY } from '../../model/revisions.ts';
import { CliError, dateArgument } from '../errors.ts';

/** Why the file cannot be replaced, or null when it can (the file and its folder, for the temporary file). */
async function notWritable(file: string): Promise<string | null> {
  for (const [path, what] of [
    [file, 'the file'],
    [dirname(file), 'its folder (the new file is written beside it, then renamed)'],
  ] as const) {
    try {
      await access(path, constants.W_OK);
    } catch (cause) {
      return `${what} is not writable (${(cause as NodeJS.ErrnoException).code ?? 'no access'})`;
    }
  }
  return null;
}

/** Replaces `file` with `text` in one step: a temporary file beside it, then a rename; the mode is kept. */
async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.replan.tmp`);
  const { mode } = await stat(file);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', mode, flag: 'wx' });
    await rename(temporary, file);
  } catch (cause) {
    await unlink(temporary).catch(() => undefined);
    throw new CliError(`error: ${file}: the revision could not be written (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); the file is unchanged`, { cause });
  }
}

function phaseArgument(value: string | undefined): PhaseId | undefined {
  if (value === undefined) return undefined;
  if (!(phaseIds as readonly string[]).includes(value)) throw new CliError(`error: --extend: expected one of ${phaseIds.join(', ')}, found "${value}"`);
  return value as PhaseId;
}

function daysArgument(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new CliError(`error: --days: expected a whole number of working days from 1 to 60, found "${value}"`);
  return days;
}

export default defineCommand({
  meta: { name: 'replan', description: 'Write a revision into the tenant file: enforcement to the next valid day (or a given day), or a phase extended' },
  args: {
    config: { type: 'string', description: 'Tenant file to revise', default: 'tenant.config.json' },
    reason: { type: 'string', description: 'Why the dates move (shown in the plan’s version history)', required: true },
    today: { type: 'string', description: "Day of the revision YYYY-MM-DD (default: today in the tenant's time zone)" },
    enforcement: { type: 'string', description: `New enforcement day YYYY-MM-DD, or ${NEXT_VALID_DAY} (the default, written as the date)` },
    extend: { type: 'string', description: `Extend a phase instead: ${phaseIds.join(', ')} (with --days)` },
    days: { type: 'string', description: 'Working days to extend the phase by (with --extend)' },
  },
  async run({ args }) {
    const file = args.config;
    const given = dateArgument('--today', args.today);
    const phase = phaseArgument(args.extend);
    const days = daysArgument(args.days);
    if ((phase === undefined) !== (days === undefined)) throw new CliError('error: --extend and --days go together: the phase and its working days');
    if (phase !== undefined && args.enforcement !== undefined) throw new CliError('error: a revision moves one thing: give --enforcement or --extend, not both');
    if (args.enforcement !== undefined && args.enforcement !== NEXT_VALID_DAY) dateArgument('--enforcement', args.enforcement);
    const reason = args.reason.trim();
    if (reason === '') throw new CliError('error: --reason: say why the dates move; it goes into the plan’s version history');

    const text = await readConfigText(file);
    const current = parseConfig(text, file, { today: given ?? new Date().toISOString().slice(0, 10) });
    const today = given ?? todayIn(current.config.timeZone, new Date());
    const playbook = datePlan(current.source, () => buildPlaybook(current.config, { today, generatorVersion: 'replan' }));
    const last = current.config.revisions.at(-1);
    if (last && last.date >= today) {
      throw new CliError(`error: ${file} revisions: the last revision is dated ${last.date}; a new one must be dated after it (--today ${today})`);
    }
    const moved = playbook.schedule.enforcementDate;
    const revision: RevisionConfig =
      phase !== undefined
        ? { date: today, reason, extendPhase: { phase, days: days! } }
        : {
            date: today,
            reason,
            // The proposal is written as a date: the file then says what the plan says.
            enforcement:
              args.enforcement === undefined || args.enforcement === NEXT_VALID_DAY
                ? nextValidEnforcementDay(createCalendar(current.config), playbook.schedule, current.config.locale)
                : args.enforcement,
          };

    // The revised file must pass the same checks as any tenant file before it replaces the admin's.
    const revisedText = addRevision(text, revision, file);
    let revised: ReturnType<typeof buildPlaybook>;
    try {
      const parsed = parseConfig(revisedText, file, { today });
      revised = datePlan(parsed.source, () => buildPlaybook(parsed.config, { today, generatorVersion: 'replan' }));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const lines = error.problems.map((problem) => formatProblem({ ...problem, file: undefined, line: undefined })).join('\n');
      throw new CliError(`error: ${file}: this revision cannot apply to the plan, so the file is unchanged:\n${lines}`, { cause: error });
    }
    const blocked = await notWritable(file);
    if (blocked) {
      throw new CliError(`error: ${file}: ${blocked}; nothing was changed. Make it writable, or add this entry to "revisions" yourself:\n${JSON.stringify(revision, null, 2)}`);
    }
    await replaceFile(file, revisedText);
    const what =
      phase !== undefined
        ? `the ${phase} phase runs ${days} working day${days === 1 ? '' : 's'} longer; enforcement is now on ${revised.schedule.enforcementDate}`
        : `enforcement moves from ${moved} to ${revised.schedule.enforcementDate}${args.enforcement === undefined || args.enforcement === NEXT_VALID_DAY ? ', the next day the enforcement rules allow' : ''}`;
    process.stdout.write(
      `${file}: revision ${revised.meta.planVersion} of ${today} written: ${what}.\nCheck it with "mfa-playbook check --config ${file}", then rebuild to issue plan version ${revised.meta.planVersion}.\n`,
    );
  },
});
