import { existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, basename, sep } from 'node:path';
import { onInterrupt } from '../shared/interrupt.ts';
import { isRunning } from '../shared/process-alive.ts';

/**
 * The file every output folder carries, so that a later build knows the folder is its own to replace.
 * Its text is fixed (no date, no version): the same input gives a byte-identical output.
 */
export const OUTPUT_MARKER = '.mfa-playbook-output';
export const OUTPUT_MARKER_TEXT = 'This folder was written by mfa-playbook. Every build replaces all of it: keep no files of your own here.\n';

/** `.dist.staging-<pid>` / `.dist.previous-.dist.staging-<pid>` beside `dist`: the token starts with the process id. */
function stagingName(target: string, token: string): string {
  return `.${basename(target)}.staging-${token}`;
}

/**
 * Writes a whole output folder or nothing: files go to a temporary sibling folder (same file system,
 * so the final rename is atomic), and `--out` is replaced only when everything succeeded.
 * If the process is stopped by a signal, the staging folder is removed and a half-done swap is undone.
 */
export class StagedOutput {
  readonly target: string;
  readonly staging: string;
  readonly previous: string;
  #release: (() => void) | undefined;

  constructor(target: string, token: string) {
    this.target = resolve(target);
    this.staging = join(dirname(this.target), stagingName(this.target, token));
    this.previous = join(dirname(this.target), `.${basename(this.target)}.previous-${basename(this.staging)}`);
  }

  async begin(): Promise<void> {
    this.#release ??= onInterrupt(() => this.#undoSync());
    await removeStaleStaging(this.target);
    await rm(this.staging, { recursive: true, force: true });
    await mkdir(this.staging, { recursive: true });
    await writeFile(join(this.staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  }

  async write(relativePath: string, bytes: Uint8Array | string): Promise<void> {
    const path = join(this.staging, relativePath);
    if (!path.startsWith(`${this.staging}${sep}`)) throw new Error(`refusing to write outside the output folder: ${relativePath}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  async commit(): Promise<void> {
    let moved = false;
    try {
      await rename(this.target, this.previous);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      await rename(this.staging, this.target);
    } catch (error) {
      if (moved) await rename(this.previous, this.target);
      throw error;
    }
    this.#done();
    if (moved) await rm(this.previous, { recursive: true, force: true });
  }

  async abandon(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    this.#done();
  }

  #done(): void {
    this.#release?.();
    this.#release = undefined;
  }

  /** After a signal: put the previous output back if the swap was half done, and drop the staging folder. */
  #undoSync(): void {
    if (!existsSync(this.target) && existsSync(this.previous)) renameSync(this.previous, this.target);
    rmSync(this.staging, { recursive: true, force: true });
  }
}

async function isOurs(folder: string): Promise<boolean> {
  const entries = await readdir(folder).catch(() => undefined);
  return entries !== undefined && (entries.length === 0 || entries.includes(OUTPUT_MARKER));
}

/**
 * Removes what an interrupted build (killed with -9, or a power cut) left beside `target`: staging folders of
 * processes that no longer run, and a previous output that was moved aside but never replaced, which is put back.
 * A moved-aside output is touched only when it carries the output marker (or is empty).
 */
export async function removeStaleStaging(target: string): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(staging|previous-\\.${escapeRegExp(name)}\\.staging)-(\\d+)(?:-[\\w-]*)?$`);
  for (const entry of entries.sort()) {
    const match = pattern.exec(entry);
    if (!match || isRunning(Number(match[2]))) continue;
    const folder = join(parent, entry);
    if (
      !(await stat(folder).then(
        (info) => info.isDirectory(),
        () => false,
      ))
    )
      continue;
    // A staging folder is the tool's by its name; a moved-aside output must also carry the marker.
    if (match[1] === 'staging') await rm(folder, { recursive: true, force: true });
    else if (await isOurs(folder)) {
      if (existsSync(target)) await rm(folder, { recursive: true, force: true });
      else await rename(folder, target);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
