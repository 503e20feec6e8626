"""CROSS-IKU-SPM-TARGET: an IKU's target is not below the national target of the SPM it is linked to.

Rationale: a minimum service standard (SPM) is the floor a region must reach;
an IKU target below it plans, in the Perjanjian Kinerja, to miss the national
minimum (*warning*; the seed's IKU2 placement and IKU4 inspections both have
25 % against SPM targets of 45 %). A target above the national one is allowed
but is reported as *info*, because the report then judges the same measure
against two different bars (the seed's IKU3 BPJS target is 100 %, the SPM
Jamsostek target 50 %). Only for positive indicators (SPM are "higher is
better"); compared in the report year: ``iku_tahunan.target`` with
``spm_indikator.target_nasional``. Only for a pair marked as measuring the same
thing (``iku.spm_sebanding`` = ``ya``): otherwise the report shows the standard
as context and a target change would be advice about a different measure.
"""

from __future__ import annotations

from ..context import EPS, blank, has, nilai, num
from ..finding import Finding

ID = "CROSS-IKU-SPM-TARGET"
FAMILY = "identity"
SEVERITY = "warning"
TITLE = "Target IKU tidak di bawah target nasional SPM yang ditautkan"
NEEDS = ("iku_tahunan",)
SETTINGS = ()


def check(ctx) -> list[Finding]:
    out: list[Finding] = []
    spm = {str(r["kode"]): r for r in ctx.ds.tables["spm_indikator"].to_dict("records")}
    links = {
        str(r["kode"]): str(r["spm_kode"])
        for r in ctx.ds.tables["iku"].to_dict("records")
        if not blank(r["spm_kode"]) and r.get("spm_sebanding") == "ya"
    }
    for rec in ctx.indicators.to_dict("records"):
        code = str(rec["kode"])
        if code not in links or rec["polaritas"] != "positif":
            continue
        spm_code = links[code]
        target, national = num(rec["target"]), num(spm.get(spm_code, {}).get("target_nasional"))
        if not (has(target) and has(national)) or abs(target - national) <= EPS:
            continue
        unit = "" if blank(rec["satuan"]) else f" {rec['satuan']}"
        if target < national:
            severity = SEVERITY
            message = (
                f"Target {code} tahun {ctx.year} ({nilai(target)}{unit}) di bawah target nasional {spm_code} "
                f"({nilai(national)}{unit}), padahal keduanya ditautkan sebagai ukuran yang sama: target Perjanjian "
                "Kinerja merencanakan capaian di bawah standar pelayanan minimal. Naikkan target atau jelaskan."
            )
        else:
            severity = "info"
            message = (
                f"Target {code} tahun {ctx.year} ({nilai(target)}{unit}) berbeda dengan target nasional {spm_code} "
                f"({nilai(national)}{unit}): ukuran yang sama dinilai dengan dua target. Sebutkan target mana yang "
                "dipakai untuk kesimpulan."
            )
        out.append(
            ctx.yearly_finding(
                ID,
                severity,
                "iku_tahunan",
                code,
                "target",
                message=message,
                found=f"{nilai(target)}{unit}",
                expected=(
                    f"≥ {nilai(national)}{unit}" if target < national else f"{nilai(national)}{unit} (target nasional)"
                ),
                figures={"target_iku": target, "spm_kode": spm_code, "target_nasional": national},
            )
        )
    return out
