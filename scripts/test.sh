#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test layer and prints each layer's summary:
#   1. formatting and lints: JavaScript (Biome, tsc --checkJs --strict), Rust (cargo fmt --check,
#      leptosfmt --check; clippy -D warnings, native and wasm32)
#   2. native tests: the core (money, plans, quotes, eligibility, sandbox state machine, OpenAPI
#      contract), the sandbox server over HTTP, and the widget's pure logic
#   3. contract fuzzing: Schemathesis (every check, every phase, stateful included) against a fresh
#      sandbox, for the shopper's and the merchant's operations of openapi/openapi.yaml
#   4. component tests: wasm-bindgen-test in headless Chromium (components, and the API client
#      against the in-browser mock and a sandbox server)
#   5. release builds (demo and merchant) and the size guard: each page's brotli size against its
#      budget (bench/budgets.json); the npm package (npm pack), its TypeScript declarations
#      (tsc --strict) and the React example built from it; end-to-end: Playwright + axe against
#      the demo's release build and the example
#   6. smoke test of the README's first command: scripts/demo.sh (mock and --sandbox) started from a
#      fresh clone of this working tree, checked in Chromium, stopped with Ctrl-C
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

log=$(mktemp -d)
summary=()
section() { printf '\n======== %s ========\n' "$*"; }
# Sums cargo's "test result:" lines into one "N passed, N failed" line.
cargo_summary() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
       END { printf "%d passed, %d failed", p, f }' "$1"
}

section "lint: JavaScript (Biome: formatting and lints; tsc --checkJs --strict over its JSDoc types)"
# biome.json says which files (the loader, the example server, the demo page's script, bench/,
# scripts/, tests/) and which rules; tsconfig.js.json which files are type-checked (the same ones,
# with types/pay-later.d.ts for the page code of the tests and the benchmark).
biome ci --colors=off --error-on-warnings .
tsc -p tsconfig.js.json
summary+=("lint: JavaScript formatted and linted (Biome), type-checked (tsc --strict, the files tsconfig.js.json lists) clean")

section "lint: cargo fmt --check, leptosfmt --check (view! bodies), clippy (native, wasm32)"
cargo fmt --all -- --check
leptosfmt --quiet --check src tests
cargo clippy --workspace --all-targets --quiet -- -D warnings
# On wasm32: the widget with its tests, and the core's library (its native-only dev-dependencies,
# such as proptest, do not build for wasm32 and its tests run natively).
cargo clippy -p pay-later-widget --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p paylater-core --lib --quiet --target wasm32-unknown-unknown -- -D warnings
# The modules as pages load them: checkout and account, as merchants get them and as the demo
# builds them (the page's shared mock), and the demo's mock module.
for module in pay-later-offer pay-later-checkout pay-later-account; do
  cargo clippy -p "$module" --quiet --target wasm32-unknown-unknown -- -D warnings
  cargo clippy -p "$module" --features demo --quiet --target wasm32-unknown-unknown -- -D warnings
done
cargo clippy -p pay-later-mock --quiet --target wasm32-unknown-unknown -- -D warnings
summary+=("lint: rustfmt, leptosfmt and clippy (native, wasm32, each module in merchant and demo builds) clean")

section "native tests (cargo test --workspace)"
cargo test --workspace 2>&1 | tee "$log/native.txt"
# The widget's own logic as a merchant builds it (no in-browser mock).
cargo test -p pay-later-widget --lib --no-default-features 2>&1 | tee -a "$log/native.txt"
summary+=("native: $(cargo_summary "$log/native.txt")")

section "contract fuzzing: Schemathesis against the sandbox (scripts/contract-fuzz.sh)"
bash scripts/contract-fuzz.sh 2>&1 | tee "$log/fuzz.txt"
fuzz_cases=$(grep -Eo '[0-9]+ generated' "$log/fuzz.txt" | tail -1 | grep -Eo '[0-9]+')
fuzz_operations=$(grep -Eo 'Tested: [0-9]+' "$log/fuzz.txt" | tail -1 | grep -Eo '[0-9]+')
summary+=("contract (Schemathesis): ${fuzz_cases:-?} cases generated over ${fuzz_operations:-?} operations, no failure")

