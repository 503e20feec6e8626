"""The recap as an Excel workbook (openpyxl): one sheet per table, frozen header, autofilter, number formats."""

from __future__ import annotations

from pathlib import Path

from lkjipkit import fmt

from .facts import TABLES, Recap

#: Excel number format per column kind (Excel shows them in the reader's locale).
NUMBER_FORMATS = {"count": "0", "rank": "0", "pct": "0.00", "rp": "#,##0", "num": "0.##"}
#: Sheet names (Excel allows 31 characters).
SHEETS = {
    "instansi": "Instansi",
    "tanpa_penyebab": "IKU tanpa penyebab",
    "melebihi_anggaran": "Melebihi anggaran",
    "pemotongan": "Pemotongan terbesar",
    "tidak_lengkap": "Tidak masuk rekap",
    "rpjmd": "Indikator RPJMD",
    "rpjmd_kontribusi": "Kontribusi RPJMD",
}


def write_xlsx(recap: Recap, target: Path) -> None:
    """Write ``target`` (``rekap.xlsx``): every table of the recap, percentages as numbers (92.59 = 92,59 %)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DFE3E8")
    for name, spec in TABLES.items():
        if name not in recap.tables:  # the RPJMD sheets, without a mapping
            continue
        ws = wb.create_sheet(SHEETS[name])
        frame = recap.tables[name]
        ws.append([c.header for c in spec.columns])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for rec in frame.to_dict("records"):
            ws.append([_value(rec[c.name], c.kind) for c in spec.columns])
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            if col.kind in NUMBER_FORMATS:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = NUMBER_FORMATS[col.kind]
            wide = ("instansi", "program", "indikator", "alasan", "rpjmd_indikator", "keterangan")
            width = 44 if col.name in wide else 16
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{max(ws.max_row, 1)}"
    wb.properties.title = f"Rekapitulasi LKjIP {recap.year}"
    wb.properties.creator = "lkjipkit"
    wb.save(target)


def _value(value, kind: str):
    if kind == "text":
        return None if fmt.kosong(value) else str(value)
    if not fmt.is_finite(value):
        return None
    return int(value) if kind in ("count", "rank") else float(value)
