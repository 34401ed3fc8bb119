import { loadConfig } from '../config/load.ts';
import { buildPlaybook } from '../generators/playbook.ts';
import { todayIn } from '../config/today.ts';
import { toSiteData } from './site-data.ts';
import type { SiteData } from './types.ts';

/** The tenant of `npm run dev`: the config file read now, planned as of today in the tenant's time zone. */
export async function devTenants(configPath: string, generatorVersion: string): Promise<SiteData[]> {
  const first = await loadConfig(configPath, { today: todayIn('UTC', new Date()) });
  const today = todayIn(first.config.timeZone, new Date());
  const { config, warnings } = today === todayIn('UTC', new Date()) ? first : await loadConfig(configPath, { today });
  const playbook = buildPlaybook(config, {
    today,
    generatorVersion,
    warnings: warnings.map((warning) => ({ path: warning.path, message: warning.message })),
  });
  return toSiteData([{ slug: playbook.organisation.slug, playbook, files: [] }], 'single');
}
