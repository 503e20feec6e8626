"""Every computed figure the seed report prints, reproduced from its data.

The seed is the LKjIP 2016 of Dinas Tenaga Kerja dan Sosial Kota Balikpapan
(``/work/shared/seeds/000_1e9f2daeaf13f3f3.txt``; the embedded dataset
``data/balikpapan-disnakersos`` transcribes it). The figures below are copied
from the report as printed (Indonesian prose uses a decimal comma; the tables
use a decimal point and ``,`` thousands), and are compared with the library's
unrounded results at the printed precision: a percentage printed with two
decimals matches when the library value rounds to it (|difference| <= 0.005),
Rupiah match exactly.

Where the seed prints a figure that disagrees with its own data, the test says
so, pins the seed's figure as printed, and checks that the library gives the
value the data implies:

* PMKS 2014 (Tabel 3.1.3): printed 7.61, but 825 / 12,165 = 6.78 %.
* Placement SPM mean (text): "rata-rata baru mencapai 24 %"; the 2012-2016 mean is 21.58 %.
* PB SPM mean (text): "jika dirata-ratakan capaian kinerja mencapai target (50%)"; the mean is
  49.21 %, below the target.
* Placement IKU (Bab III b): "kenaikan kinerja 8,7 %": the figure is right but it is a change of
  8.7 percentage points (a relative change would be 39.5 %).
* Cut kegiatan (Tabel 3.2 rows 6, 11, 18, 24, 25, 51, 64, 65): the seed prints bobot "-" but
  TTB and % as 0.00. With a pagu of 0 the percentage and the TTB are undefined; the library
  gives NaN (with ``keterangan``), which a report shows as "-".
"""

from __future__ import annotations

import math

import pytest

from lkjipkit.analysis import analyse
from lkjipkit.config import default_dataset
from lkjipkit.dataset import load_dataset

YEAR = 2016


@pytest.fixture(scope="module")
def year_analysis():
    return analyse(load_dataset(default_dataset()), YEAR)


def number(printed: str) -> float:
    """A printed number: ``1,234.56`` (tables) or ``60,8`` (prose, decimal comma); ``-`` is 0."""
    s = printed.strip().rstrip("%").strip()
    if s == "-":
        return 0.0
    if "," in s and "." not in s and len(s.split(",")[-1]) != 3:
        s = s.replace(",", ".")  # prose decimal comma
    return float(s.replace(",", ""))


def decimals(printed: str) -> int:
    """Decimal places of a printed number (``1,234`` has none, ``60,8`` has one)."""
    s = printed.strip().rstrip("%").strip()
    if "." in s:
        return len(s.split(".")[-1])
    if "," in s and len(s.split(",")[-1]) != 3:
        return len(s.split(",")[-1])
    return 0


def at_printed_precision(value: float, printed: str) -> bool:
    """The value, rounded as the report rounds, is the printed figure."""
    return abs(value - number(printed)) <= 0.5 * 10 ** -decimals(printed) + 1e-9


# --- Tabel 3.2: per kegiatan ---------------------------------------------------------------------

