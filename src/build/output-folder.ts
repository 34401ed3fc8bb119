import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, basename, sep } from 'node:path';

/**
 * Writes a whole output folder or nothing: files go to a temporary sibling folder (same file system,
 * so the final rename is atomic), and `--out` is replaced only when everything succeeded.
 */
export class StagedOutput {
  readonly target: string;
  readonly staging: string;

  constructor(target: string, token: string) {
    this.target = resolve(target);
    this.staging = join(dirname(this.target), `.${basename(this.target)}.staging-${token}`);
  }

  async begin(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    await mkdir(this.staging, { recursive: true });
  }

  async write(relativePath: string, bytes: Uint8Array | string): Promise<void> {
    const path = join(this.staging, relativePath);
    if (!path.startsWith(`${this.staging}${sep}`)) throw new Error(`refusing to write outside the output folder: ${relativePath}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  async commit(): Promise<void> {
    const previous = join(dirname(this.target), `.${basename(this.target)}.previous-${basename(this.staging)}`);
    let moved = false;
    try {
      await rename(this.target, previous);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      await rename(this.staging, this.target);
    } catch (error) {
      if (moved) await rename(previous, this.target);
      throw error;
    }
    if (moved) await rm(previous, { recursive: true, force: true });
  }

  async abandon(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
