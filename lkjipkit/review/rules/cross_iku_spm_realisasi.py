"""CROSS-IKU-SPM-REALISASI: an IKU and the SPM indicator it is linked to report the same realisation.

Rationale: when an IKU measures what a national standard measures
(``iku.spm_kode``), the report prints the figure twice, in the IKU table and
in the SPM table. Two different figures for one measure mean one is wrong, or
the two use different formulas (numerator/denominator) and the report must
say so. The seed has two for 2016: placement (IKU2 30,75 % vs SPM-NAKER-4
12,12 %) and company inspections (IKU4 20,42 % vs SPM-NAKER-7 9,07 %); the
IKU formula divides placements by registered vacancies, the SPM by registered
job seekers, and the report does not explain it. Checked for every year the
report prints (``jendela_tahun``); a difference up to ``selisih_iku_spm`` is
rounding (an SPM computed from counts vs an IKU printed with 2 decimals).
A pair not marked as measuring the same thing (``iku.spm_sebanding`` is not
``ya``) is shown in the report as context, so two figures are expected: *info*,
asking to mark the pair if the two do measure the same thing.
"""

from __future__ import annotations

from ..context import blank, has, num, persen, poin
from ..finding import Finding

ID = "CROSS-IKU-SPM-REALISASI"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Realisasi IKU sama dengan realisasi SPM yang ditautkan"
NEEDS = ("iku_tahunan",)
SETTINGS = ("selisih_iku_spm", "jendela_tahun")


def _formula(rec: dict) -> str | None:
    if blank(rec.get("pembilang")) or blank(rec.get("penyebut")):
        return None
    return f"{rec['pembilang']} / {rec['penyebut']}"


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    iku = {str(r["kode"]): r for r in ctx.ds.tables["iku"].to_dict("records") if not blank(r["spm_kode"])}
    if not iku:
        return []
    spm_def = {str(r["kode"]): r for r in ctx.ds.tables["spm_indikator"].to_dict("records")}
    spm = {(str(r["kode"]), int(r["tahun"])): num(r["realisasi"]) for r in ctx.spm.to_dict("records")}
    for h in ctx.indicator_history.to_dict("records"):
        code, year = str(h["kode"]), int(h["tahun"])
        if code not in iku or year not in ctx.window:
            continue
        spm_code = str(iku[code]["spm_kode"])
        real, spm_real = num(h["realisasi"]), spm.get((spm_code, year), float("nan"))
        if not (has(real) and has(spm_real)) or not ctx.differs(real, spm_real, ctx.settings.selisih_iku_spm):
            continue
        formulas = [
            f"{label}: {f}"
            for label, f in ((code, _formula(iku[code])), (spm_code, _formula(spm_def.get(spm_code, {}))))
            if f
        ]
        rumus = f" Rumus yang tercatat — {'; '.join(formulas)}." if formulas else ""
        same = iku[code].get("spm_sebanding") == "ya"
        head = (
            f"Realisasi {code} tahun {year} ({persen(real)}) berbeda dengan realisasi {spm_code} yang "
            f"ditautkan lewat iku.spm_kode ({persen(spm_real)}), selisih {poin(real - spm_real)}. "
        )
        if same:
            text = (
                "Keduanya ditandai mengukur hal yang sama (iku.spm_sebanding = ya): salah satu angka keliru, atau "
                f"jelaskan perbedaannya dalam laporan.{rumus}"
            )
        else:
            text = (
                "Laporan menyajikan SPM itu sebagai konteks tanpa penilaian; bila keduanya sebenarnya mengukur hal "
                f"yang sama, isi iku.spm_sebanding = ya dan periksa angka mana yang keliru.{rumus}"
            )
        out.append(
            ctx.yearly_finding(
                ID,
                SEVERITY if same else "info",
                "iku_tahunan",
                code,
                "realisasi",
                message=head + text,
                found=persen(real),
                expected=persen(spm_real),
                figures={
                    "realisasi_iku": real,
                    "spm_kode": spm_code,
                    "realisasi_spm": spm_real,
                    "selisih": real - spm_real,
                },
                year=year,
            )
        )
    return out
