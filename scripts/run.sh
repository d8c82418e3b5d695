#!/usr/bin/env bash
# Runs NexaCRM on its embedded defaults: builds the release server and browser bundle (installing
# the build tools first when missing), then serves on http://127.0.0.1:3000 with a SQLite file
# under ./data/ (created on first start; migrations run at start-up).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust_tools
say "Building NexaCRM (release)"
cargo leptos build --release
say "Starting NexaCRM"
exec "$ROOT/target/release/server"
