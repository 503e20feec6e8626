"""`lkjip new-year`: the next year's empty rows, earlier years untouched, validation lists what is empty."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.dataset import load_dataset


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_new_year_after_the_renstra_period_needs_a_new_period(seed_copy: Path):
    before = _snapshot(seed_copy)
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2017"])
    assert result.exit_code == 1
    assert "after the Renstra period 2011-2016" in result.stderr
    assert "--renstra" in result.stderr
    assert _snapshot(seed_copy) == before


def test_new_year_appends_only_and_validates_with_still_empty_messages(seed_copy: Path, seed):
    before = _snapshot(seed_copy)
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2017", "--renstra", "2016-2021"])
    assert result.exit_code == 0, result.output
    after = _snapshot(seed_copy)
    for name in ("iku_tahunan.csv", "anggaran.csv", "spm_realisasi.csv", "program_tahunan.csv", "laporan.yaml"):
        assert after[name].startswith(before[name]), f"{name}: earlier content changed"
        assert len(after[name]) > len(before[name])
    for name in ("kegiatan.csv", "iku.csv", "program.csv", "analisis_iku.csv"):
        assert after[name] == before[name]

    ds = load_dataset(seed_copy)
    assert ds.years == [2016, 2017]
    assert (ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir) == (2016, 2021)
    assert [(p.tahun_awal, p.tahun_akhir) for p in ds.profil.renstra_sebelumnya] == [(2011, 2016)]
    t17 = ds.iku_tahunan[ds.iku_tahunan["tahun"] == 2017].set_index("iku_kode")
    assert len(t17) == 6
    assert t17.loc["IKU1", "target"] == 70  # carried from the 2016 Perjanjian Kinerja
    assert t17["realisasi"].isna().all()
    # earlier years are exactly as before
    import pandas as pd

    old = ds.anggaran[ds.anggaran["tahun"] == 2016].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, seed.anggaran.reset_index(drop=True))

    result = CliRunner().invoke(main, ["validate", str(seed_copy)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{seed_copy}/iku_tahunan.csv:14:realisasi: still empty for 2017" in out
    assert f"{seed_copy}/anggaran.csv:71:realisasi_keuangan: still empty for 2017" in out
    assert "laporan[2017].kata_pengantar: still empty" in out
    assert "still empty for the report year(s) (not errors)" in out


def test_new_year_refuses_a_year_already_there(seed_copy: Path):
    result = CliRunner().invoke(main, ["new-year", str(seed_copy), "--year", "2016"])
    assert result.exit_code == 1
    assert "already in laporan.yaml" in result.stderr


def test_new_year_on_a_workbook_adds_the_rows_with_the_template_formatting(seed_path: Path, tmp_path: Path):
    from openpyxl import load_workbook

    from lkjipkit.dataset.excel.layout import FIRST_DATA_ROW

    book = tmp_path / "data.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["template", "--out", str(book), "--from", str(seed_path)]).exit_code == 0
    before = load_workbook(book)
    old = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in before.worksheets}
    r = runner.invoke(main, ["new-year", str(book), "--year", "2017", "--renstra", "2017-2021"])
    assert r.exit_code == 0, r.output
    assert f"{book}, sheet anggaran: +69 row(s) for 2017" in r.stdout
    after = load_workbook(book)
    for title, rows in old.items():  # every cell that was there is unchanged
        ws = after[title]
        for i, row in enumerate(rows, start=1):
            got = [ws.cell(i, j).value for j in range(1, len(row) + 1)]
            assert got == row or title == "profil", (title, i)  # profil: the new Renstra period
    ws = after["anggaran"]
    last = ws.max_row
    assert last == FIRST_DATA_ROW - 1 + 2 * 69
    assert [ws.cell(last, j).value for j in (1, 2)] == [before["anggaran"].cell(last - 69, 1).value, 2017]
    assert ws.cell(last, 3).number_format == ws.cell(last - 69, 3).number_format == "#,##0"
    assert ws.cell(last, 1).border.left.style == ws.cell(FIRST_DATA_ROW, 1).border.left.style
    assert ws.auto_filter.ref.endswith(str(last))
    ds = load_dataset(book)
    assert 2017 in ds.laporan and (ds.profil.renstra.tahun_awal, ds.profil.renstra.tahun_akhir) == (2017, 2021)
    assert (ds.profil.renstra_sebelumnya[0].tahun_awal, ds.profil.renstra_sebelumnya[0].tahun_akhir) == (2011, 2016)
    assert ds.iku_tahunan[ds.iku_tahunan["tahun"] == 2017]["target"].notna().all()  # targets carried over
    v = runner.invoke(main, ["validate", str(book)])
    assert v.exit_code == 0 and f"anggaran!F{last}" in v.stdout and ".csv" not in v.stdout
