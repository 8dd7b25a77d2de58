#!/usr/bin/env python3
"""Driver for bench/run.sh: generate logs, time each job as the median of warm runs, take
peak RSS from GNU time, compare with the floor and installed peers, print a Markdown table.
Python 3 standard library only."""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = "/tmp/adr-bench"
GNU_TIME = "/usr/bin/time"

# The opt-in size (--huge): a company-wide log merged from many repositories (issue 19).
HUGE = 99999
# Peak memory budgets of issue 19, MiB: at 99,999 records every command, at 10,000 every
# command but render (which has its own).
HUGE_MIB = 256
TEN_K_MIB = 64
TEN_K_RENDER_MIB = 128
# Reading every record: `cat docs/adr/*.md` would overflow the argument list at 99,999.
CAT = "find docs/adr -maxdepth 1 -name '*.md' -exec cat {} + > /dev/null"

# Budgets from the performance issue: job -> (max ratio to the floor at N=10,000, max MiB).
BUDGETS = {
    "adr lint": (2.5, 128),
    "adr list --format json": (1.25, None),
    "adr index": (1.5, None),
    "adr render (new dir)": (4.5, 150),
    "adr render (unchanged)": (1.5, None),
    "adr render (one changed)": (1.5, None),
}
NEW_BUDGET_MS = 50
GROWTH_BUDGET = 12.0


def run_once(argv, cwd, env=None):
    started = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env)
    return time.perf_counter() - started, proc.returncode, proc.stderr


def peak_mib(argv, cwd):
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name] + argv, cwd=cwd,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        match = re.search(r"(\d+)\s*$", out.read())
    return int(match.group(1)) / 1024 if match else None


def measure(argv, cwd, runs, warmup=1, before=None, ok_codes=(0, 1)):
    """Median wall time in ms over `runs` warm runs; `before(i)` prepares each run untimed."""
    for i in range(warmup):
        if before:
            before(-1 - i)
        run_once(argv, cwd)
    times = []
    for i in range(runs):
        if before:
            before(i)
        # Untimed: the pages an earlier run left dirty in the page cache are written back
        # now, not by the kernel's flusher threads on the same two cores during this run.
        os.sync()
        elapsed, code, stderr = run_once(argv, cwd)
        if code not in ok_codes:
            sys.exit(f"error: {' '.join(argv)} exited {code} in {cwd}:\n{stderr.decode(errors='replace')[-2000:]}")
        times.append(elapsed * 1000)
    return statistics.median(times)


class Progress(list):
    """The rows, each also printed to stderr as it is measured (a run at 99,999 records
    takes many minutes)."""

    def append(self, row):
        job, n, style, median, mib, _, _ = row
        print(f"  {job} N={n} {style}: {median:.1f} ms" + (f", {mib:.1f} MiB" if mib else ""), file=sys.stderr, flush=True)
        super().append(row)


def load_average():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "n/a"


def generate(gen, n, style, number_field=False):
    suffix = f"{style}" + ("-nf" if number_field else "")
    path = os.path.join(ROOT, f"n{n}-{suffix}")
    log = os.path.join(path, "docs/adr")
    marker = os.path.join(path, ".generated")
    if not os.path.exists(marker):
        args = [sys.executable, gen, path, str(n), "--style", style, "--force"]
        if number_field:
            args.append("--number-field")
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        # The fingerprint of the generated files, before `adr index` adds a README.md.
        with open(marker, "w") as out:
            out.write(fingerprint(path))
    # Leave what earlier runs wrote out of the log: an index and sites from adr render.
    for name in os.listdir(path):
        if name.startswith("site") or name == ".adr-dir":
            shutil.rmtree(os.path.join(path, name), ignore_errors=True) if os.path.isdir(os.path.join(path, name)) else os.remove(os.path.join(path, name))
    readme = os.path.join(log, "README.md")
    if os.path.exists(readme):
        os.remove(readme)
    return path


def fingerprint(path):
    out = subprocess.run(["sh", "-c", "find docs -type f -name '*.md' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16"],
                         cwd=path, capture_output=True, text=True)
    return out.stdout.strip()


