"""A loaded dataset as a dataset folder: one CSV per table, profil.yaml, laporan.yaml."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from lkjipkit.i18n import _

from ..model import Dataset
from ..spec import PROFILE_FILE, REPORTS_FILE, TABLES, Column, Table
from .layout import NUMERIC, ExcelError, plain_number, umask
from .read import load_workbook_dataset


def import_workbook(path: str | Path, out: str | Path, *, overwrite: bool = False) -> Path:
    """Convert a dataset workbook into a dataset folder (CSV + YAML) so it can be versioned.

    The workbook is loaded and validated first: nothing is written when it has
    errors (the DatasetError names every sheet!cell). A logo named in the
    profile is copied when it lies beside the workbook.

    Raises
    ------
    DatasetError
        The workbook has problems.
    ExcelError
        ``out`` is a non-empty folder (and ``overwrite`` is false) or a file.
    """
    path = Path(path)
    ds = load_workbook_dataset(path)
    out = Path(out)
    write_dataset_folder(ds, out, overwrite=overwrite, origin=path.name)
    logo = ds.profil.instansi.logo
    if logo and (path.parent / logo).is_file() and not (out / logo).exists():
        (out / logo).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path.parent / logo, out / logo)
    return out


def write_dataset_folder(ds: Dataset, out: str | Path, *, overwrite: bool = False, origin: str | None = None) -> Path:
    """Write a loaded dataset as a dataset folder: one CSV per table, ``profil.yaml``, ``laporan.yaml``.

    CSV files are UTF-8, comma-separated, with a decimal point and no thousands
    separator, like the embedded dataset. Every table is written (an empty
    optional table as a header line). The files are written into a temporary
    folder first; a new ``out`` appears at once. With ``overwrite``, the
    dataset files of an existing folder are replaced one by one and other files
    (README, logo, ``.git``) are kept.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExcelError(_("{out} is a file; expected a folder to write the dataset into").format(out=out))
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise ExcelError(
            _("{out} is not empty; choose a new folder, or replace its dataset files with --overwrite").format(out=out)
        )
    files = {t.file: _csv_text(t, ds.tables[t.name]) for t in TABLES}
    head = f"# Written by lkjipkit from {origin}.\n" if origin else ""
    files[PROFILE_FILE] = head + _yaml_text(ds.profil.model_dump(mode="python"))
    files[REPORTS_FILE] = head + _yaml_text({"laporan": [r.model_dump(mode="python") for r in ds.laporan.values()]})

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
            os.chmod(tmp / name, 0o666 & ~umask())
        if not out.exists() or not any(out.iterdir()):
            os.chmod(tmp, 0o777 & ~umask())
            with contextlib.suppress(FileNotFoundError):
                out.rmdir()
            os.replace(tmp, out)
        else:
            for name in files:
                os.replace(tmp / name, out / name)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def _csv_text(table: Table, frame: pd.DataFrame) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    names = [c.name for c in table.columns]
    writer.writerow(names)
    for values in frame[names].itertuples(index=False, name=None):
        writer.writerow([_csv_cell(c, v) for c, v in zip(table.columns, values, strict=True)])
    return buf.getvalue()


def _csv_cell(col: Column, value: Any) -> str:
    if value is None or pd.isna(value):
        return ""
    if col.type in ("int", "year"):
        return str(int(value))
    if col.type == "percent" and round(float(value), 2) == float(value):
        return f"{float(value):.2f}"  # percentages with two decimals, as reports print them
    if col.type in NUMERIC:
        return plain_number(float(value))
    return str(value)


class _YamlDumper(yaml.SafeDumper):
    """Block style for multi-line texts, as a person writes them."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data.strip():  # paragraphs: a literal block ending in a newline (the loader strips it)
        return dumper.represent_scalar("tag:yaml.org,2002:str", data.rstrip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_YamlDumper.add_representer(str, _represent_str)


def _yaml_text(data: dict) -> str:
    return yaml.dump(data, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False, width=4096)
