"""COMPLETE-SPM-EXPLANATION: every SPM indicator below its national target has the analyst's discussion.

Rationale: analysis 4 compares results with national standards; a standard
missed in the report year without a word of discussion leaves the reader with
a bare number. Checked: each SPM indicator whose realisation in the report
year is below ``target_nasional`` has a non-empty ``spm_realisasi.analisis``.
"""

from __future__ import annotations

from ..context import blank, is_false, persen
from ..finding import Finding

ID = "COMPLETE-SPM-EXPLANATION"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "SPM di bawah target nasional mempunyai analisis"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    texts = {str(r["spm_kode"]): r["analisis"] for r in ctx.rows_of_year("spm_realisasi").to_dict("records")}
    spm = ctx.spm
    for rec in spm[spm["tahun"] == ctx.year].to_dict("records"):
        if not is_false(rec["memenuhi_target"]):
            continue
        code = str(rec["kode"])
        if not blank(texts.get(code)):
            continue
        out.append(
            ctx.yearly_finding(
                ID,
                SEVERITY,
                "spm_realisasi",
                code,
                "analisis",
                message=(
                    f"{code} ({rec['indikator']}) tahun {ctx.year} di bawah target nasional "
                    f"({persen(rec['realisasi'])} terhadap {persen(rec['target_nasional'])}), tetapi kolom analisis "
                    "kosong: laporan tidak menjelaskan penyebab dan upaya perbaikannya."
                ),
                found="kosong",
                expected="analisis capaian SPM",
                figures={"realisasi": rec["realisasi"], "target_nasional": rec["target_nasional"]},
            )
        )
    return out
