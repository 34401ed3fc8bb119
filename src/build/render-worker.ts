import { parentPort } from 'node:worker_threads';
import type { Playbook } from '../model/playbook.ts';
import { loadSharedResources, renderWorkerFiles, type SharedResources } from './worker-files.ts';

// One worker of the render pool: loads the shared resources (fonts…) as soon as it starts, then renders
// tenant after tenant with them.
const shared: Promise<SharedResources> = loadSharedResources();
shared.catch(() => undefined); // a failure is reported with the first job

parentPort!.on('message', async ({ id, playbook }: { id: number; playbook: Playbook }) => {
  try {
    const files = await renderWorkerFiles(playbook, await shared);
    // Copied, not transferred: a Uint8Array may be a view on a pooled buffer that other data shares.
    parentPort!.postMessage({ id, ok: true, files });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, message: (error as Error).message, stack: (error as Error).stack });
  }
});