def render_against_floor(adr, path, runs, huge, site_rss):
    """Median ms of `adr render` into a new directory and of its floor (`cat` of the
    records + `cp -r` of a finished site into a new directory), timed in turns, the order
    swapped each time: creating 100,000 files costs what the file system's state of the
    moment makes it (after a large deletion ext4 is slow for minutes), so the two are
    measured under the same conditions or their ratio means nothing. Returns the medians
    and the site directories left for the caller (the last one new, for its peak RSS)."""
    subprocess.run([adr, "render", "--out", site_rss], cwd=path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    made = []
    renders, floors = [], []

    def fresh(kind, i):
        if huge:
            # A site of 99,999 records is gigabytes: one at a time on the disk.
            for old in made:
                shutil.rmtree(old, ignore_errors=True)
            made.clear()
        out = os.path.join(path, f"site-{kind}-{i}")
        made.append(out)
        os.sync()
        return out

    def render(i):
        out = fresh("new", i)
        elapsed, code, stderr = run_once([adr, "render", "--out", out], path)
        if code not in (0, 1):
            sys.exit(f"error: adr render exited {code} in {path}:\n{stderr.decode(errors='replace')[-2000:]}")
        renders.append(elapsed * 1000)

    def copy(i):
        out = fresh("copy", i)
        elapsed, code, _ = run_once(["sh", "-c", f"{CAT} && cp -r site-rss {out}"], path)
        if code != 0:
            sys.exit(f"error: the render floor's copy failed in {path}")
        floors.append(elapsed * 1000)

    for i in range(runs):
        for step in ((render, copy) if i % 2 == 0 else (copy, render)):
            step(i)
    # The peak RSS run renders into a new directory too: the last one named.
    fresh("new", runs)
    return statistics.median(renders), statistics.median(floors), made


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adr", required=True)
    parser.add_argument("--gen", required=True)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="write the table to docs/benchmarks.md")
    parser.add_argument("--huge", action="store_true", help=f"also N={HUGE} (790 MB of records, minutes)")
    args = parser.parse_args()
    adr = args.adr
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.huge and HUGE not in sizes:
        sizes.append(HUGE)
    os.makedirs(ROOT, exist_ok=True)
    adrs = shutil.which("adrs")
    rows = Progress()  # (job, n, style, median_ms, peak_mib, floor_ms, peer_ms)
    sizes_of_site = []  # (n, style, {what: bytes})
    notes = []
    load_before = load_average()
    work_dirs = []

    usual = [n for n in sizes if n < HUGE] or sizes
    plan = [(n, "madr4") for n in sizes] + [(max(usual), "mixed")]
    for n, style in plan:
        path = generate(args.gen, n, style)
        runs = args.runs if n < 10000 else max(3, args.runs - 2) if n < HUGE else 3
        huge = n >= HUGE
        print(f"# N={n} {style}, {runs} runs each, load {load_average()}", file=sys.stderr)
        floor = measure(["sh", "-c", CAT], path, runs)
        rows.append(("cat (floor)", n, style, floor, None, floor, None))

        def job(name, argv, before=None, peer=None):
            median = measure(argv, path, runs, before=before)
            if before:
                before(runs)
            rows.append((name, n, style, median, peak_mib(argv, path), floor, peer))
            return median

        job("adr lint", [adr, "lint"])
        job("adr list --format json", [adr, "list", "--format", "json"])
        readme = os.path.join(path, "docs/adr/README.md")
        if huge:
            # At 99,999 records the index is 16 MiB, over the 8 MiB a build before the fix
            # of issue 19 reads back: the index is created anew in every run.
            def no_index(_):
                if os.path.exists(readme):
                    os.remove(readme)
            job("adr index (new file)", [adr, "index"], before=no_index)
            no_index(0)
        else:
            subprocess.run([adr, "index"], cwd=path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            job("adr index", [adr, "index"])
        job("adr export", [adr, "export"])
        job("adr export --format csv", [adr, "export", "--format", "csv"])

        site_rss = os.path.join(path, "site-rss")
        median, render_floor, sites = render_against_floor(adr, path, runs, huge, site_rss)
        rows.append(("adr render (new dir)", n, style, median, peak_mib([adr, "render", "--out", sites[-1]], path), floor, None))
        rows.append(("cat + cp -r site (render floor)", n, style, render_floor, None, floor, None))
        rows.append(("adr render (new dir) ÷ render floor", n, style, median, None, render_floor, None))
        if huge:
            for old in sites:
                shutil.rmtree(old, ignore_errors=True)
            sites.clear()
        site_rss = os.path.join(path, "site-rss")
        sizes_of_site.append((n, style, site_bytes(site_rss)))
        if huge:
            shutil.rmtree(site_rss, ignore_errors=True)

        stable = os.path.join(path, "site")
        subprocess.run([adr, "render", "--out", stable], cwd=path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        job("adr render (unchanged)", [adr, "render", "--out", stable])

        records = sorted(name for name in os.listdir(os.path.join(path, "docs/adr")) if name.endswith(".md") and name[0].isdigit())
        target = os.path.join(path, "docs/adr", records[len(records) // 2])
        original = open(target, encoding="utf-8").read()

        def touch_one(i):
            with open(target, "w", encoding="utf-8") as out:
                out.write(original + f"\nEdited for benchmark run {i}.\n")
        job("adr render (one changed)", [adr, "render", "--out", stable], before=touch_one)

        # A one-record change that also moves a link: each run the record links to another.
        def link_one(i):
            other = records[(len(records) // 4 + i) % len(records)]
            with open(target, "w", encoding="utf-8") as out:
                out.write(original + f"\nSee [another decision]({other}), run {i}.\n")
        job("adr render (one changed, new link)", [adr, "render", "--out", stable], before=link_one)

        # The incremental result must equal a full render of the same log.
        full = os.path.join(path, "site-full-check")
        subprocess.run([adr, "render", "--out", full], cwd=path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        same = subprocess.run(["diff", "-rq", "-x", ".adr-site*", stable, full], capture_output=True, text=True)
        notes.append(f"N={n} {style}: incremental render after one change {'equals' if same.returncode == 0 else 'DIFFERS FROM'} a full render"
                     + ("" if same.returncode == 0 else f": {same.stdout.strip()[:300]}"))

        # The first render after an upgrade: the cache no longer reads, so every page is made
        # again into the site in use (and each compared with the file it replaces).
        def lose_cache(i):
            touch_one(i)
            cache = os.path.join(stable, ".adr-site-cache")
            if os.path.exists(cache):
                os.remove(cache)
        job("adr render (in place, no cache)", [adr, "render", "--out", stable], before=lose_cache)
        with open(target, "w", encoding="utf-8") as out:
            out.write(original)

        if n == max(usual) and style == "madr4":
            created = []
            new_argv = [adr, "new", "--no-edit", "Benchmark record"]
            median = measure(new_argv, path, runs)
            rows.append(("adr new", n, style, median, peak_mib(new_argv, path), floor, None))
            for name in os.listdir(os.path.join(path, "docs/adr")):
                if name.endswith("-benchmark-record.md"):
                    created.append(os.path.join(path, "docs/adr", name))
            for file in created:
                os.remove(file)

        if adrs and style == "madr4" and not huge:
            peer_path = generate(args.gen, n, "madr4", number_field=True)
            with open(os.path.join(peer_path, ".adr-dir"), "w") as out:
                out.write("docs/adr\n")
            peer_floor = measure(["sh", "-c", "cat docs/adr/*.md > /dev/null"], peer_path, runs)
            for ours, theirs in [("adr list --format json", ["adrs", "list", "-l"]), ("adr lint", ["adrs", "doctor"])]:
                ours_argv = [adr] + ours.split()[1:]
                our_ms = measure(ours_argv, peer_path, runs)
                their_ms = measure(theirs, peer_path, runs, ok_codes=range(256))
                rows.append((ours + " [number-field log]", n, style, our_ms, peak_mib(ours_argv, peer_path), peer_floor, their_ms))
                rows.append((" ".join(theirs) + " (peer)", n, style, their_ms, peak_mib(theirs, peer_path), peer_floor, None))
        # The stable site too: left behind, the next run would delete it just before
        # timing this log, when creating files is slowest.
        work_dirs.extend(sites + [full, stable, os.path.join(path, "site-rss")])
        if huge:
            for directory in work_dirs:
                shutil.rmtree(directory, ignore_errors=True)
            work_dirs.clear()

    load_after = load_average()
    table = render_table(rows, sizes, adrs is not None)
    header = (f"Measured {datetime.date.today()} on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
              f"{meminfo()} memory, {platform.system()} {platform.release()}; load average {load_before} before, {load_after} after.\n"
              f"Medians of warm runs; peak RSS from GNU time; ratios to `cat docs/adr/*.md` (the floor) on the same log in the same run. "
              f"On a shared 2-core VM a median still moves by 20-30 % from one run to the next (the two `adr lint` rows at N=10,000 "
              f"are the same work on two logs of the same size); compare rows of one run, not of two.\n")
    fingerprints = "\n".join(f"- N={n} {style}: fingerprint `{open(os.path.join(ROOT, f'n{n}-{style}', '.generated')).read().strip()}`" for n, style in plan)
    if args.huge:
        # 790 MB of records: not left on the disk for the next run.
        shutil.rmtree(os.path.join(ROOT, f"n{HUGE}-madr4"), ignore_errors=True)
    text = f"{header}\n{table}\n\n{site_table(sizes_of_site)}\n\n{budget_report(rows, sizes)}\n\n{growth_table(rows, sizes)}\n\nLogs (`../shared/bench/gen.py`, seed 1):\n{fingerprints}\n\n" + "\n".join(f"- {note}" for note in notes) + "\n"
    if not adrs:
        text += "- Peer `adrs` not installed (`cargo install adrs --locked --version 0.13.0`): its rows are n/a.\n"
    print(text)
    if args.write:
        # The sections (`## ...`) after this table come from other scripts
        # (bench/serve-reload.sh): they are kept as they are.
        kept = ""
        if os.path.exists("docs/benchmarks.md"):
            previous = open("docs/benchmarks.md").read()
            at = previous.find("\n## ")
            kept = previous[at:] if at >= 0 else ""
        with open("docs/benchmarks.md", "w") as out:
            out.write("# Benchmarks\n\nProduced by `bench/run.sh --write` (see bench/README.md).\n\n" + text + kept)
    # Deleting many files slows file creation for a while on this filesystem: only at the end.
    for directory in work_dirs:
        shutil.rmtree(directory, ignore_errors=True)


def site_bytes(site):
    """The size of the site's index page, of its search index (every file whose name starts
    with `search`, and everything under a directory so named: the sharded index's
    `assets/search/`) and of the whole site."""
    out = {"index.html": 0, "search": 0, "site": 0, "files": 0}
    for directory, _, names in os.walk(site):
        for name in names:
            size = os.path.getsize(os.path.join(directory, name))
            out["site"] += size
            out["files"] += 1
            if os.path.relpath(os.path.join(directory, name), site) == "index.html":
                out["index.html"] = size
            elif name.startswith("search") or any(
                part.startswith("search")
                for part in os.path.relpath(directory, site).split(os.sep)
            ):
                out["search"] += size
    return out


def site_table(sizes_of_site):
    lines = ["| site | N | style | `index.html` | search index | whole site | files |", "|---|---:|---|---:|---:|---:|---:|"]
    for n, style, size in sizes_of_site:
        mb = lambda b: f"{b / 1e6:.1f} MB"
        lines.append(f"| rendered | {n} | {style} | {mb(size['index.html'])} | {mb(size['search'])} | {mb(size['site'])} | {size['files']} |")
    return "\n".join(lines)


def growth_table(rows, sizes):
    """Time and peak memory at 99,999 records as multiples of those at 10,000."""
    if HUGE not in sizes or 10000 not in sizes:
        return ""
    by = {(job, size): (median, mib) for job, size, style, median, mib, _, _ in rows if style == "madr4"}
    lines = [f"Growth from 10,000 to {HUGE:,} records (madr4; budget ≤ 11× in time, memory flat where the output streams):", "",
             "| command | time 10,000 | time 99,999 | × | peak MiB 10,000 | peak MiB 99,999 | × |", "|---|---:|---:|---:|---:|---:|---:|"]
    for job, n, style, _, _, _, _ in rows:
        if n != HUGE or style != "madr4" or (job, 10000) not in by or "÷" in job:
            continue
        (t1, m1), (t2, m2) = by[(job, 10000)], by[(job, HUGE)]
        mem = f"{m1:.1f} | {m2:.1f} | {m2 / m1:.1f}" if m1 and m2 else " | | "
        lines.append(f"| `{job}` | {t1:.1f} ms | {t2:.1f} ms | {t2 / t1:.1f} | {mem} |")
    return "\n".join(lines)


def meminfo():
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        return f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        return "n/a"


def render_table(rows, sizes, has_peer):
    lines = ["| command | N | style | median ms | peak MiB | × floor | × peer |", "|---|---:|---|---:|---:|---:|---:|"]
    for job, n, style, median, mib, floor, peer in rows:
        ratio = f"{median / floor:.2f}" if floor and not job.startswith("cat") else "1.00" if job.startswith("cat") else "n/a"
        peer_ratio = f"{median / peer:.3f}" if peer else ("n/a" if job.startswith("adr ") and "number-field" in job else "")
        lines.append(f"| `{job}` | {n} | {style} | {median:.1f} | {'' if mib is None else f'{mib:.1f}'} | {ratio} | {peer_ratio} |")
    return "\n".join(lines)


def budget_report(rows, sizes):
    n = max([size for size in sizes if size < HUGE] or sizes)
    out = [f"Budgets at N={n} (madr4):"]
    by = {(job, size, style): (median, mib, floor) for job, size, style, median, mib, floor, _ in rows}
    for job, (max_ratio, max_mib) in BUDGETS.items():
        if (job, n, "madr4") not in by:
            continue
        median, mib, floor = by[(job, n, "madr4")]
        floor_name = "the floor"
        # A render's floor is reading the records and writing its site (the developers'
        # guide), not reading them alone.
        render_floor = by.get(("cat + cp -r site (render floor)", n, "madr4"))
        if job == "adr render (new dir)" and render_floor:
            floor = render_floor[0]
            floor_name = "its floor (`cat` + `cp -r` of the site)"
        ratio = median / floor
        time_met = ratio <= max_ratio
        mem_met = max_mib is None or (mib is not None and mib < max_mib)
        met = time_met and mem_met
        # Time and memory are judged apart, so a row says which of the two is missing.
        verdict = "met" if met else ("NOT met: " + " and ".join(
            part for part, ok in [("time", time_met), ("memory", mem_met)] if not ok))
        mem = f", {mib:.1f} MiB (budget < {max_mib})" if max_mib else ""
        out.append(f"- `{job}`: {ratio:.2f}× {floor_name} (budget ≤ {max_ratio}){mem}: {verdict}")
    if ("adr new", n, "madr4") in by:
        median = by[("adr new", n, "madr4")][0]
        out.append(f"- `adr new`: {median:.1f} ms (budget < {NEW_BUDGET_MS} ms): {'met' if median < NEW_BUDGET_MS else 'NOT met'}")
    if 1000 in sizes and n == 10000:
        for job in ["adr lint", "adr list --format json", "adr index", "adr render (new dir)", "adr render (unchanged)", "adr render (one changed)"]:
            if (job, 1000, "madr4") in by and (job, 10000, "madr4") in by:
                growth = by[(job, 10000, "madr4")][0] / by[(job, 1000, "madr4")][0]
                out.append(f"- growth of `{job}` from 1,000 to 10,000: {growth:.1f}× (budget ≤ {GROWTH_BUDGET}): {'met' if growth <= GROWTH_BUDGET else 'NOT met'}")
    out.extend(scale_report(rows, sizes))
    return "\n".join(out)


def scale_report(rows, sizes):
    """The budgets of issue 19: peak memory at 10,000 and 99,999 records, the render against
    its own floor, the one-record re-render in milliseconds and lint against `cat`."""
    by = {(job, size): (median, mib, floor) for job, size, style, median, mib, floor, _ in rows if style == "madr4"}
    out = []
    for n, limit in [(10000, TEN_K_MIB), (HUGE, HUGE_MIB)]:
        if n not in sizes:
            continue
        out.append(f"Budgets of issue 19 at N={n:,} (madr4):")
        for (job, size), (median, mib, floor) in by.items():
            if size != n or mib is None or not job.startswith("adr ") or job == "adr new" or "[" in job:
                continue
            cap = TEN_K_RENDER_MIB if n == 10000 and job.startswith("adr render") else limit
            out.append(f"- `{job}`: {mib:.1f} MiB peak (budget < {cap}): {'met' if mib < cap else 'NOT met'}")
        if ("adr render (new dir) ÷ render floor", n) in by:
            median, _, floor = by[("adr render (new dir) ÷ render floor", n)]
            out.append(f"- `adr render (new dir)`: {median / floor:.2f}× its floor, `cat` + `cp -r` of the site (budget ≤ 1.5): {'met' if median / floor <= 1.5 else 'NOT met'}")
        for job in ["adr render (one changed)", "adr render (one changed, new link)"]:
            if (job, n) in by:
                median = by[(job, n)][0]
                cap = 150 if n == 10000 else 500
                out.append(f"- `{job}`: {median:.0f} ms (budget < {cap} ms): {'met' if median < cap else 'NOT met'}")
        if n == HUGE and ("adr lint", n) in by:
            median, _, floor = by[("adr lint", n)]
            out.append(f"- `adr lint`: {median / floor:.2f}× `cat` (budget ≤ 2.5): {'met' if median / floor <= 2.5 else 'NOT met'}")
    return out


if __name__ == "__main__":
    main()
