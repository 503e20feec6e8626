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


def row_case(
    id: str,
    rule: str,
    table: str,
    match: dict,
    key: str,
    column: str,
    severity: str,
    cells: dict,
    contains: str = "",
) -> Case:
    """The case where one row is edited (``cells`` set in the row of ``table`` matching ``match``) and the
    finding must point at that same row."""
    return Case(
        id,
        rule,
        lambda d: d.set(table, match, **cells),
        f"{table}.csv",
        column,
        key,
        severity,
        (table, match),
        contains=contains,
    )


def kegiatan_case(id: str, rule: str, code: str, column: str, severity: str, cells: dict, contains: str = "") -> Case:
    """A kegiatan's ``anggaran`` row edited, the finding at that row, keyed by kode rekening."""
    return row_case(id, rule, "anggaran", {"kode_rekening": code}, code, column, severity, cells, contains)


def yearly_case(
    id: str, rule: str, table: str, code: str, column: str, severity: str, cells: dict, contains: str = ""
) -> Case:
    """The report year's row of an IKU (``iku_tahunan``) or SPM (``spm_realisasi``) edited, the finding at it."""
    match = {"iku_kode" if table == "iku_tahunan" else "spm_kode": code, "tahun": str(YEAR)}
    return row_case(id, rule, table, match, f"{code}, {YEAR}", column, severity, cells, contains)


def program_case(id: str, rule: str, code: str, column: str, severity: str, cells: dict, contains: str = "") -> Case:
    """A program's ``program_tahunan`` row edited, the finding at that row."""
    return row_case(id, rule, "program_tahunan", {"program_kode": code}, code, column, severity, cells, contains)


