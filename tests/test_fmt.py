"""Indonesian formats: thousands with '.', decimals with ',', '%' after a space, 'Rp ' before, '–' for missing."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjipkit import fmt


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1234567, 0, "1.234.567"),
        (8.7, 2, "8,70"),
        (30.745, 2, "30,75"),  # half-up on the written decimal, not the float's binary value
        (0.125, 2, "0,13"),
        (-0.001, 2, "0,00"),  # never "-0,00"
        (-1234.5, 1, "-1.234,5"),
        (np.float64(96.49902779572031), 2, "96,50"),
        (pd.NA, 0, "–"),
        (None, 2, "–"),
        (math.nan, 2, "–"),
    ],
)
def test_angka(value, digits, expected):
    assert fmt.angka(value, digits) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(25, "25"), (25.0, "25"), (30.75, "30,75"), (53.3, "53,3"), (1234.5, "1.234,5"), (None, "–")],
)
def test_nilai_drops_trailing_zeros(value, expected):
    assert fmt.nilai(value) == expected


def test_persen_rupiah_and_units():
    assert fmt.persen(92.5946) == "92,59 %"
    assert fmt.persen(math.nan) == "–"
    assert fmt.rupiah(7016295114) == "Rp 7.016.295.114"
    assert fmt.rupiah(np.float64(561137586.0)) == "Rp 561.137.586"
    assert fmt.rupiah(-1000) == "-Rp 1.000"
    assert fmt.rupiah(None) == "–"
    assert fmt.dengan_satuan(30.75, "%") == "30,75 %"
    assert fmt.dengan_satuan(14.2, "per 1.000 kelahiran hidup") == "14,2 per 1.000 kelahiran hidup"
    assert fmt.dengan_satuan(65.1, "nilai") == "65,1"
    assert fmt.selisih(-8.7, "%") == "8,70 poin"
    assert fmt.selisih(3, "kasus") == "3 kasus"


def test_dates():
    assert fmt.bulan_tahun(dt.date(2017, 2, 1)) == "Februari 2017"
    assert fmt.bulan_tahun("2024-12-31") == "Desember 2024"
    assert fmt.tanggal(dt.date(2016, 1, 4)) == "4 Januari 2016"
    assert fmt.bulan_tahun(None) == "–"


def test_words():
    assert [fmt.romawi(n) for n in (1, 4, 9, 14, 16)] == ["I", "IV", "IX", "XIV", "XVI"]
    assert [fmt.huruf(n) for n in (1, 3, 27)] == ["a", "c", "aa"]
    assert fmt.daftar(["a"]) == "a"
    assert fmt.daftar(["a", "b"]) == "a dan b"
    assert fmt.daftar(["a", "b", "c"]) == "a, b, dan c"
    assert fmt.bilangan(6) == "enam"
    assert fmt.bilangan(25) == "25"
    with pytest.raises(ValueError, match="Roman"):
        fmt.romawi(0)


def _parse(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=4),
)
def test_ordered_digits_keep_the_order(a, b, scale):
    """Two numbers printed side by side never look equal (or swapped) when they differ."""
    x, y = a / 10**scale, b / 10**scale
    d = fmt.digits_to_keep_order(x, y)
    px, py = _parse(fmt.angka(x, d)), _parse(fmt.angka(y, d))
    assert (px > py) - (px < py) == (x > y) - (x < y)


@given(st.integers(min_value=-(10**7), max_value=10**7).filter(lambda v: v != 0), st.integers(min_value=0, max_value=6))
def test_nonzero_change_never_prints_zero(v, scale):
    x = v / 10**scale
    assert _parse(fmt.angka(abs(x), fmt.digits_nonzero(x))) != 0
