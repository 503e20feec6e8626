"""Figures of the report in one house style, as SVG text.

Every figure is drawn on a fresh :class:`matplotlib.figure.Figure` (no pyplot,
no global backend, so nothing leaks into a notebook) under :data:`STYLE`:
A4 text width, DejaVu Sans (text kept as text), a palette that stays distinguishable in grey print
(dark and light blues, grey, hatching), Indonesian number formats on the axes,
and deterministic SVG (fixed ids, no date) so a rebuild of the same data gives
the same bytes.

Functions take plain values prepared by the chapter (never a dataset) and
return the SVG as a string; :func:`lkjipkit.report.html.figure` embeds it.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from lkjipkit import fmt

#: A4 portrait text width with 2.5 cm margins is 16 cm.
WIDTH_IN = 6.3

#: Colours: target (grey), last year (light blue), this year (dark blue), national target (dark red).
GREY = "#a6a6a6"
LIGHT = "#9dc3e6"
DARK = "#1f4e79"
MID = "#5b8cc2"
ACCENT = "#c0504d"
ORANGE = "#d9822b"

STYLE = {
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.titleweight": "bold",
    "axes.labelsize": 8,
    "axes.edgecolor": "#404040",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.5,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "xtick.color": "#404040",
    "ytick.color": "#404040",
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "hatch.color": "#404040",
    # Text as text (searchable, selectable, a fifth of the bytes, and a third of what printing the figures
    # costs WeasyPrint, which draws every glyph outline of a "path" SVG anew): laid out in DejaVu Sans,
    # which the SVG names first, then similar fonts of other systems (font.sans-serif), then sans-serif.
    "svg.fonttype": "none",
    "svg.hashsalt": "lkjipkit",  # stable ids inside the SVG
    "figure.dpi": 100,
}


#: A panel's title sits on its top edge. Given explicitly, matplotlib does not work out at every layout pass
#: whether tick labels on top push it up (measuring every tick label of every panel, a fifth of a figure's
#: time); no panel has any, so the title is where it was.
TITLE_Y = 1.0


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.05, metadata={"Date": None})
    return buf.getvalue()


def _figure(height: float) -> Figure:
    with mpl.rc_context(STYLE):
        return Figure(figsize=(WIDTH_IN, height), layout="constrained")


@functools.lru_cache(maxsize=4096)
def _tick_label(value: float, max_digits: int) -> str:
    """An axis tick's label: matplotlib asks again for every tick at every layout pass (thousands a figure)."""
    return fmt.nilai(value, max_digits)


def _number_axis(axis, max_digits: int = 2) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: _tick_label(v, max_digits)))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width=width)) or str(text)


def _finite(v) -> bool:
    return fmt.is_finite(v)


def _hatch_once(ax, bars, hatch: str) -> None:
    """Lay ``hatch`` over all ``bars`` as one shape instead of hatching each bar.

    The SVG then holds one shape filled with the hatch pattern, not one per bar: WeasyPrint draws a
    pattern anew for every shape that uses it (the "..." tile alone is 352 dots), which cost it more than
    all other shapes of the figures. The pattern is fixed to the figure, not to the shape, so the bars look
    as they did; their colour and edges stay on the bars themselves.
    """
    rects = [b.get_path().transformed(b.get_patch_transform()) for b in bars if b.get_width() and b.get_height()]
    if rects:
        shape = Path.make_compound_path(*rects)
        ax.add_patch(PathPatch(shape, facecolor="none", edgecolor="none", linewidth=0, hatch=hatch))


def _legend_patch(colour: str, hatch: str, linewidth: float) -> Patch:
    """A legend key showing a hatched series as its bars look."""
    return Patch(facecolor=colour, edgecolor="#404040", linewidth=linewidth, hatch=hatch)


def _bar_labels(ax, bars, values, *, text=fmt.nilai, fontsize: float = 6.5, color: str = "#262626", **style) -> None:
    """Write each finite value above its bar (``text`` formats it; ``style`` goes to ``annotate``)."""
    for bar, v in zip(bars, values, strict=True):
        if not _finite(v):
            continue
        ax.annotate(
            text(v),
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 1.5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=fontsize,
            color=color,
            **style,
        )


# --- IKU: target against realisation, with last year -----------------------------------------------


@dataclass(frozen=True)
class IkuBars:
    """One indicator's panel: target of the year, realisation of last year and of the year."""

    label: str
    satuan: str
    negatif: bool
    target: float | None
    realisasi: float | None
    realisasi_lalu: float | None


