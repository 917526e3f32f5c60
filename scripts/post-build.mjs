// Trunk's post-build hook (Trunk.toml), in trunk's staging folder before it becomes the dist:
//
// 1. release builds: minifies the widget's JavaScript (pay-later.js and each module's wasm-bindgen
//    glue) with esbuild. Trunk's own minifier fails on the glue's `export default` and leaves it
//    as it is (about 45 KB unminified).
// 2. every build: the languages loaded on demand, copied from locales/ as pay-later-locale-*.json.
// 3. every build: the integrity of what pages load. pay-later.js gets the SHA-384 of each module's
//    glue and wasm written into it (it fetches them with those hashes, so a changed byte is
//    refused), then `integrity.json` lists the SHA-384 of every file in the folder, pay-later.js
//    included, for `<script integrity>` and for the merchant's PCI DSS 6.4.3 inventory; and
//    `pay-later-preload.html`, the optional <head> lines that fetch a page's module with the page.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR ?? '';
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (this runs as trunk's post_build hook)");
  process.exit(1);
}
const files = () =>
  readdirSync(staging)
    .filter((f) => statSync(join(staging, f)).isFile())
    .sort();
/** @param {string} file a file of the build, by name */
const sri = (file) =>
  `sha384-${createHash('sha384')
    .update(readFileSync(join(staging, file)))
    .digest('base64')}`;

const release = process.env.TRUNK_PROFILE === 'release';
// The languages loaded on demand (every locale file but the built-in English), compacted, as
// pay-later-locale-<tag>.json beside the modules.
const locales = join(process.env.TRUNK_SOURCE_DIR ?? process.cwd(), 'locales');
if (existsSync(locales)) {
  for (const file of readdirSync(locales).filter((f) => f.endsWith('.json') && f !== 'en.json')) {
    const texts = JSON.parse(readFileSync(join(locales, file), 'utf8'));
    writeFileSync(join(staging, `pay-later-locale-${file}`), JSON.stringify(texts));
  }
}
// Release builds with PAY_LATER_SPLIT (scripts/release-build.sh): a module built with split points
// (src/split.rs) is cut into its main part and the parts fetched on a click, with wasm-split
// (wasm_split_cli_support, installed by setup). Its main part replaces trunk's, through the same
// wasm-bindgen and wasm-opt; each part is `pay-later-<module>-<part>_bg.wasm`, fetched by the
// glue with its SHA-384 (the loader wasm-split writes is put inside the glue, so every byte a page
// runs is checked). Modules without split points stay as trunk built them.
const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];
/**
 * Reads an unsigned LEB128 number at `at`.
 * @param {Buffer} bytes
 * @param {number} at
 * @returns {[number, number]} the number and the offset after it
 */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let next = at;
  for (;;) {
    const byte = bytes[next++] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, next];
  }
}
/** @param {number} value a whole number, 0 or more */
function toLeb(value) {
  const out = [];
  let left = value;
  do {
    let byte = left & 0x7f;
    left = Math.floor(left / 128);
    if (left) byte |= 0x80;
    out.push(byte);
  } while (left);
  return Buffer.from(out);
}
/**
 * Removes from the wasm file at `path` the exports whose names match `pattern`, so that wasm-opt
 * drops the code only they reached. Used for wasm-bindgen's exports of wasm-streams' JavaScript
 * stream sources and sinks (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`), which Leptos's
 * server functions bring and the widget never creates (the glue's classes stay, unused): about
 * 3.5 kB brotli per module. Returns how many exports went.
 * @param {string} path
 * @param {RegExp} pattern
 */
function dropExports(path, pattern) {
  const wasm = readFileSync(path);
  const parts = [wasm.subarray(0, 8)];
  let dropped = 0;
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at] ?? 0;
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    const [count, first] = leb(wasm, start);
    const kept = [];
    let entry = first;
    for (let i = 0; i < count; i++) {
      const [length, nameAt] = leb(wasm, entry);
      const name = wasm.subarray(nameAt, nameAt + length).toString('utf8');
      const [, next] = leb(wasm, nameAt + length + 1);
      if (pattern.test(name)) dropped++;
      else kept.push(wasm.subarray(entry, next));
      entry = next;
    }
    const body = Buffer.concat([toLeb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), toLeb(body.length), body);
    at = end;
  }
  writeFileSync(path, Buffer.concat(parts));
  return dropped;
}
/**
 * Takes out of wasm-bindgen's glue the classes of the exports {@link dropExports} removed (each
 * class, its `Symbol.dispose` line and its finalization registry), which nothing else names.
 * @param {string} glue
 */
