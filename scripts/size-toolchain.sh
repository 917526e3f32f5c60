# Sourced by scripts/release-build.sh (and setup.sh): the environment of the modules' release
# builds, made for size (issue 22). Tests, clippy, debug builds and the sandbox stay on stable;
# only the release builds of the modules that pages download use this.
#
#   a pinned nightly, because std is rebuilt with the module (-Zbuild-std) so that it can be
#   optimized for size and compiled without its panic machinery:
#     -Zbuild-std=std,panic_abort         std compiled with the module's profile (opt-level z, LTO)
#     -Zbuild-std-features=optimize_for_size   std's own smaller algorithms
#     panic = "immediate-abort"           a panic is a trap: no message formatting, no unwinding
#                                         (pay-later.js turns a trap into the "unavailable" notice)
#     -Zlocation-detail=none              no file/line/column strings for panics
#     -Zfmt-debug=none                    `{:?}` and derived Debug compile to nothing (messages quote
#                                         with json::Quoted instead)
#   Figures for each flag alone: README, "Benchmarks" (bench/toolchain-levers.sh measures them).
#
# A separate target folder: stable and nightly artifacts would otherwise rebuild each other.

SIZE_TOOLCHAIN=nightly-2026-05-20
# The commit of that nightly (rustc 1.97.0-nightly e50aa6fba 2026-05-19): a machine whose plain
# `nightly` is this very build may use it under that name.
SIZE_TOOLCHAIN_COMMIT=e50aa6fba

# The toolchain to build with: the pinned one if installed, else `nightly` if it is the same build.
size_toolchain() {
  if rustup run "$SIZE_TOOLCHAIN" rustc --version >/dev/null 2>&1; then
    echo "$SIZE_TOOLCHAIN"
  elif rustup run nightly rustc --version 2>/dev/null | grep -q "$SIZE_TOOLCHAIN_COMMIT"; then
    echo nightly
  else
    return 1
  fi
}

# Exports the size build's environment for cargo (run by trunk). Call after scripts/env.sh.
size_build_env() {
  local toolchain
  toolchain=$(size_toolchain) || {
    echo "error: the size toolchain ($SIZE_TOOLCHAIN) is not installed: run scripts/setup.sh" >&2
    return 1
  }
  export RUSTUP_TOOLCHAIN="$toolchain"
  export CARGO_TARGET_DIR="${SIZE_TARGET_DIR:-$ROOT/target/size}"
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
  export CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT=true
  export CARGO_PROFILE_RELEASE_PANIC=immediate-abort
  export RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
}
