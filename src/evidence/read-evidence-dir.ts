/**
 * Walks `<dir>/registration` and `<dir>/signins`, streams every file through the matching reader
 * and collects what each file gave and what went wrong. Nothing here throws for bad content.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { EvidenceContext } from '../model/evidence-context.ts';
import { createSignInAccumulator } from './analysis/signins.ts';
import type { SignInSummary } from './analysis/signins.ts';
import { readRegistrationFile } from './registration/read.ts';
import type { RegistrationSnapshot } from './registration/read.ts';
import { countSignInCsvByGroups, readSignInFile } from './signins/read.ts';
import { evidenceWindows } from '../model/evidence-windows.ts';
import { openEvidenceEngine } from './engine/database.ts';
import type { FileEntry } from '../model/evidence-report.ts';
import { addWarning } from './problems.ts';
import type { FileKind, FileProblems } from './problems.ts';

export interface EvidenceDirContents {
  files: FileEntry[];
  problems: string[];
  snapshots: RegistrationSnapshot[];
  signIns: SignInSummary;
}

const DATA_EXTENSIONS = /\.(csv|json|jsonl|ndjson|txt)$/i;

/**
 * The file-system calls the walker makes, so a test can inject an error that the real disk cannot
 * produce for root (a folder that refuses to be listed). Defaults to node:fs/promises.
 */
export interface EvidenceFs {
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
  realpath(path: string): Promise<string>;
}

const nodeFs: EvidenceFs = { readdir: (p) => readdir(p), stat: (p) => stat(p), realpath: (p) => realpath(p) };

/** One entry found under an area folder: a regular file to read, or something that cannot be read. */
type Found = { path: string; readable: true } | { path: string; readable: false; reason: string };

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'a link whose target does not exist';
  if (code === 'ELOOP') return 'a link that points back to itself';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (e as Error).message;
}

/**
 * Every file under `root`, sorted, links followed. A sub-folder or entry that cannot be read is
 * returned with its reason instead of stopping the walk: the rest of the evidence is still read.
 */
async function listFiles(root: string, fs: EvidenceFs): Promise<{ found: Found[]; unreadableFolders: { path: string; reason: string }[] }> {
  const found: Found[] = [];
  const unreadableFolders: { path: string; reason: string }[] = [];
  const visited = new Set<string>(); // real paths, so a link to a parent folder is not walked forever
  const walk = async (d: string): Promise<void> => {
    let names: string[];
    try {
      const real = await fs.realpath(d);
      if (visited.has(real)) return;
      visited.add(real);
      names = await fs.readdir(d);
    } catch (e) {
      unreadableFolders.push({ path: d, reason: fsReason(e) });
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      let info: { isFile(): boolean; isDirectory(): boolean };
      try {
        info = await fs.stat(p);
      } catch (e) {
        found.push({ path: p, readable: false, reason: `Cannot open: ${fsReason(e)}; skipped.` });
        continue;
      }
      if (info.isDirectory()) await walk(p);
      else if (info.isFile()) found.push({ path: p, readable: true });
      else found.push({ path: p, readable: false, reason: 'Not a regular file (a pipe, socket or device); skipped.' });
    }
  };
  await walk(root);
  return { found, unreadableFolders };
}

async function isDirectory(p: string, fs: EvidenceFs): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function entry(dir: string, path: string, area: FileEntry['area'], kind: FileKind, rows: number, p: FileProblems): FileEntry {
  return {
    file: relative(dir, path).split(sep).join('/'),
    area,
    kind,
    rows,
    malformedCount: p.malformedCount,
    malformed: [...p.malformed].sort((a, b) => a.line - b.line),
    warnings: p.warnings,
  };
}

function skipped(dir: string, path: string, area: FileEntry['area'], reason: string): FileEntry {
  return {
    file: relative(dir, path).split(sep).join('/'),
    area,
    kind: 'unreadable',
    rows: 0,
    malformedCount: 0,
    malformed: [],
    warnings: [reason],
  };
}

const NOT_AN_EXPORT = 'Not a CSV or JSON export; skipped. Export the data as CSV or JSON.';

