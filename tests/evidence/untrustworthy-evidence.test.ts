/**
 * Evidence that never understates: an empty, cut-off or partial export is reported and never
 * becomes the latest snapshot; a sign-in saved in two files is counted once; a folder or entry that
 * cannot be read is reported and the rest is read; the terminal text shows all of it.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, realpath, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import { buildReport } from '../../src/evidence/build-report.ts';
import { readEvidenceDir } from '../../src/evidence/read-evidence-dir.ts';
import type { EvidenceFs } from '../../src/evidence/read-evidence-dir.ts';
import { EvidenceReportSchema } from '../../src/model/evidence-report.ts';
import { formatStatusText } from '../../src/evidence/status-text.ts';
import { context, evidenceDir, graphPage, graphSignIn, registrationPage, SIGNINS } from './helpers.ts';

const tenUsers = (capable: number) => Array.from({ length: 10 }, (_, i) => ({ upn: `u${i}@x.example`, capable: i < capable }));

describe('registration snapshots that would understate the rate', () => {
  it('sets aside empty, cut-off, mostly unreadable and partial snapshots; the last complete one stays the latest', async () => {
    const good = registrationPage(tenUsers(8));
    const cut = registrationPage(tenUsers(10)).slice(0, 300); // a download that stopped after two users
    const header = 'UserPrincipalName,IsMfaCapable,IsMfaRegistered,MethodsRegistered\n';
    const csvCut = `${header}u0@x.example,True,True,microsoftAuthenticatorPush\nu1@x.example,True,Tr`;
    const csvBroken = `${header}u0@x.example,True,True,x\n"a,b\n"c,d\n"e,f\n`;
    const dir = await evidenceDir({
      'registration/reg_2026-03-09.json': good,
      'registration/reg_2026-03-10.json': JSON.stringify({ value: [] }),
      'registration/reg_2026-03-11.json': cut,
      'registration/reg_2026-03-12.csv': csvCut,
      'registration/reg_2026-03-13.json': registrationPage(tenUsers(4).slice(0, 4)),
      'registration/reg_2026-03-16.csv': csvBroken,
    });
    const ctx = context({ today: '2026-03-17' });
    const report = await readEvidence(dir, ctx);
    expect(report.registration.latest).toEqual({ date: '2026-03-09', rate: 80, registered: 8, total: 10, file: 'registration/reg_2026-03-09.json' });
    expect(report.latestRate).toEqual({ rate: 80, date: '2026-03-09' });
    expect(report.registration.snapshots.map((s) => s.date)).toEqual(['2026-03-09']);
    expect(report.registration.unregistered.map((u) => u.userPrincipalName)).toEqual(['u8@x.example', 'u9@x.example']);
    expect(report.problems).toEqual([
      'registration/reg_2026-03-10.json: Registration snapshot of Tuesday, 10 March 2026 not used: it lists no users.',
      'registration/reg_2026-03-11.json: Registration snapshot of Wednesday, 11 March 2026 not used: the file ends in the middle (a cut-off download).',
      'registration/reg_2026-03-12.csv: Registration snapshot of Thursday, 12 March 2026 not used: the file ends in the middle (a cut-off download).',
      'registration/reg_2026-03-13.json: Registration snapshot of Friday, 13 March 2026 not used: it lists 4 users where the previous snapshot (of Monday, 9 March 2026) listed 10.',
      'registration/reg_2026-03-16.csv: Registration snapshot of Monday, 16 March 2026 not used: the file ends in the middle (a cut-off download).',
    ]);
    expect(report.files.find((f) => f.file === 'registration/reg_2026-03-10.json')?.warnings).toEqual([
      'Registration snapshot of Tuesday, 10 March 2026 not used: it lists no users.',
    ]);
    expect(EvidenceReportSchema.safeParse(report).success).toBe(true);
  });

  it('sets aside a file whose rows are mostly unreadable', async () => {
    const header = 'UserPrincipalName,IsMfaCapable,IsMfaRegistered,MethodsRegistered\n';
    const rows = ['u0@x.example,True,True,fido2', ',True,True,fido2', ',False,False,', ',True,True,email', 'u1@x.example,False,False,'];
    const dir = await evidenceDir({ 'registration/reg_2026-03-09.json': registrationPage(tenUsers(9)), 'registration/reg_2026-03-12.csv': `${header}${rows.join('\n')}\n` });
    const report = await readEvidence(dir, context({ today: '2026-03-17' }));
    expect(report.registration.latest?.date).toBe('2026-03-09');
    expect(report.problems[0]).toBe('registration/reg_2026-03-12.csv: Registration snapshot of Thursday, 12 March 2026 not used: most of its rows are unreadable (3 of 5).');
  });

  // An empty registration export became the latest snapshot: status printed "null% (0/0)".
  it('never prints a null rate: an empty export after a good one leaves the good one in the status text, with the reason', async () => {
    const dir = await evidenceDir({ 'registration/reg_2026-03-09.json': registrationPage(tenUsers(7)), 'registration/reg_2026-03-13.json': JSON.stringify({ value: [] }) });
    const ctx = context({ today: '2026-03-13' });
    const text = formatStatusText(await readEvidence(dir, ctx), ctx);
    expect(text).not.toContain('null%');
    expect(text).toContain('  70% (7/10) on 2026-03-09; target 95% by 2026-03-17 (25.0 points below target)');
    expect(text).toContain('  registration/reg_2026-03-13.json: Registration snapshot of Friday, 13 March 2026 not used: it lists no users.');
  });
});

describe('the same sign-in in two files', () => {
  it('counts the interactive CSV saved twice once, and says so for the second copy', async () => {
    const name = 'InteractiveSignIns_2026-03-20_2026-03-26.csv';
    const once = await evidenceDir({});
    await copyFile(join(SIGNINS, name), join(once, 'signins', name));
    const twice = await evidenceDir({});
    await copyFile(join(SIGNINS, name), join(twice, 'signins', name));
    await copyFile(join(SIGNINS, name), join(twice, 'signins', 'InteractiveSignIns_2026-03-20_2026-03-26 (1).csv'));
    const ctx = context();
    const a = await readEvidence(once, ctx);
    const b = await readEvidence(twice, ctx);
    expect(b.signIns).toEqual(a.signIns);
    expect(b.failureClusters).toEqual(a.failureClusters);
    expect(b.legacyAuth).toEqual(a.legacyAuth);
    expect(b.verdicts).toEqual(a.verdicts);
    expect(a.signIns.total).toBe(5);
    const copies = b.files.map((f) => [f.file, f.rows, f.warnings]);
    expect(copies).toEqual([
      ['signins/InteractiveSignIns_2026-03-20_2026-03-26 (1).csv', 5, []],
      ['signins/InteractiveSignIns_2026-03-20_2026-03-26.csv', 5, ['5 sign-ins already read from another file (same request ID) counted once.']],
    ]);
  });

  it('counts two Graph pages holding the same request IDs once', async () => {
    const records = [
      graphSignIn({ id: 'r-1', when: '2026-03-24T09:00:00Z', upn: 'a@x.example', code: 50074 }),
      graphSignIn({ id: 'r-2', when: '2026-03-24T09:05:00Z', upn: 'b@x.example', code: 53003 }),
    ];
    const dir = await evidenceDir({
      'signins/page-a.json': graphPage(records),
      'signins/page-b.json': graphPage([...records, graphSignIn({ id: 'r-3', when: '2026-03-24T10:00:00Z', upn: 'c@x.example' })]),
    });
    const r = await readEvidence(dir, context());
    expect(r.signIns.total).toBe(3);
    expect(r.failureClusters.map((c) => [c.errorCode, c.signIns])).toEqual([
      [53003, 1],
      [50074, 1],
    ]);
  });
});

describe('folders and entries that cannot be read', () => {
  it('reports a folder that refuses to be listed and reads the rest (error injected at the file-system boundary: root can list any folder)', async () => {
    const dir = await evidenceDir({
      'registration/reg_2026-03-09.json': registrationPage(tenUsers(8)),
      'signins/locked/InteractiveSignIns.json': graphPage([graphSignIn({ id: 'x', when: '2026-03-24T09:00:00Z', upn: 'x@x.example' })]),
      'signins/open.json': graphPage([graphSignIn({ id: 'y', when: '2026-03-24T09:00:00Z', upn: 'y@x.example' })]),
    });
    const locked = join(dir, 'signins', 'locked');
    const fs: EvidenceFs = {
      readdir: async (p) => {
        if (p === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
        return readdir(p);
      },
      stat: (p) => stat(p),
      realpath: (p) => realpath(p),
    };
    const ctx = context();
    const report = EvidenceReportSchema.parse(buildReport(await readEvidenceDir(dir, ctx, { fs }), ctx));
    expect(report.problems).toEqual(['The folder "signins/locked" cannot be read (permission denied); the other files were read.']);
    expect(report.signIns.total).toBe(1);
    expect(report.registration.latest?.rate).toBe(80);
    expect(formatStatusText(report, ctx)).toContain('  The folder "signins/locked" cannot be read (permission denied); the other files were read.');
  });

  it('reports a broken link, a link loop and a named pipe (which would block a read forever) and reads the rest', async () => {
    const dir = await evidenceDir({ 'signins/open.json': graphPage([graphSignIn({ id: 'y', when: '2026-03-24T09:00:00Z', upn: 'y@x.example' })]) });
    await symlink(join(dir, 'nowhere.csv'), join(dir, 'signins', 'broken.csv'));
    await symlink(join(dir, 'signins', 'loop.csv'), join(dir, 'signins', 'loop.csv'));
    await mkdir(join(dir, 'signins', 'sub'));
    await symlink(join(dir, 'signins'), join(dir, 'signins', 'sub', 'parent')); // a link back up: walked once, not forever
    const fifo = spawnSync('mkfifo', [join(dir, 'signins', 'pipe.csv')]);
    expect(fifo.status).toBe(0);
    const ctx = context();
    const report = await readEvidence(dir, ctx);
    expect(report.signIns.total).toBe(1);
    expect(report.files.map((f) => [f.file, f.kind, f.warnings])).toEqual([
      ['signins/broken.csv', 'unreadable', ['Cannot open: a link whose target does not exist; skipped.']],
      ['signins/loop.csv', 'unreadable', ['Cannot open: a link that points back to itself; skipped.']],
      ['signins/open.json', 'signins-json', []],
      ['signins/pipe.csv', 'unreadable', ['Not a regular file (a pipe, socket or device); skipped.']],
    ]);
    const text = formatStatusText(report, ctx);
    expect(text).toContain('  signins/broken.csv: Cannot open: a link whose target does not exist; skipped.');
    expect(text).toContain('  signins/pipe.csv: Not a regular file (a pipe, socket or device); skipped.');
  });

  it('says when a sign-in file yields no sign-ins', async () => {
    const dir = await evidenceDir({
      'signins/InteractiveSignIns_empty.csv': (await readFile(join(SIGNINS, 'InteractiveSignIns_2026-03-20_2026-03-26.csv'), 'utf8')).split(/\r?\n/)[0] + '\n',
    });
    const ctx = context();
    const report = await readEvidence(dir, ctx);
    expect(report.files[0]?.warnings).toEqual(['No sign-ins could be read from this file.']);
    expect(formatStatusText(report, ctx)).toContain('  signins/InteractiveSignIns_empty.csv: No sign-ins could be read from this file.');
  });
});
