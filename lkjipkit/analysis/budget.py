"""Budget realisation (Tabel 3.2 of an LKjIP): per kegiatan, per program, and the agency totals.

Per kegiatan, with ``pagu`` the revised budget (APBD-P) when there is one, else
the original (APBD murni):

* ``bobot`` = pagu / Σ pagu of the agency × 100
* ``ttb`` = bobot × realisasi_fisik / 100, from the **unrounded** bobot
* ``realisasi_keuangan_persen`` = realisasi_keuangan / pagu × 100
* ``sisa`` = pagu − realisasi_keuangan

A kegiatan whose pagu is 0 (cut in the revision) keeps its row but has no
bobot, TTB or percentage (NaN, with a ``keterangan``); ``dipotong`` says
whether it was cut (the reason text is for display only). Sums use an exactly
rounded summation (:func:`math.fsum`), so no total depends on the order of the
rows. The core functions (``compute_*``) take plain frames; the others read a
dataset for one year.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from lkjipkit.dataset import Dataset

from ._common import floats, fmean, fsum, inputs, require_year, text

#: Reasons written in ``keterangan`` (report language).
REASON_CUT = "dipotong pada APBD-P (pagu 0)"
REASON_ZERO = "pagu 0"
REASON_NO_PAGU = "pagu kosong"
REASON_NO_SPENDING = "realisasi keuangan kosong"
REASON_NO_PHYSICAL = "realisasi fisik kosong"

ACTIVITY_INPUT = ["kode_rekening", "pagu_murni", "pagu_perubahan", "realisasi_fisik", "realisasi_keuangan"]

ACTIVITY_COLUMNS = [
    "kode_rekening",
    "kegiatan",
    "program_kode",
    "program",
    "tahun",
    "pagu_murni",
    "pagu_perubahan",
    "pagu",
    "sumber_pagu",
    "pemotongan",
    "bobot",
    "realisasi_fisik",
    "ttb",
    "realisasi_keuangan",
    "realisasi_keuangan_persen",
    "sisa",
    "dipotong",
    "keterangan",
]

PROGRAM_COLUMNS = [
    "program_kode",
    "program",
    "tahun",
    "jumlah_kegiatan",
    "jumlah_kegiatan_berpagu",
    "jumlah_kegiatan_dipotong",
    "anggaran_pk",
    "pagu_murni",
    "pagu",
    "pemotongan",
    "pemotongan_persen",
    "bobot",
    "ttb",
    "realisasi_fisik_tertimbang",
    "realisasi_fisik_rata_rata",
    "realisasi_keuangan",
    "realisasi_keuangan_persen",
    "sisa",
]


def compute_activity_budget(frame: pd.DataFrame) -> pd.DataFrame:
    """Bobot, TTB, realisation % and sisa of each kegiatan of one year.

    Parameters
    ----------
    frame
        One row per kegiatan with at least :data:`ACTIVITY_INPUT`; other columns
        (names, program) are kept. Row order is kept.

    Returns
    -------
    The frame with ``pagu``, ``sumber_pagu`` (``perubahan`` / ``murni``),
    ``pemotongan`` (pagu_murni − pagu), ``bobot``, ``ttb``,
    ``realisasi_keuangan_persen``, ``sisa``, ``dipotong`` (cut to 0 in the APBD-P) and
    ``keterangan`` (why a figure is empty, report language) added.
    """
    f = frame.copy()
    murni = floats(f["pagu_murni"])
    perubahan = floats(f["pagu_perubahan"])
    fisik = floats(f["realisasi_fisik"])
    spent = floats(f["realisasi_keuangan"])
    revised = perubahan.notna()
    pagu = perubahan.where(revised, murni)
    f["pagu_murni"], f["pagu_perubahan"] = murni, perubahan
    f["realisasi_fisik"], f["realisasi_keuangan"] = fisik, spent
    f["pagu"] = pagu
    src = np.select([revised.to_numpy(), murni.notna().to_numpy()], ["perubahan", "murni"], default="")
    f["sumber_pagu"] = pd.Series(np.where(src == "", None, src), index=f.index, dtype="string")
    f["pemotongan"] = murni - pagu

    funded = (pagu > 0).fillna(False).astype(bool)
    total = fsum(pagu[funded])
    safe_total = total if total and total > 0 else 1.0
    bobot = (pagu / safe_total * 100).where(funded)
    f["bobot"] = bobot
    f["ttb"] = bobot * fisik / 100
    safe_pagu = pagu.where(funded, 1.0)
    f["realisasi_keuangan_persen"] = (spent / safe_pagu * 100).where(funded)
    f["sisa"] = pagu - spent

    cut = ((pagu == 0).fillna(False) & revised & (murni.fillna(0) > 0)).astype(bool)
    f["dipotong"] = cut
    reason = np.select(
        [
            pagu.isna().to_numpy(),
            cut.to_numpy(),
            (pagu == 0).fillna(False).to_numpy(),
            spent.isna().to_numpy(),
            fisik.isna().to_numpy(),
        ],
        [REASON_NO_PAGU, REASON_CUT, REASON_ZERO, REASON_NO_SPENDING, REASON_NO_PHYSICAL],
        default="",
    )
    f["keterangan"] = pd.Series(np.where(reason == "", None, reason), index=f.index, dtype="string")
    return f


@dataclass(frozen=True)
class BudgetSummary:
    """The agency totals of one year's budget realisation (the total row of Tabel 3.2).

    ``ttb`` is Σ TTB, the physical progress weighted by pagu; ``realisasi_fisik_rata_rata``
    is the simple mean of realisasi fisik over kegiatan that had a budget (pagu > 0).
    The seed report prints both in its total row (96,50 and 96,40).
    """

    tahun: int | None
    ada_perubahan: bool
    """The budget was revised: some kegiatan has an APBD-P amount (``pagu`` is then APBD-P)."""
    jumlah_kegiatan: int
    jumlah_kegiatan_berpagu: int
    jumlah_kegiatan_dipotong: int
    pagu_murni: float
    pagu: float
    pemotongan: float
    pemotongan_persen: float
    bobot: float
    ttb: float
    realisasi_fisik_rata_rata: float
    realisasi_keuangan: float
    realisasi_keuangan_persen: float
    sisa: float

    def to_frame(self) -> pd.DataFrame:
        """One-row frame (the columns of ``anggaran_ringkasan.csv``)."""
        f = pd.DataFrame([asdict(self)])
        for c in ("tahun", "jumlah_kegiatan", "jumlah_kegiatan_berpagu", "jumlah_kegiatan_dipotong"):
            f[c] = f[c].astype("Int64")
        return f


def _ratio(num: float, den: float) -> float:
    return num / den * 100 if den and den > 0 and not np.isnan(num) else float("nan")


def compute_budget_summary(activities: pd.DataFrame, year: int | None = None) -> BudgetSummary:
    """The agency totals from the output of :func:`compute_activity_budget`."""
    funded = (activities["pagu"] > 0).fillna(False).astype(bool)
    f = activities[funded]
    murni = fsum(activities["pagu_murni"])
    pagu = fsum(activities["pagu"])
    spent = fsum(activities["realisasi_keuangan"])
    cut = _cut_total(murni, pagu)
    return BudgetSummary(
        tahun=year,
        ada_perubahan=bool(activities["pagu_perubahan"].notna().any()),
        jumlah_kegiatan=len(activities),
        jumlah_kegiatan_berpagu=int(funded.sum()),
        jumlah_kegiatan_dipotong=int(activities["dipotong"].sum()),
        pagu_murni=murni,
        pagu=pagu,
        pemotongan=cut,
        pemotongan_persen=_ratio(cut, murni),
        bobot=fsum(f["bobot"]),
        ttb=fsum(f["ttb"]),
        realisasi_fisik_rata_rata=fmean(f["realisasi_fisik"]),
        realisasi_keuangan=spent,
        realisasi_keuangan_persen=_ratio(spent, pagu),
        sisa=fsum(activities["sisa"]),
    )


@dataclass(frozen=True)
class ActivityProgress:
    """Physical progress of a set of kegiatan (all of the year, or those serving one sasaran).

    Only kegiatan with a budget (pagu > 0) count as finished or short; a kegiatan
    without realisasi fisik is neither.
    """

    jumlah: int
    """Kegiatan in the set."""
    penuh: int
    """Kegiatan with pagu > 0 and realisasi fisik ≥ 100 %."""
    kurang: int
    """Kegiatan with pagu > 0 and realisasi fisik < 100 %."""
    terendah: str | None
    """Kode rekening of the short kegiatan with the lowest realisasi fisik (the first in report
    order on a tie); None when none fell short."""
    dipotong: tuple[str, ...]
    """Kode rekening of the kegiatan cut to 0 in the APBD-P, in report order."""


def activity_progress(activities: pd.DataFrame) -> ActivityProgress:
    """How many kegiatan of ``activities`` (rows of :func:`budget_by_activity`) finished, fell short, were cut."""
    funded = (activities["pagu"] > 0).fillna(False).astype(bool)
    fisik = floats(activities["realisasi_fisik"])
    full = funded & (fisik >= 100)
    short = funded & (fisik < 100)
    codes = activities["kode_rekening"].astype("string")
    lowest = None
    if short.any():
        lowest = str(codes[fisik[short].idxmin()])
    cut = activities["dipotong"].astype(bool)
    return ActivityProgress(
        jumlah=len(activities),
        penuh=int(full.sum()),
        kurang=int(short.sum()),
        terendah=lowest,
        dipotong=tuple(str(c) for c in codes[cut]),
    )


def _cut_total(murni: float, pagu: float) -> float:
    """Σ pagu_murni − Σ pagu (an empty murni counts as 0, as printed subtotals treat it)."""
    if np.isnan(murni) or np.isnan(pagu):
        return float("nan")
    return murni - pagu


def compute_program_budget(activities: pd.DataFrame) -> pd.DataFrame:
    """Program rows from the output of :func:`compute_activity_budget` (needs ``program_kode``).

    Sums of the program's kegiatan (pagu_murni, pagu, bobot, ttb,
    realisasi_keuangan, sisa, pemotongan), and the ratios: ``pemotongan_persen``
    (cut as % of APBD murni), ``realisasi_fisik_tertimbang`` (Σ ttb / Σ bobot × 100,
    the program's physical progress weighted by pagu), ``realisasi_fisik_rata_rata``
    (simple mean over kegiatan with pagu > 0) and ``realisasi_keuangan_persen``.
    Programs appear in the order of their first kegiatan.
    """
    rows = []
    for code in pd.unique(activities["program_kode"]):
        g = activities[activities["program_kode"] == code]
        funded = (g["pagu"] > 0).fillna(False).astype(bool)
        fg = g[funded]
        murni = fsum(g["pagu_murni"])
        pagu = fsum(g["pagu"])
        bobot = fsum(fg["bobot"])
        ttb = fsum(fg["ttb"])
        spent = fsum(g["realisasi_keuangan"])
        cut = _cut_total(murni, pagu)
        rows.append(
            {
                "program_kode": code,
                "jumlah_kegiatan": len(g),
                "jumlah_kegiatan_berpagu": int(funded.sum()),
                "jumlah_kegiatan_dipotong": int(g["dipotong"].sum()),
                "pagu_murni": murni,
                "pagu": pagu,
                "pemotongan": cut,
                "pemotongan_persen": _ratio(cut, murni),
                "bobot": bobot,
                "ttb": ttb,
                "realisasi_fisik_tertimbang": ttb / bobot * 100 if bobot and bobot > 0 else float("nan"),
                "realisasi_fisik_rata_rata": fmean(fg["realisasi_fisik"]),
                "realisasi_keuangan": spent,
                "realisasi_keuangan_persen": _ratio(spent, pagu),
                "sisa": fsum(g["sisa"]),
            }
        )
    out = pd.DataFrame(rows, columns=[c for c in PROGRAM_COLUMNS if c not in ("program", "tahun", "anggaran_pk")])
    out["program_kode"] = out["program_kode"].astype("string")
    for c in ("jumlah_kegiatan", "jumlah_kegiatan_berpagu", "jumlah_kegiatan_dipotong"):
        out[c] = out[c].astype("Int64")
    return out


def _year_activities(ds: Dataset, year: int) -> pd.DataFrame:
    a = inputs(ds, "anggaran")
    a = a[a["tahun"] == year]
    keg = inputs(ds, "kegiatan").rename(columns={"urutan": "_urutan_kegiatan"})
    prog = inputs(ds, "program").rename(columns={"kode": "program_kode", "urutan": "_urutan_program"})
    f = a.merge(keg, on="kode_rekening", how="left").merge(prog, on="program_kode", how="left")
    f = f.sort_values(
        ["_urutan_program", "program_kode", "_urutan_kegiatan", "kode_rekening"], kind="mergesort", na_position="last"
    ).reset_index(drop=True)
    f["tahun"] = f["tahun"].astype("Int64")
    for c in ("kode_rekening", "kegiatan", "program_kode", "program"):
        f[c] = text(f[c])
    return f


def budget_by_activity(ds: Dataset, year: int) -> pd.DataFrame:
    """Every kegiatan that has a budget row for the year, in report order (program, then kegiatan).

    Columns: :data:`ACTIVITY_COLUMNS` (see ``docs/tables.md``).

    Raises
    ------
    YearError
        ``anggaran`` has no row for the year.
    """
    year = require_year(ds, year, "anggaran")
    return compute_activity_budget(_year_activities(ds, year))[ACTIVITY_COLUMNS]


def budget_by_program(ds: Dataset, year: int, activities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Program rows for the year (sums of their kegiatan), in report order, with the
    Perjanjian Kinerja budget (``program_tahunan.anggaran_pk``) beside them.

    ``activities`` may pass the result of :func:`budget_by_activity` to avoid recomputing it.
    Columns: :data:`PROGRAM_COLUMNS`.
    """
    year = require_year(ds, year, "anggaran")
    acts = budget_by_activity(ds, year) if activities is None else activities
    out = compute_program_budget(acts)
    names = inputs(ds, "program")[["kode", "program"]].rename(columns={"kode": "program_kode"})
    names["program_kode"] = text(names["program_kode"])
    names["program"] = text(names["program"])
    pk = inputs(ds, "program_tahunan")
    pk = pk[pk["tahun"] == year]
    pk = pd.DataFrame({"program_kode": text(pk["program_kode"]), "anggaran_pk": floats(pk["anggaran_pk"])})
    out = out.merge(names, on="program_kode", how="left").merge(pk, on="program_kode", how="left")
    out["tahun"] = pd.Series(year, index=out.index, dtype="Int64")
    return out[PROGRAM_COLUMNS]


#: How many kegiatan per program :func:`notable_activities` names.
NOTABLE_PER_PROGRAM = 3

#: Why a kegiatan is named (report language), most serious first: the order of :func:`notable_activities`.
REASON_OVERSPENT = "realisasi keuangan melebihi pagu"
REASON_CANCELLED = "dibatalkan pada APBD-P"
REASON_BEHIND = "realisasi fisik di bawah 100 %"


def notable_activities(activities: pd.DataFrame, per_program: int = NOTABLE_PER_PROGRAM) -> pd.DataFrame:
    """The kegiatan that matter in each program, for a report that does not list every kegiatan.

    A kegiatan matters when it spent more than its pagu (``sisa`` < 0), was cut to 0 in the APBD-P
    (``dipotong``), or has a pagu and fell short of 100 % physical progress. Per program at most
    ``per_program`` of them, the most serious first: overspent (the largest overspending first), then cut
    (the largest APBD murni first), then behind (the lowest physical progress first); ties in report order.

    Parameters
    ----------
    activities
        Rows of :func:`budget_by_activity` (or :func:`compute_activity_budget` with ``program_kode``).
    per_program
        The most kegiatan named per program.

    Returns
    -------
    The columns of ``activities`` and ``alasan`` (why the kegiatan is named), programs in report order, each
    program's kegiatan most serious first. Empty when no kegiatan matters.
    """
    f = activities.reset_index(drop=True)
    sisa = floats(f["sisa"])
    fisik = floats(f["realisasi_fisik"])
    funded = (floats(f["pagu"]) > 0).fillna(False).to_numpy()
    overspent = (sisa < 0).fillna(False).to_numpy()
    cut = f["dipotong"].astype(bool).to_numpy()
    behind = funded & (fisik < 100).fillna(False).to_numpy()
    rank = np.select([overspent, cut, behind], [0, 1, 2], default=-1)
    # within a rank, the most serious first: overspent by sisa (most negative), cut by the pagu lost, behind by fisik
    severity = np.select([overspent, cut, behind], [sisa, -floats(f["pagu_murni"]).fillna(0), fisik], default=0)
    order = {code: i for i, code in enumerate(pd.unique(f["program_kode"]))}
    keyed = f.assign(
        alasan=pd.Series(np.array([REASON_OVERSPENT, REASON_CANCELLED, REASON_BEHIND, ""])[rank], dtype="string"),
        _program=f["program_kode"].map(order),
        _rank=rank,
        _severity=severity,
        _row=np.arange(len(f)),
    )
    keyed = keyed[keyed["_rank"] >= 0].sort_values(["_program", "_rank", "_severity", "_row"], kind="mergesort")
    picked = keyed.groupby("_program", sort=False).head(per_program)
    return picked[[*f.columns, "alasan"]].reset_index(drop=True)
