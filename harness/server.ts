/**
 * A loopback server for the demo and the browser tests: the demo article, test fixtures and real
 * pages (their <script> elements removed before serving, so no page code ever runs). Real pages
 * are the repository's few (tests/fixtures/corpus) unless a long run passes the full corpus.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusPages, FIXTURE_CORPUS, type CorpusPage } from './corpus-pages.ts';

const root = resolve(import.meta.dirname, '..');
const MOUNTS: Record<string, string> = {
  '/demo/': join(root, 'assets/demo'),
  '/fixtures/': join(root, 'tests/fixtures'),
};
const CORPUS_PREFIX = '/corpus/';
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

export interface ServerOptions {
  /** Folders under URL prefixes (the benchmark's generated pages). */
  mounts?: Record<string, string>;
  /** The real pages served as /corpus/<name>.html: the repository's few unless a long run names the full corpus. */
  corpus?: readonly CorpusPage[];
}

/** A missing file is a plain 404 whose text says so; drivers refuse to treat any 4xx/5xx page as loaded. */
function notFound(res: import('node:http').ServerResponse, path: string): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Summit Lens test server: no file for ${path}`);
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const mounts = { ...MOUNTS, ...options.mounts };
  const corpus = new Map((options.corpus ?? corpusPages(FIXTURE_CORPUS)).map((page) => [`${page.name}.html`, page.file]));
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file: string | undefined;
    if (path.startsWith(CORPUS_PREFIX)) {
      file = corpus.get(path.slice(CORPUS_PREFIX.length));
    } else {
      const mount = Object.keys(mounts).find((m) => path.startsWith(m));
      if (mount) {
        const base = mounts[mount]!;
        file = normalize(join(base, path.slice(mount.length)));
        if (!file.startsWith(base)) {
          res.writeHead(403).end('forbidden');
          return;
        }
      }
    }
    if (!file) {
      notFound(res, path);
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (path.startsWith(CORPUS_PREFIX)) body = stripScripts(body.toString('utf8'));
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      // A fixture named *.csp.html is served with the strictest policy a page might have.
      if (file.endsWith('.csp.html')) headers['content-security-policy'] = "default-src 'none'; style-src 'self'; img-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      notFound(res, path);
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
