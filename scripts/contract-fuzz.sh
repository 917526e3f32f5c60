#!/usr/bin/env bash
# The API contract under an outside fuzzer: Schemathesis 4.32 runs every check and every phase
# (its stateful phase included) against a fresh sandbox, for the shopper's and the merchant's
# operations of openapi/openapi.yaml, and must find nothing. Part of scripts/test.sh.
#
#   scripts/contract-fuzz.sh            (scripts/setup.sh installs Schemathesis into .tools/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/env.sh
schemathesis="$ROOT/.tools/schemathesis/bin/schemathesis"
[ -x "$schemathesis" ] || { echo "Schemathesis is not installed: run scripts/setup.sh" >&2; exit 1; }

cargo build -p paylater-sandbox --quiet
out=$(mktemp -d)
"${CARGO_TARGET_DIR:-target}"/debug/paylater-sandbox --port 0 --quiet >"$out/sandbox.out" 2>"$out/sandbox.err" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out/sandbox.out" && break; sleep 0.1; done
SANDBOX_URL=$(sed -n 's/^listening on //p' "$out/sandbox.out")
[ -n "$SANDBOX_URL" ] || { echo "the sandbox did not start:"; cat "$out/sandbox.err"; exit 1; }
export SANDBOX_URL ST_OUT="$out"
export SHOPPER_TOKEN="demo-good+schemathesis" MERCHANT_KEY="sk_test_demo_7f3a9c2e4b1d8e6f0a5b"

# Test data for the operations that need an existing order (the fuzzer cannot guess ids): one
# authorization left for it to capture or cancel, and one captured order for it to refund.
seed() { # seed CREDENTIAL KEY PATH BODY -> the answer's "id"
  curl -sf -H "Authorization: Bearer $1" -H "Idempotency-Key: $2" -H 'Content-Type: application/json' \
    -d "$4" "$SANDBOX_URL$3" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p'
}
order() {
  printf '{"merchant_id":"M-DEMO-SHOP","order_id":"%s","amount":{"amount":"100.00","currency":"CNY"},"plan":"installments_3"}' "$1"
}
FUZZ_AUTHORIZATION=$(seed "$SHOPPER_TOKEN" seed-1 /v1/orders "$(order FUZZ-AUTHORIZED)")
captured=$(seed "$SHOPPER_TOKEN" seed-2 /v1/orders "$(order FUZZ-CAPTURED)")
hundred='{"amount":"100.00","currency":"CNY"}'
seed "$MERCHANT_KEY" seed-3 /v1/merchant/orders/FUZZ-CAPTURED/capture \
  "{\"authorization_id\":\"$captured\",\"order_amount\":$hundred,\"capture_amount\":$hundred}" >/dev/null
[ -n "$FUZZ_AUTHORIZATION" ] && [ -n "$captured" ] || { echo "could not seed the sandbox for the fuzzer"; exit 1; }
export FUZZ_AUTHORIZATION
export HYPOTHESIS_STORAGE_DIRECTORY="$out/hypothesis"
# From the scratch folder, so that no .hypothesis/ or .schemathesis/ lands in the checkout.
(cd "$out" && "$schemathesis" --no-color --config-file "$ROOT/tests/schemathesis/schemathesis.toml" \
  run "$ROOT/openapi/openapi.yaml")
