#!/usr/bin/env bash
# What each flag of the size toolchain saves alone (issue 22): the merchant build of one module
# (default: pay-later-checkout) built with stable, with the pinned nightly rebuilding std, then
# with each flag alone on top of that, then with all of them (the release builds' setting). Each
# is run through wasm-bindgen and wasm-opt -Oz as trunk does, and printed in brotli -q 11 bytes.
# Slow (std is rebuilt for each variant, about 3 minutes each on 2 cores): not part of the tests.
#
#   bench/toolchain-levers.sh [crate]        e.g. bench/toolchain-levers.sh pay-later-account
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/size-toolchain.sh
crate=${1:-pay-later-checkout}
artifact=${crate//-/_}
nightly=$(size_toolchain)
work=target/levers
mkdir -p "$work"

measure() { # label, wasm file
  local out="$work/out-$1"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name m "$2"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$out/m_bg.wasm" -o "$out/m.wasm"
  node -e '
    const z = require("zlib"), fs = require("fs");
    const b = fs.readFileSync(process.argv[1]);
    const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`${process.argv[2].padEnd(44)} ${String(b.length).padStart(8)} ${String(br).padStart(8)}`);
  ' "$out/m.wasm" "$1" | tee -a "$work/results.txt"
}

build() { # label, toolchain, rustflags, extra cargo args…
  local label=$1 toolchain=$2 flags=$3
  shift 3
  RUSTUP_TOOLCHAIN=$toolchain RUSTFLAGS=$flags CARGO_TARGET_DIR="$work/$label" \
    cargo build -q -p "$crate" --release --target wasm32-unknown-unknown "$@"
  measure "$label" "$work/$label/wasm32-unknown-unknown/release/$artifact.wasm"
}

: >"$work/results.txt"
printf '%-44s %8s %8s\n' "variant ($crate, merchant build)" raw brotli | tee -a "$work/results.txt"
std=(-Zbuild-std=std,panic_abort)
abort=(-Zpanic-immediate-abort --config 'profile.release.panic="immediate-abort"')
build stable stable ""
build build-std "$nightly" "" "${std[@]}"
build build-std+optimize_for_size "$nightly" "" "${std[@]}" -Zbuild-std-features=optimize_for_size
build build-std+immediate-abort "$nightly" "-Zunstable-options -Cpanic=immediate-abort" "${std[@]}" "${abort[@]}"
build build-std+location-detail=none "$nightly" "-Zlocation-detail=none" "${std[@]}"
build build-std+fmt-debug=none "$nightly" "-Zfmt-debug=none" "${std[@]}"
build all "$nightly" "-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort" \
  "${std[@]}" -Zbuild-std-features=optimize_for_size "${abort[@]}"
echo "written to $work/results.txt"
