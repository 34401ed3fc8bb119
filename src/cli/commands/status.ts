/**
 * `mfa-playbook status --config <file> [--evidence <dir>] [--today YYYY-MM-DD] [--json]`: what is due today
 * from the plan (tasks, messages with their drafts, checks, next milestone, days to enforcement) and, with
 * the admin's exports, the registration rate, what changed since the previous snapshot and the verdicts.
 * Exit code 3 when something is overdue, so a script can act on it.
 */
import { stat } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { CliError, dateArgument } from '../errors.ts';
import { ConfigError } from '../../config/friendly-errors.ts';
import { loadPlaybook } from '../../build/pipeline.ts';
import { formatStatusText } from '../../evidence/status-text.ts';
import { packageVersion } from '../version.ts';
import { emailDrafts } from '../../artifacts/paths.ts';
import { anythingOverdue, formatPlanStatusText, planStatus } from '../../model/status.ts';

/** The exit code of `status` when a check of the phase under way is past its due date or an exemption has expired. */
export const STATUS_OVERDUE_EXIT_CODE = 3;

export default defineCommand({
  meta: { name: 'status', description: 'Show what is due today from the plan and, with Entra exports, the registration rate and the validation verdicts' },
  args: {
    config: { type: 'string', description: 'Tenant config file (JSON)', required: true },
    evidence: { type: 'string', description: 'Folder with registration/ and signins/ exports (optional)' },
    today: { type: 'string', description: 'Plan date YYYY-MM-DD (default: today in the tenant time zone)' },
    json: { type: 'boolean', description: 'Print the plan status (and the evidence report) as JSON instead of text', default: false },
    color: { type: 'boolean', description: 'Colour the verdict labels', default: false },
  },
  async run({ args }) {
    const given = dateArgument('--today', args.today);
    if (args.evidence !== undefined) {
      const folder = await stat(args.evidence).catch(() => undefined);
      if (!folder?.isDirectory()) throw new CliError(`error: --evidence ${args.evidence}: not a folder (expected one with registration/ and signins/ inside)`);
    }
    const result = await loadPlaybook({
      configPath: args.config,
      today: given,
      now: new Date(),
      generatorVersion: packageVersion(),
      evidence: args.evidence === undefined ? undefined : { dir: args.evidence, layout: 'single' },
    });
    if (!result.ok) throw new ConfigError(result.problems);
    const { playbook, evidenceContext } = result;
    const today = playbook.meta.asOf;
    const draftsOf = (message: (typeof playbook.communications)[number]) => emailDrafts(playbook, message).map((draft) => draft.path);
    const report = playbook.evidence;
    if (report === null || evidenceContext === undefined) {
      const plan = planStatus(playbook, today, draftsOf);
      process.stdout.write(args.json ? `${JSON.stringify({ plan, evidence: null }, null, 2)}\n` : formatPlanStatusText(plan, playbook.timeZone));
      if (anythingOverdue(plan)) process.exitCode = STATUS_OVERDUE_EXIT_CODE;
      return;
    }
    const plan = planStatus(playbook, today, draftsOf, report);
    process.stdout.write(args.json ? `${JSON.stringify({ plan, evidence: report }, null, 2)}\n` : formatStatusText(report, evidenceContext, { color: args.color, plan }));
    if (anythingOverdue(plan)) process.exitCode = STATUS_OVERDUE_EXIT_CODE;
  },
});
