import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** A fresh folder under the system's temporary folder (outside the project tree), with its real path. */
export async function scratchFolder(name: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), `mfa-playbook-test-${name}-`)));
}

export async function removeScratch(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

/**
 * Every entry under a folder with a hash of each file's bytes: two equal snapshots mean nothing was added,
 * removed or changed. `skip` names top-level entries left out (e.g. node_modules).
 */
export async function folderSnapshot(folder: string, skip: string[] = []): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = relative(folder, join(entry.parentPath, entry.name));
    if (skip.some((name) => path === name || path.startsWith(`${name}/`))) continue;
    if (entry.isFile())
      snapshot[path] = createHash('sha256')
        .update(await readFile(join(folder, path)))
        .digest('hex');
    else if (entry.isDirectory()) snapshot[path] = '(folder)';
    else snapshot[path] = '(other)';
  }
  return snapshot;
}
