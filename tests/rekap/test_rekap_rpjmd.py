"""The RPJMD mapping: validated with located errors, and the aggregates of a generated city checked
against weighted means computed here from the mapping file and the datasets."""

from __future__ import annotations

import csv
import math
import shutil

import pytest
from click.testing import CliRunner
from conftest import YEAR, expected_capaian

from lkjipkit.cli import main
from lkjipkit.errors import DatasetError
from lkjipkit.rekap.core import build_rekap
from lkjipkit.rekap.facts import recap
from lkjipkit.rekap.generate import ABSENT_IKU, RPJMD_INDICATORS
from lkjipkit.rekap.read import read_batch
from lkjipkit.rekap.rpjmd import load_mapping

HEADER = "rpjmd_kode,rpjmd_indikator,satuan,target,slug,iku_kode,bobot\n"
BANDS = [(91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (-math.inf, "Sangat Rendah")]


@pytest.fixture(scope="module")
def city_recap(city, city_rpjmd):
    agencies, root = city
    return agencies, recap(read_batch(root, YEAR, [a.path for a in agencies]), rpjmd=load_mapping(city_rpjmd))


def _links(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_aggregates_are_weighted_means_of_the_agencies_capaian(city, city_rpjmd, city_recap):
    agencies, r = city_recap
    by_slug = {a.slug: a for a in agencies}
    sums: dict[str, list[float]] = {code: [0.0, 0.0] for code, *_ in RPJMD_INDICATORS}
    for link in _links(city_rpjmd):
        a = by_slug[link["slug"]]
        if a.broken:
            continue
        caps = expected_capaian(a.path).set_index("kode")["capaian"]
        if link["iku_kode"] not in caps or math.isnan(caps[link["iku_kode"]]):
            continue
        w = float(link["bobot"] or 1)
        sums[link["rpjmd_kode"]][0] += w * caps[link["iku_kode"]]
        sums[link["rpjmd_kode"]][1] += w
    table = r.tables["rpjmd"].set_index("rpjmd_kode")
    assert list(table.index) == [code for code, *_ in RPJMD_INDICATORS]
    for code, name, unit, target in RPJMD_INDICATORS:
        got = table.loc[code]
        want = sums[code][0] / sums[code][1]
        assert math.isclose(got["capaian_gabungan"], want, rel_tol=1e-9), (code, got["capaian_gabungan"], want)
        assert (got["rpjmd_indikator"], got["satuan"], got["target"]) == (name, unit, target)
        assert got["kategori"] == next(label for low, label in BANDS if want >= low)
    links = r.tables["rpjmd_kontribusi"]
    counted = links[links["keterangan"] == ""]
    sums_of_parts = counted.groupby("rpjmd_kode")["kontribusi"].sum()
    assert all(math.isclose(sums_of_parts[c], table.loc[c, "capaian_gabungan"], rel_tol=1e-12) for c in table.index)
    assert all(math.isclose(v, 100) for v in counted.groupby("rpjmd_kode")["porsi"].sum())
    assert (table["jumlah_iku"] == table["iku_dihitung"] + table["iku_tidak_dihitung"]).all()
    assert table["jumlah_iku"].sum() == len(_links(city_rpjmd))


def test_links_that_cannot_be_counted_are_named(city_recap):
    agencies, r = city_recap
    links = r.tables["rpjmd_kontribusi"].set_index(["slug", "iku_kode"])
    broken = links.loc[(agencies[-1].slug, "IKU1")]
    assert broken["keterangan"] == "instansi tidak masuk rekap (tidak ada); tidak dihitung"
    absent = links.loc[(agencies[0].slug, ABSENT_IKU)]
    assert absent["keterangan"] == f"IKU {ABSENT_IKU} tidak ada dalam laporan {agencies[0].slug}; tidak dihitung"
    assert math.isnan(absent["capaian"]) and math.isnan(absent["kontribusi"])
    counted = links[links["keterangan"] == ""]
    assert counted["capaian"].notna().all() and counted["kategori"].notna().all()


def test_the_mapping_in_the_reports_root_is_used_and_the_command_names_what_is_not_counted(city_copy, city_rpjmd):
    agencies, root = city_copy
    shutil.copy(city_rpjmd, root / "rpjmd.csv")
    result = build_rekap(root, YEAR, root / "_rekap", "xlsx")
    assert "rpjmd" in result.recap.tables
    lines = CliRunner().invoke(main, ["rekap", str(root), "--year", str(YEAR), "--format", "xlsx"]).output
    assert f"rpjmd     RPJMD-02 {agencies[0].slug} {ABSENT_IKU}: IKU {ABSENT_IKU} tidak ada" in lines
    # without the dataset list the broken agency is simply without a report
    assert f"RPJMD-01 {agencies[-1].slug} IKU1: tidak ada laporan {agencies[-1].slug} tahun {YEAR}" in lines


def test_no_mapping_no_rpjmd_sheets(city, tmp_path):
    from openpyxl import load_workbook

    _, root = city
    build_rekap(root, YEAR, tmp_path / "out", "xlsx")
    assert "Indikator RPJMD" not in load_workbook(tmp_path / "out" / "rekap.xlsx").sheetnames


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            HEADER + "R1,Indeks,indeks,70,kota-a,IKU1,-1\nR1,,,,kota-a,IKU1,0\n",
            [
                "rpjmd.csv:2:bobot: found -1.0; expected a value above 0",
                "rpjmd.csv:3:bobot: found 0.0; expected a value above 0",
                "rpjmd.csv:3:iku_kode: duplicate rpjmd_kode=R1, slug=kota-a, iku_kode=IKU1 (rows 2, 3)",
            ],
        ),
        (
            HEADER + "R1,Indeks,indeks,70,kota-a,IKU1,\nR1,Lain,,,kota-b,IKU1,\nR2,,%,,kota-b,IKU2,2\n",
            [
                "rpjmd.csv:3:rpjmd_indikator: found 'Lain'; expected empty or 'Indeks' as on row 2",
                "rpjmd.csv:4:rpjmd_indikator: empty; expected the rpjmd_indikator of R2 here",
                "rpjmd.csv:4:target: empty; expected the target of R2 here",
            ],
        ),
        (
            HEADER + "R1,Indeks,,70,kota a,IKU1,x\n",
            ["rpjmd.csv:2:slug: expected a code", "rpjmd.csv:2:bobot: expected"],
        ),
        ("rpjmd_kode,slug,bobot\n", ["rpjmd.csv:1:iku_kode: missing column"]),
        (HEADER, ["rpjmd.csv: no rows"]),
    ],
)
def test_mapping_errors_name_file_row_and_column(tmp_path, text, errors):
    (tmp_path / "rpjmd.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_mapping(tmp_path / "rpjmd.csv")
    lines = caught.value.lines()
    for want in errors:
        assert any(line.startswith(f"{tmp_path}/{want}") for line in lines), (want, lines)


def test_command_prints_mapping_errors(city, tmp_path):
    _, root = city
    (tmp_path / "rpjmd.csv").write_text(HEADER + "R1,Indeks,,70,kota-a,IKU1,-2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rekap", str(root), "--year", str(YEAR), "--rpjmd", str(tmp_path / "rpjmd.csv")])
    assert result.exit_code == 1
    assert f"{tmp_path}/rpjmd.csv:2:bobot: found -2.0; expected a value above 0" in result.output
    assert "Traceback" not in result.output


def test_a_mapping_file_that_is_not_there(city, tmp_path):
    _, root = city
    result = CliRunner().invoke(main, ["rekap", str(root), "--year", str(YEAR), "--rpjmd", str(tmp_path / "no.csv")])
    assert result.exit_code == 1 and "no.csv: cannot read the file" in result.output
