#!/usr/bin/env bash
# Builds the Linux release binary the way .github/workflows/release.yml does
# (x86_64-unknown-linux-musl, release profile, symbols stripped), then checks that it is
# statically linked, runs, and lints this repository's own log. Needs the musl target
# (`rustup target add x86_64-unknown-linux-musl`) and musl-gcc for mimalloc
# (`apt-get install musl-tools`). Slow (a fat-LTO build): not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-musl
target_dir=${CARGO_TARGET_DIR:-target}
CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=symbols \
  cargo build --release --locked --target "$target"
binary="$target_dir/$target/release/adr"

if ! file "$binary" | grep -q 'static'; then
  echo "error: $binary is not statically linked:" >&2
  file "$binary" >&2
  exit 1
fi
"$binary" --version
"$binary" lint
printf '%s: %s bytes, statically linked\n' "$binary" "$(wc -c < "$binary")"
