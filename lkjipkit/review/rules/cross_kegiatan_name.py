"""CROSS-KEGIATAN-NAME: a kegiatan has the same name in the plan (RKT) and in the realisation table.

Rationale: the RKT (Tabel 2.2) and the budget realisation (Tabel 3.2) are
typed from different systems, and a kegiatan renamed on the way may no longer
be recognisable as the same activity, or may be a different one under the same
kode rekening. The seed has six: two only truncated or in other case
(*info*), four with different words, e.g. "dekonsentrasi askessos" vs
"dekonstruksi akses" (*warning*). When the realisation name is the name of
*another* kegiatan, the codes are probably swapped (*warning*). Compared:
``anggaran.nama_realisasi`` with ``kegiatan.kegiatan``.
"""

from __future__ import annotations

from ..context import blank
from ..finding import Finding
from ._names import COSMETIC, DIFFERENT, SAME, SHORTENED, compare, normalise, word_changes

ID = "CROSS-KEGIATAN-NAME"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Nama kegiatan sama di RKT dan tabel realisasi"
NEEDS = ("anggaran",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    by_name: dict[str, str] = {}
    for r in ctx.ds.tables["kegiatan"].to_dict("records"):
        by_name.setdefault(normalise(r["kegiatan"]), str(r["kode_rekening"]))
    for rec in ctx.activities.to_dict("records"):
        shown, code = rec["nama_realisasi"], str(rec["kode_rekening"])
        plan = ctx.kegiatan_name(code)
        if blank(shown) or plan is None:
            continue
        how = compare(plan, shown)
        if how == SAME:
            continue
        other = by_name.get(normalise(shown))
        no = ctx.kegiatan_no(code)
        severity = "info"
        if other is not None and other != code:
            severity = SEVERITY
            message = (
                f"Nama {no} (kode {code}) di tabel realisasi, «{shown}», adalah nama {ctx.kegiatan_no(other)} "
                f"(kode {other}) di RKT: kode rekening kedua kegiatan mungkin tertukar."
            )
        elif how == COSMETIC:
            message = (
                f"Nama {no} di tabel realisasi («{shown}») hanya berbeda huruf besar/kecil, spasi atau tanda baca "
                f"dari nama di RKT («{plan}»)."
            )
        elif how == SHORTENED:
            message = (
                f"Nama {no} di tabel realisasi («{shown}») adalah bentuk terpotong atau singkat dari nama di RKT "
                f"(«{plan}»)."
            )
        else:
            assert how == DIFFERENT
            severity = SEVERITY
            message = (
                f"Nama {no} (kode {code}) berbeda antara RKT («{plan}») dan tabel realisasi («{shown}»): "
                f"{word_changes(plan, shown)}. Pastikan keduanya kegiatan yang sama, lalu samakan namanya."
            )
        out.append(
            ctx.activity_finding(
                ID,
                severity,
                rec,
                "nama_realisasi",
                message=message,
                found=str(shown),
                expected=plan,
                figures={"perbedaan": how},
            )
        )
    return out
