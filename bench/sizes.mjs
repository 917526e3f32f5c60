// Transfer sizes of everything in a built dist/: raw, gzip -9 and brotli -q 11, per file and in
// total. Usage: node bench/sizes.mjs [dist] [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist';
const asJson = process.argv.includes('--json');

/**
 * Each file of the build folder `dir` with its raw and compressed sizes, and their total.
 * @param {string} dir
 */
export function measure(dir) {
  const rows = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort()
    .map((file) => {
      const body = readFileSync(join(dir, file));
      return {
        file,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }).length,
      };
    });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  return { rows, total };
}

// Run as a command (not when imported by bench.mjs).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1).padStart(8);
  const { rows, total } = measure(dir);
  if (asJson) {
    console.log(JSON.stringify({ rows, total }, null, 2));
  } else {
    console.log(`${'file'.padEnd(44)}${'raw KB'.padStart(8)}${'gzip KB'.padStart(9)}${'br KB'.padStart(8)}`);
    for (const r of rows) console.log(`${r.file.padEnd(44)}${kb(r.raw)} ${kb(r.gzip)}${kb(r.brotli)}`);
    console.log(`${'total'.padEnd(44)}${kb(total.raw)} ${kb(total.gzip)}${kb(total.brotli)}`);
  }
}
