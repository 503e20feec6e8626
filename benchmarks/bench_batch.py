"""Benchmark `lkjip batch` + `lkjip rekap`: 40 agency-years on 1 and 2 workers and a Dask cluster.

The datasets are generated variants of the embedded one (:mod:`lkjipkit.rekap.generate`:
another slug and name, budget scaled, realisations varied), so every report is a real build. For each
worker count the batch runs in a fresh process (``lkjip batch ... --force``),
timed from outside; peak memory is the largest resident set of the whole
process tree, sampled every 0.2 s. The Dask run starts a local cluster of two
worker processes (one thread each, non-daemonic so each report still runs in its
own process) in this process and passes ``--scheduler``; its memory adds the
workers' trees. After each batch, ``lkjip rekap`` (``--format html``) reads what
the batch wrote, timed as its own process. Then the same batch is rerun
unchanged, which must skip everything.

``--warm-vs-fresh`` compares instead, side by side in one run, a batch whose workers keep their warm
kernels from one report to the next (``batch.run(keep_kernels=True)``, what ``lkjip batch`` does) with
one where every report starts a process and kernels of its own (``keep_kernels=False``), on 1 and 2
workers; the four batches alternate (the order reversed every other round), each a fresh process, and
the table gives each batch's wall time and the median of its reports' own seconds.

Usage::

    .venv/bin/python benchmarks/bench_batch.py [--reports 40] [--format html] [--repeat 1] [--no-dask]
    .venv/bin/python benchmarks/bench_batch.py --reports 8 --no-dask --warm-vs-fresh

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
                # children started by any thread of the process, not only its main thread
                for task in Path(f"/proc/{p}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, StopIteration):
                continue
        peak = max(peak, total)
        stop.wait(0.2)
    result.append(peak / 1024)


def timed(cmd: list[str], also: tuple[int, ...] = ()) -> tuple[float, float, str]:
    """Wall seconds, peak MB of the command's tree plus the trees of ``also``, its last line."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop, peaks = threading.Event(), []
    samplers = [threading.Thread(target=peak_rss_mb, args=(pid, stop, peaks)) for pid in (proc.pid, *also)]
    for sampler in samplers:
        sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    for sampler in samplers:
        sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{cmd[1]} failed:\n{output}")
    # the samplers peak separately; their sum bounds the joint peak from above
    return seconds, sum(peaks), output.strip().splitlines()[-1]


def run_batch(
    datasets: list[Path], out: Path, jobs: int, fmt: str, force: bool, scheduler: str | None = None, also=()
) -> tuple[float, float, str]:
    cmd = [str(LKJIP), "batch", *map(str, datasets), "--year", "2016", "--jobs", str(jobs)]
    cmd += ["--out-root", str(out), "--format", fmt] + (["--force"] if force else [])
    cmd += ["--scheduler", scheduler] if scheduler else []
    return timed(cmd, also)


def run_rekap(datasets: list[Path], out: Path) -> tuple[float, float, str]:
    return timed([str(LKJIP), "rekap", str(out), *map(str, datasets), "--year", "2016", "--format", "html"])


def dask_cluster():
    """A local cluster of two single-threaded worker processes that may start processes of their own."""
    import dask
    from distributed import LocalCluster

    dask.config.set({"distributed.worker.daemon": False})
    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)


def worker_pids(cluster) -> tuple[int, ...]:
    return tuple(w.process.pid for w in cluster.workers.values() if getattr(w, "process", None) and w.process.pid)


_KEEP = """\
import json, sys
from pathlib import Path
from lkjipkit.publish.batch import plan, run
datasets, out, jobs, fmt, keep = json.loads(sys.argv[1])
summary = run(plan(datasets, [2016], Path(out), fmt), workers=jobs, formats=fmt, force=True, progress=False,
              keep_kernels=keep)
print(json.dumps({"built": summary.count("built"), "seconds": [o.seconds for o in summary.outcomes]}))
"""


