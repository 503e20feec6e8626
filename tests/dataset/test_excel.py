"""Excel workbooks in and out: the template, the round trip of the seed, and broken workbooks.

Broken-workbook cases copy the seed workbook, break one thing the way an
analyst would (with openpyxl, or by patching the saved XML where openpyxl
cannot, e.g. a formula's saved result), and check the sheet!cell location and
the gist of the message.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.dataset import TABLES, load_dataset
from lkjipkit.dataset.excel import (
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    NAME_ROW,
    ExcelError,
    import_workbook,
    load_workbook_dataset,
    write_dataset_folder,
    write_template,
)
from lkjipkit.dataset.spec import Column
from lkjipkit.errors import DatasetError, Problem


@pytest.fixture(scope="session")
def seed_workbook(seed, tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("xlsx") / "seed.xlsx", seed)


@pytest.fixture
def workbook(seed_workbook: Path, tmp_path: Path) -> Path:
    """A writable copy of the seed workbook."""
    return Path(shutil.copy(seed_workbook, tmp_path / "dataset.xlsx"))


def data(frame: pd.DataFrame) -> pd.DataFrame:
    """A table without its provenance column (_row is the CSV line or the sheet row)."""
    return frame.drop(columns="_row").reset_index(drop=True)


def assert_same_data(a, b) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(data(a.tables[table.name]), data(b.tables[table.name]), obj=table.name)
    assert a.profil == b.profil
    assert a.laporan == b.laporan


def edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def errors(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_workbook_dataset(path)
    return info.value.lines()


def sheet_xml(path: Path, sheet: str) -> str:
    """The part name of a sheet in a workbook written by openpyxl (sheets are numbered in order)."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def patch_xml(path: Path, part: str, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text = parts[part].decode().replace("<v></v>", "<v />")  # openpyxl writes an empty value so when lxml is there
    assert old in text, f"{old!r} not in {part}"
    parts[part] = text.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def cell_of(path: Path, sheet: str, column: str, row: int = FIRST_DATA_ROW) -> str:
    """The coordinate of a column (by name, from the header row) in a sheet."""
    ws = openpyxl.load_workbook(path)[sheet]
    for c in ws[NAME_ROW]:
        if c.value == column:
            return f"{c.column_letter}{row}"
    raise KeyError(column)


# --- the template ------------------------------------------------------------------------------------


