"""PLAUS-CAPAIAN-HIGH: no indicator reaches an implausibly high capaian.

Rationale: a capaian far above 100 % usually means the target was set too
low (a weak Perjanjian Kinerja), or a figure was typed in the wrong unit or
with a misplaced decimal separator. Fires when the capaian before any cap
(:func:`lkjipkit.analysis.iku.indicator_achievement`) exceeds
``capaian_maksimum`` (default 150 %).
"""

from __future__ import annotations

from ..context import EPS, has, nilai, num, persen
from ..finding import Finding

ID = "PLAUS-CAPAIAN-HIGH"
FAMILY = "plausibility"
SEVERITY = "warning"
TITLE = "Capaian IKU tidak melebihi batas wajar"
NEEDS = ("iku_tahunan",)
SETTINGS = ("capaian_maksimum",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    top = ctx.settings.capaian_maksimum
    for rec in ctx.indicators.to_dict("records"):
        cap = num(rec["capaian_tanpa_batas"])
        if not has(cap) or cap <= top + EPS:
            continue
        code = str(rec["kode"])
        out.append(
            ctx.yearly_finding(
                ID,
                SEVERITY,
                "iku_tahunan",
                code,
                "realisasi",
                message=(
                    f"Capaian {code} tahun {ctx.year} {persen(cap)} (realisasi {nilai(rec['realisasi'])} "
                    f"terhadap target {nilai(rec['target'])}), di atas {persen(top, 0)}: target mungkin terlalu "
                    "rendah, atau realisasi atau target salah ketik (satuan, tanda desimal)."
                ),
                found=persen(cap),
                expected=f"≤ {persen(top, 0)}",
                figures={"capaian": cap, "target": num(rec["target"]), "realisasi": num(rec["realisasi"])},
            )
        )
    return out
