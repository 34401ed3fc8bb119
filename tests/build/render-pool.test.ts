import { afterAll, describe, expect, it } from 'vitest';
import { RenderPool } from '../../src/build/render-pool.ts';
import { workerFilePaths } from '../../src/build/tenant-files.ts';
import { loadPdfFonts, renderPdfs } from '../../src/pdf/index.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';

describe('the render pool', async () => {
  const fonts = await loadPdfFonts();
  const pool = new RenderPool({ size: 2, warm: true, workerData: { fonts } });

  afterAll(async () => {
    await pool.close();
  });

  it('renders on worker threads exactly the planned files, identical to an in-process render', async () => {
    const playbook = examplePlaybook();
    const [files, hostile] = await Promise.all([pool.render(playbook), pool.render(hostilePlaybook())]);
    expect(files.map((file) => file.path).sort()).toEqual([...workerFilePaths(playbook)].sort());
    expect(hostile.some((file) => file.path === 'admin/plan.pdf')).toBe(true);
    const inProcess = await renderPdfs(playbook, fonts);
    for (const pdf of inProcess) {
      const fromWorker = files.find((file) => file.path === pdf.path)!;
      expect(Buffer.from(fromWorker.bytes as Uint8Array).equals(Buffer.from(pdf.bytes))).toBe(true);
    }
  });

  it('reports a failure inside a worker as a rejected job, and keeps serving the next ones', async () => {
    const broken = examplePlaybook();
    const allUsers = broken.policies.find((policy) => policy.id === 'CA002')!;
    const users = (allUsers.body.conditions as { users: { excludeGroups: string[] } }).users;
    users.excludeGroups = [];
    await expect(pool.render(broken)).rejects.toThrow(/CA002.*break-glass/i);
    const again = await pool.render(examplePlaybook());
    expect(again.length).toBeGreaterThan(10);
  });
});
