# Sourced by scripts/run and scripts/test: installs what is missing, skips what is there.
# Facts behind each step: ../shared/TOOLCHAIN.md (no GitHub downloads on these machines).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the crate version in Cargo.lock (and Trunk.toml's pin).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)"

step() { printf '\n== %s\n' "$*"; }

# A build tool needs no fat LTO: Trunk's manifest asks for it with one codegen unit, which made its
# install take 8 min 30 s here; without, 5 min 15 s, for the same tool.
install_fast() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

setup_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    { step "Adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

setup_trunk() {
  trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$" ||
    { step "Installing Trunk $TRUNK_VERSION (about five minutes, once)"; install_fast trunk --version "$TRUNK_VERSION" --locked; }
}

setup_wasm_bindgen() {
  if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
    echo "Trunk.toml's [tools] wasm_bindgen must be $WASM_BINDGEN_VERSION, the version in Cargo.lock" >&2
    exit 1
  fi
  wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" ||
    { step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (two minutes, once)"; install_fast wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"; }
}

setup_wasm_opt() {
  wasm-opt --version 2>/dev/null | grep -q "version 132" ||
    { step "Installing wasm-opt (npm binaryen 132)"; (cd tools && npm ci --no-audit --no-fund); }
}

setup_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] ||
    { step "Installing Debian's Chromium and ChromeDriver"; apt-get update; apt-get install -y --no-install-recommends chromium chromium-driver; }
}

setup_playwright() {
  # npm writes node_modules/.package-lock.json as it installs: newer than the lock file means current.
  [ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ] ||
    { step "Installing Playwright (npm; the browser is Debian's Chromium)"; (cd end2end && npm ci --no-audit --no-fund); }
}

# Builds dist/ unless it is newer than every input of the SPA.
build_spa() {
  if [ -f dist/index.html ] && [ -z "$(find src model/src style public index.html Cargo.toml Cargo.lock Trunk.toml -newer dist/index.html -print -quit)" ]; then
    return
  fi
  step "Building the SPA (trunk build --release)"
  trunk build --release
}
