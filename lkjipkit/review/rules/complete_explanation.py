"""COMPLETE-EXPLANATION: every indicator that missed its target has the analyst's explanation.

Rationale: analysis 5 of PermenPAN-RB 53/2014 asks for the causes of success
or failure; a missed target reported without a cause is the first thing an
evaluator marks down. The seed's IKU6 (PMKS receiving help, 8,91 % against
20 %) is discussed in one sentence that states the shortfall and gives no
cause. Checked: each IKU whose realisation did not reach its target in the
report year (by polarity) has a non-empty ``analisis_iku.penyebab``.
"""

from __future__ import annotations

from lkjipkit import fmt

from ..context import blank, is_false, persen
from ..finding import Finding

ID = "COMPLETE-EXPLANATION"
FAMILY = "completeness"
SEVERITY = "warning"
TITLE = "IKU yang tidak mencapai target mempunyai penjelasan penyebab"
NEEDS = ("iku_tahunan",)
SETTINGS = ()
COLUMN, WHAT = "penyebab", "penyebab tidak tercapainya target"


def missed(ctx) -> list[tuple[dict, dict]]:
    """(achievement row, explanation row) of each IKU that did not reach its target in the year."""
    expl = {str(r["kode"]): r for r in ctx.explanations.to_dict("records")}
    return [
        (rec, expl.get(str(rec["kode"]), {}))
        for rec in ctx.indicators.to_dict("records")
        if is_false(rec["mencapai_target"])
    ]


def finding(ctx, rule: str, severity: str, column: str, what: str, rec: dict) -> Finding:
    code = str(rec["kode"])
    row = ctx.row("analisis_iku", code, ctx.year)
    real, target = fmt.dengan_satuan(rec["realisasi"], rec["satuan"]), fmt.dengan_satuan(rec["target"], rec["satuan"])
    where = "baris analisisnya tidak ada" if row is None else f"kolom {column} kosong"
    return ctx.finding(
        rule,
        severity,
        "analisis_iku",
        row,
        column,
        f"{code}, {ctx.year}",
        message=(
            f"{code} ({rec['indikator']}) tidak mencapai target tahun {ctx.year} (realisasi {real} "
            f"terhadap target {target}, capaian {persen(rec['capaian'])}), tetapi {where} di analisis_iku.csv: "
            f"laporan tidak menjelaskan {what}."
        ),
        found="kosong",
        expected=what,
        figures={"target": rec["target"], "realisasi": rec["realisasi"], "capaian": rec["capaian"]},
    )


def check(ctx) -> list[Finding]:
    return [finding(ctx, ID, SEVERITY, COLUMN, WHAT, rec) for rec, ex in missed(ctx) if blank(ex.get(COLUMN))]
