#!/usr/bin/env bash
# The benchmark (not part of the tests' pass/fail): installs what is missing, builds the release
# widget as a merchant embeds it (no in-browser mock) and the demo build (with the mock), then
# prints sizes, time to ready, the repayment dialog's latency and the bills view at scale, and
# writes them to bench/results/latest.json (and a dated copy).
#
#   scripts/bench.sh [--loads 21] [--runs 15]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

echo "== building: merchant widget (release, no mock), demo (release, with mock), sandbox"
trunk build --release --no-default-features --dist dist-merchant >/dev/null
trunk build --release >/dev/null
cargo build -q -p paylater-sandbox

echo "== measuring"
node bench/bench.mjs "$@"