def iku_target_realisasi(items: Sequence[IkuBars], year: int, last_year: int) -> str:
    """Small multiples, one panel per IKU (each with its own unit): target, realisasi last year, realisasi."""
    n = max(len(items), 1)
    ncols = 3 if n > 4 else min(n, 2)
    nrows = math.ceil(n / ncols)
    fig = _figure(0.4 + 2.05 * nrows)
    with mpl.rc_context(STYLE):
        axes = fig.subplots(nrows, ncols, squeeze=False)
        labels = [f"Target\n{year}", f"Realisasi\n{last_year}", f"Realisasi\n{year}"]
        colours = [GREY, LIGHT, DARK]
        hatches = ["////", "", ""]
        for ax, item in zip(axes.flat, items, strict=False):
            values = [item.target, item.realisasi_lalu, item.realisasi]
            heights = [v if _finite(v) else 0 for v in values]
            bars = ax.bar(range(3), heights, color=colours, edgecolor="#404040", linewidth=0.4, width=0.7)
            for bar, h in zip(bars, hatches, strict=True):
                bar.set_hatch(h)
            _bar_labels(ax, bars, values)
            ax.set_xticks(range(3), labels)
            top = max([v for v in values if _finite(v)] + [0])
            ax.set_ylim(0, top * 1.22 if top > 0 else 1)
            whole = all(float(v).is_integer() for v in values if _finite(v))
            ax.yaxis.set_major_locator(MaxNLocator(4, integer=whole))
            _number_axis(ax.yaxis)
            ax.grid(axis="y")
            title = _wrap(item.label, 30 if ncols == 3 else 44)
            if item.negatif:
                title += "\n(semakin rendah semakin baik)"
            ax.set_title(title, loc="left", fontsize=6.8, y=TITLE_Y)
            unit = item.satuan if item.satuan else ""
            ax.set_ylabel(unit, fontsize=7)
        for ax in list(axes.flat)[len(items) :]:
            ax.set_visible(False)
    return _svg(fig)


# --- SPM: yearly series against the national target ------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One SPM indicator: realisation per year and the national target (None when the standard sets none)."""

    label: str
    satuan: str
    years: tuple[int, ...]
    values: tuple[float | None, ...]
    target: float | None


def spm_series(items: Sequence[Series]) -> str:
    """Small multiples, one panel per indicator: the yearly line and the national target as a dashed line."""
    n = max(len(items), 1)
    ncols = 2 if n > 1 else 1
    nrows = math.ceil(n / ncols)
    fig = _figure(0.5 + 1.85 * nrows)
    with mpl.rc_context(STYLE):
        axes = fig.subplots(nrows, ncols, squeeze=False)
        for ax, s in zip(axes.flat, items, strict=False):
            xs = [y for y, v in zip(s.years, s.values, strict=True) if _finite(v)]
            ys = [float(v) for v in s.values if _finite(v)]
            ax.plot(xs, ys, color=DARK, marker="o", markersize=3.5, linewidth=1.4, label="Realisasi")
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(fmt.nilai(y), (x, y), xytext=(0, 4), textcoords="offset points", ha="center", fontsize=6)
            if _finite(s.target):
                ax.axhline(float(s.target), color=ACCENT, linestyle="--", linewidth=1.1, label="Target nasional")
            top = max([*ys, float(s.target) if _finite(s.target) else 0, 0])
            if s.satuan == "%":
                ax.set_ylim(0, max(105, top * 1.12))
            else:
                ax.set_ylim(0, top * 1.2 if top > 0 else 1)
            ax.set_xticks(list(s.years), [str(y) for y in s.years])
            if s.years:
                ax.set_xlim(min(s.years) - 0.5, max(s.years) + 0.5)
            ax.yaxis.set_major_locator(MaxNLocator(5))
            _number_axis(ax.yaxis)
            ax.grid(axis="y")
            ax.set_title(_wrap(s.label, 48), loc="left", fontsize=7.2, y=TITLE_Y)
            ax.set_ylabel(s.satuan, fontsize=7)
        for ax in list(axes.flat)[len(items) :]:
            ax.set_visible(False)
        handles = [mpl.lines.Line2D([], [], color=DARK, marker="o", markersize=3.5, linewidth=1.4, label="Realisasi")]
        if any(_finite(s.target) for s in items):
            handles.append(
                mpl.lines.Line2D([], [], color=ACCENT, linestyle="--", linewidth=1.1, label="Target nasional")
            )
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return _svg(fig)


# --- SPM by counts (e.g. PMKS): who should be reached against who was ------------------------------


