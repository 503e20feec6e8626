"""CLAIM-*: the analyst's own words checked against the computed figures.

The seed's two real contradictions are found at their rows and its correct
claims stay silent. Then a table of planted claims, wrong and right, of every
kind (number, mean, extreme year, direction, target) is written into copies of
both datasets (the seed and tests/data/kota-contoh): every wrong one must be
found at its place by its rule, every right one must stay silent
(:func:`test_planted_precision_and_recall` measures both).
"""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lkjipkit.dataset import load_dataset
from lkjipkit.review import review
from lkjipkit.review.claims import agrees, number, sentences

KOTA = Path(__file__).resolve().parents[1] / "data" / "kota-contoh"


def claim_findings(ds, year):
    return [f for f in review(ds, year) if f.rule.startswith("CLAIM-")]


# -- the seed as it is -----------------------------------------------------------------------------


def test_seed_placement_mean_24_is_21_58(seed):
    """README 3: the placement SPM text says the mean "baru mencapai 24 %"; 2012–2016 give 21,58 %."""
    (f,) = [f for f in claim_findings(seed, 2016) if f.rule == "CLAIM-MEAN"]
    assert (f.severity, f.file, f.row, f.column, f.key) == (
        "error",
        "spm_realisasi.csv",
        21,
        "analisis",
        "SPM-NAKER-4, 2016",
    )
    assert (f.found, f.expected) == ("24 %", "21,58 %")
    assert "baru mencapai 24 %" in f.figures["kalimat"]
    assert "20,54; 2013: 8,21; 2014: 45; 2015: 22,05; 2016: 12,12" in f.message
    assert f.location == "spm_realisasi.csv:21:analisis"


def test_seed_settlement_mean_does_not_reach_its_target(seed):
    """The PB SPM text says the mean "mencapai target (50%)"; the mean is 49,21 %."""
    (f,) = [f for f in claim_findings(seed, 2016) if f.rule == "CLAIM-TARGET"]
    assert (f.severity, f.file, f.row, f.key) == ("error", "spm_realisasi.csv", 26, "SPM-NAKER-5, 2016")
    assert f.found == "target tercapai"
    assert f.expected == "target tidak tercapai (49,21 % terhadap target 50 %)"
    assert f.figures["realisasi"] == pytest.approx(49.214)


def test_seed_has_only_its_two_contradictions(seed):
    assert sorted((f.rule, f.row) for f in claim_findings(seed, 2016)) == [("CLAIM-MEAN", 21), ("CLAIM-TARGET", 26)]


@pytest.mark.parametrize(
    "phrase",
    [
        "mencapai 60,8 %",
        "target nasional sebesar 75 %",
        "tertinggi pada tahun 2012 (100%)",
        "terendah pada tahun 2016 (70 %)",
        "tertinggi pada tahun 2015 (100%)",
        "terendah pada tahun 2016 (27%)",
        "tercapai 17 %",
        "trend menurun",
        "trend naik dan turun",
    ],
)
def test_seed_correct_claims_are_read_and_agree(seed, phrase):
    """The correct claims of the seed are understood (tied to a figure), and they agree."""
    from lkjipkit.review.context import ReviewContext
    from lkjipkit.review.settings import ReviewSettings

    claims = [c for c in ReviewContext(seed, 2016, ReviewSettings()).claims if c.phrase == phrase]
    assert claims and all(c.agrees for c in claims)


@pytest.mark.parametrize(
    ("said", "computed", "ok"),
    [
        ("60,8", 60.772, True),
        ("24", 21.584, False),
        ("17", 16.75, True),
        ("70", 70.37, True),
        ("1,3", 1.25, True),
        ("1,2", 1.25, False),
    ],
)
def test_precision_is_what_the_analyst_wrote(said, computed, ok):
    assert agrees(number(said), computed) is ok


def test_numbers_are_indonesian():
    assert number("7.016.295.114") == Decimal("7016295114")
    assert number("60,8") == Decimal("60.8")
    assert list(sentences("Naik 2 %. Tahun 2012 s.d. 2016 turun.\n- butir")) == [
        "Naik 2 %.",
        "Tahun 2012 s.d. 2016 turun.",
        "butir",
    ]


def test_rupiah_with_a_scale_word_agrees_at_its_precision():
    assert agrees(number("7,02"), 7016295114, 10**9)
    assert not agrees(number("7,5"), 7016295114, 10**9)


# -- planted claims --------------------------------------------------------------------------------