# (no, kode rekening, BOBOT, TTB, KEUANGAN %, SISA DANA) exactly as printed in Tabel 3.2.
TABEL_3_2 = [
    (1, "1.14.1.14.01.01.001", "0.04", "0.04", "86.67", "400,000"),
    (2, "1.14.1.14.01.01.002", "0.48", "0.48", "74.64", "9,214,932"),
    (3, "1.14.1.14.01.01.006", "0.18", "0.18", "71.19", "4,033,500"),
    (4, "1.14.1.14.01.01.010", "2.12", "2.11", "93.67", "10,188,600"),
    (5, "1.14.1.14.01.01.011", "2.07", "1.37", "59.28", "63,918,500"),
    (6, "1.14.1.14.01.01.012", "-", "0.00", "0.00", "-"),
    (7, "1.14.1.14.01.01.015", "0.16", "0.14", "68.40", "3,742,000"),
    (8, "1.14.1.14.01.01.017", "2.27", "1.76", "77.28", "39,130,000"),
    (9, "1.14.1.14.01.01.018", "2.75", "2.17", "63.05", "76,943,966"),
    (10, "1.14.1.14.01.01.019", "4.31", "4.31", "100.00", "-"),
    (11, "1.14.1.14.01.02.005", "-", "0.00", "0.00", "-"),
    (12, "1.14.1.14.01.02.007", "1.11", "1.04", "91.83", "6,873,400"),
    (13, "1.14.1.14.01.02.009", "1.85", "1.85", "99.50", "700,000"),
    (14, "1.14.1.14.01.02.022", "0.17", "0.17", "90.00", "1,260,000"),
    (15, "1.14.1.14.01.02.024", "0.73", "0.73", "81.15", "10,369,241"),
    (16, "1.14.1.14.01.02.028", "0.59", "0.59", "72.22", "12,500,000"),
    (17, "1.14.1.14.01.03.002", "0.40", "0.39", "49.18", "15,500,000"),
    (18, "1.14.1.14.01.05.060", "-", "0.00", "0.00", "-"),
    (19, "1.14.1.14.01.08.015", "0.40", "0.40", "98.01", "603,500"),
    (20, "1.14.1.14.01.08.019", "1.15", "1.15", "95.98", "3,497,900"),
    (21, "1.14.1.14.01.15.016", "2.24", "2.20", "97.61", "4,046,165"),
    (22, "1.14.1.14.01.15.018", "11.36", "11.36", "96.72", "28,200,000"),
    (23, "1.14.1.14.01.15.020", "0.06", "0.06", "100.00", "-"),
    (24, "1.14.1.14.01.15.022", "-", "0.00", "0.00", "-"),
    (25, "1.14.1.14.01.15.023", "-", "0.00", "0.00", "-"),
    (26, "1.14.1.14.01.16.002", "0.61", "0.60", "96.91", "1,430,500"),
    (27, "1.14.1.14.01.16.005", "0.01", "0.01", "100.00", "-"),
    (28, "1.14.1.14.01.16.013", "0.83", "0.83", "88.45", "7,296,000"),
    (29, "1.14.1.14.01.16.018", "0.87", "0.87", "98.13", "1,225,000"),
    (30, "1.14.1.14.01.16.019", "0.33", "0.33", "87.30", "3,150,000"),
    (31, "1.14.1.14.01.16.020", "1.33", "1.33", "98.04", "1,976,000"),
    (32, "1.14.1.14.01.16.021", "0.92", "0.83", "77.48", "15,767,000"),
    (33, "1.14.1.14.01.17.012", "1.64", "1.64", "84.72", "18,984,500"),
    (34, "1.14.1.14.01.17.021", "0.65", "0.62", "91.18", "4,358,000"),
    (35, "1.14.1.14.01.17.027", "0.25", "0.25", "100.00", "-"),
    (36, "1.14.1.14.01.17.033", "0.35", "0.35", "100.00", "-"),
    (37, "1.14.1.14.01.17.034", "0.62", "0.62", "100.00", "-"),
    (38, "1.14.1.14.01.17.036", "1.47", "1.47", "98.50", "1,678,000"),
    (39, "1.14.1.14.01.17.037", "0.92", "0.90", "88.15", "8,235,000"),
    (40, "1.14.1.14.01.17.038", "0.61", "0.61", "100.00", "-"),
    (41, "1.14.1.14.01.17.039", "1.77", "1.77", "96.96", "4,070,000"),
    (42, "1.14.1.14.01.17.042", "1.14", "1.09", "90.20", "8,475,520"),
    (43, "1.14.1.14.01.17.043", "1.55", "1.18", "73.67", "30,830,950"),
    (44, "1.14.1.14.01.17.044", "1.49", "1.49", "96.22", "4,270,000"),
    (45, "1.14.1.14.01.17.045", "0.92", "0.92", "92.41", "5,290,000"),
    (46, "1.14.1.14.01.17.047", "1.16", "1.01", "87.36", "11,060,000"),
    (47, "1.14.1.14.01.18.001", "5.48", "5.48", "100.00", "-"),
    (48, "1.06.1.14.01.21.030", "0.21", "0.21", "99.69", "50,000"),
    (49, "1.13.1.14.01.16.001", "2.07", "1.84", "88.65", "17,800,390"),
    (50, "1.13.1.14.01.16.004", "3.04", "2.92", "93.54", "14,884,418"),
    (51, "1.13.1.14.01.16.013", "-", "0.00", "0.00", "-"),
    (52, "1.13.1.14.01.16.014", "5.96", "5.94", "99.68", "1,460,000"),
    (53, "1.13.1.14.01.16.020", "0.86", "0.84", "95.34", "3,040,000"),
    (54, "1.13.1.14.01.16.021", "0.06", "0.06", "94.65", "228,500"),
    (55, "1.13.1.14.01.16.022", "2.48", "2.34", "94.57", "10,189,847"),
    (56, "1.13.1.14.01.16.023", "1.58", "1.56", "99.16", "1,000,000"),
    (57, "1.13.1.14.01.19.009", "1.81", "1.80", "89.40", "14,538,250"),
    (58, "1.13.1.14.01.21.002", "2.10", "2.10", "96.42", "5,698,637"),
    (59, "1.13.1.14.01.21.007", "0.48", "0.48", "100.00", "-"),
    (60, "1.13.1.14.01.21.009", "0.89", "0.89", "95.26", "3,197,500"),
    (61, "1.13.1.14.01.21.010", "0.12", "0.11", "87.88", "1,067,000"),
    (62, "1.13.1.14.01.22.001", "2.30", "2.26", "83.38", "28,935,600"),
    (63, "1.13.1.14.01.22.007", "3.00", "2.89", "95.93", "9,248,500"),
    (64, "1.13.1.14.01.22.008", "-", "0.00", "0.00", "-"),
    (65, "1.13.1.14.01.22.009", "-", "0.00", "0.00", "-"),
    (66, "1.13.1.14.01.22.010", "1.87", "1.85", "97.79", "3,131,000"),
    (67, "1.13.1.14.01.22.011", "10.46", "10.46", "99.98", "152,120"),
    (68, "1.19.1.14.01.17.007", "1.36", "1.24", "74.04", "26,692,650"),
    (69, "1.19.1.14.01.26.003", "0.02", "0.02", "52.55", "605,000"),
]
CUT = {6, 11, 18, 24, 25, 51, 64, 65}
IDS = [f"{no:02d}-{kode}" for no, kode, *_ in TABEL_3_2]


