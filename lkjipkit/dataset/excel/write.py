"""Writing a dataset workbook: the guide, the key/value sheets and one validated sheet per table."""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lkjipkit import __version__
from lkjipkit.i18n import _

from ..model import Dataset
from ..profile import DaftarLaporan, Pengaturan, Profil
from ..spec import TABLES, Column, Table
from .keys import PETUNJUK, flatten, key_text
from .layout import (
    EXCEL_MAX_CELL,
    EXCEL_MAX_ROW,
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    KEY_HEADER,
    LABEL_ROW,
    NAME_ROW,
    NOTE_HEADER,
    NUMERIC,
    PROFILE_SHEET,
    REPORTS_SHEET,
    TABLE_TITLES,
    UNIT_ROW,
    VALUE_HEADER,
    ExcelError,
    choice_label,
    column_hint,
    umask,
)

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_PRINTED_FILL = PatternFill("solid", fgColor="EDEDED")
_HINT_FILL = PatternFill("solid", fgColor="F7F7F7")
_LABEL_FONT = Font(bold=True)
_HINT_FONT = Font(italic=True, size=9, color="595959")
_NAME_FONT = Font(name="Consolas", size=9, color="305496")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_NUMBER_FORMATS = {
    "text": "@",
    "code": "@",
    "choice": "@",
    "int": "0",
    "year": "0",
    "number": "General",
    "percent": "0.00",
    "money": "#,##0",
}
_LONG_TEXT = 60  # characters: wider texts wrap


def write_template(out: str | Path, source: Dataset | None = None, *, overwrite: bool = False) -> Path:
    """Write a dataset workbook; pre-filled from ``source`` when given.

    Parameters
    ----------
    out
        The ``.xlsx`` file to write (its folder is created). Written atomically:
        a temporary file in the same folder, then renamed.
    source
        A loaded dataset to pre-fill every sheet with; ``None`` writes an empty
        template (headers, validation, the profile and report keys to fill).
    overwrite
        Replace ``out`` when it exists (it may hold an analyst's work, so the
        default is to refuse).

    Raises
    ------
    ExcelError
        ``out`` exists (and ``overwrite`` is false), is not ``.xlsx``, or a
        value cannot be stored in a cell.
    """
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ExcelError(_("{out}: expected a file name ending in .xlsx").format(out=out))
    if out.exists() and not overwrite:
        raise ExcelError(_("{out} already exists; choose another name, or replace it with --overwrite").format(out=out))
    wb = Workbook()
    _guide_sheet(wb.active, source)
    if source is not None:
        profil_data = source.profil.model_dump(mode="python")
        reports_data = {"laporan": [r.model_dump(mode="python") for r in source.laporan.values()]}
    else:
        profil_data = {"pengaturan": Pengaturan().model_dump(mode="python")}
        reports_data = {"laporan": []}
    _kv_sheet(wb.create_sheet(PROFILE_SHEET), flatten(Profil, profil_data, ()))
    _kv_sheet(wb.create_sheet(REPORTS_SHEET), flatten(DaftarLaporan, reports_data, ()))
    for table in TABLES:
        frame = source.tables.get(table.name) if source is not None else None
        _table_sheet(wb.create_sheet(table.name), table, frame)
    wb.properties.creator = f"lkjipkit {__version__}"
    wb.properties.title = "Dataset LKjIP" + (f": {source.profil.instansi.nama_lengkap}" if source is not None else "")
    _save_atomic(wb, out)
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _put(cell: Cell, value: Any, where: str) -> None:
    """Store a value so that it reads back identically (text stays text, never a formula).

    openpyxl takes a text beginning with ``=`` for a formula; it is stored as a string cell instead.
    A text that Excel would take as a formula when the cell is edited (``=``, ``+``, ``-``, ``@``)
    also gets Excel's quote prefix (the leading ``'`` typed in Excel), which keeps it text.
    """
    if isinstance(value, str):
        if len(value) > EXCEL_MAX_CELL:
            raise ExcelError(
                _("{where}: {n} characters do not fit in an Excel cell (at most {limit})").format(
                    where=where, n=len(value), limit=EXCEL_MAX_CELL
                )
            )
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise ExcelError(
                _("{where}: the text holds control characters that Excel cannot store; remove them").format(where=where)
            )
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"  # "=..." or "#N/A" typed as text stays text
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.quotePrefix = True