def test_empty_template_has_a_guide_the_yaml_sheets_and_one_sheet_per_table(tmp_path: Path):
    out = write_template(tmp_path / "kosong.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [GUIDE_SHEET, "profil", "laporan", *[t.name for t in TABLES]]
    guide = "\n".join(str(c.value) for row in wb[GUIDE_SHEET].iter_rows() for c in row if c.value is not None)
    for table in TABLES:
        ws = wb[table.name]
        assert ws.freeze_panes == f"B{FIRST_DATA_ROW}"
        assert [c.value for c in ws[NAME_ROW]] == [c.name for c in table.columns]
        assert [c.value for c in ws[1]] == [c.label for c in table.columns]
        assert ws.max_row == NAME_ROW, "an empty template has headers only"
        assert table.description in guide
        for col in table.columns:
            assert col.description in guide
    profil = [c.value for c in wb["profil"]["A"]]
    assert {"instansi.nama", "misi.1", "renstra.tahun_awal", "pengaturan.efisiensi_batas"} <= set(profil)
    assert "laporan.1.tanggal_terbit" in [c.value for c in wb["laporan"]["A"]]
    assert re.search(r"anggaran!F23", guide)


def test_a_column_without_an_indonesian_label_is_refused():
    with pytest.raises(ValueError, match="needs an Indonesian label"):
        Column("x", "text", "A column.", label=" ")


def validations(ws) -> dict[str, tuple]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            out[rng.split(":")[0].rstrip("0123456789")] = (dv.type, dv.operator, dv.formula1, dv.formula2, str(rng))
    return out


def test_template_validates_numbers_percentages_money_years_and_choices(tmp_path: Path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    iku = validations(wb["iku"])
    assert iku["E"][:3] == ("list", None, '"positif (makin tinggi makin baik),negatif (makin rendah makin baik)"')
    assert iku["E"][4] == f"E{FIRST_DATA_ROW}:E1048576"
    anggaran = validations(wb["anggaran"])
    assert anggaran["B"][:4] == ("whole", "between", "1900", "2100")  # tahun
    assert anggaran["C"][:3] == ("decimal", "greaterThanOrEqual", "0")  # pagu_murni
    assert anggaran["E"][:4] == ("decimal", "between", "0", "100")  # realisasi_fisik
    assert anggaran["A"][:3] == ("list", None, f"'kegiatan'!$A${FIRST_DATA_ROW}:$A$1048576")  # kode_rekening
    tahunan = validations(wb["iku_tahunan"])
    assert tahunan["C"][0] == "decimal"  # target, any number


def test_every_reference_is_a_drop_down_of_the_other_sheet_and_prompts_are_indonesian(tmp_path: Path):
    from lkjipkit.dataset.spec import TABLES

    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    for table in TABLES:
        by_column = {c.name: openpyxl.utils.get_column_letter(j) for j, c in enumerate(table.columns, start=1)}
        got = {}
        for dv in wb[table.name].data_validations.dataValidation:
            got[str(dv.sqref).split(":")[0].rstrip("0123456789")] = dv
            assert not re.search(r"\b(the|of|in|and|Order|empty)\b", dv.prompt), dv.prompt  # no English
        for col, other, other_col in table.references:
            dv = got[by_column[col]]
            letter = openpyxl.utils.get_column_letter(1 + [c.name for c in _table(other).columns].index(other_col))
            assert (dv.type, dv.formula1) == ("list", f"'{other}'!${letter}${FIRST_DATA_ROW}:${letter}$1048576")
            assert f"lembar {other}" in dv.prompt
    iku = wb["iku"]
    assert validations(iku)["B"][2] == f"'sasaran'!$A${FIRST_DATA_ROW}:$A$1048576"  # iku.sasaran_kode
    assert validations(wb["kegiatan"])["B"][2] == f"'program'!$A${FIRST_DATA_ROW}:$A$1048576"


def _table(name: str):
    from lkjipkit.dataset.spec import TABLES

    return next(t for t in TABLES if t.name == name)


def test_table_sheets_have_an_autofilter_and_header_rows_tall_enough_for_their_text(seed, tmp_path: Path):
    from lkjipkit.dataset.excel.layout import LABEL_ROW, NAME_ROW, UNIT_ROW

    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", seed))
    ws = wb["anggaran"]
    assert ws.auto_filter.ref == f"A{NAME_ROW}:{ws.cell(NAME_ROW, ws.max_column).column_letter}{ws.max_row}"
    for row in (LABEL_ROW, UNIT_ROW):
        height = ws.row_dimensions[row].height
        for cell in ws[row]:
            width = ws.column_dimensions[cell.column_letter].width
            assert height >= 12 * -(-len(cell.value) // (width - 2)), (row, cell.value)


def test_coded_choices_read_as_labels_in_the_workbook_and_as_codes_after_loading(seed, tmp_path: Path):
    book = write_template(tmp_path / "t.xlsx", seed)
    ws = openpyxl.load_workbook(book)["iku"]
    values = {c.value for c in ws["E"][FIRST_DATA_ROW - 1 :]}
    assert values <= {"positif (makin tinggi makin baik)", "negatif (makin rendah makin baik)"}
    back = load_dataset(book)
    assert list(back.tables["iku"]["polaritas"]) == list(seed.tables["iku"]["polaritas"])
    assert list(back.tables["iku"]["rumus_capaian"].fillna("")) == list(seed.tables["iku"]["rumus_capaian"].fillna(""))


def test_template_refuses_to_overwrite_and_leaves_no_temporary_file(tmp_path: Path, seed):
    out = tmp_path / "buku.xlsx"
    out.write_bytes(b"the analyst's work")
    with pytest.raises(ExcelError, match=r"already exists.*--overwrite"):
        write_template(out, seed)
    assert out.read_bytes() == b"the analyst's work"
    write_template(out, seed, overwrite=True)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["buku.xlsx"]
    with pytest.raises(ExcelError, match=r"\.xlsx"):
        write_template(tmp_path / "buku.xls")


# --- the round trip ----------------------------------------------------------------------------------


def test_seed_round_trips_through_a_workbook(seed, seed_workbook: Path):
    back = load_dataset(seed_workbook)  # the loader hands .xlsx to the workbook reader
    assert_same_data(seed, back)
    assert back.source == seed_workbook
    assert int(back.tables["tujuan"]["_row"].iloc[0]) == FIRST_DATA_ROW


def same_csv_text(a: Path, b: Path) -> bool:
    """The same cells, where a number may be spelt differently (``100`` and ``100.00``)."""
    rows_a = list(csv.reader(io.StringIO(a.read_text(encoding="utf-8"), newline="")))
    rows_b = list(csv.reader(io.StringIO(b.read_text(encoding="utf-8"), newline="")))
    if len(rows_a) != len(rows_b):
        return False
    for ra, rb in zip(rows_a, rows_b, strict=True):
        if len(ra) != len(rb):
            return False
        for x, y in zip(ra, rb, strict=True):
            if x != y and not (
                re.fullmatch(r"-?[0-9.]+", x) and re.fullmatch(r"-?[0-9.]+", y) and float(x) == float(y)
            ):
                return False
    return True


def _without_new_empty_columns(out: Path, seed: Path) -> str:
    """``out`` as CSV text without the columns the seed file lacks and ``out`` leaves empty (an optional
    column added to the format after the seed was written)."""
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    have = next(csv.reader(io.StringIO(seed.read_text(encoding="utf-8"), newline="")))
    keep = [i for i, name in enumerate(rows[0]) if name in have or any(r[i] for r in rows[1:])]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
    return buf.getvalue()


def assert_same_files_as_the_seed(out: Path, seed_path: Path) -> None:
    differ = [t.file for t in TABLES if (out / t.file).read_bytes() != (seed_path / t.file).read_bytes()]
    for file in list(differ):
        (out / file).write_text(_without_new_empty_columns(out / file, seed_path / file), encoding="utf-8")
        if (out / file).read_bytes() == (seed_path / file).read_bytes():
            differ.remove(file)
    # The seed spells a percentage 100 in some rows and 100.00 in others; the writer always uses two decimals.
    assert differ in ([], ["spm_realisasi.csv"]), differ
    for file in differ:
        assert same_csv_text(out / file, seed_path / file), file


OTHER_DATASETS = [Path(__file__).resolve().parents[1] / "data" / "kota-contoh"]


@pytest.mark.parametrize("path", [p for p in OTHER_DATASETS if p.is_dir()], ids=lambda p: p.name)
def test_other_datasets_round_trip_through_a_workbook_and_a_folder(path: Path, tmp_path: Path):
    ds = load_dataset(path)
    book = write_template(tmp_path / "buku.xlsx", ds)
    assert_same_data(ds, load_dataset(book))
    assert_same_data(ds, load_dataset(import_workbook(book, tmp_path / "folder")))


def test_text_that_looks_like_a_formula_or_an_error_stays_text(seed, tmp_path: Path):
    tables = {name: frame.copy() for name, frame in seed.tables.items()}
    tables["iku_tahunan"]["sumber"] = tables["iku_tahunan"]["sumber"].astype("string")
    tables["iku_tahunan"].loc[0, "sumber"] = "=SUM(A1:A3)"
    tables["iku_tahunan"].loc[1, "sumber"] = "#N/A"
    ds = dataclasses.replace(seed, tables=tables)
    back = load_workbook_dataset(write_template(tmp_path / "t.xlsx", ds))
    assert list(back.tables["iku_tahunan"]["sumber"][:2]) == ["=SUM(A1:A3)", "#N/A"]


def test_seed_imported_from_a_workbook_gives_the_same_files_and_data(seed, seed_path: Path, seed_workbook, tmp_path):
    out = import_workbook(seed_workbook, tmp_path / "dataset")
    assert_same_files_as_the_seed(out, seed_path)
    assert_same_data(seed, load_dataset(out))


def test_a_folder_written_from_the_seed_has_the_same_files(seed, seed_path: Path, tmp_path: Path):
    out = write_dataset_folder(seed, tmp_path / "salinan")
    assert_same_files_as_the_seed(out, seed_path)
    assert_same_data(seed, load_dataset(out))


def test_import_refuses_a_non_empty_folder_and_keeps_other_files_when_overwriting(seed_workbook, tmp_path):
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "README.md").write_text("catatan")
    with pytest.raises(ExcelError, match="not empty"):
        import_workbook(seed_workbook, out)
    assert [p.name for p in out.iterdir()] == ["README.md"]
    import_workbook(seed_workbook, out, overwrite=True)
    assert (out / "README.md").read_text() == "catatan"
    assert (out / "anggaran.csv").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary folder left behind"
    load_dataset(out)


def test_import_writes_nothing_when_the_workbook_has_errors(workbook: Path, tmp_path: Path):
    edit(workbook, lambda wb: wb["iku"].__setitem__(f"E{FIRST_DATA_ROW}", "naik"))
    with pytest.raises(DatasetError):
        import_workbook(workbook, tmp_path / "dataset")
    assert not (tmp_path / "dataset").exists()


def test_computed_tables_from_the_workbook_equal_those_from_the_folder(seed, seed_workbook: Path, tmp_path: Path):
    try:
        from lkjipkit.analysis import write_tables
    except ImportError as exc:
        pytest.skip(f"lkjipkit.analysis.write_tables is not importable yet ({exc})")
    year = seed.latest_year
    write_tables(seed, year, tmp_path / "folder")
    write_tables(load_dataset(seed_workbook), year, tmp_path / "workbook")
    a = sorted(p.relative_to(tmp_path / "folder") for p in (tmp_path / "folder").rglob("*") if p.is_file())
    b = sorted(p.relative_to(tmp_path / "workbook") for p in (tmp_path / "workbook").rglob("*") if p.is_file())
    assert a and a == b
    for rel in a:
        assert (tmp_path / "folder" / rel).read_bytes() == (tmp_path / "workbook" / rel).read_bytes(), rel


def test_columns_in_another_order_and_a_single_header_row_load_the_same(seed, workbook: Path):
    def change(wb):
        ws = wb["iku_tahunan"]
        ws.delete_rows(1, NAME_ROW - 1)  # keep only the names
        ws.move_range("A1:A40", cols=10)  # iku_kode to the far right
        wb["anggaran"].insert_rows(1, 2)  # two more title rows

    edit(workbook, change)
    assert_same_data(seed, load_workbook_dataset(workbook))


# --- what analysts do to workbooks -------------------------------------------------------------------


def test_indonesian_text_number_is_read_strictly(workbook: Path):
    where = cell_of(workbook, "anggaran", "pagu_murni")
    edit(workbook, lambda wb: wb["anggaran"].__setitem__(where, "1.234.567,89"))
    ds = load_workbook_dataset(workbook)
    assert ds.tables["anggaran"]["pagu_murni"].iloc[0] == 1234567.89


@pytest.mark.parametrize(
    "text,message",
    [
        ("65.76", "which is not a number in the Indonesian format (1.234.567,89 or 92,59) (did you mean"),
        ("tinggi", "expected a number; found the text 'tinggi'"),
    ],
)
def test_text_that_is_not_an_indonesian_number_is_rejected(workbook: Path, text: str, message: str):
    where = cell_of(workbook, "iku_tahunan", "realisasi")
    edit(workbook, lambda wb: wb["iku_tahunan"].__setitem__(where, text))
    lines = errors(workbook)
    assert any(ln.startswith(f"iku_tahunan!{where} (realisasi): ") and message in ln for ln in lines), lines


def test_percent_formatted_cell_is_read_as_a_percentage(workbook: Path):
    where = cell_of(workbook, "anggaran", "realisasi_fisik")

    def change(wb):
        wb["anggaran"][where] = 0.9417
        wb["anggaran"][where].number_format = "0.00%"

    edit(workbook, change)
    assert load_workbook_dataset(workbook).tables["anggaran"]["realisasi_fisik"].iloc[0] == 94.17


def test_formula_counts_by_its_saved_result(workbook: Path):
    where = cell_of(workbook, "anggaran", "pagu_murni")
    edit(workbook, lambda wb: wb["anggaran"].__setitem__(where, "=5000000+50000"))
    patch_xml(
        workbook, sheet_xml(workbook, "anggaran"), "<f>5000000+50000</f><v />", "<f>5000000+50000</f><v>5050000</v>"
    )
    assert load_workbook_dataset(workbook).tables["anggaran"]["pagu_murni"].iloc[0] == 5050000


def test_formula_without_a_saved_result_is_an_error_naming_the_cell(workbook: Path):
    where = cell_of(workbook, "anggaran", "pagu_murni")
    edit(workbook, lambda wb: wb["anggaran"].__setitem__(where, "=C5*2"))
    lines = errors(workbook)
    assert f"anggaran!{where} (pagu_murni): the formula =C5*2 has no saved result" in "\n".join(lines)


def test_formula_with_an_error_result_is_an_error(workbook: Path):
    where = cell_of(workbook, "anggaran", "pagu_murni")
    edit(workbook, lambda wb: wb["anggaran"].__setitem__(where, "=1/0"))
    patch_xml(workbook, sheet_xml(workbook, "anggaran"), f'<c r="{where}"', f'<c r="{where}" t="e"')
    patch_xml(workbook, sheet_xml(workbook, "anggaran"), "<f>1/0</f><v />", "<f>1/0</f><v>#DIV/0!</v>")
    lines = errors(workbook)
    assert f"anggaran!{where} (pagu_murni): the formula result is the error #DIV/0!" in "\n".join(lines)


def test_merged_cells_in_the_data_are_rejected_naming_the_range_and_other_errors_still_show(workbook: Path):
    r = FIRST_DATA_ROW

    def change(wb):
        wb["anggaran"].merge_cells(f"A{r}:A{r + 1}")  # the second kode_rekening is hidden, not reported again
        wb["anggaran"][f"E{r + 5}"] = "abc"

    edit(workbook, change)
    lines = errors(workbook)
    assert lines == [
        f"anggaran!A{r}:A{r + 1}: merged cells; expected one value per cell: unmerge them and type the value in "
        "each cell",
        f"anggaran!E{r + 5} (realisasi_fisik): expected a number; found the text 'abc', which is not a number in the "
        "Indonesian format (1.234.567,89 or 92,59): type it as a number, or in that format",
    ]


def test_merged_title_cells_above_the_header_are_fine(seed, workbook: Path):
    def change(wb):
        ws = wb["anggaran"]
        ws.insert_rows(1)
        ws["A1"] = "Realisasi anggaran 2016"
        ws.merge_cells("A1:L1")

    edit(workbook, change)
    assert_same_data(seed, load_workbook_dataset(workbook))


def test_hidden_sheets_are_read_and_other_sheets_ignored(seed, workbook: Path):
    def change(wb):
        wb["anggaran"].sheet_state = "hidden"
        wb["program"].sheet_state = "veryHidden"
        scratch = wb.create_sheet("hitungan saya")
        scratch["A1"] = "=SUM(anggaran!C4:C72)"

    edit(workbook, change)
    assert_same_data(seed, load_workbook_dataset(workbook))


def test_empty_rows_are_skipped_wherever_they_are(seed, workbook: Path):
    def change(wb):
        ws = wb["kegiatan"]
        ws.insert_rows(FIRST_DATA_ROW + 3, 2)  # a gap in the middle
        last = ws.max_row
        for r in range(last + 1, last + 30):  # trailing rows with formatting and blanks
            ws.cell(row=r, column=1, value="  ").number_format = "@"
            ws.cell(row=r, column=3).fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")

    edit(workbook, change)
    assert_same_data(seed, load_workbook_dataset(workbook))


@dataclass
class Case:
    id: str
    change: Callable[[openpyxl.Workbook], None]
    start: str  # the error line starts with this
    message: str  # and contains this


def set_cell(sheet: str, coord: str, value) -> Callable[[openpyxl.Workbook], None]:
    return lambda wb: wb[sheet].__setitem__(coord, value)


def set_key(sheet: str, key: str, value) -> Callable[[openpyxl.Workbook], None]:
    def change(wb):
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == key:
                row[1].value = value
                return
        raise KeyError(key)

    return change


def delete_key(sheet: str, key: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb):
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == key:
                ws.delete_rows(row[0].row)
                return
        raise KeyError(key)

    return change


def key_row(path: Path, sheet: str, key: str) -> int:
    ws = openpyxl.load_workbook(path)[sheet]
    return next(c.row for c in ws["A"] if c.value == key)


R = FIRST_DATA_ROW
CASES = [
    Case("missing-sheet", lambda wb: wb.remove(wb["kegiatan"]), "kegiatan: missing sheet", "expected Activities"),
    Case("missing-yaml-sheet", lambda wb: wb.remove(wb["profil"]), "profil: missing sheet", "profil.yaml"),
    Case(
        "missing-column",
        lambda wb: wb["anggaran"].delete_cols(3),
        "anggaran: missing column pagu_murni",
        "money",
    ),
    Case(
        "unknown-column",
        set_cell("iku", "E3", "polarity"),
        "iku!E3 (polarity): ",
        "unknown column; expected one of",
    ),
    Case(
        "value-in-unnamed-column",
        set_cell("tujuan", f"E{R}", "catatan"),
        f"tujuan!E{R}: ",
        "a value in a column without a name in row 3",
    ),
    Case("bad-choice", set_cell("iku", f"E{R}", "naik"), f"iku!E{R} (polaritas): ", "expected one of positif, negatif"),
    Case("choice-any-case", set_cell("iku", f"E{R}", "Positif"), "", ""),
    Case("empty-required", set_cell("kegiatan", f"C{R + 1}", None), f"kegiatan!C{R + 1} (kegiatan): ", "empty;"),
    Case("year-not-whole", set_cell("anggaran", f"B{R}", 2016.5), f"anggaran!B{R} (tahun): ", "four-digit year"),
    Case("year-as-text", set_cell("anggaran", f"B{R}", "2016"), "", ""),
    Case(
        "date-in-a-number-column",
        set_cell("anggaran", f"C{R}", __import__("datetime").datetime(2016, 1, 5)),
        f"anggaran!C{R} (pagu_murni): ",
        "found a date or time",
    ),
    Case(
        "percent-above-100",
        set_cell("anggaran", f"E{R}", 150),
        f"anggaran!E{R} (realisasi_fisik): ",
        "between 0 and 100",
    ),
    Case(
        "negative-money",
        set_cell("anggaran", f"C{R + 1}", -5000),
        f"anggaran!C{R + 1} (pagu_murni): ",
        "found -5000.0; expected a value at least 0",
    ),
    Case(
        "money-dash-is-nil",
        set_cell("anggaran", f"L{R + 6}", "-"),  # sisa_tercetak of a row whose sisa is 0
        "",
        "",
    ),
    Case(
        "duplicate-key",
        set_cell("tujuan", f"A{R + 1}", "T1"),
        f"tujuan!A{R + 1} (kode): ",
        f"duplicate kode=T1 (rows {R}, {R + 1})",
    ),
    Case(
        "reference-to-nothing",
        set_cell("iku", f"B{R}", "S9"),
        f"iku!B{R} (sasaran_kode): ",
        "'S9' is not a kode in sheet sasaran",
    ),
    Case(
        "spending-above-pagu",
        set_cell("anggaran", f"F{R}", 9000000),
        f"anggaran!F{R} (realisasi_keuangan): ",
        "9.000.000 is above the budget",
    ),
    Case(
        "profile-bad-slug",
        set_key("profil", "instansi.slug", "../../etc"),
        "profil!B",
        "(instansi.slug): String should match pattern",
    ),
    Case(
        "profile-unknown-key",
        lambda wb: wb["profil"].append(["instansi.nama_panjang", "x"]),
        "profil!",
        "(instansi.nama_panjang): Extra inputs are not permitted",
    ),
    Case(
        "profile-required-key-missing",
        delete_key("profil", "instansi.nama"),
        "profil: instansi.nama: missing; expected a row with this key and its value",
        "",
    ),
    Case(
        "profile-required-value-empty",
        set_key("profil", "visi", None),
        "profil!B",
        "(visi): empty; expected a value (required)",
    ),
    Case(
        "profile-key-twice",
        lambda wb: wb["profil"].append(["visi", "dua kali"]),
        "profil!A",
        "(visi): key given twice (first in row",
    ),
    Case(
        "profile-bad-key",
        lambda wb: wb["profil"].append(["instansi nama", "x"]),
        "profil!A",
        "found the key 'instansi nama'; expected a key path",
    ),
    Case(
        "report-year-outside-period",
        set_key("laporan", "laporan.1.tahun", 2030),
        "laporan!B",
        "(tahun): report year 2030 is outside the Renstra period",
    ),
    Case(
        "report-date-not-a-date",
        set_key("laporan", "laporan.1.tanggal_terbit", "Februari 2017"),
        "laporan!B",
        "(laporan.1.tanggal_terbit): Value error, found 'Februari 2017'; expected a date written YYYY-MM-DD",
    ),
    Case(
        "report-date-as-an-excel-serial-in-a-general-cell",
        lambda wb: (
            set_key("laporan", "laporan.1.tanggal_terbit", 42767)(wb),
            setattr(
                wb["laporan"][f"B{next(c.row for c in wb['laporan']['A'] if c.value == 'laporan.1.tanggal_terbit')}"],
                "number_format",
                "General",
            ),
        ),
        "laporan!B",
        "(laporan.1.tanggal_terbit): Value error, found the number 42767; expected a date written YYYY-MM-DD",
    ),
    Case(
        "report-date-not-in-the-calendar",
        set_key("laporan", "laporan.1.tanggal_terbit", "2017-02-30"),
        "laporan!B",
        "2017-02-30 is not a day of the calendar",
    ),
    Case(
        "plain-number-in-a-date-formatted-cell",
        lambda wb: (
            set_cell("anggaran", f"C{R}", 20170201)(wb),
            setattr(wb["anggaran"][f"C{R}"], "number_format", "yyyy-mm-dd"),
        ),
        f"anggaran!C{R} (pagu_murni): ",
        "a number in a cell formatted as a date, outside the dates Excel knows",
    ),
    Case(
        "number-too-large",
        set_cell("anggaran", f"F{R}", 1e300),
        f"anggaran!F{R} (realisasi_keuangan): ",
        "found 1e+300; expected a value below 10^15",
    ),
    Case(
        "percent-too-large-without-declared-range",
        set_cell("iku_tahunan", f"C{R}", -1e16),
        f"iku_tahunan!C{R} (target): ",
        "expected a value above -10^15",
    ),
    Case(
        "text-number-with-exponent",
        set_cell("anggaran", f"C{R}", "1e300"),
        f"anggaran!C{R} (pagu_murni): ",
        "found the text '1e300', which is not a number in the Indonesian format",
    ),
    Case(
        "zero-width-text-in-a-required-cell",
        set_cell("kegiatan", f"C{R + 1}", "\u200b\u200b"),
        f"kegiatan!C{R + 1} (kegiatan): ",
        "empty; expected some text",
    ),
    Case(
        "spm-numerator-above-denominator",
        set_cell("spm_realisasi", f"D{R + 40}", 99999),
        f"spm_realisasi!D{R + 40} ",
        "(pembilang): 99999 is above penyebut",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_workbook_is_reported_at_sheet_and_cell(case: Case, workbook: Path):
    edit(workbook, case.change)
    if not case.start:  # accepted as it is
        load_workbook_dataset(workbook)
        return
    lines = errors(workbook)
    assert any(ln.startswith(case.start) and case.message in ln for ln in lines), "\n".join(lines)


def test_a_value_typed_in_the_profile_is_read_as_text_where_text_is_expected(workbook: Path):
    edit(workbook, set_key("profil", "instansi.kode_pos", 76112))
    assert load_workbook_dataset(workbook).profil.instansi.kode_pos == "76112"


def test_a_list_item_can_be_added_and_removed_in_the_profile(seed, workbook: Path):
    def change(wb):
        ws = wb["profil"]
        row = key_row(workbook, "profil", "misi.2")
        ws.insert_rows(row + 1)
        ws.cell(row=row + 1, column=1, value="misi.3")
        ws.cell(row=row + 1, column=2, value="Misi baru")
        ws.cell(row=key_row(workbook, "profil", "misi.1"), column=2).value = None  # emptied: removed

    edit(workbook, change)
    assert load_workbook_dataset(workbook).profil.misi == [seed.profil.misi[1], "Misi baru"]


def test_a_file_that_is_not_a_workbook_is_one_clear_error(tmp_path: Path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"not a zip")
    lines = errors(bad)
    assert len(lines) == 1 and lines[0].startswith("rusak.xlsx: cannot read the workbook")


def test_a_formatted_cell_at_the_last_row_does_not_make_a_million_rows(seed, workbook: Path):
    def change(wb):
        wb["anggaran"]["C1048576"].number_format = "0.00"
        wb["iku"]["XFD5"].number_format = "0.00"

    edit(workbook, change)
    started = time.monotonic()
    assert_same_data(load_workbook_dataset(workbook), seed)
    assert time.monotonic() - started < 60


def test_a_sheet_over_the_row_limit_names_the_limit(workbook: Path, monkeypatch):
    monkeypatch.setenv("LKJIP_MAX_ROWS", "50")
    lines = errors(workbook)
    assert any(ln.startswith("anggaran: 69 rows below the header; the limit is 50 rows") for ln in lines), lines
    assert any("LKJIP_MAX_ROWS" in ln for ln in lines)


def test_a_workbook_over_the_size_limit_names_the_limit(workbook: Path, monkeypatch):
    monkeypatch.setenv("LKJIP_MAX_FILE_BYTES", "1000")
    lines = errors(workbook)
    assert len(lines) == 1 and "the limit is 1,000 bytes (file size)" in lines[0] and "LKJIP_MAX_FILE_BYTES" in lines[0]


def test_a_fifo_named_like_a_workbook_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "dataset.xlsx"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["validate", str(fifo)])
    assert result.exit_code == 1
    assert "dataset.xlsx: this is not a regular file" in result.stderr


def test_a_workbook_locked_by_excel_says_close_it(workbook: Path, monkeypatch):
    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(workbook))

    monkeypatch.setattr("lkjipkit.dataset.excel.read.load_workbook", locked)
    result = CliRunner().invoke(main, ["validate", str(workbook)])
    assert result.exit_code == 1
    assert "dataset.xlsx: permission denied" in result.stderr and "close the file and try again" in result.stderr
    assert "Traceback" not in result.output


def test_an_excel_owner_file_warns_that_the_workbook_is_open(seed, workbook: Path):
    (workbook.parent / f"~${workbook.name}").write_bytes(b"\x00" * 165)
    with pytest.warns(UserWarning, match=r"~\$dataset.xlsx exists, so the workbook is open in Excel"):
        ds = load_workbook_dataset(workbook)
    assert_same_data(ds, seed)


def test_validate_command_prints_sheet_and_cell(workbook: Path):
    edit(workbook, set_cell("iku_tahunan", f"D{R}", "tinggi"))
    result = CliRunner().invoke(main, ["validate", str(workbook)])
    assert result.exit_code == 1
    assert f"iku_tahunan!D{R} (realisasi): expected a number; found the text 'tinggi'" in result.stderr
    assert "Traceback" not in result.output


def test_workbook_problem_format_keeps_the_csv_format_unchanged():
    assert str(Problem("anggaran", 23, "pagu_murni", "x", cell="F23")) == "anggaran!F23 (pagu_murni): x"
    assert str(Problem("anggaran", None, None, "x", cell="A5:A7")) == "anggaran!A5:A7: x"
    assert str(Problem("anggaran.csv", 23, "pagu_murni", "x")) == "anggaran.csv:23:pagu_murni: x"
    assert Problem("a.csv", 1, "c", "m").format("data") == "data/a.csv:1:c: m"


def _with_merge(book: Path, sheet_part: str, ref: str) -> None:
    """Add a merged range to the raw XML of a worksheet: openpyxl itself could not write a huge one quickly."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    xml = parts[sheet_part].decode()
    merge = f'<mergeCell ref="{ref}"/>'
    if "<mergeCells" in xml:
        xml = xml.replace("</mergeCells>", merge + "</mergeCells>", 1)
    else:
        xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="1">{merge}</mergeCells>', 1)
    parts[sheet_part] = xml.encode()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)


def _sheet_part(book: Path, title: str) -> str:
    import zipfile

    from lkjipkit.dataset.excel.read import _worksheet_parts

    with zipfile.ZipFile(book) as z:
        return next(part for part, name in _worksheet_parts(z).items() if name == title)


def test_a_huge_merged_range_is_refused_before_it_is_expanded(workbook: Path):
    # openpyxl makes one object per merged cell: 38 million of them would take the memory and hours
    _with_merge(workbook, _sheet_part(workbook, "kegiatan"), "A5000:ZZ60000")
    lines = errors(workbook)
    assert len(lines) == 1, lines
    assert lines[0].startswith("kegiatan!A5000:ZZ60000: merged cells up to range A5000:ZZ60000 cover 38,610,756 cells")
    assert "the limit is 1,000,000 cells" in lines[0] and "LKJIP_MAX_MERGED_CELLS" in lines[0]


def test_merged_cells_within_the_limit_are_read_and_reported_as_usual(workbook: Path, monkeypatch):
    _with_merge(workbook, _sheet_part(workbook, "iku"), "B5:C5")
    lines = errors(workbook)
    assert any(ln.startswith("iku!B5:C5: merged cells; expected one value per cell") for ln in lines), lines
    monkeypatch.setenv("LKJIP_MAX_MERGED_CELLS", "1")
    first = errors(workbook)[0]  # the template's Petunjuk sheet has merged titles of its own
    assert "merged cells up to range" in first and "; the limit is 1 cells (merged cells per workbook)" in first


def test_the_petunjuk_describes_every_key_and_column_in_indonesian(tmp_path: Path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    rows = list(wb[GUIDE_SHEET].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "lembar")
    assert rows[header][5] == "keterangan"
    notes = {(r[0], r[1]): (r[5] or "", r[6] or "") for r in rows[header + 1 :] if r[1]}
    by_column = {(t.name, c.name): c for t in TABLES for c in t.columns}
    for key, col in by_column.items():
        indonesian, english = notes[key]
        assert english == col.description and indonesian and col.description not in indonesian, key
    assert notes[("kegiatan", "kode_rekening")][0] == "Kode rekening anggaran, mis. `1.14.1.14.01.01.001`."
    assert notes[("iku", "polaritas")][0].startswith("`positif`: makin tinggi makin baik")
    assert notes[("profil", "instansi.nama")][0] == "teks; wajib. Nama instansi, mis. 'Dinas Tenaga Kerja dan Sosial'."
    # the profil sheet's own notes too
    profil_notes = {r[0]: r[2] for r in wb["profil"].iter_rows(values_only=True) if r[0]}
    assert profil_notes["instansi.singkatan"] == "teks. Nama singkat yang dipakai dalam teks, mis. 'Disnakersos'."
