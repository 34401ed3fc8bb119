import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Playbook } from '../model/playbook.ts';
import type { OutputFile } from './tenant-files.ts';

interface Job {
  id: number;
  playbook: Playbook;
  resolve: (files: OutputFile[]) => void;
  reject: (error: Error) => void;
}

/** The worker module beside this one: TypeScript when run from source, JavaScript in the installed package. */
const RENDER_WORKER = import.meta.url.endsWith('.ts') ? './render-worker.ts' : './render-worker.js';

type Reply = { id: number; ok: true; files: OutputFile[] } | { id: number; ok: false; message: string; stack?: string };

/**
 * Renders tenants' documents (PDFs, calendars, policies, drafts; see worker-files.ts) on worker threads, so that they use the
 * other cores while the main thread builds the sites. Each worker loads fonts and templates once and keeps
 * them for every tenant it renders; at most `size` tenants are in flight, which bounds memory.
 */
export class RenderPool {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Job[] = [];
  readonly #running = new Map<Worker, Job>();
  #nextId = 0;

  readonly #workerData: unknown;

  /** `workerData` is given to every worker at start: the resources read once for the whole run (font bytes). */
  constructor(options: { size?: number; warm?: boolean; workerData?: unknown } = {}) {
    this.size = Math.max(1, Math.min(options.size ?? availableParallelism(), availableParallelism()));
    this.#workerData = options.workerData;
    // Warm workers start loading their modules and fonts now, overlapping whatever the caller does next.
    if (options.warm) for (let index = 0; index < this.size; index += 1) this.#idle.push(this.#spawn());
  }

  #spawn(): Worker {
    const worker = new Worker(new URL(RENDER_WORKER, import.meta.url), { workerData: this.#workerData });
    worker.on('message', (reply: Reply) => {
      const job = this.#running.get(worker);
      if (!job) return;
      this.#running.delete(worker);
      if (reply.ok) job.resolve(reply.files);
      else job.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
      this.#idle.push(worker);
      this.#drain();
    });
    worker.on('error', (error) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      this.#workers.splice(this.#workers.indexOf(worker), 1);
      job?.reject(error);
      this.#drain();
    });
    this.#workers.push(worker);
    return worker;
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      let worker = this.#idle.pop();
      if (!worker && this.#workers.length < this.size) worker = this.#spawn();
      if (!worker) return;
      const job = this.#queue.shift()!;
      this.#running.set(worker, job);
      worker.postMessage({ id: job.id, playbook: job.playbook });
    }
  }

  render(playbook: Playbook): Promise<OutputFile[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, playbook, resolve, reject });
      this.#drain();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#workers.length = 0;
    this.#idle.length = 0;
  }
}
