import { defineCommand } from 'citty';
import { runBuild } from '../../build/build.ts';
import { createReporter } from '../../build/reporter.ts';
import { CliError, dateArgument } from '../errors.ts';
import { packageVersion } from '../version.ts';

export default defineCommand({
  meta: { name: 'build', description: 'Build the sites, PDFs, calendars, policies and email drafts of one or many tenants' },
  args: {
    config: { type: 'string', description: 'Tenant file, folder of tenant files, or glob', default: 'tenant.config.json' },
    out: { type: 'string', description: 'Output folder (replaced only when the build succeeds)', default: 'dist' },
    start: { type: 'string', description: "Start date YYYY-MM-DD, replacing the file's startDate" },
    today: { type: 'string', description: "Plan date YYYY-MM-DD (default: today in the tenant's time zone)" },
    evidence: { type: 'string', description: 'Folder of Entra exports (registration/, signins/); per tenant slug in a multi-tenant run' },
    quiet: { type: 'boolean', description: 'Print only warnings and errors', default: false },
  },
  async run({ args }) {
    const reporter = createReporter({ quiet: args.quiet });
    const summary = await runBuild({
      config: args.config,
      out: args.out,
      start: dateArgument('--start', args.start),
      today: dateArgument('--today', args.today),
      evidence: args.evidence,
      now: new Date(),
      generatorVersion: packageVersion(),
      reporter,
    });
    const built = summary.tenants.filter((tenant) => tenant.ok).length;
    if (summary.written) reporter.info(`built ${built} tenant${built === 1 ? '' : 's'} into ${args.out}${summary.failed ? `; ${summary.failed} failed` : ''}`);
    if (!summary.written || summary.failed > 0) {
      throw new CliError(summary.written ? `${summary.failed} tenant${summary.failed === 1 ? '' : 's'} failed (see above)` : `nothing was written; ${args.out} is unchanged`);
    }
  },
});
