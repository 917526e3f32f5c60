#!/usr/bin/env bash
# Sets up whatever is missing, then serves the demo merchant checkout page with the widget
# mounted, on http://127.0.0.1:8080 (trunk serve rebuilds on every edit). Ctrl-C stops it and
# everything it started.
# The widget talks to the in-browser mock of the API unless --sandbox is given.
#   PORT=9000 scripts/demo.sh    another port
#   scripts/demo.sh --release    an optimized build, as merchants get it
#   scripts/demo.sh --sandbox    also start the HTTP sandbox API on 127.0.0.1:8787 (SANDBOX_PORT=…),
#                                point the demo page at it, and start the example merchant server
#                                on 127.0.0.1:8090 (MERCHANT_PORT=…): its checkout captures orders
#                                server to server and receives the sandbox's signed webhooks
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8080}"
sandbox_port="${SANDBOX_PORT:-8787}"
merchant_port="${MERCHANT_PORT:-8090}"
trunk_args=(index.html --address 127.0.0.1 --port "$port")
profile=debug
with_sandbox=false
for arg in "$@"; do
  case "$arg" in
    --release) trunk_args+=(--release); profile=release ;;
    --sandbox) with_sandbox=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "demo: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

# A port in use would make a server fail after minutes of building: say so now.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
check_port() {
  if port_in_use "$2"; then
    echo "demo: port $2 is already in use (another demo still running?): choose another with $1=…" >&2
    exit 1
  fi
}
check_port PORT "$port"
$with_sandbox && check_port SANDBOX_PORT "$sandbox_port"
$with_sandbox && check_port MERCHANT_PORT "$merchant_port"

bash scripts/setup.sh
source scripts/env.sh

# Every process started here, stopped (with their children) when this script ends for any reason:
# Ctrl-C, a kill, or one of them failing.
children=()
descendants() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do
    descendants "$child"
    echo "$child"
  done
}
any_alive() {
  local pid
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}
stop_all() {
  trap - EXIT INT TERM
  local pid all=()
  for pid in "${children[@]}"; do
    all+=($(descendants "$pid") "$pid")
  done
  if [ ${#all[@]} -gt 0 ]; then
    kill -TERM "${all[@]}" 2>/dev/null || true
    for _ in $(seq 50); do
      any_alive "${all[@]}" || break
      sleep 0.1
    done
    kill -KILL "${all[@]}" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'echo; echo "demo: stopping"; exit 130' INT
trap 'exit 143' TERM

url="http://127.0.0.1:$port/"
if $with_sandbox; then
  echo "demo: building the sandbox API ($profile)"
  if [ "$profile" = release ]; then cargo build -p paylater-sandbox --release --quiet; else cargo build -p paylater-sandbox --quiet; fi
  target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  "$target_dir/$profile/paylater-sandbox" --port "$sandbox_port" \
    --allow-origin "http://127.0.0.1:$port" --allow-origin "http://localhost:$port" \
    --allow-origin "http://127.0.0.1:$merchant_port" \
    --webhook-url "http://127.0.0.1:$merchant_port/webhooks/paylater" &
  children+=($!)
  # The example merchant server: its own checkout (the widget from trunk's dist/), captures with
  # its own cart total, verifies the sandbox's webhooks.
  node examples/merchant-server/server.mjs --port "$merchant_port" \
    --api "http://127.0.0.1:$sandbox_port" --widget-dir dist &
  children+=($!)
  for _ in $(seq 100); do
    port_in_use "$sandbox_port" && break
    kill -0 "${children[-1]}" 2>/dev/null || { echo "demo: the sandbox API did not start" >&2; exit 1; }
    sleep 0.1
  done
  url="${url}?api=http://127.0.0.1:$sandbox_port"
  echo "demo: the example merchant's checkout: http://127.0.0.1:$merchant_port/ (once the widget is built)"
fi
echo "demo: $url (the first build takes a minute; Ctrl-C stops everything)"
if [ "$profile" = release ]; then
  # The modules as pages get them: the size toolchain (scripts/size-toolchain.sh), for trunk only.
  (source scripts/size-toolchain.sh && size_build_env && exec trunk serve "${trunk_args[@]}") &
else
  trunk serve "${trunk_args[@]}" &
fi
children+=($!)
# Returns as soon as one of them stops: a failed server ends the demo instead of leaving half of it.
set +e
wait -n "${children[@]}"
status=$?
set -e
if [ "$status" -eq 0 ] || [ "$status" -eq 130 ] || [ "$status" -eq 143 ]; then
  echo "demo: stopped"
else
  echo "demo: a server failed (status $status); stopping the rest" >&2
fi
exit "$status"
