"""CSV files saved by Excel in an Indonesian locale load to exactly the same data, or fail clearly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from babel.numbers import format_decimal

from lkjipkit.dataset import load_dataset
from lkjipkit.errors import DatasetError


def to_indonesian_excel(path: Path, encoding: str = "utf-8-sig") -> None:
    """Rewrite a CSV as Excel in id-ID writes it: ';', decimal comma, thousands dots, CRLF."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = [rows[0]]
    for row in rows[1:]:
        new = []
        for cell in row:
            try:
                value = float(cell)
            except ValueError:
                new.append(cell)
                continue
            if cell.isdigit() and len(cell) == 4:  # a year: Excel shows it without grouping
                new.append(cell)
            else:
                new.append(format_decimal(value, format="#,##0.########", locale="id"))
        out.append(new)
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(out)
    path.write_bytes(buf.getvalue().encode(encoding))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_indonesian_excel_csv_loads_identically(seed, seed_copy: Path, encoding: str):
    for name in ("anggaran.csv", "iku_tahunan.csv", "spm_realisasi.csv", "kegiatan.csv"):
        to_indonesian_excel(seed_copy / name, encoding)
    text = (seed_copy / "anggaran.csv").read_bytes().decode(encoding)
    assert "7.016.295.114" not in text  # sanity: per-row values, but grouped
    assert ";3.000.000;" in text and ";94,17;" in text
    loaded = load_dataset(seed_copy)
    for name in ("anggaran", "iku_tahunan", "spm_realisasi", "kegiatan"):
        pd.testing.assert_frame_equal(loaded.tables[name], seed.tables[name])


def test_tab_separated_with_decimal_comma(seed, seed_copy: Path):
    path = seed_copy / "iku_tahunan.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    lines = ["\t".join(c.replace(".", ",") if c.replace(".", "").isdigit() else c for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_dataset(seed_copy)
    pd.testing.assert_frame_equal(loaded.iku_tahunan, seed.iku_tahunan)


def test_dot_decimal_in_semicolon_file_is_rejected_not_misread(seed_copy: Path):
    path = seed_copy / "iku_tahunan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_dataset(seed_copy)
    msgs = [str(p) for p in err.value.problems]
    assert any(
        m.startswith("iku_tahunan.csv:2:realisasi: expected a number in the Indonesian format") and "65,76" in m
        for m in msgs
    ), msgs


def test_trailing_empty_rows_and_columns_are_ignored(seed, seed_copy: Path):
    path = seed_copy / "tujuan.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    padded = [[*r, ""] for r in rows] + [["", "", "", ""]] * 3
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(padded)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    loaded = load_dataset(seed_copy)
    pd.testing.assert_frame_equal(loaded.tujuan, seed.tujuan)
