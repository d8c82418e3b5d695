#!/usr/bin/env bash
# Runs NexaCRM on its embedded defaults: builds the release server and browser bundle (installing
# the build tools first when missing), then serves on http://127.0.0.1:3000 with a SQLite file
# under ./data/ (created on first start; migrations run at start-up).
# `--demo`: before serving, add a small demo workspace once (sign-in details are printed).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DEMO=0
for arg in "$@"; do
    case "$arg" in
        --demo) DEMO=1 ;;
        *) echo "usage: scripts/run.sh [--demo]" >&2; exit 2 ;;
    esac
done
cd "$ROOT"
ensure_rust_tools
say "Building NexaCRM (release)"
cargo leptos build --release --precompress
# The site (target/site) stays in the project; the binary follows CARGO_TARGET_DIR when it is set.
SERVER="${CARGO_TARGET_DIR:-$ROOT/target}/release/server"
if [ "$DEMO" = 1 ]; then
    say "Adding the small demo workspace (skipped when it is already there)"
    "$SERVER" demo --small
fi
say "Starting NexaCRM"
exec "$SERVER"