def test_printed_number_reading():
    assert number("7,016,295,114") == 7_016_295_114 and decimals("7,016,295,114") == 0
    assert number("60,8") == 60.8 and decimals("60,8") == 1
    assert number("92.59") == 92.59 and decimals("92.59") == 2
    assert number("-") == 0


def test_tabel_3_2_is_complete():
    assert len(TABEL_3_2) == 69
    assert {no for no, *_ in TABEL_3_2} == set(range(1, 70))
    assert {no for no, _, bobot, *_ in TABEL_3_2 if bobot == "-"} == CUT


def _row(year_analysis, kode):
    f = year_analysis.anggaran_kegiatan
    rows = f[f["kode_rekening"] == kode]
    assert len(rows) == 1, kode
    return rows.iloc[0]


@pytest.mark.parametrize(("no", "kode", "bobot", "ttb", "persen", "sisa"), TABEL_3_2, ids=IDS)
def test_bobot(year_analysis, no, kode, bobot, ttb, persen, sisa):
    row = _row(year_analysis, kode)
    if no in CUT:
        assert bobot == "-"
        assert math.isnan(row["bobot"])
        assert row["keterangan"] == "dipotong pada APBD-P (pagu 0)"
    else:
        assert at_printed_precision(row["bobot"], bobot), (row["bobot"], bobot)


@pytest.mark.parametrize(("no", "kode", "bobot", "ttb", "persen", "sisa"), TABEL_3_2, ids=IDS)
def test_ttb(year_analysis, no, kode, bobot, ttb, persen, sisa):
    row = _row(year_analysis, kode)
    if no in CUT:
        # Seed prints 0.00 for a TTB that is undefined (pagu 0); the library says "undefined".
        assert ttb == "0.00"
        assert math.isnan(row["ttb"])
    else:
        assert at_printed_precision(row["ttb"], ttb), (row["ttb"], ttb)


