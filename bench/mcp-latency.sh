#!/usr/bin/env bash
# How long `adr mcp` takes to answer `initialize` and `tools/list` on a log of N records
# (default 10,000): the time from starting the process to reading the tools/list answer.
# The issue asks for under 50 ms. Run it with a release build:
#   cargo build --release && bench/mcp-latency.sh [N] [RUNS]
# or on another build: ADR=/path/to/adr bench/mcp-latency.sh. It generates the log with
# ../shared/bench/gen.py when it is there.
# On the rmcp server (2 busy shared cores, 10,000 records, 20 runs): median 2.8 ms, against
# 1.9 ms for the hand-written loop it replaced.
set -euo pipefail
cd "$(dirname "$0")/.."

records="${1:-10000}"
runs="${2:-20}"
adr="${ADR:-$PWD/target/release/adr}"
gen=../shared/bench/gen.py
[ -x "$adr" ] || { echo "no $adr: run cargo build --release first" >&2; exit 2; }
[ -f "$gen" ] || { echo "no $gen: this benchmark needs the shared generator" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$gen" "$work/log" "$records" >/dev/null
cd "$work/log"

python3 - "$adr" "$runs" <<'PY'
import json, subprocess, sys, time
adr, runs = sys.argv[1], int(sys.argv[2])
init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}
note = {"jsonrpc": "2.0", "method": "notifications/initialized"}
tools = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
times = []
for _ in range(runs):
    start = time.perf_counter()
    child = subprocess.Popen([adr, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for message in (init, note, tools):
        child.stdin.write(json.dumps(message) + "\n")
    child.stdin.flush()
    child.stdout.readline()
    answer = json.loads(child.stdout.readline())
    times.append((time.perf_counter() - start) * 1000)
    assert len(answer["result"]["tools"]) == 6, answer
    child.stdin.close()
    child.wait()
times.sort()
print(f"adr mcp: start + initialize + tools/list, {runs} runs: "
      f"median {times[len(times)//2]:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
PY
