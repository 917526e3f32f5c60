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
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (this runs as trunk's post_build hook)");
  process.exit(1);
}
const files = () => readdirSync(staging).filter((f) => statSync(join(staging, f)).isFile()).sort();
const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(staging, file))).digest('base64')}`;

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
const minify = (file) => {
  const path = join(staging, file);
  // ESM in, ESM out (import.meta.url and the exports stay).
  const { code } = transformSync(readFileSync(path, 'utf8'), { loader: 'js', format: 'esm', minify: true, target: 'es2022', legalComments: 'none' });
  writeFileSync(path, code);
};
// The modules first (their hashes are of what is served), then the loader that carries them.
if (release) for (const file of files().filter((f) => /^pay-later-.*\.js$/.test(f))) minify(file);
const modules = Object.fromEntries(files().filter((f) => /^pay-later-.*(\.js|_bg\.wasm|\.json)$/.test(f)).map((f) => [f, sri(f)]));
const loader = join(staging, 'pay-later.js');
const source = readFileSync(loader, 'utf8');
const marker = /const INTEGRITY\s*=\s*\{\s*\}/;
if (!marker.test(source)) {
  console.error('post-build: pay-later.js has no `const INTEGRITY = {}` to fill');
  process.exit(1);
}
writeFileSync(loader, source.replace(marker, `const INTEGRITY = ${JSON.stringify(modules)}`));
if (release) minify('pay-later.js');
// The lines a page may put in its <head> so that the module pay-later.js is going to load is
// fetched with the page instead of one round trip after pay-later.js (about 0.2 s on a phone).
// The browser hands their bytes to pay-later.js's own requests, which check them against their
// hashes as always.
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
const withMock = (name) => [...modulePreload(name), ...(name !== 'mock' ? modulePreload('mock') : [])];
writeFileSync(
  join(staging, 'pay-later-preload.html'),
  [
    '<!-- pay-later: optional lines for the <head>, for this build only (the integrity changes with every release).',
    '     Each fetches, with the page, the module pay-later.js would fetch next: the offer sooner on a phone.',
    '     Put the checkout lines on checkout pages and the bills lines on account pages, with each href',
    '     pointing beside pay-later.js. A line for a module the page does not use only wastes its bytes. -->',
    '<!-- checkout page -->',
    ...withMock('offer'),
    '<!-- bills page -->',
    ...withMock('account'),
    '',
  ].join('\n'),
);
const inventory = Object.fromEntries(files().filter((f) => f !== 'integrity.json').map((f) => [f, sri(f)]));
writeFileSync(join(staging, 'integrity.json'), `${JSON.stringify(inventory, null, 2)}\n`);
