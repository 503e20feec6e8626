"""CROSS-DUPLICATE-NAME: one name is not used by two different codes.

Rationale: the same kegiatan, program, indicator or objective entered twice
under two codes splits its figures between two rows, and every total that
counts it once is wrong (or it is counted twice). Names are compared ignoring
case, blanks and punctuation, within each of ``tujuan``, ``sasaran``, ``iku``,
``program``, ``kegiatan`` and ``spm_indikator``. The finding points at the
later row.
"""

from __future__ import annotations

from ..context import blank
from ..finding import Finding
from ._names import normalise

ID = "CROSS-DUPLICATE-NAME"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Satu nama tidak dipakai oleh dua kode"
NEEDS = ()
SETTINGS = ()

_TABLES = (
    # table, code column, name column, what it is (report words)
    ("tujuan", "kode", "tujuan", "tujuan"),
    ("sasaran", "kode", "sasaran", "sasaran"),
    ("iku", "kode", "indikator", "indikator"),
    ("program", "kode", "program", "program"),
    ("kegiatan", "kode_rekening", "kegiatan", "kegiatan"),
    ("spm_indikator", "kode", "indikator", "indikator SPM"),
)


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for table, code_col, name_col, what in _TABLES:
        first: dict[str, dict] = {}
        for rec in ctx.ds.tables[table].to_dict("records"):
            if blank(rec[name_col]):
                continue
            key = normalise(rec[name_col])
            if key not in first:
                first[key] = rec
                continue
            prev = first[key]
            out.append(
                ctx.finding(
                    ID,
                    SEVERITY,
                    table,
                    rec,
                    name_col,
                    str(rec[code_col]),
                    message=(
                        f"Nama {what} «{rec[name_col]}» dipakai oleh dua kode: {prev[code_col]} (baris {prev['_row']}) "
                        f"dan {rec[code_col]} (baris {rec['_row']}). Bila keduanya {what} yang sama, satukan kodenya; "
                        "bila berbeda, bedakan namanya."
                    ),
                    found=str(rec[code_col]),
                    expected=str(prev[code_col]),
                    figures={"kode": [str(prev[code_col]), str(rec[code_col])]},
                )
            )
    return out
