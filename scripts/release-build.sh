#!/usr/bin/env bash
# A release build of the widget, as pages get it: `trunk build <page> --release …` with the size
# toolchain (scripts/size-toolchain.sh: a pinned nightly rebuilding std for size, panics as traps).
#
#   scripts/release-build.sh index.html                              # the demo build, dist/
#   scripts/release-build.sh merchant.html --dist dist-merchant      # what merchants deploy
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/size-toolchain.sh
size_build_env
# The account module cut at the shopper's clicks (build.rs, src/split.rs, scripts/post-build.mjs).
export PAY_LATER_SPLIT=1
exec trunk build "$@" --release
