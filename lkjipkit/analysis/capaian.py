"""Achievement (capaian) of an indicator, and its category: pure, vectorised formulas.

Nothing here reads a dataset. Every function takes numbers (scalars, numpy
arrays or pandas Series) and returns numbers or frames, so the same code serves
the dataset analysis, the review and the property tests. The formulas are
written out in ``docs/method.md``.

Formulas (``iku.rumus_capaian``)
--------------------------------
``realisasi_per_target``         realisasi / target × 100 (default for ``positif``)
``dua_target_kurang_realisasi``  (2 × target − realisasi) / target × 100, floored at 0
                                 (default for ``negatif``)
``target_per_realisasi``         target / realisasi × 100 (a folk alternative for
                                 ``negatif``; offered, never the default)

A capaian is undefined (NaN, with a reason in ``keterangan``) when the target is
missing or 0, the target is negative, the realisation is missing, or the
formula would divide by a realisation of 0. Nothing ever divides by zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from lkjipkit.i18n import _

POLARITIES = ("positif", "negatif")
FORMULAS = ("realisasi_per_target", "dua_target_kurang_realisasi", "target_per_realisasi")
DEFAULT_FORMULA = {"positif": "realisasi_per_target", "negatif": "dua_target_kurang_realisasi"}

#: Reasons written in ``keterangan`` when a capaian is undefined (report language: Indonesian).
REASON_NO_TARGET = "target 0 atau kosong"
REASON_NEGATIVE_TARGET = "target negatif: rasio tidak bermakna"
REASON_NO_REALISATION = "realisasi kosong"
REASON_ZERO_REALISATION = "realisasi 0: rumus target/realisasi tidak terdefinisi"
REASON_OVERFLOW = "rasio terlalu besar untuk dihitung"

#: The scale of the regulation in force, used when a dataset names none: (last report year it
#: applies to, or None for every later year; scale name). Permendagri 54/2010 up to the 2017
#: reports, Permendagri 86/2017 (which replaced it) from the 2018 reports on.
REGULATION_SCALES: tuple[tuple[int | None, str], ...] = (
    (2017, "permendagri-54-2010"),
    (None, "permendagri-86-2017"),
)

_TOLERANCE = 1e-9


def _floats(value) -> np.ndarray:
    """Any scalar or array-like of numbers (nullable pandas dtypes included) as float64 with NaN."""
    if isinstance(value, pd.Series | pd.Index):
        return value.astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    if value is None or value is pd.NA:
        return np.array(np.nan)
    arr = np.asarray(value, dtype=object)
    out = np.full(arr.shape, np.nan)
    flat = arr.reshape(-1)
    res = out.reshape(-1)
    for i, v in enumerate(flat):
        res[i] = np.nan if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else float(v)
    return out


def _texts(value) -> np.ndarray:
    """Any scalar or array-like of text as an object array, missing values as None."""
    if isinstance(value, pd.Series | pd.Index):
        return np.array([None if pd.isna(v) or v == "" else str(v) for v in value], dtype=object)
    if value is None or value is pd.NA or (isinstance(value, str) and value == ""):
        return np.array(None, dtype=object)
    if isinstance(value, str):
        return np.array(value, dtype=object)
    return np.array([None if v is None or v is pd.NA or v == "" else str(v) for v in value], dtype=object)


def _index_of(*values) -> pd.Index | None:
    for v in values:
        if isinstance(v, pd.Series):
            return v.index
    return None


def resolve_formula(polaritas, rumus=None) -> np.ndarray:
    """The formula that applies: ``rumus`` when given, else the default of the polarity.

    Raises
    ------
    ValueError
        An unknown polarity or formula name.
    """
    pol, rum = np.broadcast_arrays(_texts(polaritas), _texts(rumus))
    bad_pol = sorted({str(p) for p in pol.reshape(-1) if p not in POLARITIES})
    if bad_pol:
        raise ValueError(f"unknown polaritas {', '.join(map(repr, bad_pol))}; expected one of {POLARITIES}")
    bad_rum = sorted({str(r) for r in rum.reshape(-1) if r is not None and r not in FORMULAS})
    if bad_rum:
        raise ValueError(f"unknown rumus_capaian {', '.join(map(repr, bad_rum))}; expected one of {FORMULAS}")
    out = np.empty(pol.shape, dtype=object)
    for i, (p, r) in enumerate(zip(pol.reshape(-1), rum.reshape(-1), strict=True)):
        out.reshape(-1)[i] = r if r is not None else DEFAULT_FORMULA[p]
    return out


def capaian(target, realisasi, polaritas="positif", rumus=None, cap: float | None = None) -> pd.DataFrame:
    """Achievement of indicators, in percent of target.

    Parameters
    ----------
    target, realisasi
        Numbers, arrays or Series (broadcast against each other); missing values allowed.
    polaritas
        ``"positif"`` (higher is better) or ``"negatif"`` (lower is better), one or per row.
    rumus
        A formula name from :data:`FORMULAS` (one or per row); empty: the polarity's default.
    cap
        Upper limit of the capaian (e.g. 100 or 120), applied last; ``None``: no cap.

    Returns
    -------
    DataFrame with columns ``capaian`` (float, NaN when undefined),
    ``capaian_tanpa_batas`` (the same before the cap), ``rumus_capaian`` (the
    formula applied) and ``keterangan`` (why the capaian is undefined or capped;
    empty otherwise). The index is that of the first Series argument, else a range.
    """
    t, r = _floats(target), _floats(realisasi)
    f = resolve_formula(polaritas, rumus)
    t, r, f = np.broadcast_arrays(t, r, f)
    t, r, f = np.atleast_1d(t).astype(float), np.atleast_1d(r).astype(float), np.atleast_1d(f)

    no_target = np.isnan(t) | (t == 0)
    neg_target = ~no_target & (t < 0)
    no_real = ~no_target & ~neg_target & np.isnan(r)
    zero_real = ~no_target & ~neg_target & ~no_real & (f == "target_per_realisasi") & (r == 0)
    undefined = no_target | neg_target | no_real | zero_real

    safe_t = np.where(undefined, 1.0, t)
    safe_r = np.where(undefined | (r == 0) | np.isnan(r), 1.0, r)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught just below
        value = np.select(
            [f == "realisasi_per_target", f == "dua_target_kurang_realisasi", f == "target_per_realisasi"],
            [r / safe_t * 100, np.maximum((2 * t - r) / safe_t * 100, 0.0), t / safe_r * 100],
            default=np.nan,
        )
    overflow = ~undefined & ~np.isfinite(value)
    value = np.where(undefined | overflow, np.nan, value)

    reason = np.select(
        [no_target, neg_target, no_real, zero_real, overflow],
        [REASON_NO_TARGET, REASON_NEGATIVE_TARGET, REASON_NO_REALISATION, REASON_ZERO_REALISATION, REASON_OVERFLOW],
        default="",
    ).astype(object)
    uncapped = value
    if cap is not None:
        capped = ~np.isnan(value) & (value > cap)
        reason = np.where(capped, f"dibatasi pada {float(cap):g}", reason)
        value = np.where(capped, float(cap), value)

    index = _index_of(target, realisasi, polaritas, rumus)
    if index is None or len(index) != len(value):
        index = pd.RangeIndex(len(value))
    return pd.DataFrame(
        {
            "capaian": pd.Series(value, index=index, dtype="float64"),
            "capaian_tanpa_batas": pd.Series(uncapped, index=index, dtype="float64"),
            "rumus_capaian": pd.Series(f, index=index, dtype="string"),
            "keterangan": pd.Series(np.where(reason == "", None, reason), index=index, dtype="string"),
        }
    )


def target_met(target, realisasi, polaritas="positif") -> pd.Series:
    """Whether the realisation reached the target, by polarity (``boolean``, NA when either is missing).

    ``positif``: realisasi ≥ target; ``negatif``: realisasi ≤ target. Unlike the
    capaian this is defined for a target of 0 (e.g. zero accidents).
    """
    t, r = _floats(target), _floats(realisasi)
    pol = _texts(polaritas)
    t, r, pol = np.broadcast_arrays(t, r, pol)
    t, r, pol = np.atleast_1d(t).astype(float), np.atleast_1d(r).astype(float), np.atleast_1d(pol)
    bad = sorted({str(p) for p in pol if p not in POLARITIES})
    if bad:
        raise ValueError(f"unknown polaritas {', '.join(map(repr, bad))}; expected one of {POLARITIES}")
    met = np.where(pol == "negatif", r <= t + _TOLERANCE, r >= t - _TOLERANCE)
    index = _index_of(target, realisasi, polaritas)
    if index is None or len(index) != len(met):
        index = pd.RangeIndex(len(met))
    out = pd.Series(met, index=index, dtype="boolean")
    out[np.isnan(t) | np.isnan(r)] = pd.NA
    return out


def change_direction(perubahan, polaritas="positif") -> pd.DataFrame:
    """Direction of a year-over-year change and whether it is an improvement.

    Returns a frame with ``arah_perubahan`` (``naik`` / ``turun`` / ``tetap``, NA
    when the change is unknown) and ``membaik`` (``boolean``: up for ``positif``,
    down for ``negatif``; False when unchanged; NA when unknown).
    """
    d = _floats(perubahan)
    pol = _texts(polaritas)
    d, pol = np.broadcast_arrays(d, pol)
    d, pol = np.atleast_1d(d).astype(float), np.atleast_1d(pol)
    known = ~np.isnan(d)
    up = known & (d > _TOLERANCE)
    down = known & (d < -_TOLERANCE)
    arah = np.select([up, down, known], ["naik", "turun", "tetap"], default="").astype(object)
    better = np.where(pol == "negatif", down, up)
    index = _index_of(perubahan, polaritas)
    if index is None or len(index) != len(d):
        index = pd.RangeIndex(len(d))
    membaik = pd.Series(better, index=index, dtype="boolean")
    membaik[~known] = pd.NA
    return pd.DataFrame(
        {
            "arah_perubahan": pd.Series(np.where(arah == "", None, arah), index=index, dtype="string"),
            "membaik": membaik,
        }
    )


# --- category scales ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """One band of a scale: values from ``lower`` up (``>=``; ``>`` when not ``inclusive``)."""

    lower: float
    label: str
    inclusive: bool = True


@dataclass(frozen=True)
class Scale:
    """A capaian category scale: bands from the top down; a value takes the first band it reaches."""

    name: str
    bands: tuple[Band, ...]
    title: str | None = None
    source: str | None = None
    note: str | None = None
    valid_from: int | None = None
    """First report year the scale applies to (None: no lower limit)."""
    valid_to: int | None = None
    """Last report year the scale applies to (None: still in force)."""

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError(f"scale {self.name!r} has no bands")
        ordered = tuple(sorted(self.bands, key=lambda b: (b.lower, not b.inclusive), reverse=True))
        object.__setattr__(self, "bands", ordered)

    def valid_for(self, year: int) -> bool:
        """Whether a report year lies inside the years the scale is valid for."""
        return (self.valid_from is None or year >= self.valid_from) and (self.valid_to is None or year <= self.valid_to)

    @property
    def validity(self) -> str:
        """The years the scale is valid for, as text (``2010–2017``, ``2018 onwards``, ``any year``)."""
        if self.valid_from is None and self.valid_to is None:
            return "any year"
        if self.valid_to is None:
            return f"{self.valid_from} onwards"
        if self.valid_from is None:
            return f"up to {self.valid_to}"
        return f"{self.valid_from}–{self.valid_to}"

    @property
    def top(self) -> str:
        """The label of the best band."""
        return self.bands[0].label

    @property
    def labels(self) -> list[str]:
        """Category labels from the best to the worst."""
        return [b.label for b in self.bands]

    def categorise(self, values) -> pd.Series:
        """The category of each value (``string``; NA when the value is missing or below every band)."""
        v = np.atleast_1d(_floats(values)).astype(float)
        conds = [(v >= b.lower) if b.inclusive else (v > b.lower) for b in self.bands]
        labels = np.select(conds, [b.label for b in self.bands], default="").astype(object)
        labels = np.where(np.isnan(v) | (labels == ""), None, labels)
        index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(v))
        return pd.Series(labels, index=index, dtype="string")

    def to_frame(self) -> pd.DataFrame:
        """The bands as a table (for a notebook or the report's method note)."""
        return pd.DataFrame(
            {
                "kategori": [b.label for b in self.bands],
                "batas_bawah": [b.lower for b in self.bands],
                "termasuk_batas": [b.inclusive for b in self.bands],
            }
        )


def _scale_from_mapping(data: dict, origin: str) -> Scale:
    try:
        berlaku = data.get("berlaku") or {}
        bands = tuple(
            Band(float(p["batas_bawah"]), str(p["kategori"]), inclusive=not bool(p.get("lebih_dari", False)))
            for p in data["pita"]
        )
        return Scale(
            name=str(data["nama"]),
            bands=bands,
            title=data.get("judul"),
            source=data.get("sumber"),
            note=data.get("catatan"),
            valid_from=None if berlaku.get("dari") is None else int(berlaku["dari"]),
            valid_to=None if berlaku.get("sampai") is None else int(berlaku["sampai"]),
        )
    except (KeyError, TypeError, ValueError) as exc:  # a broken shipped file is a packaging bug
        raise ValueError(f"{origin}: not a valid scale file ({exc})") from exc


def shipped_scales() -> list[str]:
    """Names of the scales shipped with lkjipkit (files in ``lkjipkit/analysis/scales/``)."""
    folder = resources.files("lkjipkit.analysis") / "scales"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load_scale(name: str) -> Scale:
    """A shipped scale by name.

    Raises
    ------
    KeyError
        No shipped scale has that name (the message lists those that exist).
    """
    if name not in shipped_scales():
        raise KeyError(
            _("no capaian scale named {name}; shipped scales: {names}").format(
                name=repr(name), names=", ".join(shipped_scales())
            )
        )
    text = (resources.files("lkjipkit.analysis") / "scales" / f"{name}.yaml").read_text(encoding="utf-8")
    return _scale_from_mapping(yaml.safe_load(text), f"scales/{name}.yaml")


def scale_from_bands(bands: Iterable, name: str = "dataset") -> Scale:
    """A scale from a dataset's own bands (``profil.pengaturan.skala_kategori`` as a list).

    Each band is an object with ``batas_bawah`` and ``kategori`` (the profile's
    ``Pita``) or a mapping with those keys; lower bounds are inclusive.
    """
    out = []
    for b in bands:
        if isinstance(b, dict):
            out.append(Band(float(b["batas_bawah"]), str(b["kategori"])))
        else:
            out.append(Band(float(b.batas_bawah), str(b.kategori)))
    return Scale(name=name, bands=tuple(out), source="profil.yaml: pengaturan.skala_kategori")


def regulation_scale(year: int | None = None) -> Scale:
    """The scale of the regulation in force for a report year (:data:`REGULATION_SCALES`).

    ``year`` None: the regulation in force today (the last one).
    """
    for last, name in REGULATION_SCALES:
        if year is not None and last is not None and year <= last:
            return load_scale(name)
    return load_scale(REGULATION_SCALES[-1][1])


def resolve_scale(setting: str | Sequence | Scale | None, year: int | None = None) -> Scale:
    """The scale a setting names: a shipped name, a list of bands, a Scale, or None — the scale
    of the regulation in force for ``year`` (:func:`regulation_scale`)."""
    if setting is None:
        return regulation_scale(year)
    if isinstance(setting, Scale):
        return setting
    if isinstance(setting, str):
        return load_scale(setting)
    return scale_from_bands(setting)


def kategori(values, scale: str | Sequence | Scale | None = None, year: int | None = None) -> pd.Series:
    """The category of each capaian under a scale (default: the regulation's scale for ``year``)."""
    return resolve_scale(scale, year).categorise(values)
