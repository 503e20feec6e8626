"""A kegiatan's printed figure against the one computed from its amounts (the ``anggaran.*_tercetak`` rules).

Shared by RATIO-BOBOT, RATIO-TTB, RATIO-KEUANGAN and SUM-SISA: each reads one
printed column of the year's ``anggaran`` rows beside the figure
:func:`lkjipkit.analysis.budget.budget_by_activity` computes, and reports the
rows where they disagree. What differs from rule to rule is the message, the
figures and when a disagreement is not one (e.g. the 0 printed for a kegiatan
without pagu).
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import has, num
from ..finding import Finding

#: ``(record, printed value, kode rekening) -> (message, expected)``, or None: not a finding after all.
Says = Callable[[dict, float, str], "tuple[str, str] | None"]


def printed_vs_computed(
    ctx,
    rule: str,
    severity: str,
    *,
    column: str,
    computed: str,
    defined_by: str | None = None,
    tolerance: float,
    shown: Callable[[float], str],
    undefined: Says,
    wrong: Says,
    figures: Callable[[dict, float], dict],
) -> list[Finding]:
    """Findings for the ``anggaran`` rows of the year whose printed ``column`` disagrees with ``computed``.

    A row with nothing printed is skipped. When ``defined_by`` (default:
    ``computed``) is missing, the figure is undefined for the kegiatan and
    ``undefined`` says what is wrong with printing one; else, when both are
    numbers that differ by more than ``tolerance``, ``wrong`` says it. Either
    may answer None to let the row pass. The finding points at the row and
    column, keyed by kode rekening, with the printed value (as ``shown``) as
    found.
    """
    out: list[Finding] = []
    for rec in ctx.activities.to_dict("records"):
        printed, value = num(rec[column]), num(rec[computed])
        if not has(printed):
            continue
        code = str(rec["kode_rekening"])
        if not has(rec[defined_by or computed]):
            said = undefined(rec, printed, code)
        elif has(value) and ctx.differs(printed, value, tolerance):
            said = wrong(rec, printed, code)
        else:
            continue
        if said is None:
            continue
        message, expected = said
        out.append(
            ctx.finding(
                rule,
                severity,
                "anggaran",
                rec,
                column,
                code,
                message=message,
                found=shown(printed),
                expected=expected,
                figures=figures(rec, printed),
            )
        )
    return out
