// What the modules must not carry (issue 22), checked in the test command after the merchant build:
// 1. no JSON parser and no float formatting: twiggy lists every function of each module's wasm as
//    cargo built it (names kept; target/size/…, the merchant build's), and none may come from
//    serde_json or format floats (flt2dec, ryu, dtoa, zmij, grisu, dragon);
// 2. no test hooks (src/test_hooks.rs, demo builds only) in what merchants deploy;
// 3. no Trusted Types sink a string could reach (issue 25): no script in the build writes
//    innerHTML or outerHTML, inserts HTML, writes the document, sets srcdoc or compiles code
//    (eval, new Function), so a page that enforces Trusted Types needs no policy but `pay-later`
//    (its script URLs: public/pay-later.js). The views build their elements one by one
//    (vendor/README.md), so wasm-bindgen's glue has no innerHTML setter to import.
// Usage: node bench/module-contents.mjs [dist-merchant] [target/size/wasm32-unknown-unknown/release]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist-merchant';
const built = process.argv[3] ?? `${process.env.SIZE_TARGET_DIR ?? 'target/size'}/wasm32-unknown-unknown/release`;
const MODULES = ['pay_later_offer', 'pay_later_checkout', 'pay_later_account'];
const FORBIDDEN = /serde_json|flt2dec|\bryu\b|dtoa|zmij|grisu|dragon/i;

let failed = 0;
for (const module of MODULES) {
  const wasm = join(built, `${module}.wasm`);
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', wasm], { maxBuffer: 1 << 28 }).toString();
  const names = csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  const found = names.filter((name) => FORBIDDEN.test(name));
  if (found.length) {
    failed++;
    console.error(`FAIL ${module}: ${found.length} functions of a JSON parser or float formatting, e.g.\n  ${found.slice(0, 5).join('\n  ')}`);
  } else {
    console.log(`ok   ${module}: ${names.length} items, no serde_json, no float formatting`);
  }
}
const hooks = readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f) && readFileSync(join(dist, f)).includes('data-test-crash'));
if (hooks.length) {
  failed++;
  console.error(`FAIL the merchant build carries the test hooks: ${hooks.join(', ')}`);
} else {
  console.log(`ok   ${dist}: no test hooks`);
}
const SINK =
  /\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\.srcdoc\s*=|\bnew Function\b|\beval\(|setHTMLUnsafe|parseFromString|createContextualFragment/;
const scripts = readdirSync(dist).filter((f) => f.endsWith('.js'));
const sinks = scripts.filter((f) => SINK.test(readFileSync(join(dist, f), 'utf8')));
if (sinks.length) {
  failed++;
  for (const f of sinks) console.error(`FAIL ${f} can write a string into a Trusted Types sink: ${readFileSync(join(dist, f), 'utf8').match(SINK)?.[0]}`);
} else {
  console.log(`ok   ${dist}: ${scripts.length} scripts, no Trusted Types sink (innerHTML, eval…) in any`);
}
if (failed) process.exit(1);
