/**
 * A loopback server for the demo and the browser tests: the demo article, test fixtures and the
 * shared corpus (its <script> elements removed before serving, so no page code ever runs).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const root = resolve(import.meta.dirname, '../..');
const MOUNTS: Record<string, string> = {
  '/demo/': join(root, 'assets/demo'),
  '/fixtures/': join(root, 'tests/fixtures'),
  '/corpus/': resolve(root, '../shared/corpus/pages'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export function stripScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/<script\b[^>]*\/>/gi, '');
}

export interface TestServer {
  url(path: string): string;
  close(): Promise<void>;
}

/** `extraMounts` adds folders under URL prefixes (the benchmark's generated pages). */
export async function startServer(extraMounts: Record<string, string> = {}): Promise<TestServer> {
  const mounts = { ...MOUNTS, ...extraMounts };
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    if (!mount) {
      res.writeHead(404).end('not found');
      return;
    }
    const base = mounts[mount]!;
    const file = normalize(join(base, path.slice(mount.length)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (mount === '/corpus/' && extname(file) === '.html') body = stripScripts(body.toString('utf8'));
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      // A fixture named *.csp.html is served with the strictest policy a page might have.
      if (file.endsWith('.csp.html')) headers['content-security-policy'] = "default-src 'none'; style-src 'self'; img-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