function dropStreamClasses(glue) {
  const out = glue
    .replace(
      /^export class IntoUnderlying\w+ \{\n[\s\S]*?\n\}\nif \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/gm,
      '',
    )
    .replace(/^const IntoUnderlying\w+Finalization = [^\n]*\n[^\n]*\n[^\n]*\n/gm, '');
  if (out.includes('IntoUnderlying')) throw new Error('post-build: the glue still names IntoUnderlying… after taking its classes out');
  return out;
}
/**
 * Cuts module `name` (`account`, `offer`) at its split points, when its build has any.
 * @param {string} name
 */
function splitModule(name) {
  const built = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown', 'release', `pay_later_${name}.wasm`);
  if (!existsSync(built)) return;
  const work = mkdtempSync(join(tmpdir(), `pay-later-split-${name}-`));
  const run = (/** @type {string} */ command, /** @type {string[]} */ args) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  run('wasm-split-cli', [built, join(work, 'split')]);
  const parts = readdirSync(join(work, 'split')).filter((f) => f.endsWith('.wasm') && f !== 'main.wasm');
  if (parts.length === 0) return; // no split points in this build of the module
  const base = `pay-later-${name}`;
  run('wasm-bindgen', [
    '--target',
    'web',
    '--no-typescript',
    '--keep-lld-exports',
    '--out-dir',
    join(work, 'bound'),
    '--out-name',
    base,
    join(work, 'split', 'main.wasm'),
  ]);
  const bound = join(work, 'bound', `${base}_bg.wasm`);
  if (dropExports(bound, /^(__wbg_)?intounderlying/) === 0) {
    console.warn(`post-build: ${base} has no wasm-streams exports to drop any more (Leptos changed?)`);
  }
  run('wasm-opt', ['-Oz', ...WASM_FEATURES, bound, '-o', join(staging, `${base}_bg.wasm`)]);
  let loader = readFileSync(join(work, 'split', '__wasm_split.js'), 'utf8');
  for (const part of parts) {
    const file = `${base}-${part
      .replace(/\.wasm$/, '')
      .replace(/^split_/, '')
      .replaceAll('_', '-')}_bg.wasm`;
    run('wasm-opt', ['-Oz', ...WASM_FEATURES, join(work, 'split', part), '-o', join(staging, file)]);
    const from = `fetch(new URL("./${part}", import.meta.url))`;
    if (!loader.includes(from)) throw new Error(`post-build: wasm-split's loader does not fetch ${part} as expected`);
    loader = loader.replace(from, `fetch(new URL("./${file}", import.meta.url), { integrity: "${sri(file)}" })`);
  }
  // The loader inside the glue: its import of the glue's initSync and the glue's import of it go.
  const exported = [...loader.matchAll(/export const (\w+)/g)].map((m) => m[1]);
  loader = loader.replace(/^import \{ initSync \} from "[^"]+";?\n/m, '').replaceAll('export const ', 'const ');
  let glue = dropStreamClasses(readFileSync(join(work, 'bound', `${base}.js`), 'utf8'));
  // (wasm-bindgen imports it once per split function, under as many names.)
  const links = [...glue.matchAll(/^import \* as (\w+) from "\.\/__wasm_split\.js";?\n/gm)];
  if (links.length === 0 || exported.length === 0) throw new Error(`post-build: ${base}.js does not import wasm-split's loader as expected`);
  for (const [line, name] of links) {
    glue = glue.replace(line, '').replace(`"./__wasm_split.js": ${name}`, `"./__wasm_split.js": { ${exported.join(', ')} }`);
  }
  if (glue.includes('from "./__wasm_split.js"')) throw new Error(`post-build: ${base}.js still refers to __wasm_split.js`);
  writeFileSync(join(staging, `${base}.js`), `${glue}\n${loader}`);
  rmSync(work, { recursive: true, force: true });
  console.log(`post-build: ${base} split into its main part and ${parts.join(', ')}`);
}
if (release && process.env.PAY_LATER_SPLIT) for (const name of ['account', 'offer']) splitModule(name);

/** @param {string} file a JavaScript file of the build, minified in place */
const minify = (file) => {
  const path = join(staging, file);
  // ESM in, ESM out (import.meta.url and the exports stay).
  const { code } = transformSync(readFileSync(path, 'utf8'), { loader: 'js', format: 'esm', minify: true, target: 'es2022', legalComments: 'none' });
  writeFileSync(path, code);
};
// The modules first (their hashes are of what is served), then the loader that carries them.
if (release) for (const file of files().filter((f) => /^pay-later-.*\.js$/.test(f))) minify(file);
// (A module's parts are not here: its glue fetches them with their hashes.)
const part = (/** @type {string} */ f) => /^pay-later-[a-z]+-.+_bg\.wasm$/.test(f);
const modules = Object.fromEntries(
  files()
    .filter((f) => /^pay-later-.*(\.js|_bg\.wasm|\.json)$/.test(f) && !part(f))
    .map((f) => [f, sri(f)]),
);