function folderProblems(dir: string, folders: { path: string; reason: string }[]): string[] {
  return folders.map((f) => `The folder "${relative(dir, f.path).split(sep).join('/')}" cannot be read (${f.reason}); the other files were read.`);
}

export interface ReadEvidenceOptions {
  fs?: EvidenceFs;
}

export async function readEvidenceDir(dir: string, ctx: EvidenceContext, options: ReadEvidenceOptions = {}): Promise<EvidenceDirContents> {
  const fs = options.fs ?? nodeFs;
  const files: FileEntry[] = [];
  const problems: string[] = [];
  const snapshots: RegistrationSnapshot[] = [];
  const acc = createSignInAccumulator(ctx);
  const windows = evidenceWindows(ctx);

  if (!(await isDirectory(dir, fs))) {
    problems.push(`The evidence folder does not exist or is not a folder.`);
    return { files, problems, snapshots, signIns: acc.result() };
  }

  const regDir = join(dir, 'registration');
  if (await isDirectory(regDir, fs)) {
    const { found, unreadableFolders } = await listFiles(regDir, fs);
    problems.push(...folderProblems(dir, unreadableFolders));
    for (const f of found) {
      const name = f.path.slice(f.path.lastIndexOf(sep) + 1);
      if (!f.readable || !DATA_EXTENSIONS.test(name)) {
        files.push(skipped(dir, f.path, 'registration', f.readable ? NOT_AN_EXPORT : f.reason));
        continue;
      }
      const r = await readRegistrationFile(f.path, name, ctx.timeZone);
      files.push(entry(dir, f.path, 'registration', r.kind, r.rows, r.problems));
      if (r.snapshot !== null) snapshots.push({ ...r.snapshot, file: relative(dir, f.path).split(sep).join('/') });
    }
  } else {
    problems.push('No "registration" folder: registration tracking needs dated user registration details exports.');
  }

  const signDir = join(dir, 'signins');
  if (await isDirectory(signDir, fs)) {
    const { found, unreadableFolders } = await listFiles(signDir, fs);
    problems.push(...folderProblems(dir, unreadableFolders));
    // AuthDetails companions last, so the sign-ins they refer to have been seen.
    const isAuth = (f: Found): boolean => /authdetails/i.test(f.path);
    const ordered = [...found.filter((f) => !isAuth(f)), ...found.filter(isAuth)];
    const entries: FileEntry[] = [];
    const engine = await openEvidenceEngine();
    try {
      for (const [index, f] of ordered.entries()) {
        const name = f.path.slice(f.path.lastIndexOf(sep) + 1);
        if (!f.readable || !DATA_EXTENSIONS.test(name)) {
          entries.push(skipped(dir, f.path, 'signins', f.readable ? NOT_AN_EXPORT : f.reason));
          continue;
        }
        let repeated = 0;
        const r =
          (await countSignInCsvByGroups(f.path, name, { acc, windows, breakGlassAccounts: ctx.breakGlassAccounts, moreFilesFollow: index < ordered.length - 1 }, engine)) ??
          (await readSignInFile(
            f.path,
            name,
            (s, group) => {
              if (!acc.add(s, group)) repeated += 1;
            },
            (id, m, ok) => acc.addAuthDetail(id, m, ok),
            (result, count, first, last, who) => acc.addReportOnly(result, count, first, last, who),
            engine,
          ));
        if (repeated > 0) {
          addWarning(r.problems, `${repeated} sign-in${repeated === 1 ? '' : 's'} already read from another file (same request ID) counted once.`);
        }
        if (r.rows === 0 && r.kind !== 'wrong-kind' && r.kind !== 'unreadable') {
          addWarning(r.problems, 'No sign-ins could be read from this file.');
        }
        entries.push(entry(dir, f.path, 'signins', r.kind, r.rows, r.problems));
      }
    } finally {
      await engine.close();
    }
    entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    files.push(...entries);
  } else {
    problems.push('No "signins" folder: legacy-auth, break-glass and post-enforcement checks need sign-in exports.');
  }

  return { files, problems, snapshots, signIns: acc.result() };
}