CASES = [
    # -- sums
    program_case(
        "program subtotal off",
        "SUM-PROGRAM",
        P1,
        "pagu_murni_tercetak",
        "error",
        {"pagu_murni_tercetak": "149000000"},
        "Rp 150.000.000",
    ),
    kegiatan_case(
        "sisa not pagu minus spent",
        "SUM-SISA",
        K1,
        "sisa_tercetak",
        "error",
        {"sisa_tercetak": "9000000"},
        "Rp 10.000.000",
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
    yearly_case(
        "SPM percentage copied from the year before",
        "RATIO-SPM-COUNTS",
        "spm_realisasi",
        "SPM-1",
        "realisasi_tercetak",
        "error",
        {"realisasi_tercetak": "48.00"},
        "sama dengan persentase tahun 2015",
    ),
    yearly_case(
        "SPM percentage typed beside its counts",
        "RATIO-SPM-COUNTS",
        "spm_realisasi",
        "SPM-1",
        "realisasi",
        "error",
        {"realisasi": "55"},
        "52 / 100",
    ),
    kegiatan_case(
        "bobot from the APBD murni", "RATIO-BOBOT", K1, "bobot_tercetak", "error", {"bobot_tercetak": "41.00"}
    ),
    kegiatan_case(
        "TTB not bobot times fisik", "RATIO-TTB", K1, "ttb_tercetak", "error", {"ttb_tercetak": "30.00"}, "36,0000"
    ),
    kegiatan_case(
        "financial % against the wrong pagu",
        "RATIO-KEUANGAN",
        K1,
        "realisasi_keuangan_persen_tercetak",
        "error",
        {"realisasi_keuangan_persen_tercetak": "70.00"},
        "87,50 %",
    ),
    yearly_case(
        "capaian typed by hand",
        "RATIO-CAPAIAN",
        "iku_tahunan",
        "IKU1",
        "capaian_tercetak",
        "error",
        {"capaian_tercetak": "100.00"},
        "104,00 %",
    ),
    # -- cross-table identity
    kegiatan_case(
        "kegiatan renamed in the realisation table",
        "CROSS-KEGIATAN-NAME",
        K1,
        "nama_realisasi",
        "warning",
        {"nama_realisasi": "Pelayanan antar daerah"},
        "«kerja» → «daerah»",
    ),
    kegiatan_case(
        "kegiatan name only in other case",
        "CROSS-KEGIATAN-NAME",
        K1,
        "nama_realisasi",
        "info",
        {"nama_realisasi": "PELAYANAN ANTAR KERJA"},
    ),
    kegiatan_case(
        "realisation row named as another kegiatan (codes swapped)",
        "CROSS-KEGIATAN-NAME",
        K1,
        "nama_realisasi",
        "warning",
        {"nama_realisasi": "Bursa Kerja"},
        "tertukar",
    ),
    row_case(
        "IKU named differently in the Renstra",
        "CROSS-IKU-NAME",
        "iku",
        {"kode": "IKU1"},
        "IKU1",
        "nama_renstra",
        "warning",
        {"nama_renstra": "Persentase pencari kerja yang dilatih"},
    ),
    row_case(
        "IKU name shortened in the Renstra",
        "CROSS-IKU-NAME",
        "iku",
        {"kode": "IKU1"},
        "IKU1",
        "nama_renstra",
        "info",
        {"nama_renstra": "pencari kerja yang ditempatkan"},
    ),
    row_case(
        "one kegiatan under two codes",
        "CROSS-DUPLICATE-NAME",
        "kegiatan",
        {"kode_rekening": K3},
        K3,
        "kegiatan",
        "warning",
        {"kegiatan": "Pelayanan Antar Kerja"},
        K1,
    ),
    yearly_case(
        "IKU and its SPM disagree",
        "CROSS-IKU-SPM-REALISASI",
        "iku_tahunan",
        "IKU1",
        "realisasi",
        "warning",
        {"realisasi": "60", "capaian_tercetak": ""},
        "SPM-1",
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
        "IKU and its SPM disagree, not marked comparable",
        "CROSS-IKU-SPM-REALISASI",
        lambda d: d.set("iku", {"kode": "IKU1"}, spm_sebanding="").set(
            "iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}, realisasi="60", capaian_tercetak=""
        ),
        "iku_tahunan.csv",
        "realisasi",
        "IKU1, 2016",
        "info",
        ("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}),
        contains="sebagai konteks",
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
    kegiatan_case(
        "RKT pagu differs from APBD murni",
        "CROSS-RKT-PAGU",
        K1,
        "pagu_rkt_tercetak",
        "error",
        {"pagu_rkt_tercetak": "90000000"},
    ),
    kegiatan_case(
        "planned kegiatan without realisation",
        "CROSS-KEGIATAN-NO-REALISATION",
        K3,
        "realisasi_fisik",
        "warning",
        {"realisasi_fisik": ""},
    ),
    kegiatan_case(
        "kegiatan in the APBD-P only",
        "CROSS-KEGIATAN-NO-PLAN",
        K3,
        "pagu_murni",
        "warning",
        {"pagu_murni": "", "pagu_rkt_tercetak": ""},
        "Rp 70.000.000",
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
    program_case(
        "PK budget differs from program pagu",
        "CROSS-PK-PROGRAM",
        P1,
        "anggaran_pk",
        "warning",
        {"anggaran_pk": "120000000"},
    ),
    program_case(
        "PK budget is the APBD murni",
        "CROSS-PK-PROGRAM",
        P1,
        "anggaran_pk",
        "info",
        {"anggaran_pk": "150000000"},
        "APBD murni",
    ),
    program_case(
        "funded program missing from the PK", "CROSS-PK-PROGRAM", P2, "anggaran_pk", "warning", {"anggaran_pk": ""}
    ),
    # -- plausibility
    kegiatan_case(
        "fisik near 100 with spending far lower",
        "PLAUS-FISIK-KEUANGAN",
        K1,
        "realisasi_fisik",
        "warning",
        {"realisasi_keuangan": "40000000", "realisasi_keuangan_persen_tercetak": "50.00", "sisa_tercetak": "40000000"},
        "terlalu tinggi",
    ),
    kegiatan_case(
        "spending near 100 with fisik far lower",
        "PLAUS-FISIK-KEUANGAN",
        K3,
        "realisasi_fisik",
        "warning",
        {"realisasi_fisik": "60.00", "ttb_tercetak": "21.00"},
        "belum selesai",
    ),
    kegiatan_case(
        "fisik set from the financial %",
        "PLAUS-FISIK-EQUALS-KEUANGAN",
        K1,
        "realisasi_fisik",
        "info",
        {"realisasi_fisik": "87.50", "ttb_tercetak": "35.00"},
    ),
    kegiatan_case(
        "pagu cut to 0",
        "PLAUS-PAGU-CUT",
        K3,
        "pagu_perubahan",
        "info",
        {
            "pagu_perubahan": "0",
            "realisasi_fisik": "0",
            "realisasi_keuangan": "0",
            "bobot_tercetak": "",
            "ttb_tercetak": "0",
            "realisasi_keuangan_persen_tercetak": "0",
            "sisa_tercetak": "0",
        },
        "Rp 70.000.000",
    ),
    kegiatan_case(
        "pagu cut to 0 but physical progress reported",
        "PLAUS-PAGU-CUT",
        K3,
        "pagu_perubahan",
        "warning",
        {"pagu_perubahan": "0", "realisasi_fisik": "50", "realisasi_keuangan": "0"},
        "50,00 %",
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
    yearly_case(
        "capaian above 150 %",
        "PLAUS-CAPAIAN-HIGH",
        "iku_tahunan",
        "IKU2",
        "realisasi",
        "warning",
        {"realisasi": "160", "capaian_tercetak": ""},
    ),
    yearly_case(
        "IKU realisation halves",
        "PLAUS-JUMP-IKU",
        "iku_tahunan",
        "IKU1",
        "realisasi",
        "warning",
        {"realisasi": "20", "capaian_tercetak": ""},
        "turun dari 48 %",
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
    yearly_case(
        "SPM realisation collapses",
        "PLAUS-JUMP-SPM",
        "spm_realisasi",
        "SPM-2",
        "realisasi",
        "warning",
        {"realisasi": "20"},
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
    yearly_case(
        "IKU realisation empty",
        "COMPLETE-IKU-REALISATION",
        "iku_tahunan",
        "IKU2",
        "realisasi",
        "error",
        {"realisasi": "", "capaian_tercetak": ""},
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
    yearly_case(
        "IKU target empty",
        "COMPLETE-IKU-TARGET",
        "iku_tahunan",
        "IKU2",
        "target",
        "error",
        {"target": "", "capaian_tercetak": ""},
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
    row_case(
        "missed target without a cause",
        "COMPLETE-EXPLANATION",
        "analisis_iku",
        {"iku_kode": "IKU2"},
        "IKU2, 2016",
        "penyebab",
        "warning",
        {"penyebab": ""},
        "95 orang",
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
    row_case(
        "missed target without a solution",
        "COMPLETE-SOLUTION",
        "analisis_iku",
        {"iku_kode": "IKU2"},
        "IKU2, 2016",
        "solusi",
        "info",
        {"solusi": ""},
    ),
    yearly_case(
        "SPM below target without discussion",
        "COMPLETE-SPM-EXPLANATION",
        "spm_realisasi",
        "SPM-2",
        "analisis",
        "warning",
        {"analisis": ""},
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
    # the CLAIM-* rules have their crafted cases in test_claims.py: a table of planted claims in both datasets
    claims = {r.ID for r in RULES if r.FAMILY == "claims"}
    covered = {c.rule for c in CASES} | {ratio_ttb_unrounded.ID} | claims
    assert covered == {r.ID for r in RULES}


def test_no_target_advice_for_an_spm_that_measures_something_else(data, load):
    """CROSS-IKU-SPM-TARGET: a pair not marked comparable (iku.spm_sebanding) is context only: no advice
    to raise the IKU target to the national one."""
    data.set("spm_indikator", {"kode": "SPM-1"}, target_nasional="60").set("iku", {"kode": "IKU1"}, spm_sebanding="")
    assert [f for f in review(load(data), YEAR) if f.rule == "CROSS-IKU-SPM-TARGET"] == []


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


def _cut_to_zero(data: Data, **printed: str) -> Data:
    """K3 cut to Rp 0 in the APBD-P (no pagu, so no bobot, TTB or financial %), with these printed figures."""
    return data.set(
        "anggaran", {"kode_rekening": K3}, pagu_murni="0", pagu_perubahan="0", realisasi_keuangan="0", **printed
    )


@pytest.mark.parametrize(
    ("rule", "column", "expected"),
    [
        ("RATIO-BOBOT", "bobot_tercetak", "-"),
        ("RATIO-TTB", "ttb_tercetak", "0,00"),
        ("RATIO-KEUANGAN", "realisasi_keuangan_persen_tercetak", "-"),
    ],
)
def test_figure_printed_for_a_kegiatan_without_pagu(rule, column, expected, data, load):
    """A printed bobot, TTB or financial % of a kegiatan without pagu is an error at its row."""
    _cut_to_zero(data, ttb_tercetak="3.00", realisasi_keuangan_persen_tercetak="12.00")
    (f,) = [f for f in review(load(data), YEAR) if f.rule == rule and f.key == K3]
    row = data.line("anggaran", {"kode_rekening": K3})
    assert (f.severity, f.file, f.row, f.column, f.expected) == ("error", "anggaran.csv", row, column, expected)


def test_zero_printed_for_a_kegiatan_without_pagu_is_fine(data, load):
    """The 0 the report prints for a kegiatan without pagu is not a wrong bobot, TTB or financial %."""
    _cut_to_zero(data, bobot_tercetak="0", ttb_tercetak="0", realisasi_keuangan_persen_tercetak="0")
    rules = {"RATIO-BOBOT", "RATIO-TTB", "RATIO-KEUANGAN"}
    assert [f for f in review(load(data), YEAR) if f.rule in rules and f.key == K3] == []