@pytest.mark.parametrize(("no", "kode", "bobot", "ttb", "persen", "sisa"), TABEL_3_2, ids=IDS)
def test_realisasi_keuangan_persen(year_analysis, no, kode, bobot, ttb, persen, sisa):
    row = _row(year_analysis, kode)
    if no in CUT:
        # Seed prints 0.00 for 0 / 0; the library leaves it undefined.
        assert persen == "0.00"
        assert row["realisasi_keuangan"] == 0
        assert math.isnan(row["realisasi_keuangan_persen"])
    else:
        assert at_printed_precision(row["realisasi_keuangan_persen"], persen), (
            row["realisasi_keuangan_persen"],
            persen,
        )


@pytest.mark.parametrize(("no", "kode", "bobot", "ttb", "persen", "sisa"), TABEL_3_2, ids=IDS)
def test_sisa(year_analysis, no, kode, bobot, ttb, persen, sisa):
    # "-" in SISA DANA means nothing left (fully spent or cut); exact Rupiah.
    assert _row(year_analysis, kode)["sisa"] == number(sisa)


# The seven rows whose printed TTB only comes out of the unrounded bobot (data README, item 10).
TTB_NEEDS_UNROUNDED_BOBOT = {8, 32, 38, 39, 43, 55, 56}


@pytest.mark.parametrize("no", sorted(TTB_NEEDS_UNROUNDED_BOBOT))
def test_ttb_from_rounded_bobot_would_miss(year_analysis, no):
    _, kode, bobot, ttb, *_ = TABEL_3_2[no - 1]
    row = _row(year_analysis, kode)
    from_rounded = number(bobot) * row["realisasi_fisik"] / 100
    assert not at_printed_precision(from_rounded, ttb)
    assert at_printed_precision(row["ttb"], ttb)


# --- Tabel 3.2: program subtotals and the total row ----------------------------------------------

# program kode: (APBD MURNI, APBD-P) as printed on the program rows.
PROGRAM_SUBTOTALS = {
    "1.14.1.14.01.01": ("1,468,103,000", "1,090,093,400"),
    "1.14.1.14.01.02": ("1,184,650,000", "336,750,000"),
    "1.14.1.14.01.03": ("30,500,000", "30,500,000"),
    "1.14.1.14.01.05": ("175,000,000", "-"),
    "1.14.1.14.01.08": ("425,648,000", "117,291,500"),
    "1.14.1.14.01.15": ("3,125,575,000", "1,035,217,500"),
    "1.14.1.14.01.16": ("936,605,500", "371,390,500"),
    "1.14.1.14.01.17": ("2,204,976,040", "1,100,993,450"),
    "1.14.1.14.01.18": ("454,368,750", "415,260,000"),
    "1.06.1.14.01.21": ("20,000,000", "16,259,000"),
    "1.13.1.14.01.16": ("3,386,815,846", "1,215,480,800"),
    "1.13.1.14.01.19": ("480,405,850", "137,185,850"),
    "1.13.1.14.01.21": ("432,436,750", "271,290,750"),
    "1.13.1.14.01.22": ("2,214,695,450", "1,335,617,550"),
    "1.19.1.14.01.17": ("370,465,000", "102,827,400"),
    "1.19.1.14.01.26": ("25,000,000", "1,275,000"),
}


@pytest.mark.parametrize(("kode", "printed"), PROGRAM_SUBTOTALS.items(), ids=list(PROGRAM_SUBTOTALS))
def test_program_subtotals(year_analysis, kode, printed):
    f = year_analysis.anggaran_program
    row = f[f["program_kode"] == kode].iloc[0]
    murni, perubahan = printed
    assert row["pagu_murni"] == number(murni)
    assert row["pagu"] == number(perubahan)


# J U M L A H row of Tabel 3.2, as printed.
TOTAL_ROW = {
    "pagu_murni": "16,935,245,186",
    "pagu": "7,577,432,700",
    "bobot": "100.00",
    "realisasi_fisik_rata_rata": "96.40",
    "ttb": "96.50",
    "realisasi_keuangan": "7,016,295,114",
    "realisasi_keuangan_persen": "92.59",
    "sisa": "561,137,586",
}
RUPIAH = {"pagu_murni", "pagu", "realisasi_keuangan", "sisa"}


@pytest.mark.parametrize(("field", "printed"), TOTAL_ROW.items(), ids=list(TOTAL_ROW))
def test_total_row(year_analysis, field, printed):
    value = getattr(year_analysis.anggaran_ringkasan, field)
    if field in RUPIAH:
        assert value == number(printed)
    else:
        assert at_printed_precision(value, printed), (value, printed)


