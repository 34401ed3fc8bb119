// Used by `npm run dev`: serves the three sites of tenant.config.json (single layout) and reloads
// when the config, a template or a content page changes. The production build calls Astro from
// src/site/build-sites.ts with the same options and its own tenant list.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { siteOptions } from './src/site/astro-options.ts';
import { mfaPlaybookSites } from './src/site/integration.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// Which tenant file `npm run dev` serves: tenant.config.json unless MFA_PLAYBOOK_CONFIG names another
// (e.g. MFA_PLAYBOOK_CONFIG=my-org/tenant.config.json npm run dev).
const configPath = process.env.MFA_PLAYBOOK_CONFIG ?? 'tenant.config.json';

export default defineConfig({
  ...siteOptions(),
  integrations: [mdx(), mfaPlaybookSites({ dev: { root, configPath } })],
});