def warm_vs_fresh(datasets: list[Path], out: Path, fmt: str, repeat: int) -> None:
    """Batches with and without warm kernels kept across reports, on 1 and 2 workers, alternated."""
    import json

    modes = [(jobs, keep) for jobs in (1, 2) for keep in (True, False)]
    walls: dict[tuple[int, bool], list[float]] = {m: [] for m in modes}
    per_report: dict[tuple[int, bool], list[float]] = {m: [] for m in modes}
    for round_ in range(repeat):
        for jobs, keep in modes if round_ % 2 == 0 else modes[::-1]:
            args = json.dumps([[str(d) for d in datasets], str(out), jobs, fmt, keep])
            seconds, _, last = timed([sys.executable, "-c", _KEEP, args])
            result = json.loads(last)
            if result["built"] != len(datasets):
                sys.exit(f"only {result['built']} of {len(datasets)} built: {last}")
            walls[jobs, keep].append(seconds)
            per_report[jobs, keep] += result["seconds"]
            print(f"round {round_ + 1}: {jobs} worker(s), keep_kernels={keep}: {seconds:.1f} s", file=sys.stderr)
    print("| workers | kernels | batch (s) | per report, wall / reports (s) | a report's own time, median (s) |")
    print("|---|---|---|---|---|")
    for jobs, keep in modes:
        wall = statistics.median(walls[jobs, keep])
        kind = "kept across reports" if keep else "started per report"
        own = statistics.median(per_report[jobs, keep])
        print(f"| {jobs} | {kind} | {wall:.1f} | {wall / len(datasets):.2f} | {own:.1f} |")
    for keep in (True, False):
        one, two = statistics.median(walls[1, keep]), statistics.median(walls[2, keep])
        print(f"\nkeep_kernels={keep}: 2 workers vs 1: {one / two:.2f}x", end="")
    for jobs in (1, 2):
        warm, fresh = statistics.median(walls[jobs, True]), statistics.median(walls[jobs, False])
        print(f"\n{jobs} worker(s): kept kernels vs started per report: {fresh / warm:.2f}x", end="")
    print()


def main() -> None:
    from lkjipkit.publish.formats import FORMATS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=40)
    ap.add_argument("--format", default="html", help=f"as lkjip batch --format: comma-separated {', '.join(FORMATS)}")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count (median reported)")
    ap.add_argument("--no-dask", action="store_true", help="skip the run on a local Dask cluster")
    ap.add_argument("--warm-vs-fresh", action="store_true", help="kernels kept across reports vs per report")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        tmp = Path(tmp)
        datasets = [make_variant(tmp / "data", i) for i in range(args.reports)]
        if args.warm_vs_fresh:
            return warm_vs_fresh(datasets, tmp / "out", args.format, args.repeat)
        results = {}
        modes = ["1 worker", "2 workers"] + ([] if args.no_dask else ["Dask, 2 workers"])
        for mode in modes:
            runs = []
            for _ in range(args.repeat):
                if mode.startswith("Dask"):
                    with dask_cluster() as cluster:
                        batch = run_batch(
                            datasets, tmp / "out", 2, args.format, True, cluster.scheduler_address, worker_pids(cluster)
                        )
                else:
                    batch = run_batch(datasets, tmp / "out", int(mode[0]), args.format, force=True)
                runs.append((batch, run_rekap(datasets, tmp / "out")))
            results[mode] = (
                statistics.median(b[0] for b, _ in runs),
                max(b[1] for b, _ in runs),
                runs[-1][0][2],
                statistics.median(r[0] for _, r in runs),
            )
        rerun = statistics.median(run_batch(datasets, tmp / "out", 2, args.format, force=False)[0] for _ in range(3))
    one = results["1 worker"][0]
    print("| workers | batch (s) | per report (s) | peak memory (MB) | recap (s) | batch + recap (s) | summary |")
    print("|---|---|---|---|---|---|---|")
    for mode, (seconds, peak, summary, rekap) in results.items():
        row = f"{seconds:.1f} | {seconds / args.reports:.2f} | {peak:.0f} | {rekap:.1f} | {seconds + rekap:.1f}"
        print(f"| {mode} | {row} | {summary} |")
    speedups = ", ".join(f"{mode} {one / r[0]:.2f}x" for mode, r in results.items() if mode != "1 worker")
    print(
        f"\nspeed-up of the batch over 1 worker: {speedups}; unchanged rerun of {args.reports} reports: {rerun:.2f} s"
    )


if __name__ == "__main__":
    main()