#: (dataset, file, key, column, old text or None to set the cell, new text, expected rules (wrong claims)).
#: A row whose rule list is empty holds only correct claims.
PLANTED = [
    # the seed, 2016
    ("seed", "spm_realisasi.csv", ("SPM-NAKER-1", "2016"), "analisis", "mencapai 60,8 %", "mencapai 62,8 %",
     ["CLAIM-MEAN"]),
    ("seed", "spm_realisasi.csv", ("SPM-NAKER-2", "2016"), "analisis",
     "trend menurun. Capaian kinerja tertinggi pada tahun 2012",
     "trend meningkat. Capaian kinerja tertinggi pada tahun 2014", ["CLAIM-EXTREME", "CLAIM-DIRECTION"]),
    ("seed", "spm_realisasi.csv", ("SPM-NAKER-3", "2016"), "analisis", "(27%)", "(25%)", ["CLAIM-EXTREME"]),
    ("seed", "spm_realisasi.csv", ("SPM-NAKER-7", "2016"), "analisis",
     "belum mencapai target yang ditetapkan (45%).",
     "telah mencapai target yang ditetapkan (45%), pada tahun 2016 capaian kinerja hanya 12 %.",
     ["CLAIM-TARGET", "CLAIM-NUMBER"]),
    ("seed", "spm_realisasi.csv", ("SPM-NAKER-6", "2016"), "analisis", "memenuhi target (50%)",
     "memenuhi target (60%)", ["CLAIM-NUMBER"]),
    ("seed", "analisis_iku.csv", ("IKU4", "2016"), "penyebab", "Penurunan disebabkan", "Kenaikan disebabkan",
     ["CLAIM-DIRECTION"]),
    ("seed", "laporan.yaml", None, "kesimpulan_capaian", "Secara umum dapat",
     "Realisasi IKU2 tahun 2016 sebesar 33 %. Realisasi keuangan sebesar Rp 7,5 miliar. "
     "Sebanyak 3 dari 6 IKU telah mencapai target. Secara umum dapat",
     ["CLAIM-NUMBER", "CLAIM-NUMBER", "CLAIM-TARGET"]),
    # correct claims planted in the seed
    ("seed", "analisis_iku.csv", ("IKU2", "2016"), "penyebab", None,
     "Capaian kinerja meningkat dari tahun sebelumnya, realisasi tahun 2016 sebesar 30,75 %.", []),
    ("seed", "spm_realisasi.csv", ("SPM-SOS-1", "2016"), "analisis", None,
     "Capaian kinerja menurun, pada tahun 2016 tercapai 8,9 % (1.781 dari 19.987 PMKS).", []),
    ("seed", "laporan.yaml", None, "penutup", "Dimasa mendatang",
     "Realisasi keuangan sebesar Rp 7,02 miliar (92,59 %) dan sisa anggaran sebesar Rp 561.137.586. "
     "Sebanyak 2 dari 6 IKU telah mencapai target. Dimasa mendatang", []),
    # kota-contoh, 2023
    ("kota", "spm_realisasi.csv", ("SPM-KES-1", "2023"), "analisis", "kelas ibu hamil.",
     "kelas ibu hamil. Capaian kinerja tahun 2023 sebesar 96,8 %.", ["CLAIM-NUMBER"]),
    ("kota", "spm_realisasi.csv", ("SPM-KES-2", "2023"), "analisis", None,
     "Selama tiga tahun terakhir jika dirata-ratakan capaian kinerja mencapai 91,5 %. Capaian kinerja menurun "
     "pada tahun 2023 menjadi 89,9 % dan belum mencapai target nasional (100 %).", ["CLAIM-MEAN"]),
    ("kota", "spm_realisasi.csv", ("SPM-KES-3", "2023"), "analisis", "kesehatan jiwa.",
     "kesehatan jiwa. Capaian tertinggi pada tahun 2022 (84,7 %) dan terendah pada tahun 2021 (73,8 %).",
     ["CLAIM-EXTREME"]),
    ("kota", "analisis_iku.csv", ("IKU4", "2023"), "penyebab", "Cakupan turun", "Cakupan naik", ["CLAIM-DIRECTION"]),
    ("kota", "analisis_iku.csv", ("IKU3", "2023"), "penyebab", "Empat puskesmas",
     "Realisasi belum mencapai target. Empat puskesmas", ["CLAIM-TARGET"]),
    ("kota", "laporan.yaml", None, "kesimpulan_capaian", "Secara umum, capaian",
     "Cakupan imunisasi dasar lengkap mengalami trend naik. Sebanyak 2 dari 5 IKU telah mencapai target. "
     "Secara umum, capaian", ["CLAIM-DIRECTION"]),
]  # fmt: skip