def coverage(
    years: Sequence[int],
    should: Sequence[float | None],
    reached: Sequence[float | None],
    percent: Sequence[float | None],
    *,
    label_should: str,
    label_reached: str,
    satuan: str = "orang",
) -> str:
    """Bars per year: the count that should be reached and the count reached, with the percentage above."""
    fig = _figure(2.9)
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        x = list(range(len(years)))
        w = 0.38
        s_vals = [v if _finite(v) else 0 for v in should]
        r_vals = [v if _finite(v) else 0 for v in reached]
        b1 = ax.bar([i - w / 2 for i in x], s_vals, w, color=LIGHT, edgecolor="#404040", linewidth=0.4)
        b2 = ax.bar([i + w / 2 for i in x], r_vals, w, color=DARK, edgecolor="#404040", linewidth=0.4)
        _bar_labels(ax, b1, should)
        _bar_labels(ax, b2, percent, text=fmt.persen, fontweight="bold", color=DARK)
        ax.set_xticks(x, [str(y) for y in years])
        top = max([*s_vals, *r_vals, 0])
        ax.set_ylim(0, top * 1.15 if top > 0 else 1)
        _number_axis(ax.yaxis, 0)
        ax.grid(axis="y")
        ax.set_ylabel(f"Jumlah ({satuan})" if satuan else "Jumlah")
        fig.legend(
            [b1, b2],
            [_wrap(label_should, 60), _wrap(label_reached, 60)],
            loc="outside lower center",
            ncols=1,
        )
    return _svg(fig)


# --- budget per program --------------------------------------------------------------------------------


def _money_scale(values: Sequence[float]) -> tuple[float, str]:
    top = max([abs(v) for v in values if _finite(v)] + [0])
    if top >= 1e9:
        return 1e9, "miliar Rp"
    if top >= 1e6:
        return 1e6, "juta Rp"
    return 1.0, "Rp"


def _program_labels(names: Sequence[str], width: int = 46) -> list[str]:
    return [_wrap(n, width) for n in names]


def budget_programs(
    names: Sequence[str],
    murni: Sequence[float | None],
    perubahan: Sequence[float | None],
    realisasi: Sequence[float | None],
) -> str:
    """Horizontal bars per program: APBD murni, APBD-P and realisation (money in juta or miliar Rp)."""
    n = max(len(names), 1)
    fig = _figure(0.9 + 0.42 * n)
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        div, unit = _money_scale([*murni, *perubahan, *realisasi])
        y = list(range(len(names)))
        h = 0.27
        series = [
            ("APBD murni", murni, GREY, "////"),
            ("APBD-P", perubahan, MID, ""),
            ("Realisasi keuangan", realisasi, DARK, ""),
        ]
        for k, (_lab, vals, colour, hatch) in enumerate(series):
            widths = [(v / div) if _finite(v) else 0 for v in vals]
            bars = ax.barh([i + (k - 1) * h for i in y], widths, h, color=colour, edgecolor="#404040", linewidth=0.3)
            if hatch:
                _hatch_once(ax, bars, hatch)
        ax.set_yticks(y, _program_labels(names))
        ax.invert_yaxis()
        _number_axis(ax.xaxis, 1)
        ax.grid(axis="x")
        ax.set_xlabel(unit)
        ax.tick_params(axis="y", labelsize=6.8)
        keys = [_legend_patch(colour, hatch, 0.3) for _, _, colour, hatch in series]
        fig.legend(keys, [lab for lab, *_ in series], loc="outside lower center", ncols=3)
    return _svg(fig)


def keuangan_fisik(names: Sequence[str], keuangan: Sequence[float | None], fisik: Sequence[float | None]) -> str:
    """Horizontal bars per program: financial realisation % and physical progress %, with a 100 % line."""
    n = max(len(names), 1)
    fig = _figure(0.9 + 0.34 * n)
    with mpl.rc_context(STYLE):
        ax = fig.subplots()
        y = list(range(len(names)))
        h = 0.38
        k_vals = [v if _finite(v) else 0 for v in keuangan]
        f_vals = [v if _finite(v) else 0 for v in fisik]
        b1 = ax.barh([i - h / 2 for i in y], k_vals, h, color=DARK, edgecolor="#404040", linewidth=0.3)
        b2 = ax.barh([i + h / 2 for i in y], f_vals, h, color=ORANGE, edgecolor="#404040", linewidth=0.3)
        _hatch_once(ax, b2, "...")
        for bars, vals in ((b1, keuangan), (b2, fisik)):
            for bar, v in zip(bars, vals, strict=True):
                if _finite(v):
                    ax.annotate(
                        fmt.angka(v, 2),
                        (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        xytext=(2, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=5.8,
                    )
        ax.axvline(100, color="#404040", linewidth=0.6, linestyle=":")
        ax.set_xlim(0, 118)
        ax.set_yticks(y, _program_labels(names))
        ax.invert_yaxis()
        _number_axis(ax.xaxis, 0)
        ax.grid(axis="x")
        ax.set_xlabel("%")
        ax.tick_params(axis="y", labelsize=6.8)
        fig.legend(
            [b1, _legend_patch(ORANGE, "...", 0.3)],
            ["Realisasi keuangan (%)", "Realisasi fisik (%)"],
            loc="outside lower center",
            ncols=2,
        )
    return _svg(fig)
