"""The review on the embedded dataset (LKjIP 2016 of Disnakersos Kota Balikpapan) finds the seed's
real inconsistencies, each at its place with its figures.

The dataset's README lists what was found by hand while transcribing the
report ("Inconsistencies found in the report"); every numeric item there is
found here automatically, and a few more the transcription did not list:
IKU targets below the national minimum standard, three SPM series that
collapse in 2016, and five kegiatan whose physical progress is far above
their spending. The analyst's texts are checked too (CLAIM-*): the "24 %"
placement mean and the PB mean "mencapai target (50%)" are pinned in
test_claims.py.
"""

from __future__ import annotations

import pytest

from lkjipkit.review import counts, exit_code, review

YEAR = 2016


@pytest.fixture(scope="module")
def findings(seed):
    return review(seed, YEAR)


def by(findings, rule, key=None):
    return [f for f in findings if f.rule == rule and (key is None or f.key == key)]


def test_pmks_2014_printed_percentage_is_not_its_counts(findings):
    """README 1: Tabel 3.1.3 prints 7,61 % for 2014, but 825 / 12.165 = 6,78 %; 7,61 % and 825 are the 2012 figures."""
    (f,) = by(findings, "RATIO-SPM-COUNTS")
    assert (f.severity, f.file, f.row, f.column, f.key) == (
        "error",
        "spm_realisasi.csv",
        44,
        "realisasi_tercetak",
        "SPM-SOS-1, 2014",
    )
    assert (f.found, f.expected) == ("7,61 %", "6,78 %")
    assert f.figures["pembilang"] == 825 and f.figures["penyebut"] == 12165
    assert f.figures["dihitung"] == pytest.approx(6.7818, abs=1e-4)
    assert "tahun 2012" in f.message


def test_iku_and_spm_disagree_on_the_same_measure_in_2016(findings):
    """README 2: placement IKU2 30,75 % vs SPM-NAKER-4 12,12 %; inspections IKU4 20,42 % vs SPM-NAKER-7 9,07 %.

    2015 agrees for both, and IKU3, IKU5, IKU6 agree with their SPM (IKU6 8,91 vs 1.781/19.987 within rounding).
    The dataset does not mark any pair as measuring the same thing (iku.spm_sebanding), so the report shows
    the SPM as context and the difference is info, not a warning.
    """
    found = {f.key: f for f in by(findings, "CROSS-IKU-SPM-REALISASI")}
    assert set(found) == {"IKU2, 2016", "IKU4, 2016"}
    placement, inspection = found["IKU2, 2016"], found["IKU4, 2016"]
    assert (placement.severity, placement.file, placement.row, placement.column) == (
        "info",
        "iku_tahunan.csv",
        5,
        "realisasi",
    )
    assert (placement.figures["spm_kode"], placement.found, placement.expected) == ("SPM-NAKER-4", "30,75 %", "12,12 %")
    assert (inspection.row, inspection.figures["spm_kode"], inspection.found, inspection.expected) == (
        9,
        "SPM-NAKER-7",
        "20,42 %",
        "9,07 %",
    )
    assert "lowongan kerja terdaftar" in placement.message  # the IKU formula that may explain the gap


def test_kegiatan_14_has_an_apbd_p_but_no_original_plan(findings):
    """README 4: kegiatan 14 has no APBD murni / RKT amount, yet APBD-P Rp 12.600.000 and Rp 11.340.000 spent."""
    (f,) = by(findings, "CROSS-KEGIATAN-NO-PLAN")
    assert (f.severity, f.file, f.row, f.column, f.key) == (
        "warning",
        "anggaran.csv",
        15,
        "pagu_murni",
        "1.14.1.14.01.02.022",
    )
    assert f.figures["pagu_perubahan"] == 12_600_000 and f.figures["realisasi_keuangan"] == 11_340_000
    assert "Kegiatan 14 (Pemeliharaan Rutin/Berkala Gedung Kantor)" in f.message


def test_printed_bobot_sums_to_100_03_by_rounding(findings):
    """README 5: the 61 printed weights add up to 100,03, the total row says 100,00: rounding, so info."""
    (f,) = by(findings, "SUM-BOBOT")
    assert (f.severity, f.file, f.row, f.column) == ("info", "anggaran.csv", None, "bobot_tercetak")
    assert f.found == "100,03" and f.figures["banyak_baris"] == 61
    assert f.figures["jumlah_bobot_tercetak"] == pytest.approx(100.03)


def test_physical_progress_equals_financial_progress(findings):
    """README 6: FISIK % equals the financial % for kegiatan 8, 46, 52, 55, 56 and 67."""
    found = by(findings, "PLAUS-FISIK-EQUALS-KEUANGAN")
    assert {f.row - 1 for f in found} == {8, 46, 52, 55, 56, 67}  # anggaran.csv line = kegiatan number + 1
    assert {f.found for f in found} == {"77,28 %", "87,36 %", "99,68 %", "94,57 %", "99,16 %", "99,98 %"}
    assert all(f.severity == "info" for f in found)


def test_no_target_advice_for_spm_that_measure_something_else(findings):
    """README 8 and the IKU2/IKU4 targets of 25 % against SPM targets of 45 %: the dataset marks no IKU as
    measuring the same thing as its SPM (iku.spm_sebanding), so no advice to change a target (issue 13)."""
    assert by(findings, "CROSS-IKU-SPM-TARGET") == []


