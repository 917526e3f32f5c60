#!/usr/bin/env bash
# Sets up whatever is missing, then serves the demo merchant checkout page with the widget
# mounted, on http://127.0.0.1:8080 (trunk serve rebuilds on every edit). Ctrl-C stops it.
#   PORT=9000 scripts/demo.sh   another port
#   scripts/demo.sh --release   an optimized build, as merchants get it
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

port="${PORT:-8080}"
args=(index.html --address 127.0.0.1 --port "$port")
for arg in "$@"; do
  case "$arg" in
    --release) args+=(--release) ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
echo "demo: http://127.0.0.1:$port/"
exec trunk serve "${args[@]}"
