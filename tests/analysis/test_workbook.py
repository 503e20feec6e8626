"""The tables workbook ``tabel.xlsx`` (lkjipkit.analysis.workbook), read back with openpyxl."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from lkjipkit.analysis import OUTPUT_TABLES, write_tables
from lkjipkit.analysis.workbook import NUMBER_FORMATS
from lkjipkit.errors import BuildError

ROUND_TRIP = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}


@pytest.fixture(scope="module")
def written(ds, tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("run")
    paths = write_tables(ds, 2016, out / "tabel", workbook=out / "tabel.xlsx")
    assert paths[-1] == out / "tabel.xlsx" and len(paths) == len(OUTPUT_TABLES) + 1
    return out / "tabel", out / "tabel.xlsx"


def test_a_sheet_per_table_with_indonesian_headers_frozen_and_filtered(written):
    _, book = written
    wb = load_workbook(book)
    assert wb.sheetnames == [t.name for t in OUTPUT_TABLES]
    for t in OUTPUT_TABLES:
        ws = wb[t.name]
        assert [c.value for c in ws[1]] == [c.label for c in t.columns]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(t.columns)).column_letter}{ws.max_row}"
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    headers = [c.value for c in wb["anggaran_kegiatan"][1]]
    assert {"Kode rekening", "Pagu murni (Rp)", "Realisasi keuangan (%)", "TTB (%)"} <= set(headers)
    assert "Kode sasaran" in [c.value for c in wb["efisiensi"][1]]


def test_values_equal_the_csv_and_numbers_have_their_format(written):
    folder, book = written
    wb = load_workbook(book)
    checked = set()
    for t in OUTPUT_TABLES:
        csv = pd.read_csv(folder / t.file, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        rows = list(wb[t.name].iter_rows(min_row=2))
        assert len(rows) == len(csv), t.name
        for row, (_, expected) in zip(rows, csv.iterrows(), strict=True):
            for cell, col in zip(row, t.columns, strict=True):
                text = expected[col.name]
                if text == "":
                    assert cell.value is None, (t.name, col.name)
                elif isinstance(cell.value, bool):
                    assert str(cell.value) == text
                elif isinstance(cell.value, int | float):
                    # openpyxl writes 16 significant digits (Excel keeps 15): equal up to the last one
                    assert math.isclose(cell.value, float(text), rel_tol=1e-15), (t.name, col.name)
                    assert cell.number_format == NUMBER_FORMATS.get(col.unit, "0.00" if "." in text else "General")
                    checked.add(col.unit)
                else:
                    assert cell.value == text, (t.name, col.name)
    assert {"Rp", "%", "poin persentase", "tahun", "jumlah"} <= checked
    pagu = wb["anggaran_ringkasan"]["G2"]
    assert pagu.number_format == "#,##0" and isinstance(pagu.value, int)


def test_formula_like_texts_stay_text_with_the_quote_prefix(ds, with_tables, tmp_path: Path):
    kegiatan = ds.tables["kegiatan"].copy()
    kegiatan.loc[kegiatan.index[0], "kegiatan"] = '=HYPERLINK("http://x.example","klik")'
    book = write_tables(with_tables(ds, kegiatan=kegiatan), 2016, None, workbook=tmp_path / "t.xlsx")[0]
    ws = load_workbook(book)["anggaran_kegiatan"]
    cell = next(c for c in ws["B"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert not (tmp_path / "tabel").exists()  # no CSV folder was asked for


def test_a_folder_in_the_way_is_an_error(ds, tmp_path: Path):
    (tmp_path / "tabel.xlsx").mkdir()
    with pytest.raises(BuildError, match="is a folder"):
        write_tables(ds, 2016, None, workbook=tmp_path / "tabel.xlsx")
