// The test files that build sites (Astro, through the real command or buildSites), render every document
// of a tenant on the build's worker pool, pack and install the package, or drive a browser. They form the
// "integration" project; every other test file is "unit" and runs with `npm run test:unit` (no build, no
// browser). tests/repo/tiers.test.ts checks that no file which opens a browser or builds sites is missing
// here; a file that runs a whole build through the command (`runCli(['build', …])` that succeeds) belongs
// here too.
//
// Files that mostly run the command in a child process, as a user would (each run starts Node and loads the
// whole program), are here too: they need no build, but they would be the slow half of the unit tier. So are
// files whose set-up runs the command through a helper (the i18n builds of every staff language) and the one
// that renders every document of three tenants (prompt frequency, one tenant per starting state).
export const INTEGRATION_TESTS: readonly string[] = [
  'tests/cli/cli.test.ts',
  'tests/cli/config-refusals.test.ts',
  'tests/cli/status-command.test.ts',
  'tests/revisions/replan-command.test.ts',
  'tests/build/confidentiality.test.ts',
  'tests/build/determinism.test.ts',
  'tests/build/multi-tenant.test.ts',
  'tests/build/output-guard.test.ts',
  'tests/build/render-pool.test.ts',
  'tests/cli/own-tenant.test.ts',
  'tests/cli/runs-anywhere.test.ts',
  'tests/cli/signals.test.ts',
  'tests/evidence-output/evidence-pages.test.ts',
  'tests/content/prompt-frequency.test.ts',
  'tests/evidence-output/example-build.test.ts',
  'tests/evidence-output/measured-rate.test.ts',
  'tests/i18n/confidentiality.test.ts',
  'tests/i18n/language.test.ts',
  'tests/i18n/screenshots.test.ts',
  'tests/model/consistency.test.ts',
  'tests/package/package.test.ts',
  'tests/revisions/sites.test.ts',
  'tests/site/browser.test.ts',
  'tests/site/build.test.ts',
  'tests/site/dev-server.test.ts',
  'tests/site/readers-admin.test.ts',
  'tests/site/readers-helpdesk.test.ts',
  'tests/site/readers-staff.test.ts',
  'tests/waves/outputs.test.ts',
  'tests/waves/staff.test.ts',
];

// Integration files that read the site builds shared through tests/setup/shared-sites.ts (the "sites" project,
// whose global set-up builds them once per run).
export const SHARED_SITE_TESTS: readonly string[] = [
  'tests/site/browser.test.ts',
  'tests/site/build.test.ts',
  'tests/site/readers-helpdesk.test.ts',
  'tests/site/readers-staff.test.ts',
];
