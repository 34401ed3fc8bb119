import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../helpers/example.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.ics': 'text/calendar',
  '.eml': 'message/rfc822',
};

/** A temp folder inside the repository's ignored .tmp/ (Astro keeps its prerender chunks next to an outDir inside the project). */
export async function tempOut(name: string): Promise<string> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  return mkdtemp(join(ROOT, '.tmp', `${name}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A tiny static file server on 127.0.0.1 for the built folders. */
export async function serve(dir: string): Promise<{ server: Server; origin: string; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = normalize(join(dir, decodeURIComponent(url.pathname)));
      if (!path.startsWith(dir + sep) && path !== dir) throw new Error('outside');
      let file = path;
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** File text as stored, plus the decompressed text of gzip files (Pagefind's index and fragments are gzipped). */
export function readableText(bytes: Buffer): string {
  const texts = [bytes.toString('utf8')];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      texts.push(gunzipSync(bytes).toString('utf8'));
    } catch {
      // not a complete gzip stream
    }
  }
  return texts.join('\n');
}

export async function writeDummy(path: string, content = 'placeholder'): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}
