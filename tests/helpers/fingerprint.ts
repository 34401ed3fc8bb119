import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../../src/site/build-sites.ts';

/** Every file of a folder (relative path, sorted) with the SHA-256 of its bytes: two builds compare file by file. */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const file of (await listFiles(dir)).sort())
    map.set(
      file,
      createHash('sha256')
        .update(await readFile(join(dir, file)))
        .digest('hex'),
    );
  return map;
}
