"""Where WeasyPrint spends its time on a built report page: a cProfile run of ``html_to_pdf``'s work,
summed into the parts that matter (cascade, boxes, table column sizing, line breaking, figures, hatch
patterns, PDF output).

The parts overlap (line breaking happens inside table sizing and inside layout), so they do not add up to
the total; cProfile slows Python down about four times (C code such as Pango's shaping not at all), so the
shares are what to read. The time Python's cyclic garbage collector takes is measured beside it (it is
paused while ``html_to_pdf`` renders; ``--gc`` leaves it running, as before).

``--time N`` times ``html_to_pdf`` itself, without cProfile: N runs each with the collector paused (as the
build does) and running (as before), alternated, each in a fresh process, CPU seconds; the medians.

    .venv/bin/lkjip build data/balikpapan-disnakersos --year 2016 --format html --out /tmp/r
    .venv/bin/python benchmarks/profile_pdf.py /tmp/r/laporan.html
    .venv/bin/python benchmarks/profile_pdf.py /tmp/r/laporan.html --time 5
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import logging
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: The parts: a label and the WeasyPrint functions (file suffix, name) whose cumulative time it is.
PARTS = (
    ("CSS cascade (selector matching, computed styles)", ("css/__init__.py", "get_all_computed_styles")),
    ("boxes (formatting structure)", ("formatting_structure/build.py", "build_formatting_structure")),
    ("page layout, all of it", ("layout/__init__.py", "layout_document")),
    ("  automatic table column sizing", ("layout/table.py", "auto_table_layout")),
    ("  table rows and cells", ("layout/table.py", "group_layout")),
    ("  line breaking (Pango), everywhere", ("text/line_break.py", "split_first_line")),
    ("drawing the pages", ("draw/__init__.py", "draw_page")),
    ("  figures (SVG)", ("svg/__init__.py", "draw")),
    ("    of which hatch patterns", ("svg/defs.py", "draw_pattern")),
    ("    of which text in figures", ("svg/text.py", "text")),
    ("  text of the page", ("draw/text.py", "draw_text")),
    ("writing the PDF (the drawing above included)", ("pdf/__init__.py", "generate_pdf")),
)


def profile(html: str, *, gc_running: bool = False) -> tuple[float, int, pstats.Stats, float]:
    """Render ``html`` as the build does, under cProfile: CPU seconds, pages, the statistics, and the CPU
    seconds of the cyclic garbage collector (paused as in ``html_to_pdf`` unless ``gc_running``)."""
    import weasyprint

    from lkjipkit.publish.pdf import _cyclic_gc_paused, _fetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    collecting = [0.0, 0.0]  # the start of the current collection, the sum

    def on_gc(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting[0] = time.process_time()
        else:
            collecting[1] += time.process_time() - collecting[0]

    prof = cProfile.Profile(time.process_time)  # CPU time: the machine may be busy
    gc.callbacks.append(on_gc)
    start = time.process_time()
    try:
        with contextlib.nullcontext() if gc_running else _cyclic_gc_paused():
            prof.enable()
            doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=_fetcher(), media_type="print").render()
            doc.write_pdf()
            prof.disable()
        cpu = time.process_time() - start
    finally:
        gc.callbacks.remove(on_gc)
    return cpu, len(doc.pages), pstats.Stats(prof), collecting[1]


def time_once(html_file: Path, gc_running: bool) -> float:
    """CPU seconds of one ``html_to_pdf`` of the page in this process (the collector running or paused)."""
    from lkjipkit.publish import pdf

    html = html_file.read_text(encoding="utf-8")
    if gc_running:  # as before the pause: the collector runs all through the rendering
        pdf._cyclic_gc_paused = contextlib.nullcontext  # type: ignore[assignment]
    start = time.process_time()
    pdf.html_to_pdf(html)
    return time.process_time() - start


def time_alternated(html_file: Path, runs: int) -> dict[str, list[float]]:
    """``runs`` timings each of ``html_to_pdf`` with the collector paused and running, alternated, each in
    a fresh process (a process renders once, as a build does)."""
    out: dict[str, list[float]] = {"paused": [], "running": []}
    for _ in range(runs):
        for mode in out:
            cmd = [sys.executable, __file__, str(html_file), "--once", mode]
            out[mode].append(float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
    return out


def breakdown(stats: pstats.Stats) -> list[tuple[str, float]]:
    """(label, cumulative seconds) of every part of :data:`PARTS`."""
    out = []
    for label, (suffix, name) in PARTS:
        cum = sum(
            v[3]
            for (file, _line, func), v in stats.stats.items()  # type: ignore[attr-defined]
            if func == name and file.replace("\\", "/").endswith(suffix)
        )
        out.append((label, cum))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("html", type=Path, help="a built laporan.html")
    ap.add_argument("--top", type=int, default=0, help="also print the N functions of most own time")
    ap.add_argument("--gc", action="store_true", help="leave the cyclic garbage collector running (as before)")
    ap.add_argument("--time", type=int, default=0, metavar="N", help="time html_to_pdf N times each way instead")
    ap.add_argument("--once", choices=("paused", "running"), help=argparse.SUPPRESS)  # one run of --time
    args = ap.parse_args()
    if args.once:
        print(time_once(args.html, args.once == "running"))
        return
    if args.time:
        for mode, cpus in time_alternated(args.html, args.time).items():
            runs = " ".join(f"{c:.2f}" for c in cpus)
            print(f"html_to_pdf, collector {mode:<7}: median {statistics.median(cpus):5.2f} s CPU  ({runs})")
        return
    cpu, pages, stats, collecting = profile(args.html.read_text(encoding="utf-8"), gc_running=args.gc)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{pages} pages, {cpu:.1f} s CPU under cProfile ({total:.1f} s profiled: the shares below are of this)")
    for label, cum in breakdown(stats):
        print(f"{label:<52} {cum:6.1f} s  {cum / total:4.0%}")
    print(f"{'cyclic garbage collection (outside the profile)':<52} {collecting:6.1f} s")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
