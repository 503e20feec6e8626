"""Start a new report year in a dataset: add that year's empty rows for the analyst to fill.

Only appends: rows of earlier years are left byte for byte as they were.
Targets are carried from the previous year's Perjanjian Kinerja where known
(check them against the new one); realisations, budgets and texts are left
empty, and ``lkjip validate`` lists each of them as "still empty".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
from babel.numbers import format_decimal
from openpyxl import load_workbook

from lkjipkit.dataset import load_dataset
from lkjipkit.dataset.excel.append import update_workbook
from lkjipkit.dataset.io import sniff_separator
from lkjipkit.dataset.spec import TABLE_BY_NAME
from lkjipkit.errors import LkjipError
from lkjipkit.i18n import _


def _format(value, sep: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if sep == ";":
        return format_decimal(value, format="#,##0.##########", locale="id")
    return f"{value:.10f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _append(path: Path, table: str, rows: list[dict]) -> int:
    """Append rows to a CSV in its own separator and number format; create it with a header if missing."""
    spec = TABLE_BY_NAME[table]
    if path.exists() and path.read_bytes().strip():
        raw = path.read_bytes()
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            encoding, text = "cp1252", raw.decode("cp1252")
        sep = sniff_separator(text.splitlines()[0], {c.name for c in spec.columns})
        header = next(csv.reader([text.splitlines()[0]], delimiter=sep))
        newline = "\r\n" if "\r\n" in text else "\n"
        prefix = "" if text.endswith(("\n", "\r")) else newline
    else:
        encoding, sep, newline, prefix = "utf-8", ",", "\n", ""
        header = [c.name for c in spec.columns if c.required or any(c.name in r for r in rows)]
        path.write_text(",".join(header) + "\n", encoding="utf-8")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=sep, lineterminator=newline)
    for row in rows:
        writer.writerow([_format(row.get(h.strip()), sep) for h in header])
    with path.open("a", encoding=encoding.replace("-sig", ""), newline="") as fh:
        fh.write(prefix + buf.getvalue())
    return len(rows)


def _yaml_entry(year: int) -> str:
    return (
        f"- tahun: {year}\n"
        f"  tanggal_terbit: {year + 1}-02-01  # date of issue: correct it when the report is signed\n"
        "  kata_pengantar:\n"
        "  latar_belakang:\n"
        "  penutup:\n"
    )


def new_year(dataset: str | Path, year: int, renstra: tuple[int, int] | None = None) -> dict[str, int]:
    """Add the empty rows of ``year``; returns the number of rows added per file (or sheet).

    Parameters
    ----------
    dataset
        A dataset folder or workbook (it must validate first). A workbook gets its rows in its sheets,
        with the formatting of the rows above (:mod:`lkjipkit.dataset.excel.append`).
    year
        The new report year; it must not be in the dataset yet.
    renstra
        (first, last) year of a new Renstra period, needed when ``year`` lies
        after the current period; the current period is kept as history.
    """
    path = Path(dataset)
    ds = load_dataset(path)
    where = "laporan.yaml" if path.is_dir() else _("the laporan sheet")
    if year in ds.laporan:
        raise LkjipError(_("{path}: year {year} is already in {where}").format(path=path, year=year, where=where))
    if (ds.iku_tahunan["tahun"] == year).any() or (ds.anggaran["tahun"] == year).any():
        raise LkjipError(
            _("{path}: the tables already hold rows for {year}; nothing was changed").format(path=path, year=year)
        )

    current = ds.profil.renstra
    if renstra is None and not ds.profil.in_period(year):
        raise LkjipError(
            _(
                "{year} is after the Renstra period {first}-{last}; "
                "start the new period with --renstra FIRST-LAST (e.g. --renstra {year}-{end})"
            ).format(year=year, first=current.tahun_awal, last=current.tahun_akhir, end=year + 4)
        )
    if renstra is not None and not renstra[0] <= year <= renstra[1]:
        raise LkjipError(
            _("--renstra {first}-{last} does not contain {year}").format(first=renstra[0], last=renstra[1], year=year)
        )

    prev = max((y for y in ds.iku_tahunan["tahun"].dropna().astype(int) if y < year), default=None)
    targets = {}
    if prev is not None:
        t = ds.iku_tahunan[ds.iku_tahunan["tahun"] == prev]
        targets = dict(zip(t["iku_kode"], t["target"], strict=True))
    rows = {
        "iku_tahunan": [{"iku_kode": k, "tahun": year, "target": targets.get(k)} for k in ds.iku["kode"]],
        "anggaran": [{"kode_rekening": k, "tahun": year} for k in ds.kegiatan["kode_rekening"]],
    }
    if len(ds.program_tahunan):
        rows["program_tahunan"] = [{"program_kode": k, "tahun": year} for k in ds.program["kode"]]
    if len(ds.spm_indikator):
        rows["spm_realisasi"] = [{"spm_kode": k, "tahun": year} for k in ds.spm_indikator["kode"]]
    if not path.is_dir():
        return _new_year_in_workbook(path, year, rows, renstra, current, len(ds.laporan))

    if renstra is not None:
        _start_renstra(path / "profil.yaml", *renstra, current)
    added = {f"{table}.csv": _append(path / f"{table}.csv", table, new) for table, new in rows.items()}
    laporan = path / "laporan.yaml"
    text = laporan.read_text(encoding="utf-8-sig")
    laporan.write_text(text + ("" if text.endswith("\n") else "\n") + _yaml_entry(year), encoding="utf-8")
    added["laporan.yaml"] = 1
    return added


def _new_year_in_workbook(path: Path, year: int, rows, renstra, current, reports: int) -> dict[str, int]:
    """The same rows and keys in a dataset workbook: its table sheets, ``laporan`` and (new period) ``profil``."""
    n = reports + 1
    kv: dict[str, dict] = {
        "laporan": {
            f"laporan.{n}.tahun": year,
            f"laporan.{n}.tanggal_terbit": dt.date(year + 1, 2, 1),  # correct it when the report is signed
            f"laporan.{n}.kata_pengantar": None,
            f"laporan.{n}.latar_belakang": None,
            f"laporan.{n}.penutup": None,
        }
    }
    if renstra is not None:
        wb = load_workbook(path, read_only=True)
        profil = next(ws for ws in wb.worksheets if ws.title.strip().lower() == "profil")
        have = {str(r[0]): r[1] for r in profil.iter_rows(values_only=True) if r and r[0]}
        wb.close()
        k = 1
        while have.get(f"renstra_sebelumnya.{k}.tahun_awal") not in (None, ""):
            k += 1
        kv["profil"] = {
            "renstra.tahun_awal": renstra[0],
            "renstra.tahun_akhir": renstra[1],
            "renstra.dokumen": None,  # the old period's document stays with the old period
            f"renstra_sebelumnya.{k}.tahun_awal": current.tahun_awal,
            f"renstra_sebelumnya.{k}.tahun_akhir": current.tahun_akhir,
            f"renstra_sebelumnya.{k}.dokumen": current.dokumen,
        }
    added = update_workbook(path, rows, kv)
    added["laporan"] = 1
    return added


def _start_renstra(profil: Path, first: int, last: int, current) -> None:
    """Make (first, last) the current Renstra period, keeping the old one as history (text edit, comments kept)."""
    text = profil.read_text(encoding="utf-8-sig")
    old = f"  tahun_awal: {current.tahun_awal}\n  tahun_akhir: {current.tahun_akhir}\n"
    if old not in text:
        raise LkjipError(
            _(
                "{path}: could not find the renstra period to replace; edit profil.yaml by hand: "
                "move renstra to renstra_sebelumnya and set renstra to {first}-{last}"
            ).format(path=profil, first=first, last=last)
        )
    text = text.replace(old, f"  tahun_awal: {first}\n  tahun_akhir: {last}\n", 1)
    # the old period's document name stays with the old period only
    text = re.sub(rf"(  tahun_akhir: {last}\n)  dokumen: .*\n", r"\1", text, count=1)
    history = f"- tahun_awal: {current.tahun_awal}\n  tahun_akhir: {current.tahun_akhir}\n"
    if current.dokumen:
        history += f"  dokumen: {current.dokumen!r}\n"
    if "renstra_sebelumnya:" in text:
        text = text.replace("renstra_sebelumnya:\n", "renstra_sebelumnya:\n" + history, 1)
    else:
        text = text + ("" if text.endswith("\n") else "\n") + "renstra_sebelumnya:\n" + history
    profil.write_text(text, encoding="utf-8")