def test_total_fisik_is_simple_mean_and_ttb_is_weighted(year_analysis):
    # The seed's 96.40 is the mean of FISIK over the 61 kegiatan that kept a budget; 96.50 is Σ TTB.
    s = year_analysis.anggaran_ringkasan
    assert s.jumlah_kegiatan == 69
    assert s.jumlah_kegiatan_berpagu == 61
    assert s.jumlah_kegiatan_dipotong == 8
    assert s.realisasi_fisik_rata_rata == pytest.approx(96.3969, abs=5e-5)
    assert s.ttb == pytest.approx(96.4990, abs=5e-5)


# --- Tabel 3.1.3: PMKS -------------------------------------------------------------------------

# year: (penyebut, pembilang, KETERANGAN %) as printed; the % is computed from the counts.
TABEL_3_1_3 = {
    2012: ("10,842", "825", "7.61"),
    2013: ("10,912", "754", "6.91"),
    2014: ("12,165", "825", "7.61"),
    2015: ("15,368", "2,580", "16.79"),
    2016: ("19,987", "1,781", "8.91"),
}
PMKS_SEED_ERRORS = {2014: "6.78"}  # 825 / 12,165 = 6.78 %: the row repeats 2012's numerator and %.


@pytest.mark.parametrize(("tahun", "printed"), TABEL_3_1_3.items(), ids=[str(y) for y in TABEL_3_1_3])
def test_pmks_percentages(year_analysis, tahun, printed):
    penyebut, pembilang, persen = printed
    f = year_analysis.spm
    row = f[(f["kode"] == "SPM-SOS-1") & (f["tahun"] == tahun)].iloc[0]
    assert row["pembilang"] == number(pembilang)
    assert row["penyebut"] == number(penyebut)
    assert row["sumber_realisasi"] == "pembilang/penyebut"
    if tahun in PMKS_SEED_ERRORS:
        assert not at_printed_precision(row["realisasi"], persen)  # the seed's 7.61 is wrong
        assert at_printed_precision(row["realisasi"], PMKS_SEED_ERRORS[tahun])
    else:
        assert at_printed_precision(row["realisasi"], persen), (row["realisasi"], persen)


# --- Tabel 3.1.2 and its text: SPM ketenagakerjaan over five years ------------------------------


def _spm(year_analysis, kode):
    f = year_analysis.spm_ringkasan
    return f[f["kode"] == kode].iloc[0]


def test_spm_window_is_the_five_printed_years(year_analysis):
    f = year_analysis.spm_ringkasan
    naker = f[f["jenis"] == "ketenagakerjaan"]
    assert set(naker["tahun_awal"]) == {2012}
    assert set(naker["tahun_akhir"]) == {2016}
    assert set(naker["jumlah_tahun"]) == {5}


def test_spm_competency_training_mean(year_analysis):
    # "selama lima tahun terakhir jika dirata-ratakan, maka setiap tahunnya mencapai 60,8 %"
    row = _spm(year_analysis, "SPM-NAKER-1")
    assert at_printed_precision(row["rata_rata"], "60,8")
    assert row["rata_rata"] == pytest.approx(60.772)
    assert not row["rata_rata_memenuhi_target"]  # "... dari target nasional sebesar 75 %"


def test_spm_placement_mean_seed_error(year_analysis):
    # Seed: "untuk periode 2011-2016 jika dirata-ratakan baru mencapai 24 %": wrong. The table's
    # 2012-2016 mean is 21.58 % (the claim "belum mencapai target ... 45 %" holds).
    row = _spm(year_analysis, "SPM-NAKER-4")
    assert not at_printed_precision(row["rata_rata"], "24")
    assert row["rata_rata"] == pytest.approx(21.584)
    assert not row["rata_rata_memenuhi_target"]
    assert not row["memenuhi_target_tahun_ini"]


def test_spm_pb_mean_seed_error(year_analysis):
    # Seed: "jika dirata-ratakan capaian kinerja mencapai target (50%)": wrong; the mean is 49.21 %.
    row = _spm(year_analysis, "SPM-NAKER-5")
    assert row["rata_rata"] == pytest.approx(49.214)
    assert row["target_nasional"] == 50
    assert not row["rata_rata_memenuhi_target"]
    # "kinerja tertinggi pada tahun 2012 (56%) dan terendah pada tahun 2015 (38%)"
    assert row["tahun_tertinggi"] == "2012" and at_printed_precision(row["tertinggi"], "56")
    assert row["tahun_terendah"] == "2015" and at_printed_precision(row["terendah"], "38")


