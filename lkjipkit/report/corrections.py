"""The notes under a table that disclose a corrected figure (:attr:`YearAnalysis.koreksi`).

Wherever the report prints a figure computed from the inputs that an earlier report printed differently
(a ``*_tercetak`` column), the table says so: the new figure, how it was computed, and the old one, e.g.
"Koreksi tahun 2014 — Persentase PMKS …: 6,78 %, dihitung dari 825 / 12.165; tercetak 7,61 % dalam laporan
sebelumnya."
Which figures differ is decided in :mod:`lkjipkit.analysis.corrections`; this module only words it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
from markupsafe import Markup

from lkjipkit import fmt

from . import html

__all__ = ["REALISATION_COLUMNS", "budget_label", "correction_notes", "correction_text"]

#: The printed columns the realisation table per kegiatan (Bab III) prints computed.
REALISATION_COLUMNS = (
    "bobot_tercetak",
    "ttb_tercetak",
    "realisasi_keuangan_persen_tercetak",
    "sisa_tercetak",
    "pagu_murni_tercetak",
    "pagu_perubahan_tercetak",
)

#: The printed budget columns in words.
_WHAT = {
    "pagu_rkt_tercetak": "pagu RKT",
    "bobot_tercetak": "bobot",
    "ttb_tercetak": "TTB",
    "realisasi_keuangan_persen_tercetak": "realisasi keuangan",
    "sisa_tercetak": "sisa dana",
    "pagu_murni_tercetak": "APBD murni",
    "pagu_perubahan_tercetak": "APBD-P",
}


def _value(v, satuan: str) -> str:
    return fmt.rupiah(v) if satuan == "Rp" else fmt.persen(v, 2)


def _basis(r: dict) -> str:
    """How the new figure was computed, in words."""
    a, b, rumus = r["a"], r["b"], r["rumus"]
    if rumus == "pembilang_penyebut":
        return f"dari {fmt.nilai(a)} / {fmt.nilai(b)}"
    if rumus == "capaian":
        return f"dari realisasi {fmt.nilai(b)} terhadap target {fmt.nilai(a)}"
    if rumus == "bobot":
        return f"dari pagu {fmt.rupiah(a)} terhadap jumlah pagu {fmt.rupiah(b)}"
    if rumus == "ttb":
        return f"dari bobot {fmt.angka(a, 4)} × realisasi fisik {fmt.persen(b, 2)}"
    if rumus == "keuangan":
        return f"dari realisasi {fmt.rupiah(a)} terhadap pagu {fmt.rupiah(b)}"
    if rumus == "sisa":
        return f"dari pagu {fmt.rupiah(a)} dikurangi realisasi {fmt.rupiah(b)}"
    if rumus == "pagu_murni":
        return "sesuai pagu APBD murni"
    if rumus == "jumlah_kegiatan":
        return "sesuai jumlah kegiatannya"
    return "sesuai data realisasi"


def correction_text(r: dict, label: str) -> str:
    """One correction as a sentence: ``Koreksi tahun <year> — <label>: <new>, dihitung <basis>; tercetak <old> …``."""
    return (
        f"Koreksi tahun {int(r['tahun'])} — {label}: {_value(r['dihitung'], r['satuan'])}, dihitung {_basis(r)}; "
        f"tercetak {_value(r['tercetak'], r['satuan'])} dalam laporan sebelumnya."
    )


def budget_label(programs: dict[str, str]) -> Callable[[dict], str]:
    """Names of corrected budget figures: "bobot kegiatan 1.14…", "subtotal APBD-P <program name>"."""

    def label(r: dict) -> str:
        what = _WHAT.get(r["kolom"], r["kolom"])
        if r["tabel"] == "program_tahunan":
            return f"subtotal {what} {programs.get(r['kode'], r['kode'])}"
        return f"{what} kegiatan {r['kode']}"

    return label


def correction_notes(
    koreksi: pd.DataFrame,
    *,
    tabel: str | Iterable[str],
    kolom: Iterable[str] | None = None,
    kode: Iterable[str] | None = None,
    tahun: Iterable[int] | None = None,
    label: Callable[[dict], str],
) -> Markup:
    """The correction notes (``p.catatan.koreksi``) for the figures a table prints, or nothing.

    ``tabel`` (one or more), ``kolom``, ``kode`` and ``tahun`` select the rows of ``koreksi`` the table shows;
    ``label(row)`` names the figure (e.g. the indicator, or "bobot kegiatan 1.14…").
    """
    k = koreksi[koreksi["tabel"].isin([tabel] if isinstance(tabel, str) else list(tabel))]
    if kolom is not None:
        k = k[k["kolom"].isin(list(kolom))]
    if kode is not None:
        k = k[k["kode"].isin([str(c) for c in kode])]
    if tahun is not None:
        k = k[k["tahun"].isin([int(t) for t in tahun])]
    return Markup("").join(
        html.paragraph(correction_text(r, label(r)), kelas="catatan koreksi") for r in k.to_dict("records")
    )
