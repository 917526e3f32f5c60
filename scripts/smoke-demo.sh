#!/usr/bin/env bash
# Smoke test of the README's first command, as a new user meets it: from a fresh clone of this
# working tree (uncommitted changes included, ignored folders such as dist/ and test-results/
# absent), start `scripts/demo.sh` and `scripts/demo.sh --sandbox` on free ports, check in
# Chromium that the widget shows its offer and, after "Pay later", its plans (over HTTP from the
# sandbox in the second mode, where the example merchant server's checkout is checked too), then
# stop each with Ctrl-C (SIGINT to its process group) and check that nothing it started is left
# running and its ports are free.
#
# The clone builds into this checkout's target/ (CARGO_TARGET_DIR) so it reuses the build cache;
# everything else (node_modules, dist/) the clone's own setup makes. Bounded: each demo has
# DEMO_START_TIMEOUT seconds (default 600) to serve its page.
#
#   scripts/smoke-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/env.sh
start_timeout="${DEMO_START_TIMEOUT:-600}"

work=$(mktemp -d)
clone="$work/clone"
demo_pgid=""
cleanup() {
  if [ -n "$demo_pgid" ]; then kill -KILL -- "-$demo_pgid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== fresh clone of the working tree in $clone"
git clone --quiet --no-local "$ROOT" "$clone"
# Uncommitted work too: tracked changes as a patch, and files not yet added (never ignored ones).
git diff HEAD --binary >"$work/changes.patch"
if [ -s "$work/changes.patch" ]; then git -C "$clone" apply --whitespace=nowarn "$work/changes.patch"; fi
git ls-files --others --exclude-standard -z | while IFS= read -r -d '' file; do
  mkdir -p "$clone/$(dirname "$file")"
  cp -p "$file" "$clone/$file"
done
for folder in dist test-results playwright-report node_modules; do
  [ ! -e "$clone/$folder" ] || { echo "smoke: $folder exists in the fresh clone"; exit 1; }
done

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# run_demo NAME [demo.sh options]: starts the demo in the clone, checks the page, stops it.
run_demo() {
  local name=$1
  shift
  local port sandbox_port merchant_port log="$work/$name.log" started
  port=$(free_port)
  sandbox_port=$(free_port)
  merchant_port=$(free_port)
  echo
  echo "== $name: scripts/demo.sh $* (PORT=$port SANDBOX_PORT=$sandbox_port MERCHANT_PORT=$merchant_port)"
  started=$(date +%s)
  # Its own process group, as a terminal gives a foreground command, so that SIGINT to the group is
  # what Ctrl-C does (job control, set -m, makes the group). A command started in the background
  # inherits SIGINT ignored (this script may itself run in the background, as CI does), and bash
  # cannot trap a signal ignored when it starts: SIGINT is put back to its default first, so that
  # demo.sh's own Ctrl-C handler runs as it does in a terminal.
  set -m
  (cd "$clone" && CARGO_TARGET_DIR="$ROOT/target" PORT=$port SANDBOX_PORT=$sandbox_port MERCHANT_PORT=$merchant_port \
    exec python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    scripts/demo.sh "$@" >"$log" 2>&1) &
  local demo_pid=$!
  set +m
  demo_pgid=$demo_pid
  # Trunk serves the page once the first build is done.
  until curl -sf -o /dev/null "http://127.0.0.1:$port/pay-later-offer_bg.wasm"; do
    if ! kill -0 "$demo_pid" 2>/dev/null; then
      echo "smoke: scripts/demo.sh $* stopped before serving the page; its output:"
      tail -40 "$log"
      return 1
    fi
    if [ $(($(date +%s) - started)) -gt "$start_timeout" ]; then
      echo "smoke: scripts/demo.sh $* did not serve the page within $start_timeout s; its output:"
      tail -40 "$log"
      return 1
    fi
    sleep 1
  done
  echo "page served after $(($(date +%s) - started)) s"
  local check=(node tests/smoke/demo-page.mjs "http://127.0.0.1:$port/")
  if [[ " $* " == *" --sandbox "* ]]; then check+=(--api "http://127.0.0.1:$sandbox_port"); fi
  if ! timeout 120 "${check[@]}"; then
    echo "smoke: the page check failed; the demo's output:"
    tail -40 "$log"
    return 1
  fi
  # With the sandbox, the example merchant server's checkout shows the same widget over HTTP.
  if [[ " $* " == *" --sandbox "* ]] && ! timeout 120 node tests/smoke/demo-page.mjs "http://127.0.0.1:$merchant_port/" --api "http://127.0.0.1:$sandbox_port"; then
    echo "smoke: the example merchant's checkout failed its check; the demo's output:"
    tail -40 "$log"
    return 1
  fi

  # Ctrl-C, then everything must be gone within 15 s.
  kill -INT -- "-$demo_pgid"
  local waited=0
  while pgrep -g "$demo_pgid" >/dev/null; do
    if [ $waited -ge 150 ]; then
      echo "smoke: still running 15 s after Ctrl-C:"
      ps -o pid,args -g "$demo_pgid" || true
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  demo_pgid=""
  wait "$demo_pid" 2>/dev/null || true
  if ! grep -q '^demo: stopping$' "$log"; then
    echo "smoke: scripts/demo.sh $* did not say it was stopping on Ctrl-C; its output:"
    tail -20 "$log"
    return 1
  fi
  for p in "$port" "$sandbox_port" "$merchant_port"; do
    if port_open "$p"; then
      echo "smoke: port $p is still open after the demo stopped"
      return 1
    fi
  done
  echo "stopped cleanly on Ctrl-C: no process left, ports $port, $sandbox_port and $merchant_port free"
}

run_demo mock
run_demo sandbox --sandbox
echo
echo "smoke: the demo command works from a fresh clone, with the mock and with the sandbox"
