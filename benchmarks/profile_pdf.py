"""Where WeasyPrint spends its time on a built report page: a cProfile run of ``html_to_pdf``'s work,
summed into the parts that matter (cascade, boxes, table column sizing, line breaking, figures, hatch
patterns, PDF output).

The parts overlap (line breaking happens inside table sizing and inside layout), so they do not add up to
the total; cProfile slows Python down about twice, evenly, so the shares are what to read.

    .venv/bin/lkjip build data/balikpapan-disnakersos --year 2016 --format html --out /tmp/r
    .venv/bin/python benchmarks/profile_pdf.py /tmp/r/laporan.html
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
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


def profile(html: str) -> tuple[float, int, pstats.Stats]:
    """Render ``html`` as the build does, under cProfile: CPU seconds, pages, the statistics."""
    import weasyprint

    from lkjipkit.publish.pdf import _fetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    prof = cProfile.Profile(time.process_time)  # CPU time: the machine may be busy
    start = time.process_time()
    prof.enable()
    doc = weasyprint.HTML(string=html, base_url=None, url_fetcher=_fetcher(), media_type="print").render()
    doc.write_pdf()
    prof.disable()
    return time.process_time() - start, len(doc.pages), pstats.Stats(prof)


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
    args = ap.parse_args()
    cpu, pages, stats = profile(args.html.read_text(encoding="utf-8"))
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"{pages} pages, {cpu:.1f} s CPU under cProfile ({total:.1f} s profiled: the shares below are of this)")
    for label, cum in breakdown(stats):
        print(f"{label:<52} {cum:6.1f} s  {cum / total:4.0%}")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
