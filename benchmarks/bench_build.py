"""Time ``lkjip build`` against the naive pipeline and the floor on a dataset (default: the seed's).

The naive pipeline is what one would type without lkjipkit's builder: for each
chapter notebook, in order, the ``papermill`` command (inject the parameters,
execute) and then ``jupyter nbconvert --to html --no-input``. The floor
(``benchmarks/floor.py``) is one plain Python process that loads the dataset
once, analyses the year once and makes the same six chapters with the same
library calls. Then ``lkjip build --format html``, ``html,pdf`` (the PDF on top),
``html,docx`` (the Word document on top) and ``html,pdf,docx`` (all three, what ``make report`` builds); the
``-inline`` ones are the same builds with the PDF printed in the builder itself instead of in a process of its
own (docs/build.md, "The PDF in a process of its own"); and ``lkjip-launched``: the HTML
build with its warm kernels launched as new processes instead of forked from the
zygote (what a system without ``fork`` gets; docs/build.md, "Forked kernels").
All run as commands, from a cold process, the way a user runs them.

Every run is measured over its whole process tree (``benchmarks/measure.py``:
wall, CPU of the command and all it started, kernels included, and peak
resident memory). The pipelines are alternated (forwards, then backwards, ...)
so that a change in machine load hits all alike; each is run once untimed
first (disk caches, ``.pyc`` files), then ``--repeat`` times; medians are
reported, with the ratios to the naive pipeline (wall) and to the floor (CPU).
On a shared machine the CPU ratios are the steadier figures.

The commands run with Python's default of writing ``.pyc`` files (``PYTHONDONTWRITEBYTECODE`` is removed
from their environment, as it is unset on a user's machine): with it set, as on some build machines,
nothing compiles lkjipkit's editable sources once, and every process (the builder and each kernel) pays
about 0.5 s of CPU compiling them again.

    .venv/bin/python benchmarks/bench_build.py            # seed dataset, 5 runs each
    .venv/bin/python benchmarks/bench_build.py --repeat 7 --json benchmarks/last.json
    .venv/bin/python benchmarks/bench_build.py --only lkjip,floor --dataset /tmp/x50   # a subset
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
from pathlib import Path

from measure import Measure, measure

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


#: The environment of the measured commands: the caller's, writing ``.pyc`` files as a user's machine does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cmd: list[str], cwd: Path) -> Measure:
    m = measure(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if m.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return m


def _sum(measures: list[Measure]) -> Measure:
    return Measure(
        sum(m.wall_s for m in measures),
        sum(m.cpu_s for m in measures),
        max(m.peak_tree_rss_mb for m in measures),
        0,
    )


def naive(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
    """papermill, then jupyter nbconvert --to html --no-input, for each chapter in turn."""
    out = work / "naive"
    out.mkdir()
    done = []
    for nb in notebooks:
        executed = out / nb.name
        papermill = [str(BIN / "papermill"), str(nb), str(executed), "-p", "dataset", str(dataset)]
        done.append(_run([*papermill, "-p", "year", str(year)], work))
        done.append(_run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], work))
    return _sum(done)


def floor(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
    """One plain Python process: load once, analyse once, the same six chapters (benchmarks/floor.py)."""
    return _run([sys.executable, str(HERE / "floor.py"), str(dataset), "--year", str(year), "--out", "f.html"], work)


def _build(formats: str):
    def build(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
        cmd = [str(BIN / "lkjip"), "build", str(dataset), "--year", str(year), "--format", formats, "--out", "out"]
        return _run(cmd, work)

    build.__doc__ = f"lkjip build DATASET --year Y --format {formats} (one command, every chapter)."
    return build


def lkjip_fresh(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
    """The builder with a fresh kernel per chapter (reuse_kernels=False), to show what warm kernels save."""
    code = (
        "from lkjipkit.publish import build_report; "
        f"build_report({str(dataset)!r}, {year}, 'out', formats='html', progress=False, reuse_kernels=False)"
    )
    return _run([sys.executable, "-c", code], work)


def lkjip_launched(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
    """``lkjip build --format html`` with its warm kernels launched as new processes instead of forked from
    the zygote (as on a system without fork), to show what forking saves."""
    code = (
        "import sys; from lkjipkit.publish import forked; forked.supported = lambda: False; "
        "from lkjipkit.cli import main; "
        f"sys.argv = ['lkjip', 'build', {str(dataset)!r}, '--year', '{year}', '--format', 'html', '--out', 'out']; "
        "main()"
    )
    return _run([sys.executable, "-c", code], work)


def _pdf_inline(formats: str):
    def build(dataset: Path, year: int, notebooks: list[Path], work: Path) -> Measure:
        code = (
            "import sys, dataclasses; from lkjipkit.publish.formats import FORMATS; "
            "FORMATS['pdf'] = dataclasses.replace(FORMATS['pdf'], beside=None); "
            "from lkjipkit.cli import main; "
            f"sys.argv = ['lkjip', 'build', {str(dataset)!r}, '--year', '{year}', '--format', {formats!r}, "
            "'--out', 'out']; main()"
        )
        return _run([sys.executable, "-c", code], work)

    build.__doc__ = (
        f"lkjip build DATASET --year Y --format {formats} with the PDF printed in the builder itself, after the "
        "formats before it and before those after it (as before it had a process of its own)."
    )
    return build


PIPELINES = {
    "naive": naive,
    "floor": floor,
    "lkjip": _build("html"),
    "lkjip+pdf": _build("html,pdf"),
    "lkjip+docx": _build("html,docx"),
    "lkjip+pdf+docx": _build("html,pdf,docx"),
    "lkjip+pdf-inline": _pdf_inline("html,pdf"),
    "lkjip+pdf+docx-inline": _pdf_inline("html,pdf,docx"),
    "lkjip-launched": lkjip_launched,
}


def main() -> None:
    from lkjipkit import __version__, config
    from lkjipkit.publish.chapters import find_chapters

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=config.default_dataset())
    ap.add_argument("--year", type=int, default=2016)
    ap.add_argument("--repeat", "--runs", type=int, default=5, dest="runs", help="timed runs of each (at least 5)")
    ap.add_argument("--only", default=",".join(PIPELINES), help=f"pipelines, comma-separated: {', '.join(PIPELINES)}")
    ap.add_argument("--fresh", action="store_true", help="also time the builder with a fresh kernel per chapter")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.runs < 5:
        ap.error("--repeat: at least 5")
    if not (BIN / "papermill").exists() or not (BIN / "lkjip").exists():
        raise SystemExit(f"run me with the project's Python (.venv/bin/python): no papermill/lkjip in {BIN}")
    dataset = args.dataset.resolve()
    notebooks = [c.path for c in find_chapters(config.notebooks_dir())]
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(PIPELINES))
    if unknown:
        ap.error(f"--only: unknown {', '.join(unknown)}")
    pipelines = {name: PIPELINES[name] for name in names}
    if args.fresh:
        pipelines["lkjip, fresh kernels"] = lkjip_fresh
    times: dict[str, list[Measure]] = {name: [] for name in pipelines}

    def once(name: str) -> Measure:
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
            m = once(name)
            times[name].append(m)
            print(f"run {i + 1}/{args.runs}  {name:<22} {m.wall_s:6.1f} s wall {m.cpu_s:6.1f} s CPU", file=sys.stderr)

    def med(name: str, key: str) -> float | None:
        return statistics.median(getattr(m, key) for m in times[name]) if name in times else None

    naive_wall, floor_cpu = med("naive", "wall_s"), med("floor", "cpu_s")
    rows = []
    for name in times:
        wall, cpu = med(name, "wall_s"), med(name, "cpu_s")
        rows.append(
            {
                "pipeline": name,
                "wall_s": wall,
                "wall_min_s": min(m.wall_s for m in times[name]),
                "wall_max_s": max(m.wall_s for m in times[name]),
                "cpu_s": cpu,
                "peak_tree_rss_mb": med(name, "peak_tree_rss_mb"),
                "speedup_wall_vs_naive": naive_wall / wall if naive_wall else None,
                "cpu_vs_floor": cpu / floor_cpu if floor_cpu else None,
            }
        )

    def x(v):
        return "" if v is None else f"{v:.2f}x"

    print("\n| pipeline | wall (s) | min–max (s) | CPU (s) | peak tree RSS (MB) | vs naive (wall) | vs floor (CPU) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['pipeline']} | {r['wall_s']:.1f} | {r['wall_min_s']:.1f}–{r['wall_max_s']:.1f} | {r['cpu_s']:.1f} "
            f"| {r['peak_tree_rss_mb']:.0f} | {x(r['speedup_wall_vs_naive'])} | {x(r['cpu_vs_floor'])} |"
        )
    for base, on_top in (("lkjip", "lkjip+pdf"), ("lkjip", "lkjip+docx")):
        if base in times and on_top in times:
            print(
                f"{on_top} adds {med(on_top, 'wall_s') - med(base, 'wall_s'):.1f} s wall, "
                f"{med(on_top, 'cpu_s') - med(base, 'cpu_s'):.1f} s CPU to {base}"
            )
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, lkjipkit {__version__}"
    print(f"\n{len(notebooks)} chapters; {args.runs} runs each, alternated; {machine}")
    if args.json:
        runs = {name: [m.__dict__ for m in ms] for name, ms in times.items()}
        args.json.write_text(
            json.dumps({"machine": machine, "chapters": len(notebooks), "runs": runs, "summary": rows}, indent=2)
        )


if __name__ == "__main__":
    main()
