// A small static server for the built widget (dist/), for the end-to-end tests and the benchmark.
// Serves .wasm as application/wasm, never caches, and can add response headers (e.g. a CSP) from
// the PLW_HEADERS environment variable (JSON object). Usage: node tests/e2e/serve.mjs [dir] [port];
// `dir` may list several folders, comma-separated: a file is served from the first that has it
// (a build with a test's pages beside it).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const roots = (process.argv[2] ?? 'dist').split(',').map((dir) => resolve(dir));
const port = Number(process.argv[3] ?? process.env.PORT ?? 4173);
/** @type {Record<string, string>} */
const extraHeaders = JSON.parse(process.env.PLW_HEADERS ?? '{}');
/** @type {Record<string, string>} content types by extension */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  for (const root of roots) {
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...extraHeaders,
      });
      res.end(body);
      return;
    } catch {
      // not in this folder: the next one
    }
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}).listen(port, '127.0.0.1', () => console.log(`serving ${roots.join(', ')} on http://127.0.0.1:${port}`));
