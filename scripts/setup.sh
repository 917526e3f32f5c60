#!/usr/bin/env bash
# Installs whatever this project needs that the machine lacks, and skips what is already there.
# Safe to run again: a second run takes seconds.
#
#   wasm32 target, trunk 0.21.14, wasm-bindgen-cli 0.2.130 (must equal the crate's pin),
#   Debian's chromium + chromium-driver, the npm packages (binaryen 132's wasm-opt, Playwright, axe),
#   Schemathesis 4.32.5 in .tools/schemathesis (a Python virtual environment).
#
# Versions and why: ../shared/TOOLCHAIN.md and README.md ("Toolchain").
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
WASM_BINDGEN_VERSION=0.2.130

step() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
started=$(date +%s)

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! have cargo; then
  echo "error: cargo is not on PATH. Install Rust with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "wasm32-unknown-unknown target: present"
else
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
done

# The size toolchain of the modules' release builds (scripts/size-toolchain.sh): a pinned nightly
# with std's sources (it rebuilds std with the module) and the wasm32 target. Stable stays the
# default for everything else.
source scripts/size-toolchain.sh
if toolchain=$(size_toolchain) \
  && rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q '^rust-src' \
  && rustup target list --toolchain "$toolchain" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "size toolchain $toolchain (rust-src, wasm32): present"
else
  step "installing the size toolchain $SIZE_TOOLCHAIN (rust-src, wasm32-unknown-unknown)"
  if ! rustup toolchain install "$SIZE_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown; then
    # The machine's own nightly, if it is the same build, serves under its plain name.
    rustup run nightly rustc --version 2>/dev/null | grep -q "$SIZE_TOOLCHAIN_COMMIT" || {
      echo "error: could not install $SIZE_TOOLCHAIN, and the machine's nightly is not that build" >&2
      exit 1
    }
    rustup component add rust-src --toolchain nightly
    rustup target add wasm32-unknown-unknown --toolchain nightly
  fi
fi

if have wasm-bindgen && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: its lock file names a crate version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if have trunk && [ "$(trunk --version | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION: present"
else
  step "installing trunk $TRUNK_VERSION (about 7 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# twiggy reads what the modules are made of: the size guard checks with it that no JSON parser and
# no float formatting is left in them.
TWIGGY_VERSION=0.8.0
if have twiggy && [ "$(twiggy --version | awk '{print $2}')" = "$TWIGGY_VERSION" ]; then
  step "twiggy $TWIGGY_VERSION: present"
else
  step "installing twiggy $TWIGGY_VERSION (about 1 minute)"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked --force
fi

# wasm-split cuts the account module at the shopper's clicks in release builds (the repayment
# dialog and a bill's plan become parts fetched on the click: scripts/post-build.mjs).
WASM_SPLIT_VERSION=0.2.4
if have wasm-split-cli && cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION): present"
else
  step "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about 3 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# leptosfmt formats the bodies of view! macros (rustfmt leaves macros alone); the lint layer checks it.
if have leptosfmt && [ "$(leptosfmt --version | awk '{print $2}')" = "$LEPTOSFMT_VERSION" ]; then
  step "leptosfmt $LEPTOSFMT_VERSION: present"
else
  step "installing leptosfmt $LEPTOSFMT_VERSION (about 3 minutes)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked --force
fi

# Chromium for the component and end-to-end tests; a CJK font so that screenshots show the
# Chinese text (shoppers' devices have one; a bare server does not).
apt_missing=()
have chromium || apt_missing+=(chromium)
have chromedriver || apt_missing+=(chromium-driver)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_missing+=(fonts-wqy-microhei)
if [ ${#apt_missing[@]} -eq 0 ]; then
  step "chromium, chromedriver, CJK font: present"
else
  step "installing Debian packages: ${apt_missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${apt_missing[@]}"
fi

if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] \
  && [ -x node_modules/.bin/esbuild ] && [ -x node_modules/.bin/tsc ] && [ -x node_modules/.bin/biome ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  step "npm packages: present"
else
  step "installing npm packages (binaryen 132, esbuild, TypeScript, Biome, Playwright, axe, React and Vue for the examples, Adyen Web for the benchmark)"
  if ! have npm; then
    echo "error: npm is not on PATH. Install Node.js 20 or later and run this again." >&2
    exit 1
  fi
  npm ci --no-audit --no-fund
fi

# Schemathesis (PyPI) fuzzes the API contract against the sandbox (scripts/contract-fuzz.sh), in a
# virtual environment of the project's own.
SCHEMATHESIS_VERSION=4.32.5
venv=.tools/schemathesis
if [ -x "$venv/bin/schemathesis" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
  step "schemathesis $SCHEMATHESIS_VERSION: present"
else
  step "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, into $venv)"
  if ! have python3; then
    echo "error: python3 is not on PATH. Install Python 3.10 or later and run this again." >&2
    exit 1
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

step "fetching crates"
cargo fetch --quiet

echo
echo "setup done in $(( $(date +%s) - started )) s"
