"""COMPLETE-YEAR: the report year has indicator rows and budget rows.

Rationale: an LKjIP reports both performance (``iku_tahunan``) and budget
realisation (``anggaran``). A year with one of them entirely missing cannot be
reported, and every rule that needs that table is skipped, so this is an
*error*. (A year missing from both tables is not a finding but a wrong
``--year``: the review then stops with a YearError naming the years there are.)
"""

from __future__ import annotations

from ..finding import Finding

ID = "COMPLETE-YEAR"
FAMILY = "completeness"
SEVERITY = "error"
TITLE = "Tahun laporan mempunyai data IKU dan anggaran"
NEEDS = ()
SETTINGS = ()

_TABLES = {"iku_tahunan": "target dan realisasi IKU", "anggaran": "anggaran dan realisasi kegiatan"}


def check(ctx) -> list[Finding]:
    return [
        ctx.finding(
            ID,
            SEVERITY,
            table,
            None,
            "tahun",
            str(ctx.year),
            message=(
                f"{table}.csv tidak mempunyai baris tahun {ctx.year}: {what} tahun ini tidak dapat direviu maupun "
                f"dilaporkan. Tambahkan barisnya (lkjip new-year membuat baris kosong untuk diisi)."
            ),
            found="tidak ada baris",
            expected=f"baris tahun {ctx.year}",
        )
        for table, what in _TABLES.items()
        if not ctx.has_year(table)
    ]
