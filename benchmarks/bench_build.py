"""Time ``lkjip build --format html`` against the naive pipeline on a dataset (default: the seed's).

The naive pipeline is what one would type without lkjipkit's builder: for each
chapter notebook, in order, the ``papermill`` command (inject the parameters,
execute) and then ``jupyter nbconvert --to html --no-input``. Both run as
commands, from a cold process, the way a user runs them.

The two are alternated (A B, then B A, ...) so that a change in machine load
hits both alike; each is run once untimed first (disk caches, ``.pyc`` files),
then ``--runs`` times; the median is reported, with min and max.

    .venv/bin/python benchmarks/bench_build.py            # seed dataset, 5 runs each
    .venv/bin/python benchmarks/bench_build.py --runs 7 --json benchmarks/last.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _run(cmd: list[str], cwd: Path) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def naive(dataset: Path, year: int, notebooks: list[Path], work: Path) -> float:
    """papermill, then jupyter nbconvert --to html --no-input, for each chapter in turn."""
    out = work / "naive"
    out.mkdir()
    start = time.perf_counter()
    for nb in notebooks:
        executed = out / nb.name
        _run(
            [str(BIN / "papermill"), str(nb), str(executed), "-p", "dataset", str(dataset), "-p", "year", str(year)],
            work,
        )
        _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], work)
    return time.perf_counter() - start


def lkjip(dataset: Path, year: int, notebooks: list[Path], work: Path) -> float:
    """lkjip build DATASET --year Y --format html (one command, every chapter)."""
    start = time.perf_counter()
    _run([str(BIN / "lkjip"), "build", str(dataset), "--year", str(year), "--format", "html", "--out", "out"], work)
    return time.perf_counter() - start


def lkjip_fresh(dataset: Path, year: int, notebooks: list[Path], work: Path) -> float:
    """The builder with a fresh kernel per chapter (reuse_kernels=False), to show what warm kernels save."""
    code = (
        "from lkjipkit.publish import build_report; "
        f"build_report({str(dataset)!r}, {year}, 'out', formats='html', progress=False, reuse_kernels=False)"
    )
    start = time.perf_counter()
    _run([sys.executable, "-c", code], work)
    return time.perf_counter() - start


def main() -> None:
    from lkjipkit import __version__, config
    from lkjipkit.publish.chapters import find_chapters

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=config.default_dataset())
    ap.add_argument("--year", type=int, default=2016)
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each pipeline (at least 5)")
    ap.add_argument("--fresh", action="store_true", help="also time the builder with a fresh kernel per chapter")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.runs < 5:
        ap.error("--runs: at least 5")
    if not (BIN / "papermill").exists() or not (BIN / "lkjip").exists():
        raise SystemExit(f"run me with the project's Python (.venv/bin/python): no papermill/lkjip in {BIN}")
    dataset = args.dataset.resolve()
    notebooks = [c.path for c in find_chapters(config.notebooks_dir())]
    pipelines = {"naive": naive, "lkjip build": lkjip}
    if args.fresh:
        pipelines["lkjip build, fresh kernels"] = lkjip_fresh
    times: dict[str, list[float]] = {name: [] for name in pipelines}

    def once(name: str) -> float:
        work = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
        try:
            return pipelines[name](dataset, args.year, notebooks, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    order = list(pipelines)
    print(f"{len(notebooks)} chapters, dataset {dataset.name}, year {args.year}; warming up ...", file=sys.stderr)
    for name in order:
        once(name)
    for i in range(args.runs):
        for name in order if i % 2 == 0 else order[::-1]:
            t = once(name)
            times[name].append(t)
            print(f"run {i + 1}/{args.runs}  {name:<28} {t:6.1f} s", file=sys.stderr)

    base = statistics.median(times["naive"])
    rows = []
    for name, ts in times.items():
        med = statistics.median(ts)
        rows.append({"pipeline": name, "median_s": med, "min_s": min(ts), "max_s": max(ts), "speedup": base / med})
    print("\n| pipeline | median (s) | min (s) | max (s) | speed-up vs naive |\n|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['pipeline']} | {r['median_s']:.1f} | {r['min_s']:.1f} | {r['max_s']:.1f} | {r['speedup']:.1f}x |")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, lkjipkit {__version__}"
    print(f"\n{len(notebooks)} chapters; {args.runs} runs each, alternated; {machine}")
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine, "chapters": len(notebooks), "runs": times, "summary": rows}, indent=2)
        )


if __name__ == "__main__":
    main()
