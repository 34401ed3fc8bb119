/**
 * `mfa-playbook status --config <file> --evidence <dir> [--today YYYY-MM-DD]`: what is due today,
 * the registration rate against target and the validation verdicts, from the admin's exports.
 */
import { stat } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { CliError, dateArgument } from '../errors.ts';
import { loadConfig } from '../../config/load.ts';
import { todayIn } from '../../config/today.ts';
import { buildPlaybook } from '../../generators/playbook.ts';
import { evidenceContextFromPlaybook } from '../../evidence/context-from-playbook.ts';
import { readEvidence } from '../../evidence/index.ts';
import { formatStatusText } from '../../evidence/status-text.ts';

export default defineCommand({
  meta: { name: 'status', description: 'Show what is due today, the registration rate and the validation verdicts from Entra exports' },
  args: {
    config: { type: 'string', description: 'Tenant config file (JSON)', required: true },
    evidence: { type: 'string', description: 'Folder with registration/ and signins/ exports', required: true },
    today: { type: 'string', description: 'Plan date YYYY-MM-DD (default: today in the tenant time zone)' },
    json: { type: 'boolean', description: 'Print the evidence report as JSON instead of text', default: false },
    color: { type: 'boolean', description: 'Colour the verdict labels', default: false },
  },
  async run({ args }) {
    const given = dateArgument('--today', args.today);
    const folder = await stat(args.evidence).catch(() => undefined);
    if (!folder?.isDirectory()) throw new CliError(`error: --evidence ${args.evidence}: not a folder (expected one with registration/ and signins/ inside)`);
    // The plan date for config lints; the tenant-local date once the time zone is known.
    const provisional = given ?? new Date().toISOString().slice(0, 10);
    const { config } = await loadConfig(args.config, { today: provisional });
    const today = given ?? todayIn(config.timeZone, new Date());
    const playbook = buildPlaybook(config, { today, generatorVersion: 'status' });
    const ctx = evidenceContextFromPlaybook(playbook, today);
    const report = await readEvidence(args.evidence, ctx);
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatusText(report, ctx, { color: args.color }));
  },
});
