import { glob, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** `--config` takes a file, a folder of tenant files, or a glob; the result is sorted so runs are repeatable. */
export async function resolveConfigPaths(pattern: string): Promise<string[]> {
  if (/[*?[\]{}]/.test(pattern)) {
    const found: string[] = [];
    for await (const path of glob(pattern)) if (path.endsWith('.json') && !path.endsWith('.schema.json')) found.push(path);
    return found.sort();
  }
  const info = await stat(pattern).catch(() => undefined);
  if (info?.isDirectory()) {
    const names = await readdir(pattern);
    return names
      .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
      .sort()
      .map((name) => join(pattern, name));
  }
  return [pattern];
}
