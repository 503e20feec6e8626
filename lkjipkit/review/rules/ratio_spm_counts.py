"""RATIO-SPM-COUNTS: a stated SPM percentage equals its numerator over its denominator.

Rationale: the SPM sosial table prints, per year, the people who should have
received help, those who did, and the percentage. The percentage is typed
separately from the counts, so a row copied from another year keeps a
percentage its counts do not give (the seed prints 7,61 % for 2014, where
825 / 12.165 gives 6,78 %; 7,61 % is the 2012 figure). Compared, for every
year the report prints (``jendela_tahun``): ``spm_realisasi.realisasi_tercetak``,
and ``realisasi`` when the counts are also given (the report uses the counts,
so a different ``realisasi`` would be silently ignored), with
``pembilang / penyebut × 100``. When the printed figure equals another year's
percentage or the numerator repeats another year's, the message says so: that
points to a row copied from that year.
"""

from __future__ import annotations

from ..context import has, nilai, num, persen
from ..finding import Finding

ID = "RATIO-SPM-COUNTS"
FAMILY = "ratios"
SEVERITY = "error"
TITLE = "Persentase SPM sama dengan pembilang/penyebut"
NEEDS = ()
SETTINGS = ("toleransi_persen", "jendela_tahun")


def _pct(rec) -> float:
    p, q = num(rec["pembilang"]), num(rec["penyebut"])
    return p / q * 100 if has(p) and has(q) and q > 0 else float("nan")


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    tol = ctx.settings.toleransi_persen
    s = ctx.ds.tables["spm_realisasi"]
    s = s[s["tahun"].isin(list(ctx.window)).fillna(False)]
    recs = s.to_dict("records")
    for rec in recs:
        pct = _pct(rec)
        if not has(pct):
            continue
        code, year = str(rec["spm_kode"]), int(rec["tahun"])
        others = [r for r in recs if str(r["spm_kode"]) == code and int(r["tahun"]) != year]
        for column, what in (("realisasi_tercetak", "tercetak"), ("realisasi", "yang diisi di kolom realisasi")):
            stated = num(rec[column])
            if not ctx.differs(stated, pct, tol):
                continue
            p, q = num(rec["pembilang"]), num(rec["penyebut"])
            hint = _copied_from(stated, p, year, others, tol)
            used = "" if column == "realisasi_tercetak" else " Laporan memakai persentase dari pembilang/penyebut."
            out.append(
                ctx.finding(
                    ID,
                    SEVERITY,
                    "spm_realisasi",
                    rec,
                    column,
                    f"{code}, {year}",
                    message=(
                        f"{code} tahun {year}: persentase {what} {persen(stated)} tidak sama dengan pembilang/penyebut "
                        f"= {nilai(p)} / {nilai(q)} × 100 = {persen(pct)}.{hint}{used}"
                    ),
                    found=persen(stated),
                    expected=persen(pct),
                    figures={
                        "tercetak": stated,
                        "pembilang": p,
                        "penyebut": q,
                        "dihitung": pct,
                        "selisih": stated - pct,
                    },
                )
            )
    return out


def _copied_from(stated: float, numerator: float, year: int, others: list[dict], tol: float) -> str:
    """A hint when the stated figure or the numerator repeats another year's: a row copied from that year."""
    same_pct = sorted(
        int(r["tahun"])
        for r in others
        if any(has(v) and abs(v - stated) <= tol + 1e-9 for v in (num(r["realisasi_tercetak"]), _pct(r)))
    )
    same_num = sorted(int(r["tahun"]) for r in others if has(r["pembilang"]) and num(r["pembilang"]) == numerator)
    if not same_pct and not same_num:
        return ""
    parts = []
    if same_pct:
        parts.append(f"persentase tersebut sama dengan persentase tahun {', '.join(map(str, same_pct))}")
    if same_num:
        parts.append(f"pembilangnya ({nilai(numerator)}) sama dengan pembilang tahun {', '.join(map(str, same_num))}")
    years = ", ".join(map(str, sorted(set(same_pct) | set(same_num))))
    return f" Catatan: {' dan '.join(parts)}; kemungkinan angka tahun {years} tersalin ke baris tahun {year}."
