#!/usr/bin/env bash
# The npm package, by one command: builds the merchant build (unless --no-build), fills
# dist-package/ with the loader, the two modules, the languages loaded on demand, the types, integrity.json, package.json (its
# version from Cargo.toml), the README and the LICENSE, then `npm pack`s it into
# pay-later-widget-<version>.tgz at the project's root.
#   scripts/package.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh
  bash scripts/release-build.sh merchant.html --dist dist-merchant
fi
rm -rf dist-package
mkdir -p dist-package
for file in pay-later.js pay-later-offer.js pay-later-offer_bg.wasm pay-later-checkout.js pay-later-checkout_bg.wasm pay-later-account.js pay-later-account_bg.wasm integrity.json pay-later-preload.html; do
  [ -f "dist-merchant/$file" ] || { echo "package: dist-merchant/$file is missing: run without --no-build" >&2; exit 1; }
  cp "dist-merchant/$file" dist-package/
done
cp dist-merchant/pay-later-locale-*.json dist-package/
# The modules' parts, fetched on the shopper's clicks (scripts/post-build.mjs).
cp dist-merchant/pay-later-account-*_bg.wasm dist-merchant/pay-later-offer-*_bg.wasm dist-package/
cp types/pay-later.d.ts types/text-keys.d.ts types/react.d.ts types/vue.d.ts package/README.md package/LICENSE dist-package/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
node -e '
const fs = require("fs");
const pkg = JSON.parse(fs.readFileSync("package/package.template.json", "utf8"));
pkg.version = process.argv[1];
fs.writeFileSync("dist-package/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
rm -f pay-later-widget-*.tgz
(cd dist-package && npm pack --pack-destination .. --silent) >/dev/null
echo "package: pay-later-widget-$version.tgz ($(du -k "pay-later-widget-$version.tgz" | cut -f1) KB)"