def test_spm_community_training_trend(year_analysis):
    # "capaian kinerja mengalami trend menurun. Capaian kinerja tertinggi pada tahun 2012 (100%)
    # dan terendah pada tahun 2016 (70 %)"
    row = _spm(year_analysis, "SPM-NAKER-2")
    assert row["arah_tren"] == "turun"
    assert row["tahun_tertinggi"] == "2012" and at_printed_precision(row["tertinggi"], "100")
    assert row["tahun_terendah"] == "2016" and at_printed_precision(row["terendah"], "70")


def test_spm_entrepreneurship_extremes(year_analysis):
    # "capaian tertinggi pada tahun 2015 (100%) dan terendah pada tahun 2016 (27%)"
    row = _spm(year_analysis, "SPM-NAKER-3")
    assert row["tahun_tertinggi"] == "2015" and at_printed_precision(row["tertinggi"], "100")
    assert row["tahun_terendah"] == "2016" and at_printed_precision(row["terendah"], "27")


def test_spm_equipment_testing(year_analysis):
    # "selama 5 tahun terakhir jika dirata-ratakan telah memenuhi target yang ditetapkan (50%),
    # meskipun pada tahun 2016 capaian kinerja tidak memenuhi target, yaitu tercapai 17 %"
    row = _spm(year_analysis, "SPM-NAKER-8")
    assert row["rata_rata"] == pytest.approx(79.302)
    assert row["rata_rata_memenuhi_target"]
    assert not row["memenuhi_target_tahun_ini"]
    assert at_printed_precision(row["realisasi_tahun_ini"], "17")


def test_spm_jamsostek_and_inspection(year_analysis):
    # Jamsostek: "telah memenuhi target (50%)"; pemeriksaan: "belum mencapai target yang ditetapkan (45%)".
    assert _spm(year_analysis, "SPM-NAKER-6")["memenuhi_target_tahun_ini"]
    insp = _spm(year_analysis, "SPM-NAKER-7")
    assert insp["target_nasional"] == 45
    assert not insp["memenuhi_target_tahun_ini"]


# --- Tabel 3.1.1 and Bab III items a-f --------------------------------------------------------


def _iku(year_analysis, kode):
    f = year_analysis.capaian_iku
    return f[f["kode"] == kode].iloc[0]


def test_placement_rise_is_8_7_points(year_analysis):
    # Bab III b: "terjadi kenaikan kinerja 8,7 %": 22.05 % -> 30.75 % is +8.7 percentage points.
    row = _iku(year_analysis, "IKU2")
    assert at_printed_precision(row["perubahan"], "8,7")
    assert row["arah_perubahan"] == "naik"
    relative = (row["realisasi"] - row["realisasi_tahun_lalu"]) / row["realisasi_tahun_lalu"] * 100
    assert not at_printed_precision(relative, "8,7")  # it is not a relative change (39.5 %)


# kode: (reached the target?, direction vs 2015 or None when the text states none), from items a-f.
BAB_III_STATEMENTS = {
    "IKU1": (False, "turun"),  # a. "belum mencapai target ... juga menurun"
    "IKU2": (True, "naik"),  # b. "mencapai target ... terjadi kenaikan"
    "IKU3": (True, "tetap"),  # c. "telah memenuhi target ... tidak ada peningkatan"
    "IKU4": (False, "turun"),  # d. "belum mencapai target ... terjadi penurunan"
    "IKU5": (False, None),  # e. "belum memenuhi target"
    "IKU6": (False, "turun"),  # f. "belum mencapai target, dan terdapat penurunan"
}


@pytest.mark.parametrize(("kode", "statement"), BAB_III_STATEMENTS.items(), ids=list(BAB_III_STATEMENTS))
def test_bab_iii_statements(year_analysis, kode, statement):
    met, direction = statement
    row = _iku(year_analysis, kode)
    assert bool(row["mencapai_target"]) is met
    if direction is not None:
        assert row["arah_perubahan"] == direction
