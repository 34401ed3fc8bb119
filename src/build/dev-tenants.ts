import { ConfigError, formatProblem } from '../config/friendly-errors.ts';
import { toSiteData } from '../site/site-data.ts';
import type { SiteData } from '../site/types.ts';
import { loadPlaybook } from './pipeline.ts';

/**
 * The tenant of `npm run dev`: the config file read now, through the same pipeline as `build`, planned as of
 * today in the tenant's time zone. Config warnings go to the dev server's terminal, as the build prints them.
 */
export async function devTenants(configPath: string, generatorVersion: string, now = new Date()): Promise<SiteData[]> {
  const result = await loadPlaybook({ configPath, now, generatorVersion });
  if (!result.ok) throw new ConfigError(result.problems);
  for (const warning of result.warnings) console.warn(formatProblem(warning));
  return toSiteData([{ slug: result.playbook.organisation.slug, playbook: result.playbook, files: [] }], 'single');
}
