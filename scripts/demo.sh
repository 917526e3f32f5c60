#!/usr/bin/env bash
# Sets up whatever is missing, then serves the demo merchant checkout page with the widget
# mounted, on http://127.0.0.1:8080 (trunk serve rebuilds on every edit). Ctrl-C stops it.
# The widget talks to the in-browser mock of the API unless --sandbox is given.
#   PORT=9000 scripts/demo.sh    another port
#   scripts/demo.sh --release    an optimized build, as merchants get it
#   scripts/demo.sh --sandbox    also start the HTTP sandbox API on 127.0.0.1:8787 (SANDBOX_PORT=…)
#                                and point the demo page at it
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

port="${PORT:-8080}"
sandbox_port="${SANDBOX_PORT:-8787}"
args=(index.html --address 127.0.0.1 --port "$port")
with_sandbox=false
for arg in "$@"; do
  case "$arg" in
    --release) args+=(--release) ;;
    --sandbox) with_sandbox=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
url="http://127.0.0.1:$port/"
if $with_sandbox; then
  cargo build -p paylater-sandbox --release --quiet
  target/release/paylater-sandbox --port "$sandbox_port" \
    --allow-origin "http://127.0.0.1:$port" --allow-origin "http://localhost:$port" &
  sandbox_pid=$!
  trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
  url="${url}?api=http://127.0.0.1:$sandbox_port"
fi
echo "demo: $url"
trunk serve "${args[@]}"
