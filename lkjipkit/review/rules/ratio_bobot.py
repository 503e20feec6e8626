"""RATIO-BOBOT: a kegiatan's printed weight (bobot) equals its pagu over the agency's total pagu.

Rationale: ``bobot = pagu / Σ pagu × 100`` with the pagu in force (APBD-P,
else murni). A bobot computed from the APBD murni, or from an old total after
the revision, misweights every TTB and the agency's physical progress. A
kegiatan cut to 0 has no bobot (the report prints ``-``): a printed bobot for
it is an error too. Compared: ``anggaran.bobot_tercetak`` with the bobot of
:func:`lkjipkit.analysis.budget.budget_by_activity`.
"""

from __future__ import annotations

from ..context import angka, has, num, rupiah, total
from ..finding import Finding

ID = "RATIO-BOBOT"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Bobot tercetak sama dengan pagu dibagi total pagu"
NEEDS = ("anggaran",)
SETTINGS = ("toleransi_persen",)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    acts = ctx.activities
    agency = total(v for v in acts["pagu"] if has(v) and num(v) > 0)
    for rec in acts.to_dict("records"):
        printed, bobot, pagu = num(rec["bobot_tercetak"]), num(rec["bobot"]), num(rec["pagu"])
        if not has(printed):
            continue
        code = str(rec["kode_rekening"])
        if not has(bobot):
            if printed == 0:
                continue
            message = (
                f"Bobot {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal pagunya "
                f"{rupiah(pagu) if has(pagu) else 'kosong'}: kegiatan tanpa pagu tidak berbobot (dicetak '-')."
            )
            expected = "-"
        elif ctx.differs(printed, bobot, ctx.settings.toleransi_persen):
            message = (
                f"Bobot {ctx.kegiatan_label(code)} tercetak {angka(printed)}, padahal pagu {rupiah(pagu)} / total "
                f"pagu {rupiah(agency)} × 100 = {angka(bobot, 4)}."
            )
            expected = angka(bobot)
        else:
            continue
        out.append(
            Finding(
                rule=ID,
                severity=SEVERITY,
                file="anggaran.csv",
                row=int(rec["_row"]),
                column="bobot_tercetak",
                key=code,
                message=message,
                found=angka(printed),
                expected=expected,
                figures={"bobot_tercetak": printed, "pagu": pagu, "total_pagu": agency, "bobot": bobot},
            )
        )
    return out
