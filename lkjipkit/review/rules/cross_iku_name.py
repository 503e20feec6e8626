"""CROSS-IKU-NAME: an indicator has the same name in the Renstra table and in the Perjanjian Kinerja.

Rationale: the IKU of the Perjanjian Kinerja must be the IKU of the Renstra;
a name that differs between the two tables makes a reader wonder whether the
indicator (or its formula) changed. Only case, blanks or punctuation, or a
name that is a shortened form of the other, is *info* (the seed's IKU3 drops
"Persentase" in Tabel 2.1); other words are a *warning*. Compared:
``iku.nama_renstra`` with ``iku.indikator``.
"""

from __future__ import annotations

from ..context import blank
from ..finding import Finding
from ._names import COSMETIC, SAME, SHORTENED, compare, word_changes

ID = "CROSS-IKU-NAME"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Nama IKU sama di Renstra dan Perjanjian Kinerja"
NEEDS = ()
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    for rec in ctx.ds.tables["iku"].to_dict("records"):
        renstra, pk, code = rec["nama_renstra"], str(rec["indikator"]), str(rec["kode"])
        if blank(renstra):
            continue
        how = compare(pk, renstra)
        if how == SAME:
            continue
        if how == COSMETIC:
            severity, detail = "info", "hanya berbeda huruf besar/kecil, spasi atau tanda baca"
        elif how == SHORTENED:
            severity, detail = "info", f"adalah bentuk singkat ({word_changes(pk, renstra)})"
        else:
            severity, detail = SEVERITY, f"berbeda kata: {word_changes(pk, renstra)}"
        out.append(
            ctx.finding(
                ID,
                severity,
                "iku",
                rec,
                "nama_renstra",
                code,
                message=(
                    f"Nama {code} di tabel Renstra («{renstra}») {detail} dari nama di Perjanjian Kinerja («{pk}»)."
                    + ("" if severity == "info" else " Pastikan indikator dan rumusnya tidak berubah.")
                ),
                found=str(renstra),
                expected=pk,
                figures={"perbedaan": how},
            )
        )
    return out
