#!/usr/bin/env bash
# Times `adr serve`'s live reload at 10,000 records: from a record saved to the reload
# event an open page receives, and to the new page served. Opt-in: bench/run.sh does not
# run it. See bench/README.md.
#
#   bench/serve-reload.sh                       # 10,000 records, 15 edits
#   bench/serve-reload.sh --records 1000 --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 bench/serve_reload.py --adr "$PWD/target/release/adr" --gen "$PWD/../shared/bench/gen.py" "$@"