def _table_sheet(ws: Worksheet, table: Table, frame: pd.DataFrame | None) -> None:
    for j, col in enumerate(table.columns, start=1):
        letter = get_column_letter(j)
        printed = col.as_printed
        for row, value, font in (
            (LABEL_ROW, col.label, _LABEL_FONT),
            (UNIT_ROW, column_hint(col), _HINT_FONT),
            (NAME_ROW, col.name, _NAME_FONT),
        ):
            cell = ws.cell(row=row, column=j, value=value)
            cell.font = font
            cell.fill = _PRINTED_FILL if printed else (_LABEL_FILL if row == LABEL_ROW else _HINT_FILL)
            cell.alignment = _TOP_WRAP
            cell.border = _BORDER
        ws.column_dimensions[letter].number_format = _NUMBER_FORMATS[col.type]
        dv = _validation(col) or _reference(table, col)
        if dv is not None:
            dv.promptTitle = col.label[:32]
            dv.prompt = _prompt(table, col)[:255]
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{EXCEL_MAX_ROW}")
            ws.add_data_validation(dv)

    longest = {c.name: max(len(c.label), len(c.name), 8) for c in table.columns}
    if frame is not None:
        names = [c.name for c in table.columns]
        for i, values in enumerate(frame[names].itertuples(index=False, name=None)):
            r = FIRST_DATA_ROW + i
            for j, (col, value) in enumerate(zip(table.columns, values, strict=True), start=1):
                v = _excel_value(col, value)
                cell = ws.cell(row=r, column=j)
                _put(cell, v, f"{table.name}!{get_column_letter(j)}{r}")
                cell.number_format = _NUMBER_FORMATS[col.type]
                if isinstance(v, str):
                    longest[col.name] = max(longest[col.name], min(len(v), 200))
                    if len(v) > _LONG_TEXT or "\n" in v:
                        cell.alignment = _TOP_WRAP
                elif v is not None:
                    longest[col.name] = max(longest[col.name], len(f"{v:,}") if col.type == "money" else len(str(v)))
    widths = {c.name: min(longest[c.name], _LONG_TEXT) + 2 for c in table.columns}
    for j, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths[col.name]
    # Wrapped header texts get the height they need, so a hint never runs into the row below.
    for row, texts, line_height in ((LABEL_ROW, _labels, 15), (UNIT_ROW, column_hint, 12)):
        lines = max(math.ceil(len(texts(c)) / max(widths[c.name] - 2, 1)) for c in table.columns)
        ws.row_dimensions[row].height = line_height * max(lines, 1) + 3
    last = FIRST_DATA_ROW - 1 + (len(frame) if frame is not None else 0)
    ws.auto_filter.ref = f"A{NAME_ROW}:{get_column_letter(len(table.columns))}{max(last, FIRST_DATA_ROW)}"
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"


def _labels(col: Column) -> str:
    return col.label


def _refers_to(table: Table, col: Column) -> tuple[str, str] | None:
    """The (table, column) that ``col`` must name a row of, from the spec's references."""
    return next(((o, oc) for c, o, oc in table.references if c == col.name), None)


def _prompt(table: Table, col: Column) -> str:
    """The input message Excel shows on a cell of the column, in Indonesian."""
    text = f"{col.label}: {column_hint(col)}."
    ref = _refers_to(table, col)
    if ref:
        text += f" Pilih dari daftar: {ref[1]} di lembar {ref[0]}."
    elif col.type == "choice":
        text += " Pilih dari daftar."
    return text


def _reference(table: Table, col: Column) -> DataValidation | None:
    """A drop-down of the codes in the referenced sheet (``iku.sasaran_kode`` → the ``kode`` column of ``sasaran``).

    Warns rather than stops, so a code may be typed before its row exists in the other sheet
    (``lkjip validate`` still refuses a code that is missing there).
    """
    ref = _refers_to(table, col)
    if ref is None:
        return None
    other = next(t for t in TABLES if t.name == ref[0])
    letter = get_column_letter(1 + [c.name for c in other.columns].index(ref[1]))
    return DataValidation(
        type="list",
        formula1=f"'{other.name}'!${letter}${FIRST_DATA_ROW}:${letter}${EXCEL_MAX_ROW}",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
        errorTitle="Kode tidak ada di daftar",
        error=f"Kode ini belum ada di kolom {ref[1]} lembar {other.name}. Tambahkan dulu di sana, atau pilih dari daftar.",  # noqa: E501
    )


def _excel_value(col: Column, value: Any) -> Any:
    if value is None or pd.isna(value):
        return None
    if col.type in ("int", "year"):
        return int(value)
    if col.type in NUMERIC:
        x = float(value)
        return int(x) if x.is_integer() and abs(x) < 2**53 else x
    if col.type == "choice":
        return choice_label(str(value))
    return str(value)


