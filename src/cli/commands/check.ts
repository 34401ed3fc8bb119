import { defineCommand } from 'citty';
import { formatProblem } from '../../config/friendly-errors.ts';
import { loadPlaybook } from '../../build/pipeline.ts';
import { resolveConfigPaths } from '../../build/resolve-configs.ts';
import { staleFacts } from '../../generators/facts.ts';
import { planWarnings } from '../../generators/plan-warnings.ts';
import { CliError, dateArgument } from '../errors.ts';
import { packageVersion } from '../version.ts';

export default defineCommand({
  meta: { name: 'check', description: 'Validate and lint tenant files; print errors and warnings with their JSON paths' },
  args: {
    config: { type: 'string', description: 'Tenant file, folder of tenant files, or glob', default: 'tenant.config.json' },
    start: { type: 'string', description: "Start date YYYY-MM-DD, replacing the file's startDate" },
    today: { type: 'string', description: "Plan date YYYY-MM-DD (default: today in the tenant's time zone)" },
  },
  async run({ args }) {
    const paths = await resolveConfigPaths(args.config);
    // Nothing checked is not a pass: an empty folder or a glob matching nothing is most likely a wrong path.
    if (paths.length === 0) throw new CliError(`error: --config ${args.config}: no tenant files (*.json) found, so nothing was checked`);
    let errors = 0;
    for (const file of paths) {
      const result = await loadPlaybook({
        configPath: file,
        today: dateArgument('--today', args.today),
        start: dateArgument('--start', args.start),
        now: new Date(),
        generatorVersion: packageVersion(),
      });
      if (!result.ok) {
        errors += result.problems.length;
        for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
        continue;
      }
      const warnings = [
        ...result.warnings.map(formatProblem),
        ...staleFacts(result.playbook.facts, result.playbook.meta.asOf).map((stale) => `warning: ${file} facts.${stale.id}: ${stale.message}`),
        ...planWarnings(result.playbook.facts, result.playbook.schedule, result.playbook.locale).map((warning) => `warning: ${file} ${warning.path}: ${warning.message}`),
      ];
      for (const line of warnings) process.stderr.write(`${line}\n`);
      process.stdout.write(
        `${file}: ok — ${result.playbook.organisation.name}, start ${result.playbook.schedule.startDate}, enforcement ${result.playbook.schedule.enforcementDate}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}\n`,
      );
    }
    if (errors > 0) throw new CliError(`${errors} error${errors === 1 ? '' : 's'}`);
  },
});
