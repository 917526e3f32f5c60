# Sourced by the other scripts: puts the project's pinned tools first on PATH.
# npm binaryen's wasm-opt 132 must come before any system wasm-opt (Debian's 108 breaks the app).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
