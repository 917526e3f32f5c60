#!/usr/bin/env bash
# The React example (examples/react-shop) built as a merchant's project builds it, from the npm
# package: a fresh folder, `npm install` of the tarball made by scripts/package.sh, React 19 from
# this project's node_modules, `tsc --strict` over the TSX (the JSX types of <pay-later-checkout>
# and the typed events), then esbuild (chosen for the example: one binary, no config, and the build
# already uses it) bundles it into dist-example/ and the package's module files are copied beside
# the bundle, where the loader finds them with no configuration. Run by scripts/test.sh after
# scripts/package.sh; Playwright drives the result (tests/e2e/package.spec.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tarball=$(ls pay-later-widget-*.tgz 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "build-example: no pay-later-widget-*.tgz: run scripts/package.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/react-shop/. "$work/"
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --no-package-lock "$root/$tarball" >/dev/null)
[ -f "$work/node_modules/pay-later-widget/pay-later.d.ts" ] || { echo "build-example: the package did not install" >&2; exit 1; }
for dep in react react-dom @types/react @types/react-dom; do
  mkdir -p "$(dirname "$work/node_modules/$dep")"
  ln -s "$root/node_modules/$dep" "$work/node_modules/$dep"
done
"$root/node_modules/.bin/tsc" -p "$work/tsconfig.json"
rm -rf dist-example
mkdir -p dist-example
"$root/node_modules/.bin/esbuild" "$work/src/main.tsx" --bundle --minify --format=esm --target=es2022 \
  --jsx=automatic --define:process.env.NODE_ENV='"production"' --outfile=dist-example/app.js --log-level=warning
cp "$work/index.html" dist-example/
cp "$work"/node_modules/pay-later-widget/pay-later-{offer,checkout,account}{.js,_bg.wasm} dist-example/
# The modules' parts, fetched on the shopper's clicks (Pay later, Repay early, a bill's plan).
cp "$work"/node_modules/pay-later-widget/pay-later-{offer,account}-*_bg.wasm dist-example/
cp "$work"/node_modules/pay-later-widget/pay-later-locale-*.json dist-example/
echo "build-example: dist-example/ ($(du -sk dist-example | cut -f1) KB) from $tarball"
