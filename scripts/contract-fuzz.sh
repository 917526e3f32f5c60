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

# Test data for the operations that need an existing order or quote (the fuzzer cannot guess ids),
# one for each operation that uses it up: an authorization to capture and another to cancel, a
# captured order to refund, and a quote on another captured order's bill to repay. The fuzzing
# phase sends these ids (and the capture the exact amounts), so that each operation is reached
# past its 404: the first valid call succeeds, later ones meet the state (409, 410, 422).
json_field() { # json_field NAME < JSON -> the first string value of NAME
  grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4
}
call() { # call CREDENTIAL KEY PATH BODY -> the answer's body (fails on an error status)
  curl -sf -H "Authorization: Bearer $1" -H "Idempotency-Key: $2" -H 'Content-Type: application/json' \
    -d "$4" "$SANDBOX_URL$3"
}
authorize() { # authorize ORDER_ID -> the authorization's id
  call "$SHOPPER_TOKEN" "seed-$1" /v1/orders \
    "{\"merchant_id\":\"M-DEMO-SHOP\",\"order_id\":\"$1\",\"amount\":$hundred,\"plan\":\"installments_3\"}" | json_field id
}
capture() { # capture ORDER_ID AUTHORIZATION_ID -> the bill's id
  call "$MERCHANT_KEY" "seed-capture-$1" "/v1/merchant/orders/$1/capture" \
    "{\"authorization_id\":\"$2\",\"order_amount\":$hundred,\"capture_amount\":$hundred}" | json_field bill_id
}
hundred='{"amount":"100.00","currency":"CNY"}'
FUZZ_CAPTURE_AUTHORIZATION=$(authorize FUZZ-CAPTURE)
FUZZ_CANCEL_AUTHORIZATION=$(authorize FUZZ-CANCEL)
captured=$(authorize FUZZ-CAPTURED)
capture FUZZ-CAPTURED "$captured" >/dev/null
repay_bill=$(capture FUZZ-REPAY "$(authorize FUZZ-REPAY)")
FUZZ_QUOTE=$(call "$SHOPPER_TOKEN" seed-quote "/v1/bills/$repay_bill/quotes" '{"scope":"settle"}' | json_field id)
for value in "$FUZZ_CAPTURE_AUTHORIZATION" "$FUZZ_CANCEL_AUTHORIZATION" "$captured" "$repay_bill" "$FUZZ_QUOTE"; do
  [ -n "$value" ] || { echo "could not seed the sandbox for the fuzzer"; exit 1; }
done
export FUZZ_CAPTURE_AUTHORIZATION FUZZ_CANCEL_AUTHORIZATION FUZZ_QUOTE
export HYPOTHESIS_STORAGE_DIRECTORY="$out/hypothesis"
# From the scratch folder, so that no .hypothesis/ or .schemathesis/ lands in the checkout.
(cd "$out" && "$schemathesis" --no-color --config-file "$ROOT/tests/schemathesis/schemathesis.toml" \
  run "$ROOT/openapi/openapi.yaml")