YEARS = {"seed": 2016, "kota": 2023}
#: The seed's own contradictions, found in its copy as well.
SEED_KNOWN = [("spm_realisasi.csv", 21, "CLAIM-MEAN"), ("spm_realisasi.csv", 26, "CLAIM-TARGET")]


def _plant_csv(path: Path, key, column, old, new) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    (rec,) = [r for r in rows if (r[fields[0]], r["tahun"]) == key]
    if old is None:
        assert not rec[column], "a planted text without 'old' fills an empty cell"
        rec[column] = new
    else:
        assert old in rec[column], old
        rec[column] = rec[column].replace(old, new, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _planted(tmp_path: Path, name: str, source: Path):
    folder = tmp_path / name
    shutil.copytree(source, folder)
    for ds_name, file, key, column, old, new, _ in PLANTED:
        if ds_name != name:
            continue
        if file == "laporan.yaml":
            text = (folder / file).read_text(encoding="utf-8")
            assert old in text, old
            (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
        else:
            _plant_csv(folder / file, key, column, old, new)
    return load_dataset(folder)


def _where(ds, name, file, key, column):
    """The (file, row) a finding about this text must name."""
    if file == "laporan.yaml":
        i = list(ds.laporan).index(YEARS[name])
        return file, ds.yaml_lines["laporan.yaml"][("laporan", i, column)]
    frame = ds.tables[file.removesuffix(".csv")]
    code = frame.columns[1]  # the first column after _row: the indicator code
    (row,) = frame[(frame[code] == key[0]) & (frame["tahun"] == int(key[1]))]["_row"]
    return file, int(row)


@pytest.fixture(scope="module")
def planted(tmp_path_factory, seed_path):
    tmp = tmp_path_factory.mktemp("claims")
    out = {}
    for name, source in (("seed", seed_path), ("kota", KOTA)):
        ds = _planted(tmp, name, source)
        out[name] = (ds, claim_findings(ds, YEARS[name]))
    return out


def _expected(planted):
    """Every planted wrong claim as (dataset, file, row, rule); and the texts with correct claims."""
    wrong, right = [], []
    for ds_name, file, key, column, _old, _new, rules in PLANTED:
        ds, _ = planted[ds_name]
        where = _where(ds, ds_name, file, key, column)
        wrong += [(ds_name, *where, rule) for rule in rules]
        if not rules:
            right.append((ds_name, *where))
    wrong += [("seed", *k) for k in SEED_KNOWN]
    return sorted(wrong), right


def test_planted_wrong_claims_are_found_at_their_place(planted):
    wrong, _ = _expected(planted)
    found = sorted((name, f.file, f.row, f.rule) for name, (_, fs) in planted.items() for f in fs)
    assert found == wrong


def test_planted_correct_claims_stay_silent(planted):
    _, right = _expected(planted)
    found = {(name, f.file, f.row) for name, (_, fs) in planted.items() for f in fs}
    assert not found & set(right)


def test_planted_precision_and_recall(planted):
    """Precision and recall over the planted table (and the seed's two real contradictions): both 1."""
    wrong, _ = _expected(planted)
    found = [(name, f.file, f.row, f.rule) for name, (_, fs) in planted.items() for f in fs]
    remaining = list(wrong)
    true_positives = 0
    for item in found:
        if item in remaining:
            remaining.remove(item)
            true_positives += 1
    precision = true_positives / len(found)
    recall = true_positives / len(wrong)
    print(f"claims: {len(wrong)} planted wrong, {len(found)} found, precision {precision:.2f}, recall {recall:.2f}")
    assert (precision, recall) == (1.0, 1.0)


def test_a_finding_carries_what_a_callout_needs(planted):
    _, fs = planted["kota"]
    (f,) = [f for f in fs if f.rule == "CLAIM-MEAN"]
    assert f.file == "spm_realisasi.csv" and f.column == "analisis" and f.key == "SPM-KES-2, 2023"
    assert f.figures["kalimat"].startswith("Selama tiga tahun terakhir") and f.figures["klaim"] == "mencapai 91,5 %"
    assert (f.found, f.expected) == ("91,5 %", "89,53 %")
    assert "2021: 88,2; 2022: 90,5; 2023: 89,9" in f.message


def test_laporan_findings_point_at_the_yaml_key(planted):
    _, fs = planted["seed"]
    laporan = [f for f in fs if f.file == "laporan.yaml"]
    assert {f.column for f in laporan} == {"laporan[2016].kesimpulan_capaian"}
    budget = next(f for f in laporan if f.found.startswith("Rp"))
    assert (budget.found, budget.expected) == ("Rp 7,5 miliar", "Rp 7.016.295.114")
