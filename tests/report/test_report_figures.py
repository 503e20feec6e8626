"""The figures: one hatched shape per series and axes, the legend keys hatched like the bars, titles in place."""

from __future__ import annotations

import re

import pytest

from lkjipkit.report import figures

NAMES = [f"{i}. Program {i}" for i in range(1, 9)]


def _pattern_uses(svg: str) -> list[str]:
    return re.findall(r"fill: url\(#(h[0-9a-f]+)\)", svg)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: figures.budget_programs(NAMES, [9e8] * 8, [8e8] * 8, [7e8] * 8),
        lambda: figures.keuangan_fisik(NAMES, [90.0] * 8, [95.0] * 8),
    ],
    ids=["budget_programs", "keuangan_fisik"],
)
def test_a_hatched_series_is_one_shape_however_many_programs(draw):
    svg = draw()
    uses = _pattern_uses(svg)
    # the eight bars of the hatched series as one shape, and its legend key (a bar in the series' colour)
    assert len(uses) == 2
    bars, key = (re.search(rf'<pattern id="{u}".*?</pattern>', svg, re.S).group(0) for u in uses)
    assert 'fill="none"' in bars  # the hatch lies over the bars' own colour
    assert 'fill="none"' not in key


def test_the_hatch_covers_only_the_bars_it_belongs_to():
    svg = figures.budget_programs(["A", "B"], [2e9, 1e9], [1e9, 1e9], [5e8, 5e8])
    shape = re.search(r'<path d="([^"]*)"[^>]*fill: url\(#h', svg).group(1)
    assert shape.count("M") == 2  # one rectangle per program of the APBD murni series


IKU = [
    figures.IkuBars(f"IKU {i}: persentase penduduk yang terlayani", "%", i == 2, 80.0, 70.0 + i, 75.0 + i)
    for i in range(1, 6)
]
SPM = [
    figures.Series(f"Indikator {i}", "%" if i % 2 else "orang", (2014, 2015, 2016), (50.0, 60.0 + i, 70.0), 80.0)
    for i in range(1, 8)
]


@pytest.mark.parametrize(
    "draw",
    [lambda: figures.iku_target_realisasi(IKU, 2016, 2015), lambda: figures.spm_series(SPM)],
    ids=["iku_target_realisasi", "spm_series"],
)
def test_panel_titles_sit_where_matplotlib_would_place_them(draw, monkeypatch):
    """The titles are placed explicitly (saving matplotlib a measure of every tick label per layout pass);
    the figure is byte for byte what automatic placement makes."""
    explicit = draw()
    monkeypatch.setattr(figures, "TITLE_Y", None)  # matplotlib's automatic placement
    assert draw() == explicit
