import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { OUTPUT_MARKER } from './output-folder.ts';

/** A folder the output must never replace, with what it is (for the message). */
export interface ProtectedFolder {
  path: string;
  what: string;
}

/**
 * The real location of a path that may not exist yet: symbolic links of the part that exists are resolved,
 * so `--out link-to-here` is recognised as the working folder.
 */
async function realLocation(path: string): Promise<string> {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function contains(ancestor: string, path: string): boolean {
  const between = relative(ancestor, path);
  return between === '' || (!between.startsWith('..') && !isAbsolute(between));
}

/**
 * Why `--out` must not be replaced, or undefined when it may. The build replaces the whole output folder, so it
 * refuses any folder that holds the user's own files: the working folder, the tool's own folder, the config's
 * and the evidence's folders and their ancestors, an existing file, and a non-empty folder without the marker
 * of an earlier build.
 */
export async function outputFolderRefusal(out: string, keep: ProtectedFolder[]): Promise<string | undefined> {
  const target = await realLocation(out);
  for (const folder of keep) {
    const protectedPath = await realLocation(folder.path);
    if (contains(target, protectedPath)) {
      const relation = target === protectedPath ? 'is' : 'contains';
      return `error: --out ${out}: this folder ${relation} ${folder.what} (${folder.path}); a build replaces its whole output folder, so it refuses this one. Choose a new folder such as --out dist`;
    }
  }
  const info = await lstat(target).catch(() => undefined);
  if (!info) return undefined;
  const isFolder =
    info.isDirectory() ||
    (info.isSymbolicLink() &&
      (await stat(target).then(
        (linked) => linked.isDirectory(),
        () => false,
      )));
  if (!isFolder) {
    return `error: --out ${out}: this is a file, not a folder; a build would replace it. Choose a folder that does not exist yet, such as --out dist`;
  }
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`--out ${out}: cannot read the folder (${error.code})`);
  });
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    return `error: --out ${out}: this folder holds files that mfa-playbook did not write (it has no ${OUTPUT_MARKER} file); a build replaces the whole folder, so it refuses this one. Choose a new or empty folder, or move those files away first`;
  }
  return undefined;
}
