/**
 * The embedded engine that reads the sign-in exports: it reads the file it is given whatever its
 * name, and leaves nothing behind.
 */
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEvidenceEngine } from '../../src/evidence/engine/database.ts';
import { D, readSignIns, SIGNINS, tempDir } from './helpers.ts';

describe('the evidence engine', () => {
  it('reads an export whose file name holds a quote, brackets, braces and an asterisk as that one file, never as a pattern or as SQL', async () => {
    const dir = await tempDir();
    const fixture = join(SIGNINS, 'InteractiveSignIns_2026-03-20_2026-03-26.csv');
    const odd = join(dir, "InteractiveSignIns_O'Brien [1] {a,b} *'; DROP TABLE x; --.csv");
    await copyFile(fixture, odd);
    // A neighbour the pattern `[1]` or `*` would also match, with different content.
    await copyFile(join(SIGNINS, 'NonInteractiveSignIns_2026-03-20_2026-03-26.csv'), join(dir, 'InteractiveSignIns_O.csv'));
    const r = await readSignIns(odd);
    expect(r.kind).toBe('signins-portal-csv');
    expect(r.rows).toBe(5);
    expect(r.problems.malformedCount).toBe(0);
    expect(r.signIns.map((s) => s.userPrincipalName).sort()).toEqual([`alice@${D}`, `bob@${D}`, `carol@${D}`, `dave@${D}`, `erin@${D}`].sort());
  });

  it('removes its staging folder (spilled data, staged files) when it closes', async () => {
    const engine = await openEvidenceEngine();
    expect((await stat(engine.stagingDir)).isDirectory()).toBe(true);
    await engine.close();
    await expect(stat(engine.stagingDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