def _validation(col: Column) -> DataValidation | None:
    """Excel's input check for a column, as strict as the loader where Excel can say it."""
    common = {"allow_blank": True, "showErrorMessage": True, "showInputMessage": True, "errorStyle": "stop"}
    if col.type == "choice":
        labels = [choice_label(a) for a in col.allowed or ()]
        return DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            errorTitle="Pilihan tidak dikenal",
            error=f"Pilih salah satu: {'; '.join(labels)}.",
            **common,
        )
    if col.type == "year":
        return DataValidation(
            type="whole",
            operator="between",
            formula1="1900",
            formula2="2100",
            errorTitle="Tahun",
            error="Isi dengan tahun empat angka, misalnya 2016.",
            **common,
        )
    if col.type not in ("int", *NUMERIC):
        return None
    lo = col.min if col.min is not None else (0 if col.type == "money" else None)
    hi = col.max
    kind = "whole" if col.type == "int" else "decimal"
    what = {
        "int": "bilangan bulat",
        "number": "angka",
        "percent": "angka persen (92,59 berarti 92,59 %)",
        "money": "jumlah rupiah (angka)",
    }[col.type]
    if lo is not None and hi is not None:
        op, f1, f2, rng = "between", f"{lo:g}", f"{hi:g}", f" antara {lo:g} dan {hi:g}"
    elif lo is not None:
        op, f1, f2, rng = "greaterThanOrEqual", f"{lo:g}", None, f", paling kecil {lo:g}"
    elif hi is not None:
        op, f1, f2, rng = "lessThanOrEqual", f"{hi:g}", None, f", paling besar {hi:g}"
    else:
        op, f1, f2, rng = "between", "-1E+300", "1E+300", ""
    return DataValidation(
        type=kind,
        operator=op,
        formula1=f1,
        formula2=f2,
        errorTitle="Bukan angka yang diharapkan",
        error=f"Isi dengan {what}{rng}.",
        **common,
    )


