"""Every rule fires on a minimal crafted case, at the right place, and the clean dataset is silent.

Each case takes the clean synthetic dataset (conftest.py), changes one thing
the way an analyst might get it wrong, and checks that the rule reports it
with the right severity, file, row, column and key. Other rules may speak up
too (a wrong amount can break several printed figures); the test pins the one
it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from review_data import K1, K2, K3, P1, P2, YEAR, Data

from lkjipkit.review import RULES, ReviewSettings, review
from lkjipkit.review.context import ReviewContext
from lkjipkit.review.rules import ratio_ttb_unrounded


@dataclass
class Case:
    id: str
    rule: str
    edit: Callable[[Data], object]
    file: str
    column: str | None
    key: str
    severity: str
    where: tuple[str, dict] | None = None
    """(table, match) of the row the finding must point at; None: no row."""
    settings: dict | None = None
    contains: str = ""
    """A phrase the message must contain."""


CASES = [
    # -- sums
    Case(
        "program subtotal off",
        "SUM-PROGRAM",
        lambda d: d.set("program_tahunan", {"program_kode": P1}, pagu_murni_tercetak="149000000"),
        "program_tahunan.csv",
        "pagu_murni_tercetak",
        P1,
        "error",
        ("program_tahunan", {"program_kode": P1}),
        contains="Rp 150.000.000",
    ),
    Case(
        "sisa not pagu minus spent",
        "SUM-SISA",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, sisa_tercetak="9000000"),
        "anggaran.csv",
        "sisa_tercetak",
        K1,
        "error",
        ("anggaran", {"kode_rekening": K1}),
        contains="Rp 10.000.000",
    ),
    Case(
        "bobot column adds up to 101",
        "SUM-BOBOT",
        lambda d: d.set("anggaran", {"kode_rekening": K3}, bobot_tercetak="36.00"),
        "anggaran.csv",
        "bobot_tercetak",
        "total 2016",
        "error",
        None,
        contains="101,00",
    ),
    Case(
        "bobot column off by rounding only",
        "SUM-BOBOT",
        lambda d: d.set("anggaran", {"kode_rekening": K3}, bobot_tercetak="35.004").set(
            "anggaran", {"kode_rekening": K2}, bobot_tercetak="25.004"
        ),
        "anggaran.csv",
        "bobot_tercetak",
        "total 2016",
        "info",
        None,
        contains="pembulatan",
    ),
    # -- ratios
    Case(
        "SPM percentage copied from the year before",
        "RATIO-SPM-COUNTS",
        lambda d: d.set("spm_realisasi", {"spm_kode": "SPM-1", "tahun": "2016"}, realisasi_tercetak="48.00"),
        "spm_realisasi.csv",
        "realisasi_tercetak",
        "SPM-1, 2016",
        "error",
        ("spm_realisasi", {"spm_kode": "SPM-1", "tahun": "2016"}),
        contains="sama dengan persentase tahun 2015",
    ),
    Case(
        "SPM percentage typed beside its counts",
        "RATIO-SPM-COUNTS",
        lambda d: d.set("spm_realisasi", {"spm_kode": "SPM-1", "tahun": "2016"}, realisasi="55"),
        "spm_realisasi.csv",
        "realisasi",
        "SPM-1, 2016",
        "error",
        ("spm_realisasi", {"spm_kode": "SPM-1", "tahun": "2016"}),
        contains="52 / 100",
    ),
    Case(
        "bobot from the APBD murni",
        "RATIO-BOBOT",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, bobot_tercetak="41.00"),
        "anggaran.csv",
        "bobot_tercetak",
        K1,
        "error",
        ("anggaran", {"kode_rekening": K1}),
    ),
    Case(
        "TTB not bobot times fisik",
        "RATIO-TTB",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, ttb_tercetak="30.00"),
        "anggaran.csv",
        "ttb_tercetak",
        K1,
        "error",
        ("anggaran", {"kode_rekening": K1}),
        contains="36,0000",
    ),
    Case(
        "financial % against the wrong pagu",
        "RATIO-KEUANGAN",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, realisasi_keuangan_persen_tercetak="70.00"),
        "anggaran.csv",
        "realisasi_keuangan_persen_tercetak",
        K1,
        "error",
        ("anggaran", {"kode_rekening": K1}),
        contains="87,50 %",
    ),
    Case(
        "capaian typed by hand",
        "RATIO-CAPAIAN",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}, capaian_tercetak="100.00"),
        "iku_tahunan.csv",
        "capaian_tercetak",
        "IKU1, 2016",
        "error",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
        contains="104,00 %",
    ),
    # -- cross-table identity
    Case(
        "kegiatan renamed in the realisation table",
        "CROSS-KEGIATAN-NAME",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, nama_realisasi="Pelayanan antar daerah"),
        "anggaran.csv",
        "nama_realisasi",
        K1,
        "warning",
        ("anggaran", {"kode_rekening": K1}),
        contains="«kerja» → «daerah»",
    ),
    Case(
        "kegiatan name only in other case",
        "CROSS-KEGIATAN-NAME",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, nama_realisasi="PELAYANAN ANTAR KERJA"),
        "anggaran.csv",
        "nama_realisasi",
        K1,
        "info",
        ("anggaran", {"kode_rekening": K1}),
    ),
    Case(
        "realisation row named as another kegiatan (codes swapped)",
        "CROSS-KEGIATAN-NAME",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, nama_realisasi="Bursa Kerja"),
        "anggaran.csv",
        "nama_realisasi",
        K1,
        "warning",
        ("anggaran", {"kode_rekening": K1}),
        contains="tertukar",
    ),
    Case(
        "IKU named differently in the Renstra",
        "CROSS-IKU-NAME",
        lambda d: d.set("iku", {"kode": "IKU1"}, nama_renstra="Persentase pencari kerja yang dilatih"),
        "iku.csv",
        "nama_renstra",
        "IKU1",
        "warning",
        ("iku", {"kode": "IKU1"}),
    ),
    Case(
        "IKU name shortened in the Renstra",
        "CROSS-IKU-NAME",
        lambda d: d.set("iku", {"kode": "IKU1"}, nama_renstra="pencari kerja yang ditempatkan"),
        "iku.csv",
        "nama_renstra",
        "IKU1",
        "info",
        ("iku", {"kode": "IKU1"}),
    ),
    Case(
        "one kegiatan under two codes",
        "CROSS-DUPLICATE-NAME",
        lambda d: d.set("kegiatan", {"kode_rekening": K3}, kegiatan="Pelayanan Antar Kerja"),
        "kegiatan.csv",
        "kegiatan",
        K3,
        "warning",
        ("kegiatan", {"kode_rekening": K3}),
        contains=K1,
    ),
    Case(
        "IKU and its SPM disagree",
        "CROSS-IKU-SPM-REALISASI",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}, realisasi="60", capaian_tercetak=""),
        "iku_tahunan.csv",
        "realisasi",
        "IKU1, 2016",
        "warning",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
        contains="SPM-1",
    ),
    Case(
        "IKU target below the national minimum",
        "CROSS-IKU-SPM-TARGET",
        lambda d: d.set("spm_indikator", {"kode": "SPM-1"}, target_nasional="60"),
        "iku_tahunan.csv",
        "target",
        "IKU1, 2016",
        "warning",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
        contains="di bawah target nasional",
    ),
    Case(
        "IKU target above the national one",
        "CROSS-IKU-SPM-TARGET",
        lambda d: d.set("spm_indikator", {"kode": "SPM-1"}, target_nasional="40"),
        "iku_tahunan.csv",
        "target",
        "IKU1, 2016",
        "info",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
    ),
    Case(
        "RKT pagu differs from APBD murni",
        "CROSS-RKT-PAGU",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, pagu_rkt_tercetak="90000000"),
        "anggaran.csv",
        "pagu_rkt_tercetak",
        K1,
        "error",
        ("anggaran", {"kode_rekening": K1}),
    ),
    Case(
        "planned kegiatan without realisation",
        "CROSS-KEGIATAN-NO-REALISATION",
        lambda d: d.set("anggaran", {"kode_rekening": K3}, realisasi_fisik=""),
        "anggaran.csv",
        "realisasi_fisik",
        K3,
        "warning",
        ("anggaran", {"kode_rekening": K3}),
    ),
    Case(
        "kegiatan in the APBD-P only",
        "CROSS-KEGIATAN-NO-PLAN",
        lambda d: d.set("anggaran", {"kode_rekening": K3}, pagu_murni="", pagu_rkt_tercetak=""),
        "anggaran.csv",
        "pagu_murni",
        K3,
        "warning",
        ("anggaran", {"kode_rekening": K3}),
        contains="Rp 70.000.000",
    ),
    Case(
        "kegiatan without a budget row",
        "CROSS-KEGIATAN-NO-BUDGET-ROW",
        lambda d: d.add("kegiatan", kode_rekening="1.01.02.002", program_kode=P2, kegiatan="Pendataan", urutan="4"),
        "kegiatan.csv",
        "kode_rekening",
        "1.01.02.002",
        "info",
        ("kegiatan", {"kode_rekening": "1.01.02.002"}),
    ),
    Case(
        "PK budget differs from program pagu",
        "CROSS-PK-PROGRAM",
        lambda d: d.set("program_tahunan", {"program_kode": P1}, anggaran_pk="120000000"),
        "program_tahunan.csv",
        "anggaran_pk",
        P1,
        "warning",
        ("program_tahunan", {"program_kode": P1}),
    ),
    Case(
        "PK budget is the APBD murni",
        "CROSS-PK-PROGRAM",
        lambda d: d.set("program_tahunan", {"program_kode": P1}, anggaran_pk="150000000"),
        "program_tahunan.csv",
        "anggaran_pk",
        P1,
        "info",
        ("program_tahunan", {"program_kode": P1}),
        contains="APBD murni",
    ),
    Case(
        "funded program missing from the PK",
        "CROSS-PK-PROGRAM",
        lambda d: d.set("program_tahunan", {"program_kode": P2}, anggaran_pk=""),
        "program_tahunan.csv",
        "anggaran_pk",
        P2,
        "warning",
        ("program_tahunan", {"program_kode": P2}),
    ),
    # -- plausibility
    Case(
        "fisik near 100 with spending far lower",
        "PLAUS-FISIK-KEUANGAN",
        lambda d: d.set(
            "anggaran",
            {"kode_rekening": K1},
            realisasi_keuangan="40000000",
            realisasi_keuangan_persen_tercetak="50.00",
            sisa_tercetak="40000000",
        ),
        "anggaran.csv",
        "realisasi_fisik",
        K1,
        "warning",
        ("anggaran", {"kode_rekening": K1}),
        contains="terlalu tinggi",
    ),
    Case(
        "spending near 100 with fisik far lower",
        "PLAUS-FISIK-KEUANGAN",
        lambda d: d.set("anggaran", {"kode_rekening": K3}, realisasi_fisik="60.00", ttb_tercetak="21.00"),
        "anggaran.csv",
        "realisasi_fisik",
        K3,
        "warning",
        ("anggaran", {"kode_rekening": K3}),
        contains="belum selesai",
    ),
    Case(
        "fisik set from the financial %",
        "PLAUS-FISIK-EQUALS-KEUANGAN",
        lambda d: d.set("anggaran", {"kode_rekening": K1}, realisasi_fisik="87.50", ttb_tercetak="35.00"),
        "anggaran.csv",
        "realisasi_fisik",
        K1,
        "info",
        ("anggaran", {"kode_rekening": K1}),
    ),
    Case(
        "pagu cut to 0",
        "PLAUS-PAGU-CUT",
        lambda d: d.set(
            "anggaran",
            {"kode_rekening": K3},
            pagu_perubahan="0",
            realisasi_fisik="0",
            realisasi_keuangan="0",
            bobot_tercetak="",
            ttb_tercetak="0",
            realisasi_keuangan_persen_tercetak="0",
            sisa_tercetak="0",
        ),
        "anggaran.csv",
        "pagu_perubahan",
        K3,
        "info",
        ("anggaran", {"kode_rekening": K3}),
        contains="Rp 70.000.000",
    ),
    Case(
        "pagu cut to 0 but physical progress reported",
        "PLAUS-PAGU-CUT",
        lambda d: d.set(
            "anggaran", {"kode_rekening": K3}, pagu_perubahan="0", realisasi_fisik="50", realisasi_keuangan="0"
        ),
        "anggaran.csv",
        "pagu_perubahan",
        K3,
        "warning",
        ("anggaran", {"kode_rekening": K3}),
        contains="50,00 %",
    ),
    Case(
        "deep cut, with a lower threshold",
        "PLAUS-PAGU-CUT",
        lambda d: None,
        "anggaran.csv",
        "pagu_perubahan",
        K1,
        "info",
        ("anggaran", {"kode_rekening": K1}),
        settings={"pemotongan_pagu_persen": 20},
        contains="dipotong 20,00 %",
    ),
    Case(
        "capaian above 150 %",
        "PLAUS-CAPAIAN-HIGH",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}, realisasi="160", capaian_tercetak=""),
        "iku_tahunan.csv",
        "realisasi",
        "IKU2, 2016",
        "warning",
        ("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}),
    ),
    Case(
        "IKU realisation halves",
        "PLAUS-JUMP-IKU",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}, realisasi="20", capaian_tercetak=""),
        "iku_tahunan.csv",
        "realisasi",
        "IKU1, 2016",
        "warning",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
        contains="turun dari 48 %",
    ),
    Case(
        "IKU in people doubles",
        "PLAUS-JUMP-IKU",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2015"}, realisasi="40"),
        "iku_tahunan.csv",
        "realisasi",
        "IKU2, 2016",
        "warning",
        ("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}),
        contains="naik dari 40 orang",
    ),
    Case(
        "SPM realisation collapses",
        "PLAUS-JUMP-SPM",
        lambda d: d.set("spm_realisasi", {"spm_kode": "SPM-2", "tahun": "2016"}, realisasi="20"),
        "spm_realisasi.csv",
        "realisasi",
        "SPM-2, 2016",
        "warning",
        ("spm_realisasi", {"spm_kode": "SPM-2", "tahun": "2016"}),
    ),
    # -- completeness
    Case(
        "no budget rows for the year",
        "COMPLETE-YEAR",
        lambda d: d.tables.__setitem__("anggaran", []),
        "anggaran.csv",
        "tahun",
        "2016",
        "error",
        None,
    ),
    Case(
        "IKU realisation empty",
        "COMPLETE-IKU-REALISATION",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}, realisasi="", capaian_tercetak=""),
        "iku_tahunan.csv",
        "realisasi",
        "IKU2, 2016",
        "error",
        ("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}),
    ),
    Case(
        "IKU row of the year missing",
        "COMPLETE-IKU-REALISATION",
        lambda d: d.drop("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}).drop(
            "analisis_iku", {"iku_kode": "IKU2"}
        ),
        "iku.csv",
        "kode",
        "IKU2, 2016",
        "error",
        ("iku", {"kode": "IKU2"}),
    ),
    Case(
        "IKU target empty",
        "COMPLETE-IKU-TARGET",
        lambda d: d.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}, target="", capaian_tercetak=""),
        "iku_tahunan.csv",
        "target",
        "IKU2, 2016",
        "error",
        ("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}),
    ),
    Case(
        "sasaran without a program",
        "COMPLETE-SASARAN-PROGRAM",
        lambda d: d.drop("sasaran_program", {"sasaran_kode": "S2"}),
        "sasaran.csv",
        "kode",
        "S2",
        "warning",
        ("sasaran", {"kode": "S2"}),
    ),
    Case(
        "sasaran without an IKU",
        "COMPLETE-SASARAN-IKU",
        lambda d: d.add("sasaran", kode="S3", tujuan_kode="T1", sasaran="Sasaran tanpa indikator", urutan="3").add(
            "sasaran_program", sasaran_kode="S3", program_kode=P2
        ),
        "sasaran.csv",
        "kode",
        "S3",
        "warning",
        ("sasaran", {"kode": "S3"}),
    ),
    Case(
        "missed target without a cause",
        "COMPLETE-EXPLANATION",
        lambda d: d.set("analisis_iku", {"iku_kode": "IKU2"}, penyebab=""),
        "analisis_iku.csv",
        "penyebab",
        "IKU2, 2016",
        "warning",
        ("analisis_iku", {"iku_kode": "IKU2"}),
        contains="95 orang",
    ),
    Case(
        "missed target without any analysis row",
        "COMPLETE-EXPLANATION",
        lambda d: d.drop("analisis_iku", {"iku_kode": "IKU2"}),
        "analisis_iku.csv",
        "penyebab",
        "IKU2, 2016",
        "warning",
        None,
    ),
    Case(
        "missed target without a solution",
        "COMPLETE-SOLUTION",
        lambda d: d.set("analisis_iku", {"iku_kode": "IKU2"}, solusi=""),
        "analisis_iku.csv",
        "solusi",
        "IKU2, 2016",
        "info",
        ("analisis_iku", {"iku_kode": "IKU2"}),
    ),
    Case(
        "SPM below target without discussion",
        "COMPLETE-SPM-EXPLANATION",
        lambda d: d.set("spm_realisasi", {"spm_kode": "SPM-2", "tahun": "2016"}, analisis=""),
        "spm_realisasi.csv",
        "analisis",
        "SPM-2, 2016",
        "warning",
        ("spm_realisasi", {"spm_kode": "SPM-2", "tahun": "2016"}),
    ),
]


def test_clean_dataset_has_no_finding(data, load):
    assert review(load(data), YEAR) == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fires_on_crafted_case(case: Case, data: Data, load):
    case.edit(data)
    row = data.line(*case.where) if case.where else None
    findings = review(load(data), YEAR, settings=case.settings)
    mine = [f for f in findings if f.rule == case.rule]
    assert len(mine) == 1, [(f.rule, f.key, f.message) for f in findings]
    f = mine[0]
    assert (f.severity, f.file, f.row, f.column, f.key) == (case.severity, case.file, row, case.column, case.key)
    assert case.contains in f.message
    assert f.message and f.found is not None and f.expected is not None


def test_every_rule_has_a_crafted_case():
    covered = {c.rule for c in CASES} | {ratio_ttb_unrounded.ID}
    assert covered == {r.ID for r in RULES}


def test_ttb_matching_only_the_unrounded_bobot(data, load):
    """RATIO-TTB-UNROUNDED, on frames: a bobot of 2,2729 prints 2,27; TTB 1,76 = 2,2729 × 77,28 %,
    but 2,27 × 77,28 % ≈ 1,75 (the seed's kegiatan 8)."""
    ctx = ReviewContext(load(data), YEAR, ReviewSettings())
    acts = ctx.activities.copy()
    i = acts.index[acts["kode_rekening"] == K1][0]
    bobot = 172225400 / 7577432700 * 100  # the seed's kegiatan 8
    acts.loc[i, ["bobot", "bobot_tercetak", "realisasi_fisik", "ttb", "ttb_tercetak"]] = [
        bobot,
        2.27,
        77.28,
        bobot * 77.28 / 100,
        1.76,
    ]
    ctx.__dict__["activities"] = acts
    (f,) = ratio_ttb_unrounded.check(ctx)
    assert (f.rule, f.severity, f.column, f.key, f.found, f.expected) == (
        "RATIO-TTB-UNROUNDED",
        "info",
        "ttb_tercetak",
        K1,
        "1,76",
        "1,75",
    )
    # and silent when the printed TTB also matches the rounded bobot
    acts.loc[i, "ttb_tercetak"] = 1.755
    assert ratio_ttb_unrounded.check(ctx) == []


def test_small_counts_do_not_jump(data, load):
    """2 → 1 is a 50 % change but only 1 in the indicator's unit: below loncatan_minimum, so no PLAUS-JUMP-IKU."""
    data.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2015"}, target="2", realisasi="2")
    data.set("iku_tahunan", {"iku_kode": "IKU2", "tahun": "2016"}, target="2", realisasi="1", capaian_tercetak="50.00")
    assert [f.rule for f in review(load(data), YEAR) if f.rule.startswith("PLAUS")] == []
