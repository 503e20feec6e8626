"""PLAUS-JUMP-IKU: an indicator's realisation does not jump far from last year's without reason.

Rationale: analysis 2 of PermenPAN-RB 53/2014 compares each indicator with the
year before. A realisation that halves or doubles in one year is either real
(and the report must explain it) or a typing error (a decimal point, last
year's figure, another indicator's figure). Fires when the change is at least
``loncatan_relatif`` % of last year's value (default 50) and at least
``loncatan_minimum`` in the indicator's unit (default 10; points for %), so a
small count going from 2 to 1 is not a jump.
"""

from __future__ import annotations

from ..context import has, nilai, num
from ..finding import Finding
from ._jump import change_text, jumped

ID = "PLAUS-JUMP-IKU"
FAMILY = "plausibility"
SEVERITY = "warning"
TITLE = "Realisasi IKU tidak melonjak jauh dari tahun lalu"
NEEDS = ("iku_tahunan",)
SETTINGS = ("loncatan_relatif", "loncatan_minimum")


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.indicators.to_dict("records"):
        prev, cur = num(rec["realisasi_tahun_lalu"]), num(rec["realisasi"])
        if not (has(prev) and has(cur)):
            continue
        unit = rec["satuan"] if isinstance(rec["satuan"], str) else None
        hit, relative = jumped(prev, cur, ctx.settings)
        if not hit:
            continue
        code = str(rec["kode"])
        suffix = f" {unit}" if unit and unit != "%" else (" %" if unit == "%" else "")
        way = "naik" if cur > prev else "turun"
        out.append(
            ctx.yearly_finding(
                ID,
                SEVERITY,
                "iku_tahunan",
                code,
                "realisasi",
                message=(
                    f"Realisasi {code} {way} dari {nilai(prev)}{suffix} ({ctx.year - 1}) menjadi {nilai(cur)}{suffix} "
                    f"({ctx.year}), {change_text(relative)}. Periksa angkanya dan jelaskan "
                    "penyebabnya dalam analisis capaian."
                ),
                found=f"{nilai(cur)}{suffix}",
                expected=f"dekat {nilai(prev)}{suffix} atau dijelaskan",
                figures={
                    "realisasi_tahun_lalu": prev,
                    "realisasi": cur,
                    "perubahan": cur - prev,
                    "perubahan_persen": relative,
                },
            )
        )
    return out