def _save_atomic(wb: Workbook, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _kv_sheet(ws: Worksheet, rows: list[tuple[tuple, Any, str]]) -> None:
    for j, (title, width) in enumerate(((KEY_HEADER, 42), (VALUE_HEADER, 90), (NOTE_HEADER, 70)), start=1):
        cell = ws.cell(row=1, column=j, value=title)
        cell.font, cell.fill, cell.border = _LABEL_FONT, _LABEL_FILL, _BORDER
        ws.column_dimensions[get_column_letter(j)].width = width
    for r, (path, value, note) in enumerate(rows, start=2):
        key = key_text(path)
        ws.cell(row=r, column=1, value=key).font = _NAME_FONT
        cell = ws.cell(row=r, column=2)
        _put(cell, value, f"{ws.title}!B{r}")
        cell.alignment = _TOP_WRAP
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        ws.cell(row=r, column=3, value=note).font = _HINT_FONT
        ws.cell(row=r, column=3).alignment = _TOP_WRAP
    ws.column_dimensions["B"].number_format = "General"
    ws.freeze_panes = "B2"


# ---- the guide sheet ------------------------------------------------------------------------------

_RULES = (
    "Buku kerja ini memuat satu dataset lkjipkit: lembar profil dan laporan, lalu satu lembar per tabel "
    "(namanya sama dengan nama tabel, misalnya iku dan anggaran). Lembar lain diabaikan, jadi boleh menambah "
    "lembar kerja sendiri.",
    "Lembar tabel: baris 1 = label kolom, baris 2 = jenis isian, satuan dan apakah wajib diisi, baris 3 = nama "
    "kolom yang dibaca lkjipkit (jangan diubah). Data mulai baris 4, satu baris per catatan; urutan kolom bebas; "
    "baris kosong dilewati.",
    "Angka diketik sebagai angka. Angka yang tersimpan sebagai teks dibaca dalam format Indonesia "
    "(1.234.567,89 atau 92,59); bentuk yang meragukan seperti 65.76 ditolak. Pada kolom rupiah, tanda - berarti nihil.",
    "Persen ditulis sebagai angka persen: 92,59 berarti 92,59 %. Sel berformat persen Excel (0,9259 tampil 92,59 %) "
    "juga dibaca sebagai 92,59.",
    "Rumus boleh dipakai: yang dibaca adalah hasil yang disimpan Excel. Buku kerja yang dibuat program lain perlu "
    "dibuka dan disimpan sekali di Excel atau LibreOffice agar hasil rumus tersimpan.",
    "Jangan menggabungkan sel (merge) pada baris nama kolom atau di bawahnya: sel gabungan ditolak dengan pesan "
    "yang menyebut rentangnya. Di atas baris nama kolom (judul) boleh.",
    "Lembar, baris atau kolom yang disembunyikan atau tersaring (filter) tetap dibaca. Hapus data yang tidak dipakai.",
    "Lembar profil dan laporan: satu baris per kunci. Kolom kunci berisi jalur kunci, misalnya instansi.nama, misi.1, "
    "laporan.1.tim_penyusun.2.nama (angka = nomor butir daftar, mulai 1); kolom nilai berisi isinya. Nilai kosong "
    "berarti tidak diisi. Tambah butir daftar dengan menambah baris bernomor berikutnya; tambah tahun laporan "
    "dengan baris laporan.2.tahun, laporan.2.tanggal_terbit, dan seterusnya.",
    "Kesalahan dilaporkan dengan nama lembar dan sel, misalnya anggaran!F23, beserta apa yang ditemukan dan apa "
    "yang diharapkan. Periksa dengan: lkjip validate BUKU.xlsx. Simpan sebagai folder dataset (untuk versi): "
    "lkjip import BUKU.xlsx --out FOLDER.",
)

_GUIDE_COLUMNS = (
    ("lembar", 16),
    ("kolom / kunci", 30),
    ("label", 30),
    ("jenis isian", 34),
    ("wajib ada", 10),
    ("keterangan", 60),
    ("description (English, as docs/data-format.md)", 70),
)


def _guide_note(table: Table, col: Column) -> str:
    """The Indonesian note of a column in the Petunjuk: what it holds, then its choices or the sheet its codes
    must come from."""
    ref = _refers_to(table, col)
    if ref:
        note = f"Harus ada di kolom {ref[1]} lembar {ref[0]} (daftar pilihan di sel)."
    elif col.type == "choice":
        note = "Pilihan: " + "; ".join(choice_label(a) for a in col.allowed or ()) + "."
    elif col.as_printed:
        note = "Angka seperti tercetak di dokumen sumber, untuk reviu; laporan memakai angka hasil hitungan."
    else:
        note = ""
    return " ".join(t for t in (PETUNJUK.gettext(col.description), note) if t)


def _guide_sheet(ws: Worksheet, source: Dataset | None) -> None:
    ws.title = GUIDE_SHEET
    ws["A1"] = "Buku kerja dataset LKjIP: petunjuk pengisian"
    ws["A1"].font = Font(bold=True, size=14)
    r = 2
    if source is not None:
        ws.cell(row=r, column=1, value=f"Dataset: {source.profil.instansi.nama_lengkap}").font = Font(italic=True)
        r += 1
    r += 1
    for n, text in enumerate(_RULES, start=1):
        ws.cell(row=r, column=1, value=n).alignment = Alignment(vertical="top")
        cell = ws.cell(row=r, column=2, value=text)
        cell.alignment = _TOP_WRAP
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(_GUIDE_COLUMNS))
        ws.row_dimensions[r].height = 15 * (1 + len(text) // 150)
        r += 1
    r += 1
    header = r
    for j, (title, width) in enumerate(_GUIDE_COLUMNS, start=1):
        cell = ws.cell(row=r, column=j, value=title)
        cell.font, cell.fill, cell.border = _LABEL_FONT, _LABEL_FILL, _BORDER
        ws.column_dimensions[get_column_letter(j)].width = width
    r += 1

    def sheet_row(name: str, title: str, description: str, english: str = "") -> None:
        nonlocal r
        for j, value in enumerate((name, "", title, "", "", description, english), start=1):
            cell = ws.cell(row=r, column=j, value=value)
            cell.font, cell.fill, cell.alignment = _LABEL_FONT, _HINT_FILL, _TOP_WRAP
        r += 1

    def line(values: Iterable[Any]) -> None:
        nonlocal r
        for j, value in enumerate(values, start=1):
            ws.cell(row=r, column=j, value=value).alignment = _TOP_WRAP
        r += 1

    sheet_row(PROFILE_SHEET, "Profil instansi", "Profil instansi (profil.yaml): satu baris per kunci.")
    for path, _value, note in flatten(Profil, {"pengaturan": Pengaturan().model_dump()}, ()):
        line((PROFILE_SHEET, key_text(path), "", "", "", note))
    sheet_row(REPORTS_SHEET, "Laporan per tahun", "Teks dan keterangan setiap tahun laporan (laporan.yaml).")
    for path, _value, note in flatten(DaftarLaporan, {"laporan": []}, ()):
        line((REPORTS_SHEET, key_text(path), "", "", "", note))
    for table in TABLES:
        need = "wajib" if table.required else "opsional"
        key = ", ".join(table.key)
        sheet_row(
            table.name,
            TABLE_TITLES[table.name],
            f"Tabel {need}; satu baris per {key}. {PETUNJUK.gettext(table.description)}",
            table.description,
        )
        for col in table.columns:
            line(
                (
                    table.name,
                    col.name,
                    col.label,
                    column_hint(col),
                    "ya" if col.required else "",
                    _guide_note(table, col),
                    col.description,
                )
            )
    ws.freeze_panes = ws.cell(row=header + 1, column=1).coordinate
