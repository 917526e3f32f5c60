// Trunk's post-build hook (Trunk.toml): in release builds, minifies the widget's JavaScript (the
// embedding module pay-later.js and each module's wasm-bindgen glue) with esbuild, in trunk's
// staging folder before it becomes the dist. Trunk's own minifier fails on the glue's
// `export default` (it leaves it as it is), and the glue is about 45 KB unminified.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify: TRUNK_STAGING_DIR is not set (this runs as trunk\'s post_build hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

for (const file of readdirSync(staging).filter((f) => /^pay-later.*\.js$/.test(f))) {
  const path = join(staging, file);
  const source = readFileSync(path, 'utf8');
  // ESM in, ESM out (import.meta.url and the exports stay); es2022 keeps class fields as they are.
  const { code } = transformSync(source, { loader: 'js', format: 'esm', minify: true, target: 'es2022', legalComments: 'none' });
  writeFileSync(path, code);
}
