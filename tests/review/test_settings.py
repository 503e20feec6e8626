"""Thresholds per dataset (reviu.yaml): defaults, overrides, switching rules off, and located errors."""

from __future__ import annotations

import pytest
from review_data import K1, YEAR

from lkjipkit.errors import DatasetError
from lkjipkit.review import ReviewSettings, dataset_settings, load_settings, review, settings_path


def test_defaults_without_a_file(data, load):
    assert dataset_settings(load(data)) == ReviewSettings()
    s = ReviewSettings()
    assert (s.capaian_maksimum, s.fisik_keuangan_selisih, s.jendela_tahun, s.pemotongan_pagu_persen) == (
        150,
        25,
        5,
        100,
    )


def test_reviu_yaml_changes_a_threshold(data, load):
    data.set("iku_tahunan", {"iku_kode": "IKU1", "tahun": "2016"}, capaian_tercetak="")
    assert [f.rule for f in review(load(data), YEAR)] == []
    data.extra_files["reviu.yaml"] = "capaian_maksimum: 100\n"
    (f,) = review(load(data), YEAR)
    assert (f.rule, f.key) == ("PLAUS-CAPAIAN-HIGH", "IKU1, 2016")


def test_rules_switched_off_and_severity_overridden(data, load):
    data.set("anggaran", {"kode_rekening": K1}, sisa_tercetak="9000000")
    assert [(f.rule, f.severity) for f in review(load(data), YEAR)] == [("SUM-SISA", "error")]
    data.extra_files["reviu.yaml"] = "tingkat:\n  SUM-SISA: info\n"
    assert [(f.rule, f.severity) for f in review(load(data), YEAR)] == [("SUM-SISA", "info")]
    data.extra_files["reviu.yaml"] = "aturan_nonaktif: [SUM-SISA]\n"
    assert review(load(data), YEAR) == []


def test_settings_passed_in_win_over_the_file(data, load):
    data.extra_files["reviu.yaml"] = "capaian_maksimum: 100\n"
    assert review(load(data), YEAR, settings=ReviewSettings()) == []
    assert review(load(data), YEAR, settings={"capaian_maksimum": 150}) == []


@pytest.mark.parametrize(
    ("text", "line", "key", "gist"),
    [
        ("capaian_maksimum: 150\nfisik_keuangan_selish: 30\n", 2, "fisik_keuangan_selish", "Extra inputs"),
        ("fisik_keuangan_batas: 120\n", 1, "fisik_keuangan_batas", "less than or equal to 100"),
        ("aturan_nonaktif:\n- SUM-SISA\n- SUM-TYPO\n", 3, "aturan_nonaktif.1", "unknown rule id 'SUM-TYPO'"),
        ("tingkat:\n  SUM-TYPO: info\n", 2, "tingkat", "unknown rule id 'SUM-TYPO'"),
        ("tingkat:\n  SUM-SISA: fatal\n", 2, "tingkat.SUM-SISA", "'error', 'warning' or 'info'"),
        ("- just a list\n", 1, None, "expected a mapping"),
    ],
)
def test_invalid_reviu_yaml_names_file_line_and_key(data, load, text, line, key, gist):
    data.extra_files["reviu.yaml"] = text
    ds = load(data)
    with pytest.raises(DatasetError) as err:
        review(ds, YEAR)
    (p,) = err.value.problems
    assert (p.file, p.row, p.column) == ("reviu.yaml", line, key)
    assert gist in p.message


def test_settings_path_of_a_folder_and_of_a_workbook(tmp_path):
    assert settings_path(tmp_path / "ds") == tmp_path / "ds" / "reviu.yaml"
    assert settings_path(tmp_path / "dinas.xlsx") == tmp_path / "dinas.reviu.yaml"


def test_empty_file_means_defaults(tmp_path):
    (tmp_path / "reviu.yaml").write_text("# nothing set\n", encoding="utf-8")
    assert load_settings(tmp_path / "reviu.yaml") == ReviewSettings()