section "component tests in headless Chromium (wasm-bindgen-test)"
# The API client's tests compare the in-browser mock with a sandbox server on a frozen clock.
cargo build -p paylater-sandbox --quiet
"${CARGO_TARGET_DIR:-target}"/debug/paylater-sandbox --port 0 --now 2026-11-23T10:00:00+08:00 --allow-any-origin --quiet >"$log/sandbox.out" 2>"$log/sandbox.err" &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q '^listening on ' "$log/sandbox.out" && break; sleep 0.1; done
PLW_SANDBOX_URL=$(sed -n 's/^listening on //p' "$log/sandbox.out")
[ -n "$PLW_SANDBOX_URL" ] || { echo "the sandbox server did not start:"; cat "$log/sandbox.err"; exit 1; }
export PLW_SANDBOX_URL
cargo test -p pay-later-widget --target wasm32-unknown-unknown 2>&1 | tee "$log/wasm.txt"
kill $sandbox_pid 2>/dev/null || true
summary+=("components (wasm-bindgen-test): $(cargo_summary "$log/wasm.txt")")

section "release builds: the demo (trunk build --release) and the merchant build, and the size guard"
# Both with the size toolchain (scripts/release-build.sh: a pinned nightly rebuilding std for size).
bash scripts/release-build.sh index.html
bash scripts/release-build.sh merchant.html --dist dist-merchant
# Fails when a page's brotli size passes its budget (bench/budgets.json), with figure and budget.
node bench/size-guard.mjs dist-merchant | tee "$log/sizes.txt"
# No JSON parser, no float formatting in any module (twiggy over the merchant build's wasm, names
# kept), and no test hooks in what merchants deploy.
node bench/module-contents.mjs dist-merchant
# The npm package from the merchant build, its TypeScript declarations (a typed example passes
# tsc --strict, a misuse example fails on each mistake), and the React example built from the
# tarball (driven by Playwright below).
bash scripts/package.sh --no-build
node scripts/check-types.mjs
bash scripts/build-example.sh
summary+=("size guard: $(grep -c '^ok ' "$log/sizes.txt") pages within budget ($(grep -Eo '^ok +[a-zA-Z ]+ page: [0-9,]+ B' "$log/sizes.txt" | sed -E 's/^ok +//' | paste -sd ';' -))")
section "end-to-end tests (Playwright + axe, Chromium)"
npx playwright test 2>&1 | tee "$log/e2e.txt"
e2e_passed=$(grep -Eo '[0-9]+ passed' "$log/e2e.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
e2e_failed=$(grep -Eo '[0-9]+ failed' "$log/e2e.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
summary+=("end-to-end (Playwright): $e2e_passed passed, $e2e_failed failed")

section "smoke: the demo command from a fresh clone (scripts/smoke-demo.sh)"
bash scripts/smoke-demo.sh 2>&1 | tee "$log/smoke.txt"
# Counted from what the smoke printed: one "stopped cleanly" line per demo mode that passed every check.
smoke_passed=$(grep -c '^stopped cleanly on Ctrl-C' "$log/smoke.txt" || true)
[ "$smoke_passed" = 2 ] || { echo "smoke: $smoke_passed of the 2 demo modes stopped cleanly after their checks"; exit 1; }
summary+=("smoke (demo from a fresh clone): $smoke_passed passed of 2 modes (the mock, --sandbox)")

section "summary"
printf '%s\n' "${summary[@]}"
total=$(printf '%s\n' "${summary[@]}" | grep -Eo '[0-9]+ passed' | awk '{ n += $1 } END { print n + 0 }')
echo "all layers: ${total} passed, 0 failed"
