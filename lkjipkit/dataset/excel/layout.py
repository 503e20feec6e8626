"""What a dataset workbook looks like: sheet names, header rows, Indonesian labels, shared helpers.

Column descriptions and Indonesian labels (row 1 of a table sheet) come from
:mod:`lkjipkit.dataset.spec`; this module adds what only the workbook needs:
the sheet titles and the hint of kind, unit and range (row 2).
"""

from __future__ import annotations

import os
from decimal import Decimal

from lkjipkit.errors import LkjipError

from ..spec import Column

GUIDE_SHEET = "Petunjuk"
PROFILE_SHEET = "profil"
REPORTS_SHEET = "laporan"
#: Rows of a table sheet written by the template: label, hint (kind, unit, range), column name; data below.
LABEL_ROW, UNIT_ROW, NAME_ROW = 1, 2, 3
FIRST_DATA_ROW = NAME_ROW + 1
#: Header of the key/value sheets (profil, laporan).
KEY_HEADER, VALUE_HEADER, NOTE_HEADER = "kunci", "nilai", "keterangan"
HEADER_SCAN = 10
"""A header row is looked for among this many first rows of a sheet."""
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_CELL = 32_767
NUMERIC = ("number", "percent", "money")


class ExcelError(LkjipError):
    """A workbook or dataset folder could not be written (the output exists, a value does not fit a cell, ...)."""


# Indonesian titles of the sheets


TABLE_TITLES = {
    "tujuan": "Tujuan Renstra",
    "sasaran": "Sasaran strategis",
    "iku": "Indikator Kinerja Utama (IKU)",
    "iku_tahunan": "Target dan realisasi IKU per tahun",
    "analisis_iku": "Analisis penyebab dan solusi per IKU dan tahun",
    "spm_indikator": "Indikator Standar Pelayanan Minimal (SPM)",
    "spm_realisasi": "Realisasi SPM per tahun",
    "program": "Program",
    "program_tahunan": "Anggaran program per tahun (Perjanjian Kinerja, subtotal tercetak)",
    "kegiatan": "Kegiatan",
    "anggaran": "Pagu dan realisasi anggaran per kegiatan dan tahun",
    "sasaran_program": "Keterkaitan sasaran dan program",
}

_KIND = {
    "text": "teks",
    "code": "kode tanpa spasi",
    "int": "bilangan bulat",
    "year": "tahun (4 angka)",
    "number": "angka",
    "percent": "persen (92,59 = 92,59 %)",
    "money": "rupiah",
}


CHOICE_LABELS = {
    "positif": "positif (makin tinggi makin baik)",
    "negatif": "negatif (makin rendah makin baik)",
    "realisasi_per_target": "realisasi / target × 100",
    "dua_target_kurang_realisasi": "(2 × target − realisasi) / target × 100",
    "target_per_realisasi": "target / realisasi × 100",
}
"""What a coded choice reads as in the workbook's drop-down lists and cells; the reader takes either."""
CHOICE_CODES = {label: code for code, label in CHOICE_LABELS.items()}


def choice_label(code: str) -> str:
    """The readable form of a coded choice (the code itself when it has no label)."""
    return CHOICE_LABELS.get(code, code)


def _kind(col: Column) -> str:
    if col.type == "choice":
        return "pilihan dari daftar"
    return _KIND[col.type]


def _bounds(col: Column) -> str:
    if col.min is not None and col.max is not None:
        return f"{col.min:g}–{col.max:g}"
    if col.min is not None:
        return f"≥ {col.min:g}"
    if col.max is not None:
        return f"≤ {col.max:g}"
    if col.type == "money":
        return "≥ 0"
    return ""


def column_hint(col: Column) -> str:
    """Row 2 of a table sheet: kind, unit, range, and whether the cell may stay empty."""
    parts = [_kind(col)]
    if col.unit and col.type not in ("percent", "money"):
        parts.append(col.unit)
    if _bounds(col):
        parts.append(_bounds(col))
    parts.append(
        "acuan tercetak, boleh kosong" if col.as_printed else "boleh kosong" if col.nullable else "wajib diisi"
    )
    return " · ".join(parts)


def plain_number(x: float | int) -> str:
    """A number as plain text: ``5050000``, ``65.76`` (no exponent, no trailing .0)."""
    if isinstance(x, int):
        return str(x)
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    s = repr(x)
    return format(Decimal(s), "f") if "e" in s or "E" in s else s


def umask() -> int:
    """The process umask, for the mode of files made with tempfile (which creates them private)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
