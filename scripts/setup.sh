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

# PostgreSQL and HAProxy from Debian's packages, for the scale-out store and its tests.
setup_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
    { step "Installing Debian's PostgreSQL"; apt-get update; apt-get install -y --no-install-recommends postgresql postgresql-contrib; }
}

setup_haproxy() {
  command -v haproxy >/dev/null ||
    { step "Installing Debian's HAProxy"; apt-get update; apt-get install -y --no-install-recommends haproxy; }
}

# Schemathesis (PyPI, pinned) in a virtual environment of its own under target/.
SCHEMATHESIS_VERSION=4.32.5
setup_schemathesis() {
  local venv="$ROOT/target/schemathesis"
  [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ] && return 0
  step "Installing Schemathesis $SCHEMATHESIS_VERSION (pip, in target/schemathesis)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
}

# Microsoft's Graph Beta SDK for Python and pytest (PyPI, every package pinned in
# tests/graph_sdk/requirements.txt) in a virtual environment of their own under target/, for
# scripts/graph-sdk. Skipped when the environment holds exactly those pins (about two minutes and
# 760 MB when it does not).
GRAPH_SDK_VERSION=1.66.0
setup_graph_sdk() {
  local venv="$ROOT/target/graph-sdk" requirements="$ROOT/tests/graph_sdk/requirements.txt"
  grep -qx "msgraph-beta-sdk==$GRAPH_SDK_VERSION" "$requirements" ||
    { echo "tests/graph_sdk/requirements.txt must pin msgraph-beta-sdk==$GRAPH_SDK_VERSION" >&2; exit 1; }
  cmp -s "$requirements" "$venv/installed-requirements.txt" && [ -x "$venv/bin/python" ] && return 0
  step "Installing msgraph-beta-sdk $GRAPH_SDK_VERSION and pytest (pip, in target/graph-sdk)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --requirement "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
}

# Starts a throw-away PostgreSQL cluster on 127.0.0.1:$1 in a new temporary directory, and sets
# POSTGRES_DIR and POSTGRES_URL (the `postgres` database, trusted on loopback). `stop_postgres`
# stops it and removes the directory. Extra server settings may follow the port.
start_postgres() {
  local port="$1"; shift
  start_postgres_in "$(mktemp -d /tmp/endpoint-admin-postgres.XXXXXX)" "$port" "$@"
  POSTGRES_THROWAWAY=1
}

# Starts the PostgreSQL cluster kept in directory $1 (created there the first time) on
# 127.0.0.1:$2, run by the unprivileged `postgres` account (PostgreSQL refuses to run as root);
# sets POSTGRES_DIR, POSTGRES_BIN and POSTGRES_URL. Extra server settings may follow the port.
start_postgres_in() {
  local dir="$1" port="$2"; shift 2
  POSTGRES_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  POSTGRES_DIR="$dir"
  POSTGRES_THROWAWAY=0
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)" # the socket's directory must be absolute
  POSTGRES_DIR="$dir"
  chown postgres: "$dir"
  if [ ! -e "$dir/data/PG_VERSION" ]; then
    runuser -u postgres -- "$POSTGRES_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 --no-sync >/dev/null
  fi
  runuser -u postgres -- "$POSTGRES_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
    "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 $*" start >/dev/null
  POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

# Stops the cluster started last; a throw-away one is removed too.
stop_postgres() {
  [ -n "${POSTGRES_DIR:-}" ] || return 0
  runuser -u postgres -- "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  [ "${POSTGRES_THROWAWAY:-0}" = 1 ] && rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=
}