/**
 * Which module shows which view, and when the loader loads it, as the module crates declare it
 * (`[package.metadata.pay-later]` in each module crate's Cargo.toml: `view`, and `role` "first" for what a
 * page with that view loads before the shopper touches it, "whole" for the whole view at once):
 * `{ checkout: { first: 'offer', whole: 'checkout' }, bills: { first: 'account', whole: 'account' } }`.
 * @returns {Record<string, { first: string, whole: string }>}
 */
function viewModules() {
  const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], { encoding: 'utf8' }));
  /** @type {Record<string, { first?: string, whole?: string }>} */
  const table = {};
  for (const pkg of metadata.packages) {
    const declared = pkg.metadata?.['pay-later'];
    if (!declared) continue;
    const name = String(pkg.name).replace(/^pay-later-/, '');
    const view = String(declared.view);
    /** @type {unknown} */
    const role = declared.role;
    if (role !== 'first' && role !== 'whole') throw new Error(`post-build: ${pkg.name} declares role ${JSON.stringify(role)}: use "first" or "whole"`);
    table[view] ??= {};
    const entry = table[view];
    if (entry[role]) throw new Error(`post-build: both ${entry[role]} and ${name} declare the ${role} module of view ${view}`);
    entry[role] = name;
  }
  /** @type {Record<string, { first: string, whole: string }>} */
  const complete = {};
  for (const [view, { first, whole }] of Object.entries(table)) {
    if (!whole) throw new Error(`post-build: no module declares the whole ${view} view (role = "whole")`);
    complete[view] = { first: first ?? whole, whole };
  }
  for (const view of ['checkout', 'bills']) if (!complete[view]) throw new Error(`post-build: no module declares the ${view} view`);
  return complete;
}
const views = viewModules();

const loader = join(staging, 'pay-later.js');
let source = readFileSync(loader, 'utf8');
for (const [name, value] of [
  ['INTEGRITY', modules],
  ['VIEW_MODULES', views],
]) {
  const marker = new RegExp(`const ${name}\\s*=\\s*\\{\\s*\\}`);
  if (!marker.test(source)) {
    console.error(`post-build: pay-later.js has no \`const ${name} = {}\` to fill`);
    process.exit(1);
  }
  source = source.replace(marker, `const ${name} = ${JSON.stringify(value)}`);
}
writeFileSync(loader, source);
if (release) minify('pay-later.js');
// The lines a page may put in its <head> so that the module pay-later.js is going to load is
// fetched with the page instead of one round trip after pay-later.js (about 0.2 s on a phone).
// The browser hands their bytes to pay-later.js's own requests, which check them against their
// hashes as always.
/** @param {string} name a module (`offer`, `account`, `mock`) */
const modulePreload = (name) => {
  const glue = `pay-later-${name}.js`;
  const wasm = `pay-later-${name}_bg.wasm`;
  if (!modules[glue] || !modules[wasm]) return [];
  return [
    `<link rel="modulepreload" href="${glue}" crossorigin="anonymous" integrity="${modules[glue]}">`,
    // No integrity here: browsers ignore it on `as="fetch"` preloads (crbug.com/981419) and warn;
    // pay-later.js's own fetch of these bytes carries the hash and refuses a changed byte.
    `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  ];
};
const withMock = (/** @type {string} */ name) => [...modulePreload(name), ...(name !== 'mock' ? modulePreload('mock') : [])];
writeFileSync(
  join(staging, 'pay-later-preload.html'),
  [
    '<!-- pay-later: optional lines for the <head>, for this build only (the integrity changes with every release).',
    '     Each fetches, with the page, the module pay-later.js would fetch next: the offer sooner on a phone.',
    '     Put the checkout lines on checkout pages and the bills lines on account pages, with each href',
    '     pointing beside pay-later.js. A line for a module the page does not use only wastes its bytes. -->',
    '<!-- checkout page -->',
    ...withMock(views.checkout.first),
    '<!-- bills page -->',
    ...withMock(views.bills.first),
    '',
  ].join('\n'),
);
const inventory = Object.fromEntries(
  files()
    .filter((f) => f !== 'integrity.json')
    .map((f) => [f, sri(f)]),
);
writeFileSync(join(staging, 'integrity.json'), `${JSON.stringify(inventory, null, 2)}\n`);