def test_printed_ttb_matches_only_the_unrounded_bobot(findings):
    """README 10: seven printed TTB match bobot × fisik only with the unrounded bobot: kegiatan 8, 32, 38, 39, 43,
    55, 56. No printed TTB is wrong (RATIO-TTB is silent)."""
    found = by(findings, "RATIO-TTB-UNROUNDED")
    assert {f.row - 1 for f in found} == {8, 32, 38, 39, 43, 55, 56}
    eight = next(f for f in found if f.row == 9)
    assert (eight.found, eight.expected) == ("1,76", "1,75")
    assert by(findings, "RATIO-TTB") == []


def test_kegiatan_named_differently_in_tabel_2_2_and_3_2(findings):
    """README "Names": six kegiatan printed differently in Tabel 3.2; four with other words are warnings."""
    found = {f.key: f for f in by(findings, "CROSS-KEGIATAN-NAME")}
    warnings = {k for k, f in found.items() if f.severity == "warning"}
    infos = {k for k, f in found.items() if f.severity == "info"}
    assert warnings == {
        "1.14.1.14.01.01.018",  # 9: Luar → Keluar
        "1.14.1.14.01.16.013",  # 28: Akreditas → Akreditasi
        "1.13.1.14.01.21.007",  # 59: dekonsentrasi askessos → dekonstruksi akses
        "1.13.1.14.01.22.001",  # 62: kube → kub
    }
    assert infos == {"1.14.1.14.01.01.006", "1.14.1.14.01.15.023"}  # 3: truncated; 25: "DI" vs "Di"
    assert "«dekonsentrasi askessos» → «dekonstruksi akses»" in found["1.13.1.14.01.21.007"].message


def test_iku3_name_shortened_in_the_renstra_table(findings):
    """README "Names": Tabel 2.1 drops "Persentase" from IKU3."""
    (f,) = by(findings, "CROSS-IKU-NAME")
    assert (f.severity, f.file, f.row, f.key) == ("info", "iku.csv", 4, "IKU3")


def test_eight_kegiatan_cut_to_zero(findings):
    """README "Budget": kegiatan 6, 11, 18, 24, 25, 51, 64 and 65 were cut to 0 in the APBD-P (info)."""
    found = by(findings, "PLAUS-PAGU-CUT")
    assert {f.row - 1 for f in found} == {6, 11, 18, 24, 25, 51, 64, 65}
    assert all(f.severity == "info" and f.found == "Rp 0" for f in found)


def test_pmks_missed_target_without_a_cause(findings):
    """Bab III item f states IKU6 missed its target (8,91 % vs 20 %) and fell, but gives no cause."""
    (f,) = by(findings, "COMPLETE-EXPLANATION")
    assert (f.severity, f.file, f.row, f.column, f.key) == ("warning", "analisis_iku.csv", 7, "penyebab", "IKU6, 2016")


def test_no_solution_for_any_missed_target(findings):
    """README "analisis_iku": no item states a solution; IKU1, 4, 5 and 6 missed their targets."""
    assert {f.key for f in by(findings, "COMPLETE-SOLUTION")} == {f"IKU{i}, 2016" for i in (1, 4, 5, 6)}


def test_spm_series_that_collapse_in_2016(findings):
    """Not in the README: entrepreneurship training 100 → 26,67 %, inspections 23,85 → 9,07 %, equipment testing
    100 → 16,75 %."""
    found = {f.key: f for f in by(findings, "PLAUS-JUMP-SPM")}
    assert set(found) == {"SPM-NAKER-3, 2016", "SPM-NAKER-7, 2016", "SPM-NAKER-8, 2016"}
    assert found["SPM-NAKER-8, 2016"].figures["realisasi_tahun_lalu"] == 100


def test_physical_progress_far_above_spending(findings):
    """Not in the README: five kegiatan report fisik ≥ 90 % with spending at least 25 points lower."""
    found = {f.row - 1: f for f in by(findings, "PLAUS-FISIK-KEUANGAN")}
    assert set(found) == {2, 3, 16, 17, 69}
    assert found[17].found == "fisik 96,72 %, keuangan 49,18 %"


def test_what_the_seed_gets_right_stays_silent(findings):
    """README 10: subtotals, sisa, financial %, bobot, TTB, RKT = murni and PK = APBD-P subtotals all agree."""
    for rule in (
        "SUM-PROGRAM",
        "SUM-SISA",
        "RATIO-BOBOT",
        "RATIO-TTB",
        "RATIO-KEUANGAN",
        "CROSS-RKT-PAGU",
        "CROSS-PK-PROGRAM",
        "CROSS-DUPLICATE-NAME",
        "COMPLETE-IKU-REALISATION",
        "COMPLETE-SASARAN-PROGRAM",
    ):
        assert by(findings, rule) == [], rule


def test_whole_review_of_the_seed(findings):
    """The complete list, pinned: a change in a rule or in the data shows up here."""
    assert counts(findings) == {"error": 3, "warning": 14, "info": 31}
    assert exit_code(findings) == 1
    assert [f.severity for f in findings] == sorted(
        (f.severity for f in findings), key=("error", "warning", "info").index
    )
