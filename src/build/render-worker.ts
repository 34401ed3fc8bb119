import { parentPort, workerData } from 'node:worker_threads';
import type { Playbook } from '../model/playbook.ts';
import type { PdfFonts } from '../pdf/fonts.ts';
import { loadSharedResources, renderWorkerFiles, type SharedResources } from './worker-files.ts';

// One worker of the render pool: takes the resources the run read once (font bytes, in workerData) as soon as
// it starts, then renders tenant after tenant with them.
const shared: Promise<SharedResources> = loadSharedResources((workerData as { fonts?: PdfFonts } | null)?.fonts);
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
