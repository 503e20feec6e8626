"""RATIO-CAPAIAN: a printed capaian equals the one computed from target and realisasi.

Rationale: capaian is realisasi / target × 100 for a positive indicator, and
the formula of ``iku.rumus_capaian`` (or the polarity's default) otherwise,
with the dataset's cap. A printed capaian typed by hand, computed with the
wrong polarity or against last year's target disagrees with its own table.
Compared, for every year the report prints (``jendela_tahun``):
``iku_tahunan.capaian_tercetak`` with the capaian of
:func:`lkjipkit.analysis.iku.indicator_history`. A printed capaian where none
is defined (target 0 or empty) is an error too.
"""

from __future__ import annotations

from ..context import has, nilai, num, persen
from ..finding import Finding

ID = "RATIO-CAPAIAN"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Capaian tercetak sama dengan capaian dari target dan realisasi"
NEEDS = ("iku_tahunan",)
SETTINGS = ("toleransi_persen", "jendela_tahun")


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    t = ctx.ds.tables["iku_tahunan"]
    t = t[t["tahun"].isin(list(ctx.window)).fillna(False) & t["capaian_tercetak"].notna()]
    if t.empty:
        return []
    hist = {(str(r["kode"]), int(r["tahun"])): r for r in ctx.indicator_history.to_dict("records")}
    for rec in t.to_dict("records"):
        code, year, printed = str(rec["iku_kode"]), int(rec["tahun"]), num(rec["capaian_tercetak"])
        h = hist.get((code, year), {})
        cap, target, real = num(h.get("capaian")), num(h.get("target")), num(h.get("realisasi"))
        if not has(cap):
            why = h.get("keterangan") or "target atau realisasi kosong"
            message = (
                f"Capaian {code} tahun {year} tercetak {persen(printed)}, padahal capaiannya tidak terdefinisi ({why})."
            )
            expected = "-"
        elif ctx.differs(printed, cap, ctx.settings.toleransi_persen):
            message = (
                f"Capaian {code} tahun {year} tercetak {persen(printed)}, padahal dari target {nilai(target)} dan "
                f"realisasi {nilai(real)} capaiannya {persen(cap)}."
            )
            expected = persen(cap)
        else:
            continue
        out.append(
            ctx.finding(
                ID,
                SEVERITY,
                "iku_tahunan",
                rec,
                "capaian_tercetak",
                f"{code}, {year}",
                message=message,
                found=persen(printed),
                expected=expected,
                figures={"capaian_tercetak": printed, "target": target, "realisasi": real, "capaian": cap},
            )
        )
    return out
