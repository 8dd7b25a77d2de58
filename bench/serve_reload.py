#!/usr/bin/env python3
"""Times `adr serve`'s live reload: from a record saved to the reload event on the page's
event stream, and to the new page served. See bench/README.md (`bench/serve-reload.sh`).

    serve_reload.py --adr PATH --gen GEN_PY [--records N] [--runs R] [--log DIR]

Generates the log once under /tmp/adr-bench (reused), copies it, starts `adr serve
--port 0` on the copy, then R times: opens the event stream as a page does, saves one
record (new text written beside the log, renamed over the record, as editors save),
waits for the `reload` event, then GETs the record's page until it has the new text.
Prints the first build's time and the median, minimum and maximum of both latencies.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def generate(gen, records):
    out = f"/tmp/adr-bench/serve-{records}"
    if not os.path.isdir(os.path.join(out, "docs/adr")):
        subprocess.run([sys.executable, gen, out, str(records), "--force"], check=True,
                       stdout=subprocess.DEVNULL)
    return out


def events(address, since):
    """A socket reading the event stream as a page of build `since` does."""
    sock = socket.create_connection(address)
    sock.sendall(f"GET /__adr/reload?since={since} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\n\r\n"
                 .encode())
    return sock


def wait_for_reload(sock):
    """Reads until a `reload` event; returns its data (the new build's number)."""
    buffer = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("the event stream closed")
        buffer += chunk
        while b"\n\n" in buffer:
            message, buffer = buffer.split(b"\n\n", 1)
            lines = message.decode().splitlines()
            if "event: reload" in lines:
                return next(line[6:] for line in lines if line.startswith("data: "))


def get(address, path):
    sock = socket.create_connection(address)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\nConnection: close\r\n\r\n"
                 .encode())
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    sock.close()
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adr", required=True)
    parser.add_argument("--gen", required=True)
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    source = generate(args.gen, args.records)
    work = tempfile.mkdtemp(prefix="adr-serve-bench-")
    project = os.path.join(work, "project")
    shutil.copytree(source, project)
    log = os.path.join(project, "docs/adr")
    records = sorted(name for name in os.listdir(log) if name.endswith(".md") and name[:4].isdigit())
    started = time.monotonic()
    # stderr to a file: a pipe nobody reads would stop the server once full.
    stderr_file = open(os.path.join(work, "stderr.txt"), "w+", encoding="utf-8")
    server = subprocess.Popen([os.path.abspath(args.adr), "serve", "--port", "0"], cwd=project,
                              stdout=subprocess.PIPE, stderr=stderr_file, text=True)
    try:
        line = server.stdout.readline()
        first_build = time.monotonic() - started
        url = next(word for word in line.split() if word.startswith("http://"))
        host, port = url[len("http://"):].rstrip("/").split(":")
        address = (host, int(port))
        generation = 1
        to_event, to_page = [], []
        for run in range(args.runs):
            # A record in the middle of the log, a different one each run.
            name = records[len(records) // 2 + run]
            path = os.path.join(log, name)
            page = "/" + name[:-3] + ".html"
            with open(path, encoding="utf-8") as f:
                text = f.read()
            marker = f"Benchmark edit {run}"
            new_text = text.replace("\n## ", f"\n{marker}\n\n## ", 1)
            stream = events(address, generation)
            time.sleep(0.2)  # the stream is open and idle, as on an open page
            temporary = os.path.join(project, ".saving")
            with open(temporary, "w", encoding="utf-8") as f:
                f.write(new_text)
            saved = time.monotonic()
            os.rename(temporary, path)
            generation = int(wait_for_reload(stream))
            event_at = time.monotonic()
            stream.close()
            while marker.encode() not in get(address, page):
                if time.monotonic() - saved > 30:
                    raise RuntimeError(f"{page} never showed the edit")
            page_at = time.monotonic()
            to_event.append((event_at - saved) * 1000)
            to_page.append((page_at - saved) * 1000)
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait()
        stderr_file.seek(0)
        stderr = stderr_file.read()
        stderr_file.close()
        shutil.rmtree(work)
    builds = [line for line in stderr.splitlines() if line.startswith(("built", "rebuilt"))]
    print(f"records: {args.records}, runs: {args.runs}")
    print(f"first build, start to URL printed: {first_build * 1000:.0f} ms")
    for label, values in (("saved -> reload event", to_event), ("saved -> new page served", to_page)):
        print(f"{label}: median {statistics.median(values):.0f} ms, "
              f"min {min(values):.0f} ms, max {max(values):.0f} ms")
    rebuilds = [int(line.split(" in ")[1].split(" ms")[0]) for line in builds[1:]]
    if rebuilds:
        print(f"rebuild itself (adr's own timing): median {statistics.median(rebuilds):.0f} ms, "
              f"min {min(rebuilds)} ms, max {max(rebuilds)} ms")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
