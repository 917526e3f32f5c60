#!/usr/bin/env bash
# The benchmark (not part of the tests' pass/fail): installs what is missing, builds the release
# widget as a merchant embeds it (merchant.html: the checkout and account modules, no mock), the
# demo build (with the mock) and the peer (Adyen Web 6.45.2's Drop-in with Klarna and cards,
# bundled and minified by esbuild 0.28), then prints sizes and time to ready beside the peer
# (loopback and a mobile profile, alternating loads), the repayment dialog's latency and the bills
# view at scale, and writes them to bench/results/latest.json (and a dated copy).
#
#   scripts/bench.sh [--loads 21] [--mobile-loads 9] [--runs 15]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

echo "== building: merchant widget (release, no mock), demo (release, with mock), the peer, sandbox"
bash scripts/release-build.sh merchant.html --dist dist-merchant >/dev/null
bash scripts/release-build.sh index.html >/dev/null
rm -rf dist-bench
npx esbuild bench/adyen/entry.mjs --bundle --minify --format=esm --target=es2022 --legal-comments=none \
  --outdir=dist-bench --entry-names=adyen-dropin --log-level=warning
cargo build -q -p paylater-sandbox

echo "== measuring"
node bench/bench.mjs "$@"
