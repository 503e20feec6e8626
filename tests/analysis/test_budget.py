"""Budget realisation per kegiatan, program and agency (lkjipkit.analysis.budget)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjipkit.analysis.budget import (
    REASON_CUT,
    REASON_NO_PAGU,
    compute_activity_budget,
    compute_budget_summary,
    compute_program_budget,
)


def frame(rows):
    cols = ["kode_rekening", "program_kode", "pagu_murni", "pagu_perubahan", "realisasi_fisik", "realisasi_keuangan"]
    return pd.DataFrame(rows, columns=cols)


SMALL = frame(
    [
        ("A.1", "A", 100.0, 60.0, 100.0, 50.0),  # revised down
        ("A.2", "A", 50.0, None, 80.0, 50.0),  # no revision: murni is the pagu
        ("B.1", "B", 40.0, 0.0, 0.0, 0.0),  # cut in the APBD-P
        ("B.2", "B", None, 90.0, 50.0, 45.0),  # only in the APBD-P
    ]
)


def test_pagu_is_revision_when_present_else_murni():
    f = compute_activity_budget(SMALL)
    assert f["pagu"].tolist() == [60.0, 50.0, 0.0, 90.0]
    assert f["sumber_pagu"].tolist() == ["perubahan", "murni", "perubahan", "perubahan"]


def test_bobot_ttb_percent_sisa():
    f = compute_activity_budget(SMALL).set_index("kode_rekening")
    total = 60 + 50 + 90
    assert f.loc["A.1", "bobot"] == pytest.approx(60 / total * 100)
    assert f.loc["A.2", "ttb"] == pytest.approx(50 / total * 100 * 0.8)
    assert f.loc["A.1", "realisasi_keuangan_persen"] == pytest.approx(50 / 60 * 100)
    assert f.loc["A.1", "sisa"] == 10.0
    assert f.loc["A.1", "pemotongan"] == 40.0


def test_cut_kegiatan_is_listed_without_bobot_or_percentages():
    f = compute_activity_budget(SMALL).set_index("kode_rekening")
    cut = f.loc["B.1"]
    assert math.isnan(cut["bobot"]) and math.isnan(cut["ttb"]) and math.isnan(cut["realisasi_keuangan_persen"])
    assert cut["sisa"] == 0.0
    assert cut["keterangan"] == REASON_CUT


def test_missing_pagu_is_explained():
    f = compute_activity_budget(frame([("X", "P", None, None, 10.0, 0.0), ("Y", "P", 10.0, None, 100.0, 10.0)]))
    assert f["keterangan"].iloc[0] == REASON_NO_PAGU
    assert math.isnan(f["bobot"].iloc[0])
    assert f["bobot"].iloc[1] == 100.0


def test_program_rows_are_sums_of_their_kegiatan():
    acts = compute_activity_budget(SMALL)
    p = compute_program_budget(acts).set_index("program_kode")
    assert p.loc["A", "pagu"] == 110.0
    assert p.loc["A", "pagu_murni"] == 150.0
    assert p.loc["A", "pemotongan"] == 40.0
    assert p.loc["B", "pagu_murni"] == 40.0  # an empty murni counts as 0 in the sum
    assert p.loc["B", "jumlah_kegiatan_dipotong"] == 1
    assert p.loc["A", "realisasi_keuangan_persen"] == pytest.approx(100 / 110 * 100)
    assert p.loc["A", "realisasi_fisik_tertimbang"] == pytest.approx((60 * 100 + 50 * 80) / 110)
    assert p.loc["A", "realisasi_fisik_rata_rata"] == pytest.approx(90.0)
    assert p["bobot"].sum() == pytest.approx(100.0)


def test_summary():
    s = compute_budget_summary(compute_activity_budget(SMALL), 2016)
    assert s.jumlah_kegiatan == 4 and s.jumlah_kegiatan_berpagu == 3 and s.jumlah_kegiatan_dipotong == 1
    assert s.pagu == 200.0 and s.pagu_murni == 190.0
    assert s.pemotongan == -10.0
    assert s.bobot == pytest.approx(100.0)
    assert s.realisasi_fisik_rata_rata == pytest.approx((100 + 80 + 50) / 3)  # the cut kegiatan is left out
    assert s.realisasi_keuangan == 145.0
    assert s.sisa == 55.0
    row = s.to_frame()
    assert len(row) == 1 and row["tahun"].iloc[0] == 2016


def test_all_cut_gives_no_bobot_and_no_division():
    f = compute_activity_budget(frame([("X", "P", 10.0, 0.0, 0.0, 0.0)]))
    assert f["bobot"].isna().all()
    s = compute_budget_summary(f)
    assert math.isnan(s.realisasi_keuangan_persen) and math.isnan(s.realisasi_fisik_rata_rata)


# --- properties ------------------------------------------------------------------------------------

money = st.integers(min_value=0, max_value=10**11).map(float)


@st.composite
def budgets(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    rows = []
    for i in range(n):
        murni = draw(st.one_of(st.none(), money))
        perubahan = draw(st.one_of(st.none(), money))
        pagu = perubahan if perubahan is not None else murni
        spent = draw(st.floats(min_value=0, max_value=1)) * (pagu or 0)
        spent = float(round(spent))
        fisik = draw(st.floats(min_value=0, max_value=100))
        rows.append((f"K.{i:03d}", f"P{draw(st.integers(0, 4))}", murni, perubahan, fisik, spent))
    return frame(rows)


@settings(max_examples=80, deadline=None)
@given(budgets())
def test_property_bobot_sums_to_100(f):
    acts = compute_activity_budget(f)
    s = compute_budget_summary(acts)
    if (acts["pagu"] > 0).any():
        assert s.bobot == pytest.approx(100.0, rel=1e-12)
        assert compute_program_budget(acts)["bobot"].sum() == pytest.approx(100.0, rel=1e-9)
    else:
        assert math.isnan(s.bobot)


@settings(max_examples=80, deadline=None)
@given(budgets())
def test_property_sum_of_sisa_is_total_sisa(f):
    acts = compute_activity_budget(f)
    s = compute_budget_summary(acts)
    prog = compute_program_budget(acts)
    if acts["sisa"].isna().all():  # no kegiatan has both pagu and realisation: the total is unknown
        assert math.isnan(s.sisa)
        return
    assert s.sisa == math.fsum(acts["sisa"].dropna())
    assert math.fsum(prog["sisa"].dropna()) == pytest.approx(s.sisa, abs=1e-3)
    known = acts["pagu"].notna()
    if known.any():
        expected = math.fsum(acts.loc[known, "pagu"]) - math.fsum(acts.loc[known, "realisasi_keuangan"])
        assert s.sisa == pytest.approx(expected, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(budgets(), st.randoms(use_true_random=False))
def test_property_invariant_to_row_order(f, rnd):
    order = list(range(len(f)))
    rnd.shuffle(order)
    shuffled = f.iloc[order].reset_index(drop=True)
    a = compute_activity_budget(f).set_index("kode_rekening").sort_index()
    b = compute_activity_budget(shuffled).set_index("kode_rekening").sort_index()
    pd.testing.assert_frame_equal(a, b)
    assert _nan_equal(
        compute_budget_summary(compute_activity_budget(f)), compute_budget_summary(compute_activity_budget(shuffled))
    )
    pa = compute_program_budget(compute_activity_budget(f)).set_index("program_kode").sort_index()
    pb = compute_program_budget(compute_activity_budget(shuffled)).set_index("program_kode").sort_index()
    pd.testing.assert_frame_equal(pa, pb)


def _nan_equal(x, y) -> bool:
    for k, v in vars(x).items():
        w = getattr(y, k)
        if not (v == w or (isinstance(v, float) and isinstance(w, float) and np.isnan(v) and np.isnan(w))):
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(budgets())
def test_property_ttb_never_exceeds_bobot_and_sums_to_weighted_progress(f):
    acts = compute_activity_budget(f)
    funded = acts[acts["pagu"] > 0]
    assert (funded["ttb"] <= funded["bobot"] * (1 + 1e-12)).all()
    if len(funded):
        weighted = math.fsum(funded["pagu"] * funded["realisasi_fisik"]) / math.fsum(funded["pagu"])
        assert compute_budget_summary(acts).ttb == pytest.approx(weighted, rel=1e-9, abs=1e-9)
