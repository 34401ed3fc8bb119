import type { Playbook } from '../model/playbook.ts';
import { renderPlaybookJson } from '../renderers/json.ts';

export interface OutputFile {
  /** Relative to the tenant's root: admin/…, helpdesk/…, staff/… */
  path: string;
  bytes: Uint8Array | string;
}

/** Resources loaded once per run and shared by every tenant (fonts, compiled templates…). */
export interface SharedResources {
  readonly loaded: true;
}

export async function loadSharedResources(): Promise<SharedResources> {
  return { loaded: true };
}

/** Every non-site file of one tenant: the model as JSON, PDFs, policies, calendars, email drafts. */
export async function renderTenantFiles(playbook: Playbook, shared: SharedResources): Promise<OutputFile[]> {
  void shared;
  const files: OutputFile[] = [{ path: 'admin/playbook.json', bytes: renderPlaybookJson(playbook) }];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
