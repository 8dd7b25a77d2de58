#!/usr/bin/env python3
"""Times `adr render` on a log inside a git repository with a long history, where the site
shows each record's last change and authors from `git log`. See bench/README.md.

    bench/git-history.py [--records 10000] [--commits 1000] [--runs 5]

It generates the log with ../shared/bench/gen.py, commits it, then one commit per edited
record (built with `git fast-import`, so a thousand commits take seconds), and prints, as
medians of warm runs: `git log` over the log (what a first render pays), `adr render` into
a new directory, again with nothing changed, after an edit not yet committed, and after one
more commit.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(argv, cwd, runs, before=None):
    """Median wall time in ms of `runs` runs after one warm-up; `before(i)` runs untimed."""
    if before:
        before(-1)
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for i in range(runs):
        if before:
            before(i)
        os.sync()
        started = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - started) * 1000)
        if proc.returncode not in (0, 1):
            sys.exit(f"error: {' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def git(repo, *args, date="2025-01-01T00:00:00Z"):
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com",
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)


def fast_import_history(repo, log, commits):
    """One commit of the whole log, then `commits` commits appending a line to a record."""
    names = sorted(name for name in os.listdir(os.path.join(repo, log)) if name.endswith(".md"))
    stream = []
    when = 1735689600  # 2025-01-01

    def commit(mark, message, files, parent):
        nonlocal when
        when += 3600
        stream.append(f"commit refs/heads/main\nmark :{mark}\n"
                      f"author Bench <bench@example.com> {when} +0000\n"
                      f"committer Bench <bench@example.com> {when} +0000\n"
                      f"data {len(message)}\n{message}\n")
        if parent:
            stream.append(f"from :{parent}\n")
        for path, data in files:
            raw = data.encode()
            stream.append(f"M 100644 inline {path}\ndata {len(raw)}\n")
            stream.append(raw.decode() + "\n")

    texts = {name: open(os.path.join(repo, log, name), encoding="utf-8").read() for name in names}
    commit(1, "Add the log", [(f"{log}/{name}", texts[name]) for name in names], None)
    for i in range(commits):
        name = names[(i * 7919) % len(names)]
        texts[name] += f"\nEdited in commit {i}.\n"
        commit(i + 2, f"Edit {name}", [(f"{log}/{name}", texts[name])], i + 1)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input="".join(stream).encode(),
                   check=True)
    git(repo, "reset", "-q", "--hard", "main")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    adr = os.path.join(HERE, "..", "target", "release", "adr")
    if not os.access(adr, os.X_OK):
        sys.exit("error: build first: cargo build --release")
    gen = os.path.join(HERE, "..", "..", "shared", "bench", "gen.py")
    work = tempfile.mkdtemp(prefix="adr-git-bench-")
    try:
        repo = os.path.join(work, "repo")
        subprocess.run([sys.executable, gen, repo, str(args.records), "--style", "madr4", "--force"],
                       check=True, stdout=subprocess.DEVNULL)
        git(repo, "init", "-q", "-b", "main")
        fast_import_history(repo, "docs/adr", args.commits)
        log_ms = timed(["git", "-C", "docs/adr", "log", "--reverse", "-z", "-M", "--name-status",
                        "--relative", "--format=%x1e%ct%x1f%at%x1f%as%x1f%aN", "--", "."],
                       repo, args.runs)
        counter = {"i": 0}

        def new_dir(_):
            counter["i"] += 1
            argv[-1] = os.path.join(work, f"site-new-{counter['i']}")
        argv = [adr, "render", "--out", ""]
        new_ms = timed(argv, repo, args.runs, before=new_dir)
        site = os.path.join(work, "site")
        subprocess.run([adr, "render", "--out", site], cwd=repo, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        unchanged_ms = timed([adr, "render", "--out", site], repo, args.runs)
        target = os.path.join(repo, "docs/adr", sorted(os.listdir(os.path.join(repo, "docs/adr")))[1])

        def edit(i):
            with open(target, "a", encoding="utf-8") as out:
                out.write(f"\nUncommitted edit {i}.\n")
        edited_ms = timed([adr, "render", "--out", site], repo, args.runs, before=edit)

        def commit(i):
            edit(i)
            git(repo, "commit", "-q", "-a", "-m", f"bench {i}", date=f"2026-01-{i + 10:02d}T00:00:00Z")
        committed_ms = timed([adr, "render", "--out", site], repo, args.runs, before=commit)
        full = os.path.join(work, "site-full")
        subprocess.run([adr, "render", "--out", full], cwd=repo, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        same = subprocess.run(["diff", "-rq", "-x", ".adr-site*", site, full],
                              capture_output=True).returncode == 0
        print(f"# {args.records} records, {args.commits + 2 + args.runs} commits, "
              f"medians of {args.runs} runs, load {os.getloadavg()[0]:.2f}")
        print("| job | median ms |\n|---|---:|")
        for name, ms in [("`git log` over the log (what a first render pays)", log_ms),
                         ("`adr render` into a new directory", new_ms),
                         ("`adr render`, nothing changed", unchanged_ms),
                         ("`adr render` after an edit not committed", edited_ms),
                         ("`adr render` after one more commit", committed_ms)]:
            print(f"| {name} | {ms:.1f} |")
        print(f"\nAfter the commits, the site {'equals' if same else 'DIFFERS FROM'} a render without cache.")
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
