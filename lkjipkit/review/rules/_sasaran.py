"""Sasaran that no row of another table points at (COMPLETE-SASARAN-IKU and COMPLETE-SASARAN-PROGRAM)."""

from __future__ import annotations

from collections.abc import Callable

from ..finding import Finding


def unlinked_sasaran(
    rule: str, severity: str, table: str, gap: str, found: str, expected: str
) -> Callable[[object], list[Finding]]:
    """A rule's ``check``: one finding per ``sasaran`` that is no ``table.sasaran_kode``.

    The message reads ``Sasaran S3 (<name>) <gap>``; the finding points at the
    sasaran's row, column ``kode``.
    """

    def check(ctx) -> list[Finding]:
        linked = {str(k) for k in ctx.ds.tables[table]["sasaran_kode"].dropna()}
        return [
            ctx.finding(
                rule,
                severity,
                "sasaran",
                rec,
                "kode",
                str(rec["kode"]),
                message=f"Sasaran {rec['kode']} ({rec['sasaran']}) {gap}",
                found=found,
                expected=expected,
            )
            for rec in ctx.ds.tables["sasaran"].to_dict("records")
            if str(rec["kode"]) not in linked
        ]

    return check
