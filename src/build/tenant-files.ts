import { artifactPaths } from '../artifacts/paths.ts';
import type { Playbook } from '../model/playbook.ts';
import { pdfPaths } from '../pdf/paths.ts';
import { renderPlaybookJson } from '../artifacts/playbook-json.ts';

// The main thread's share of a tenant's files, kept light on purpose: it never loads pdf-lib or the
// calendar and mail libraries, only the paths of what the workers render (see worker-files.ts).

export interface OutputFile {
  /** Relative to the tenant's root: admin/…, helpdesk/…, staff/… */
  path: string;
  bytes: Uint8Array | string;
}

export const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Files rendered where the model is: the model itself as JSON. */
export function renderMainFiles(playbook: Playbook): OutputFile[] {
  return [{ path: 'admin/playbook.json', bytes: renderPlaybookJson(playbook) }];
}

/** The paths renderWorkerFiles will return, known before anything is drawn so that the sites can link them. */
export function workerFilePaths(playbook: Playbook): string[] {
  return [...artifactPaths(playbook), ...pdfPaths(playbook)];
}
