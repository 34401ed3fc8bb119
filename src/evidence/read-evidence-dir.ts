/**
 * Walks `<dir>/registration` and `<dir>/signins`, streams every file through the matching reader
 * and collects what each file gave and what went wrong. Nothing here throws for bad content.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { EvidenceContext } from './context.ts';
import { createSignInAccumulator } from './analysis/signins.ts';
import type { SignInSummary } from './analysis/signins.ts';
import { readRegistrationFile } from './registration/read.ts';
import type { RegistrationSnapshot } from './registration/read.ts';
import { readSignInFile } from './signins/read.ts';
import type { FileEntry } from './report.ts';
import type { FileKind, FileProblems } from './problems.ts';

export interface EvidenceDirContents {
  files: FileEntry[];
  problems: string[];
  snapshots: RegistrationSnapshot[];
  signIns: SignInSummary;
}

const DATA_EXTENSIONS = /\.(csv|json|jsonl|ndjson|txt)$/i;

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(root);
  return out;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
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

function skipped(dir: string, path: string, area: FileEntry['area']): FileEntry {
  return {
    file: relative(dir, path).split(sep).join('/'),
    area,
    kind: 'unreadable',
    rows: 0,
    malformedCount: 0,
    malformed: [],
    warnings: ['Not a CSV or JSON export; skipped. Export the data as CSV or JSON.'],
  };
}

export async function readEvidenceDir(dir: string, ctx: EvidenceContext): Promise<EvidenceDirContents> {
  const files: FileEntry[] = [];
  const problems: string[] = [];
  const snapshots: RegistrationSnapshot[] = [];
  const acc = createSignInAccumulator(ctx);

  if (!(await isDirectory(dir))) {
    problems.push(`The evidence folder does not exist or is not a folder.`);
    return { files, problems, snapshots, signIns: acc.result() };
  }

  const regDir = join(dir, 'registration');
  if (await isDirectory(regDir)) {
    for (const path of await listFiles(regDir)) {
      const name = path.slice(path.lastIndexOf(sep) + 1);
      if (!DATA_EXTENSIONS.test(name)) {
        files.push(skipped(dir, path, 'registration'));
        continue;
      }
      const r = await readRegistrationFile(path, name, ctx.timeZone);
      files.push(entry(dir, path, 'registration', r.kind, r.rows, r.problems));
      if (r.snapshot !== null) snapshots.push({ ...r.snapshot, file: relative(dir, path).split(sep).join('/') });
    }
  } else {
    problems.push('No "registration" folder: registration tracking needs dated user registration details exports.');
  }

  const signDir = join(dir, 'signins');
  if (await isDirectory(signDir)) {
    const all = await listFiles(signDir);
    // AuthDetails companions last, so the sign-ins they refer to have been seen.
    const isAuth = (p: string): boolean => /authdetails/i.test(p);
    const ordered = [...all.filter((p) => !isAuth(p)), ...all.filter(isAuth)];
    const entries: FileEntry[] = [];
    for (const path of ordered) {
      const name = path.slice(path.lastIndexOf(sep) + 1);
      if (!DATA_EXTENSIONS.test(name)) {
        entries.push(skipped(dir, path, 'signins'));
        continue;
      }
      const r = await readSignInFile(path, name, (s) => acc.add(s), (id, m, ok) => acc.addAuthDetail(id, m, ok));
      entries.push(entry(dir, path, 'signins', r.kind, r.rows, r.problems));
    }
    entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    files.push(...entries);
  } else {
    problems.push('No "signins" folder: legacy-auth, break-glass and post-enforcement checks need sign-in exports.');
  }

  return { files, problems, snapshots, signIns: acc.result() };
}
