"""Capaian formulas and category scales (lkjipkit.analysis.capaian)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lkjipkit.analysis.capaian import (
    FORMULAS,
    REASON_NEGATIVE_TARGET,
    REASON_NO_REALISATION,
    REASON_NO_TARGET,
    REASON_ZERO_REALISATION,
    REGULATION_SCALES,
    Band,
    Scale,
    capaian,
    change_direction,
    kategori,
    load_scale,
    regulation_scale,
    resolve_scale,
    scale_from_bands,
    shipped_scales,
    target_met,
)

# --- formulas --------------------------------------------------------------------------------------


def capaian_value(target, realisasi, polaritas="positif", rumus=None, cap=None) -> float:
    """One capaian as a float (NaN when undefined)."""
    return float(capaian(target, realisasi, polaritas, rumus, cap)["capaian"].iloc[0])


def test_positive_polarity_is_realisation_over_target():
    assert capaian_value(25, 30.75) == pytest.approx(123.0)
    assert capaian_value(70, 51.47) == pytest.approx(73.528571, abs=1e-6)


def test_negative_polarity_default_is_two_target_minus_realisation():
    # Unemployment 8 % against a target of 10 %: (2*10 - 8) / 10 * 100 = 120.
    assert capaian_value(10, 8, "negatif") == pytest.approx(120.0)
    assert capaian_value(10, 12, "negatif") == pytest.approx(80.0)


def test_negative_polarity_is_floored_at_zero():
    assert capaian_value(10, 35, "negatif") == 0.0


def test_alternative_negative_formula_is_target_over_realisation():
    assert capaian_value(10, 8, "negatif", "target_per_realisasi") == pytest.approx(125.0)


def test_formula_choice_overrides_polarity_default():
    res = capaian([10, 10], [8, 8], ["negatif", "negatif"], [None, "target_per_realisasi"])
    assert list(res["rumus_capaian"]) == ["dua_target_kurang_realisasi", "target_per_realisasi"]
    assert res["capaian"].tolist() == pytest.approx([120.0, 125.0])


@pytest.mark.parametrize("target", [0, 0.0, None, np.nan, pd.NA])
def test_missing_or_zero_target_is_undefined_and_said_so(target):
    res = capaian(pd.Series([target], dtype="Float64"), pd.Series([5.0]))
    assert math.isnan(res["capaian"].iloc[0])
    assert res["keterangan"].iloc[0] == REASON_NO_TARGET


def test_other_undefined_cases_carry_their_reason():
    res = capaian([-5, 10, 10], [2, None, 0], ["positif", "positif", "negatif"], [None, None, "target_per_realisasi"])
    assert res["capaian"].isna().all()
    assert list(res["keterangan"]) == [REASON_NEGATIVE_TARGET, REASON_NO_REALISATION, REASON_ZERO_REALISATION]


def test_no_division_warning_on_zero(recwarn):
    with np.errstate(all="raise"):
        capaian([0, 10, 0], [0, 0, 5], ["positif", "negatif", "negatif"], [None, "target_per_realisasi", None])
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_cap_limits_and_explains():
    res = capaian([25, 25], [30.75, 20], cap=100)
    assert res["capaian"].tolist() == pytest.approx([100.0, 80.0])
    assert res["capaian_tanpa_batas"].tolist() == pytest.approx([123.0, 80.0])
    assert res["keterangan"].iloc[0] == "dibatasi pada 100"
    assert pd.isna(res["keterangan"].iloc[1])


def test_series_index_is_kept():
    t = pd.Series([10.0, 20.0], index=["a", "b"])
    assert list(capaian(t, t)["capaian"].index) == ["a", "b"]


@pytest.mark.parametrize(("polaritas", "rumus"), [("netral", None), ("positif", "sesuka_hati")])
def test_unknown_polarity_or_formula_is_an_error(polaritas, rumus):
    with pytest.raises(ValueError, match="unknown"):
        capaian(10, 5, polaritas, rumus)


def test_target_met_by_polarity_and_for_target_zero():
    assert target_met([25, 25, 0], [30, 20, 0], "positif").tolist() == [True, False, True]
    assert target_met([10, 10, 0], [8, 12, 0], "negatif").tolist() == [True, False, True]
    assert pd.isna(target_met([None], [3]).iloc[0])


def test_change_direction():
    d = change_direction([8.7, 0.0, -1.0, -1.0, None], ["positif", "positif", "positif", "negatif", "positif"])
    assert d["arah_perubahan"].tolist()[:4] == ["naik", "tetap", "turun", "turun"]
    assert d["membaik"].tolist()[:4] == [True, False, False, True]
    assert pd.isna(d["arah_perubahan"].iloc[4]) and pd.isna(d["membaik"].iloc[4])


# --- properties ------------------------------------------------------------------------------------

positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
nonneg = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(t=positive, r1=nonneg, r2=nonneg)
def test_property_positive_polarity_rewards_more(t, r1, r2):
    assume(r1 < r2)
    assert capaian_value(t, r1, "positif") <= capaian_value(t, r2, "positif")


@given(t=positive, r1=positive, r2=positive, rumus=st.sampled_from([None, "target_per_realisasi"]))
def test_property_negative_polarity_rewards_less(t, r1, r2, rumus):
    assume(r1 < r2)
    assert capaian_value(t, r1, "negatif", rumus) >= capaian_value(t, r2, "negatif", rumus)


@given(t=positive, rumus=st.sampled_from(FORMULAS), pol=st.sampled_from(["positif", "negatif"]))
def test_property_realisation_equal_to_target_is_100(t, rumus, pol):
    assert capaian_value(t, t, pol, rumus) == pytest.approx(100.0)


@given(t=positive, r=nonneg)
def test_property_polarities_mirror_around_100(t, r):
    # (2t - r)/t = 2 - r/t: the negative capaian is 200 minus the positive one, floored at 0.
    pos = capaian_value(t, r, "positif")
    assert capaian_value(t, r, "negatif") == pytest.approx(max(200 - pos, 0.0), rel=1e-9, abs=1e-9)


@given(
    t=st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-1e6, max_value=1e6)),
    r=st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-1e6, max_value=1e6)),
    pol=st.sampled_from(["positif", "negatif"]),
    rumus=st.sampled_from([None, *FORMULAS]),
    cap=st.one_of(st.none(), st.floats(min_value=100, max_value=200)),
)
def test_property_never_infinite_and_undefined_always_explained(t, r, pol, rumus, cap):
    res = capaian(t, r, pol, rumus, cap).iloc[0]
    v = res["capaian"]
    assert not math.isinf(v)
    if math.isnan(v):
        assert isinstance(res["keterangan"], str) and res["keterangan"]
    if cap is not None and not math.isnan(v):
        assert v <= cap
    if t is None or (isinstance(t, float) and math.isnan(t)) or t == 0:
        assert math.isnan(v) and res["keterangan"] == REASON_NO_TARGET


# --- scales ----------------------------------------------------------------------------------------


def test_shipped_scales_have_a_source_and_years():
    names = shipped_scales()
    assert {name for _, name in REGULATION_SCALES} <= set(names)
    assert {"sampang-2019", "permendagri-54-2010", "permendagri-86-2017", "lampu-lalu-lintas"} <= set(names)
    for name in names:
        scale = load_scale(name)
        assert scale.name == name
        assert scale.source
        assert len(scale.bands) >= 3
    assert (load_scale("permendagri-54-2010").valid_from, load_scale("permendagri-54-2010").valid_to) == (2010, 2017)
    assert (load_scale("permendagri-86-2017").valid_from, load_scale("permendagri-86-2017").valid_to) == (2018, None)
    assert load_scale("sampang-2019").validity == "2019 onwards"
    assert load_scale("lampu-lalu-lintas").validity == "any year"
    assert not load_scale("sampang-2019").valid_for(2016)


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (2012, "permendagri-54-2010"),
        (2016, "permendagri-54-2010"),
        (2017, "permendagri-54-2010"),
        (2018, "permendagri-86-2017"),
        (2023, "permendagri-86-2017"),
        (None, "permendagri-86-2017"),
    ],
)
def test_default_scale_is_the_regulation_in_force_for_the_year(year, name):
    assert regulation_scale(year).name == name
    assert resolve_scale(None, year).name == name


def test_regulation_scales_share_bands_and_labels():
    old, new = load_scale("permendagri-54-2010"), load_scale("permendagri-86-2017")
    assert old.labels == new.labels == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    assert [b.lower for b in old.bands] == [b.lower for b in new.bands] == [91, 76, 66, 51, -np.inf]
    assert old.top == "Sangat Tinggi"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (150, "Sangat Baik"),  # above 100 counts in the top band
        (100, "Sangat Baik"),
        (91, "Sangat Baik"),
        (90.5, "Baik"),  # between printed ranges: the lower band
        (76, "Baik"),
        (75, "Cukup"),
        (66, "Cukup"),
        (65.99, "Kurang"),
        (51, "Kurang"),
        (50.5, "Sangat Kurang"),
        (50, "Sangat Kurang"),
        (0, "Sangat Kurang"),
    ],
)
def test_sampang_2019_bands(value, label):
    assert kategori([value], "sampang-2019").iloc[0] == label


def test_traffic_light_green_starts_above_90():
    assert kategori([90, 90.01, 70, 69.99], "lampu-lalu-lintas").tolist() == ["Kuning", "Hijau", "Kuning", "Merah"]


def test_missing_capaian_has_no_category():
    assert kategori([np.nan, None]).isna().all()


def test_dataset_defined_bands():
    scale = scale_from_bands([{"batas_bawah": 0, "kategori": "Rendah"}, {"batas_bawah": 80, "kategori": "Tinggi"}])
    assert scale.labels == ["Tinggi", "Rendah"]
    assert scale.categorise([95, 80, 10, -1]).tolist()[:3] == ["Tinggi", "Tinggi", "Rendah"]
    assert pd.isna(scale.categorise([-1]).iloc[0])  # below every band


def test_resolve_scale_accepts_name_bands_scale_or_none():
    s = Scale("x", (Band(0, "a"),))
    assert resolve_scale(s) is s
    assert resolve_scale(None, 2016).name == "permendagri-54-2010"
    assert resolve_scale("lampu-lalu-lintas").name == "lampu-lalu-lintas"


def test_unknown_scale_name_lists_the_shipped_ones():
    with pytest.raises(KeyError, match="sampang-2019"):
        load_scale("tidak-ada")


@given(a=st.floats(-50, 300), b=st.floats(-50, 300), name=st.sampled_from(shipped_scales()))
def test_property_higher_capaian_never_gets_a_worse_category(a, b, name):
    scale = load_scale(name)
    lo, hi = sorted((a, b))
    labels = scale.labels
    ca, cb = scale.categorise([lo, hi]).tolist()
    assert labels.index(cb) <= labels.index(ca)
