import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TenantConfig } from '../config/schema.ts';
import { evidenceContextFromPlaybook } from '../evidence/context-from-playbook.ts';
import { readEvidence } from '../evidence/index.ts';
import type { Playbook } from '../model/playbook.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';

/**
 * Reads a tenant's evidence once its schedule is known. In a multi-tenant run each tenant's exports sit in
 * `<dir>/<tenant-slug>/`; a tenant without a folder simply has no evidence.
 */
export function evidenceReaderFor(dir: string, layout: 'single' | 'multi') {
  return async (config: TenantConfig, playbook: Playbook): Promise<EvidenceReport | undefined> => {
    void config;
    const folder = layout === 'multi' ? join(dir, playbook.organisation.slug) : dir;
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) {
      if (layout === 'single') throw new Error(`--evidence ${dir}: not a folder`);
      return undefined;
    }
    return readEvidence(folder, evidenceContextFromPlaybook(playbook, playbook.meta.asOf));
  };
}
