// The size guard (scripts/test.sh): what each page downloads for the widget, brotli -q 11, against
// the budgets in bench/budgets.json. Sizes are deterministic for a given toolchain, so this is a
// test, not a benchmark: it fails when a page passes its budget, with the figure and the budget.
// Usage: node bench/size-guard.mjs [dist-merchant]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist-merchant';
const { pages } = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'));

/**
 * The size of `body` compressed with brotli at quality 11, as a CDN serves it.
 * @param {Buffer} body
 */
export function brotliSize(body) {
  return brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }).length;
}

const bytes = (/** @type {number} */ n) => `${n.toLocaleString('en')} B (${(n / 1000).toFixed(1)} kB)`;
let failed = 0;
for (const [page, { files, budget, target, target_why }] of Object.entries(pages)) {
  let total = 0;
  const parts = [];
  // A name with `*` stands for every file of the build it matches (wasm-split's shared chunks,
  // numbered by how many parts there are).
  const names = files.flatMap((/** @type {string} */ f) =>
    f.includes('*')
      ? readdirSync(dir).filter((n) =>
          new RegExp(
            `^${f
              .split('*')
              .map((p) => p.replace(/[.-]/g, '\\$&'))
              .join('.*')}$`,
          ).test(n),
        )
      : [f],
  );
  for (const file of names) {
    let body;
    try {
      body = readFileSync(join(dir, file));
    } catch {
      console.error(`size guard: ${join(dir, file)} is missing: build it first (trunk build merchant.html --release --dist ${dir})`);
      process.exit(1);
    }
    const size = brotliSize(body);
    parts.push(`${file} ${bytes(size)}`);
    total += size;
  }
  const over = total > budget;
  if (over) failed++;
  console.log(
    `${over ? 'FAIL' : 'ok  '} ${page} page: ${bytes(total)} brotli, budget ${bytes(budget)}` +
      `${over ? `: over by ${bytes(total - budget)}` : `, ${bytes(budget - total)} to spare`}` +
      (target ? `; issue 22's target ${bytes(target)} (${target_why}) ${total <= target ? 'met' : `missed by ${bytes(total - target)}`}` : ''),
  );
  console.log(`       ${parts.join(' + ')}`);
}
if (failed) {
  console.error(
    `size guard: ${failed} page(s) over budget. Make the module smaller, or, if the growth is worth it, raise the budget in bench/budgets.json and say why in the commit.`,
  );
  process.exit(1);
}
