"""Benchmark `lkjip rekap`: the recap alone of a province of 400 agencies.

The reports are what a build writes beside its report (``tabel/``, ``reviu.json``,
``provenance.json``; :func:`lkjipkit.rekap.generate.write_build_tables`) for 40
generated agencies, each copied under ten slugs (one per city) so that 400
report folders are read; reading a copy costs what reading an original does.
Each run is a fresh ``lkjip rekap`` process (imports included), timed from
outside; the median of the runs is reported, per format set. With ``--rpjmd`` the reports
root holds the generated RPJMD mapping of the first 40 (:func:`lkjipkit.rekap.generate.write_rpjmd`),
so the recap has its RPJMD part.

Usage::

    .venv/bin/python benchmarks/bench_rekap.py [--agencies 400] [--repeat 3] [--formats html,xlsx] [--rpjmd]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lkjipkit.errors import DatasetError
from lkjipkit.rekap.generate import generate, write_build_tables, write_rpjmd

LKJIP = Path(sys.executable).parent / "lkjip"
BASE = 40


def make_reports(tmp: Path, n: int, rpjmd: bool = False) -> Path:
    root = tmp / "reports"
    originals = []
    agencies = generate(tmp / "data", min(n, BASE), seed=1)
    for a in agencies:
        try:
            originals.append(write_build_tables(a.path, tmp / "base", 2016))
        except DatasetError:
            continue  # the broken agency: no report
    for i in range(n):
        folder, copy = originals[i % len(originals)], i // len(originals)
        slug = folder.parent.name + (f"-{copy}" if copy else "")
        shutil.copytree(folder, root / slug / "2016")
    if rpjmd:
        write_rpjmd(agencies, root / "rpjmd.csv", seed=1)
    return root


def run(root: Path, out: Path, formats: str) -> tuple[float, str]:
    cmd = [str(LKJIP), "rekap", str(root), "--year", "2016", "--out", str(out), "--format", formats]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"rekap failed:\n{proc.stdout}{proc.stderr}")
    return seconds, proc.stdout.splitlines()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agencies", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3, help="runs per format set (median reported)")
    ap.add_argument(
        "--formats",
        default="html;xlsx;html,pdf,xlsx",
        help="format sets to time, separated by ';' (default: %(default)s)",
    )
    ap.add_argument("--rpjmd", action="store_true", help="with the generated RPJMD mapping in the reports root")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-rekap-") as tmp:
        tmp = Path(tmp)
        root = make_reports(tmp, args.agencies, args.rpjmd)
        n = sum(1 for _ in root.glob("*/2016"))
        print("| formats | agencies | median (s) | runs (s) |\n|---|---|---|---|")
        for formats in args.formats.split(";"):
            runs = [run(root, tmp / "out", formats)[0] for _ in range(args.repeat)]
            shown = ", ".join(f"{s:.1f}" for s in runs)
            print(f"| {formats} | {n} | {statistics.median(runs):.1f} | {shown} |")


if __name__ == "__main__":
    main()
