"""The floor of a build: one plain Python process that loads the dataset once, analyses the year once and
makes the same six chapters with the same library calls, without Jupyter.

Each chapter notebook's code cells run in turn in one namespace per chapter (the parameters cell replaced
by the build's values), ``display`` collecting each piece's HTML; the notebooks are read as the JSON they are
(not with nbformat, whose import compiles the grammars of jsonschema's optional "iri" format checker, about
3 s of CPU that the library's own work does not need); ``open_chapter`` receives the loaded
dataset, the analysis and the review findings through the build's own hand-over
(:mod:`lkjipkit.report.handover`). The chapters' HTML is written, one file, without the page around it.

    .venv/bin/python benchmarks/floor.py DATASET --year 2016 --out /tmp/floor.html
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def floor(dataset: Path, year: int, out: Path) -> dict[str, float]:
    from lkjipkit import config
    from lkjipkit.analysis import analyse
    from lkjipkit.dataset import load_dataset
    from lkjipkit.publish.chapters import find_chapters
    from lkjipkit.report import handover
    from lkjipkit.review import review

    seconds: dict[str, float] = {}
    t = time.perf_counter()
    ds = load_dataset(dataset)
    analysis = analyse(ds, year)
    findings = review(ds, year, analysis=analysis)
    seconds["load, analyse, review"] = time.perf_counter() - t
    folder = handover.folder()
    try:
        os.environ.update(handover.hand_over(folder.name, dataset, analysis, findings))
        parts: list[str] = []
        for chapter in find_chapters(config.notebooks_dir()):
            t = time.perf_counter()
            cells = json.loads(chapter.path.read_text(encoding="utf-8"))["cells"]
            ns: dict = {"display": lambda obj: parts.append(obj._repr_html_())}
            for cell in cells:
                if cell["cell_type"] != "code":
                    continue
                code = "".join(cell["source"])
                if "parameters" in cell.get("metadata", {}).get("tags", []):
                    code = f"dataset = {str(dataset)!r}\nyear = {year}\nstatus = 'draft'"
                code = code.replace("from IPython.display import display", "")
                exec(compile(code, f"{chapter.name}.ipynb", "exec"), ns)  # noqa: S102 - the project's notebooks
            seconds[chapter.name] = time.perf_counter() - t
    finally:
        folder.cleanup()
    out.write_text("\n".join(parts), encoding="utf-8")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    for name, s in floor(args.dataset.resolve(), args.year, args.out).items():
        print(f"{name:<30} {s:6.2f} s")


if __name__ == "__main__":
    main()
