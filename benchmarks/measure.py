"""Run a command and measure its whole process tree: wall time, CPU (user + sys of the command and
every process it started and waited for, kernels included) and peak resident memory of the tree.

The CPU comes from the operating system's accounting of reaped children (``RUSAGE_CHILDREN``), so it is
exact; the peak memory is the largest sum of the resident sizes of the command and its descendants,
sampled every ``interval`` seconds with psutil (a peak shorter than that can be missed).

    .venv/bin/python benchmarks/measure.py -- .venv/bin/lkjip build DATASET --format html,pdf
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass


@dataclass
class Measure:
    wall_s: float
    cpu_s: float
    peak_tree_rss_mb: float
    returncode: int


def measure(cmd: list[str], interval: float = 0.1, **popen) -> Measure:
    """Run ``cmd`` to its end; its wall time, tree CPU time and peak tree resident memory."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **popen)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        with contextlib.suppress(psutil.Error):  # the command ended meanwhile
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a process that ended meanwhile
                    total += p.memory_info().rss
        peak = max(peak, total)
        time.sleep(interval)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measure(wall, cpu, peak / 2**20, proc.returncode)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--interval", type=float, default=0.1)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("no command")
    m = measure(cmd, args.interval, stdout=subprocess.DEVNULL)
    print(json.dumps(asdict(m)))
    sys.exit(m.returncode)


if __name__ == "__main__":
    main()
