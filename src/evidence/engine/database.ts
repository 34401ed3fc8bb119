/**
 * The embedded analytical engine (DuckDB, in process, no server) that parses the sign-in exports
 * and counts them. One engine per evidence read: an in-memory database whose memory is capped, so
 * a file larger than the cap is streamed and anything the engine must hold beyond it (the request
 * IDs of ten million sign-ins, for instance) goes to a staging folder of the tool's own in the
 * system temporary folder, which is removed when the engine closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** The engine's memory cap: the peak of a whole evidence read stays under 500 MB with Node's own share. */
export const ENGINE_MEMORY_LIMIT = '192MB';

export interface EvidenceEngine {
  readonly connection: DuckDBConnection;
  /** A folder of the engine's own for spilled data and staged files; deleted by close(). */
  readonly stagingDir: string;
  /** A fresh name for an engine table or staged file, unique within this engine. */
  uniqueName(prefix: string): string;
  close(): Promise<void>;
}

export async function openEvidenceEngine(): Promise<EvidenceEngine> {
  const stagingDir = await mkdtemp(join(tmpdir(), 'mfa-playbook-evidence-'));
  let instance: DuckDBInstance | undefined;
  try {
    // Options go to the engine as configuration values, not as SQL text.
    instance = await DuckDBInstance.create(':memory:', {
      memory_limit: ENGINE_MEMORY_LIMIT,
      temp_directory: join(stagingDir, 'spill'),
      // Keep the engine to the machine's files: no extension downloads, no reads of other folders' secrets.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    let counter = 0;
    const owned = instance;
    return {
      connection,
      stagingDir,
      uniqueName: (prefix) => `${prefix}_${(counter += 1)}`,
      async close() {
        connection.closeSync();
        owned.closeSync();
        await rm(stagingDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    instance?.closeSync();
    await rm(stagingDir, { recursive: true, force: true });
    throw e;
  }
}

/** Run `work` with an engine of its own when the caller did not pass one, and close it afterwards. */
export async function withEngine<T>(engine: EvidenceEngine | undefined, work: (engine: EvidenceEngine) => Promise<T>): Promise<T> {
  if (engine !== undefined) return work(engine);
  const own = await openEvidenceEngine();
  try {
    return await work(own);
  } finally {
    await own.close();
  }
}

/** Engine settings a piece of work may change for its own time. */
export interface EngineSettings {
  threads: number;
  /**
   * Whether the engine's allocator hands freed memory back to the system from background threads.
   * Off by default: on, the grouped count of a million-row CSV took a third longer. On for a read
   * row by row, so what an earlier pass (a grouped count that gave up, say) freed does not stay in
   * the process's footprint while the rows are handled.
   */
  allocator_background_threads: boolean;
}

/**
 * Run `work` with the given engine settings, and give the engine back its own afterwards. Engine
 * settings are the whole engine's, so only one such piece of work runs at a time (the evidence read
 * is sequential).
 */
export async function withEngineSettings<T>(engine: EvidenceEngine, settings: Partial<EngineSettings>, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings) as (keyof EngineSettings)[];
  const before: string[] = [];
  for (const name of names) {
    const [[value]] = (await queryRows(engine, `SELECT current_setting(${sqlString(name)})`)) as [[unknown]];
    before.push(String(value));
  }
  const set = async (name: keyof EngineSettings, value: string): Promise<void> => {
    await engine.connection.run(`SET ${name} = ${name === 'threads' ? Math.max(1, Math.floor(Number(value))) : value === 'true' ? 'true' : 'false'}`);
  };
  for (const name of names) await set(name, String(settings[name]));
  try {
    return await work();
  } finally {
    for (const [i, name] of names.entries()) await set(name, before[i] as string);
  }
}

/**
 * A SQL string literal. Only for text the engine cannot take as a parameter (option values inside
 * a table function's argument list that DuckDB fixes at bind time); values are always bound.
 */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier, quoted. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every row of a query, as plain values (BIGINT as number: counts here stay far below 2^53). */
export async function queryRows(engine: EvidenceEngine, sql: string, params: Record<string, DuckDBValue> = {}): Promise<unknown[][]> {
  const reader = await engine.connection.runAndReadAll(sql, params);
  return reader.getRowsJS().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}
