# Shared by scripts/run.sh and scripts/test.sh: installs what a fresh machine lacks (each step is
# skipped when the right version is already there) and starts a throwaway PostgreSQL.
# Nothing here downloads from anywhere but the package registries (crates.io, npm, Debian).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
# Must equal the wasm-bindgen version in Cargo.lock (pinned with "=" in Cargo.toml).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock")"
BINARYEN_VERSION="132.0.0"
TOOLS_DIR="${NEXACRM_TOOLS_DIR:-$HOME/.cache/nexacrm-tools}"

export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

ensure_rust_tools() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "Adding the Rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
        say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
        # Not --locked: its lock file names a yanked crate.
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
    fi
    if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
        say "Installing cargo-leptos $CARGO_LEPTOS_VERSION with no_downloads (20-28 minutes on 2 cores)"
        cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --force
    fi
    if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
        say "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
        mkdir -p "$TOOLS_DIR"
        (cd "$TOOLS_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund "binaryen@$BINARYEN_VERSION")
    fi
}

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        say "Installing Debian's Chromium"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
    fi
}

ensure_playwright() {
    # Also when package-lock.json changed since the last install (a new test dependency, e.g. jszip).
    if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
        || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
        say "Installing Playwright and the test dependencies (npm; the browser is Debian's Chromium)"
        (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    fi
}

# Starts PostgreSQL 15 as the postgres user in a temporary folder on a free port, exports
# NEXACRM_TEST_POSTGRES_URL, and stops it when the calling script exits.
start_postgres() {
    local bin=/usr/lib/postgresql/15/bin
    if [ ! -x "$bin/initdb" ]; then
        say "Installing PostgreSQL 15"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15
    fi
    PG_DIR="$(mktemp -d /tmp/nexacrm-pg.XXXXXX)"
    chown postgres "$PG_DIR"
    PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    say "Starting a throwaway PostgreSQL on port $PG_PORT"
    runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres --no-sync >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null
    trap stop_postgres EXIT
    export NEXACRM_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}
