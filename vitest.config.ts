import { defineConfig } from 'vitest/config';
import { INTEGRATION_TESTS, SHARED_SITE_TESTS } from './tests/tiers.ts';

// Two tiers. `npm test` runs both projects; `npm run test:unit` runs only "unit": the tests that need no
// build and no browser. Which files are "integration" is listed in tests/tiers.ts (and checked by
// tests/repo/tiers.test.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...INTEGRATION_TESTS],
          // These tests only call functions: one module cache per worker instead of one per file saves
          // most of the time (loading the generators, fonts and libraries again for every file cost
          // about three times the tests themselves).
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...INTEGRATION_TESTS],
          exclude: [...SHARED_SITE_TESTS],
          // Builds and browsers on a machine shared with other work: at most half of a timeout is used
          // on a busy machine, so a slow moment does not fail the run.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // Integration files that read the same tenant on the same day share one site build, made once
          // before they start (tests/setup/shared-sites.ts) instead of once per file.
          name: 'sites',
          include: [...SHARED_SITE_TESTS],
          globalSetup: ['tests/setup/shared-sites.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
