"""Benchmark `lkjip batch`: 40 agency-years with 1 and 2 workers, and the unchanged rerun.

The datasets are generated variants of the embedded one (:mod:`lkjipkit.rekap.generate`:
another slug and name, budget scaled, realisations varied), so every report is a real build. For each
worker count the batch runs in a fresh process (``lkjip batch ... --force``),
timed from outside; peak memory is the largest resident set of the whole
process tree, sampled every 0.2 s. Then the same batch is rerun unchanged,
which must skip everything.

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--reports 40] [--format html] [--repeat 1]

Figures are printed as a Markdown table to paste into docs/batch.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "balikpapan-disnakersos"
LKJIP = Path(sys.executable).parent / "lkjip"


def make_variant(out: Path, n: int) -> Path:
    """Agency ``n`` of :func:`lkjipkit.rekap.generate.make_agency` from the seed dataset (never the broken one)."""
    from lkjipkit.rekap.generate import make_agency

    return make_agency(SEED, out, n).path


def peak_rss_mb(pid: int, stop: threading.Event, result: list[float]) -> None:
    """Largest total RSS of a process and its descendants (Linux /proc), in MB."""
    peak = 0
    while not stop.is_set():
        total = 0
        todo, seen = [pid], set()
        while todo:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            try:
                status = Path(f"/proc/{p}/status").read_text()
                total += int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS:")))
                children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
                todo += [int(c) for c in children]
            except (OSError, StopIteration):
                continue
        peak = max(peak, total)
        stop.wait(0.2)
    result.append(peak / 1024)


def run_batch(datasets: list[Path], out: Path, jobs: int, fmt: str, force: bool) -> tuple[float, float, str]:
    cmd = [str(LKJIP), "batch", *map(str, datasets), "--year", "2016", "--jobs", str(jobs)]
    cmd += ["--out-root", str(out), "--format", fmt] + (["--force"] if force else [])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=peak_rss_mb, args=(proc.pid, stop, peak))
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"batch failed:\n{output}")
    return seconds, peak[0], output.strip().splitlines()[-1]


def main() -> None:
    from lkjipkit.publish.formats import FORMATS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=40)
    ap.add_argument("--format", default="html", help=f"as lkjip batch --format: comma-separated {', '.join(FORMATS)}")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count (median reported)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        tmp = Path(tmp)
        datasets = [make_variant(tmp / "data", i) for i in range(args.reports)]
        results = {}
        for jobs in (1, 2):
            runs = [run_batch(datasets, tmp / "out", jobs, args.format, force=True) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            results[jobs] = (seconds, max(r[1] for r in runs), runs[-1][2])
        rerun = statistics.median(run_batch(datasets, tmp / "out", 2, args.format, force=False)[0] for _ in range(3))
    one, two = results[1][0], results[2][0]
    print("| workers | total (s) | per report (s) | peak memory (MB) | summary |")
    print("|---|---|---|---|---|")
    for jobs, (seconds, peak, summary) in results.items():
        print(f"| {jobs} | {seconds:.1f} | {seconds / args.reports:.2f} | {peak:.0f} | {summary} |")
    print(f"\nspeed-up with 2 workers: {one / two:.2f}x; unchanged rerun of {args.reports} reports: {rerun:.2f} s")


if __name__ == "__main__":
    main()
