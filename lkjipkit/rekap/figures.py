"""The recap's figures, in the house style of :mod:`lkjipkit.report.figures` (its STYLE and palette).

Each function takes the recap's agency table and returns SVG text. With many
agencies (a province) a per-agency figure would be unreadable, so past
:data:`LABEL_LIMIT` agencies the scatter labels only the lowest capaian and
serapan becomes a histogram.
"""

from __future__ import annotations

import io

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lkjipkit import fmt
from lkjipkit.report.figures import ACCENT, DARK, GREY, LIGHT, STYLE, WIDTH_IN

#: Up to this many agencies every one is labelled and has its own bar.
LABEL_LIMIT = 60
#: Past the limit, the scatter labels this many agencies (the lowest mean capaian).
LABEL_LOWEST = 10


def _figure(height: float) -> Figure:
    with mpl.rc_context(STYLE):
        return Figure(figsize=(WIDTH_IN, height), layout="constrained")


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.05, metadata={"Date": None})
    return buf.getvalue()


def _percent_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.nilai(v, 0) + " %"))


def capaian_serapan(agencies: pd.DataFrame) -> str:
    """Mean capaian (y) against budget absorption (x), one labelled point per agency."""
    data = agencies.dropna(subset=["rata_rata_capaian", "serapan"])
    fig = _figure(4.6)
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        ax.axhline(100, color=GREY, linewidth=0.6, linestyle="--")
        ax.scatter(data["serapan"], data["rata_rata_capaian"], s=14, color=DARK, edgecolor="white", linewidth=0.4)
        labelled = data if len(data) <= LABEL_LIMIT else data.nsmallest(LABEL_LOWEST, "rata_rata_capaian")
        for row in labelled.itertuples():
            ax.annotate(
                row.slug, (row.serapan, row.rata_rata_capaian), xytext=(3, 2), textcoords="offset points", fontsize=5
            )
        ax.set_xlabel("Serapan anggaran (realisasi keuangan / pagu)")
        ax.set_ylabel("Rata-rata capaian IKU")
        _percent_axis(ax.xaxis)
        _percent_axis(ax.yaxis)
        ax.grid(True)
    return _svg(fig)


def kategori(agencies: pd.DataFrame, labels: list[str]) -> str:
    """Number of agencies in each category of mean capaian (best first), and those without a mean."""
    counts = agencies["kategori"].fillna("tanpa capaian").value_counts()
    names = [*labels, *(["tanpa capaian"] if "tanpa capaian" in counts else [])]
    values = [int(counts.get(n, 0)) for n in names]
    fig = _figure(0.6 + 0.32 * len(names))
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        y = np.arange(len(names))
        bars = ax.barh(y, values, color=[DARK] * len(labels) + [GREY] * (len(names) - len(labels)), height=0.6)
        ax.bar_label(bars, [str(v) for v in values], padding=2, fontsize=7)
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlabel("Jumlah instansi")
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    return _svg(fig)


def serapan(agencies: pd.DataFrame) -> str:
    """Budget absorption per agency, highest first (a histogram past :data:`LABEL_LIMIT` agencies)."""
    data = agencies.dropna(subset=["serapan"]).sort_values("serapan", ascending=False)
    if len(data) > LABEL_LIMIT:
        fig = _figure(2.6)
        with mpl.rc_context(STYLE):
            ax = fig.subplots()
            ax.hist(data["serapan"], bins=np.arange(0, 105, 5), color=DARK, edgecolor="white", linewidth=0.4)
            ax.set_xlabel("Serapan anggaran")
            ax.set_ylabel("Jumlah instansi")
            _percent_axis(ax.xaxis)
        return _svg(fig)
    fig = _figure(0.5 + 0.14 * max(len(data), 1))
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        y = np.arange(len(data))
        colours = [ACCENT if v > 100 else LIGHT if v < 70 else DARK for v in data["serapan"]]
        bars = ax.barh(y, data["serapan"], color=colours, height=0.7)
        ax.bar_label(bars, [fmt.persen(v, 1) for v in data["serapan"]], padding=2, fontsize=5)
        ax.set_yticks(y, data["slug"], fontsize=5.5)
        ax.invert_yaxis()
        ax.set_xlim(0, max(110, float(data["serapan"].max()) + 10) if len(data) else 110)
        ax.set_xlabel("Serapan anggaran (realisasi keuangan / pagu)")
        _percent_axis(ax.xaxis)
    return _svg(fig)
