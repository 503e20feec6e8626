"""The optional RPJMD mapping: agency IKU linked to the regional head's RPJMD indicators.

The mapping is one CSV file (``rpjmd.csv`` in the reports root, or ``lkjip rekap --rpjmd FILE``),
one row per link, read as a dataset file is (:func:`lkjipkit.dataset.io.read_table`: UTF-8 or
Windows-1252, ``,``/``;``/tab, Indonesian numbers in a ``;`` file) and validated by a pandera schema
in the style of :mod:`lkjipkit.dataset.schema`, every problem located at its file, row and column.

An RPJMD indicator is described (name, unit, target of the recap's year) on the first row of its
code; the later rows of the same code may repeat those cells or leave them empty, never differ.

The aggregate of an RPJMD indicator (``capaian_gabungan``) is the **weighted mean of the capaian**
of its linked IKU, each capaian as the agency's own ``capaian_iku.csv`` has it, by the weights of
the file (``bobot``, 1 when empty)::

    capaian_gabungan = Σ bobot_i × capaian_i / Σ bobot_i      over the links with a capaian

A link whose agency has no report, whose IKU the report does not have, or whose capaian is
undefined is named in the table with the reason and left out of both sums.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lkjipkit.analysis import Scale, fsum
from lkjipkit.dataset.io import PANDAS_DTYPES, read_table
from lkjipkit.dataset.schema import table_schema, validate_table
from lkjipkit.dataset.spec import Column, Table
from lkjipkit.errors import DatasetError, Problem
from lkjipkit.i18n import _

from .read import Batch

#: The file looked for in the reports root when ``--rpjmd`` is not given.
DEFAULT_FILE = "rpjmd.csv"
#: The weight of a link whose ``bobot`` is empty.
DEFAULT_WEIGHT = 1.0

SPEC = Table(
    "rpjmd",
    "Links of agency IKU to the RPJMD indicators of the regional head: one row per link.",
    (
        Column("rpjmd_kode", "code", "Code of the RPJMD indicator.", label="Kode indikator RPJMD"),
        Column(
            "rpjmd_indikator",
            "text",
            "Name of the RPJMD indicator: on its first row; later rows repeat it or leave it empty.",
            label="Indikator RPJMD",
            nullable=True,
        ),
        Column(
            "satuan", "text", "Unit of the RPJMD indicator (first row, as the name).", label="Satuan", nullable=True
        ),
        Column(
            "target",
            "number",
            "Target of the RPJMD indicator in the recap's year (first row, as the name).",
            label="Target tahun ini",
            nullable=True,
        ),
        Column("slug", "code", "The agency: its folder under the reports root (`instansi.slug`).", label="Slug"),
        Column("iku_kode", "code", "The agency's IKU (`capaian_iku.kode` of its report).", label="Kode IKU"),
        Column(
            "bobot",
            "number",
            "Weight of the IKU in the indicator's aggregate, above 0; empty: 1.",
            label="Bobot",
            required=False,
            nullable=True,
        ),
    ),
    key=("rpjmd_kode", "slug", "iku_kode"),
)
#: Cells that describe the RPJMD indicator (given on its first row; required there except ``satuan``).
_DESCRIBE, _REQUIRED_FIRST = ("rpjmd_indikator", "satuan", "target"), ("rpjmd_indikator", "target")


@functools.cache
def _schema() -> pa.DataFrameSchema:
    bobot = pa.Column(PANDAS_DTYPES["number"], checks=[pa.Check.gt(0, error="above 0")], nullable=True)
    return table_schema(SPEC, extra={"bobot": bobot})


@dataclass(frozen=True)
class Mapping:
    """A validated mapping: the RPJMD indicators (file order) and their links."""

    path: Path
    indicators: pd.DataFrame
    """``rpjmd_kode``, ``rpjmd_indikator``, ``satuan``, ``target``: one row per indicator."""
    links: pd.DataFrame
    """``rpjmd_kode``, ``slug``, ``iku_kode``, ``bobot`` (empty filled with 1), ``_row`` (file line)."""


def _consistency(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Each indicator described on its first row, and never differently on a later one."""
    out = []
    for _code, rows in frame.groupby("rpjmd_kode", sort=False):
        first = rows.iloc[0]
        for col in _REQUIRED_FIRST:
            if pd.isna(first[col]):
                out.append(
                    Problem(
                        file,
                        int(first["_row"]),
                        col,
                        _("empty; expected the {column} of {code} here").format(column=col, code=first["rpjmd_kode"]),
                    )
                )
        for rec in rows.iloc[1:].to_dict("records"):
            for col in _DESCRIBE:
                if pd.notna(rec[col]) and (pd.isna(first[col]) or rec[col] != first[col]):
                    out.append(
                        Problem(
                            file,
                            int(rec["_row"]),
                            col,
                            _("found {found}; expected empty or {expected} as on row {row}").format(
                                found=repr(rec[col]), expected=repr(first[col]), row=int(first["_row"])
                            ),
                        )
                    )
    return out


def load_mapping(path: str | Path) -> Mapping:
    """Read and validate a mapping file.

    Raises
    ------
    DatasetError
        Every problem of the file, each at its row and column (``rpjmd.csv:4:bobot: …``).
    """
    path = Path(path)
    frame, problems = read_table(path, SPEC)
    if frame is not None and not problems:
        if frame.empty:
            problems = [Problem(path.name, None, None, _("no rows; expected one row per IKU linked to an indicator"))]
        problems += validate_table(SPEC, frame, path.name, _schema())
        problems += _consistency(frame, path.name)
    if problems or frame is None:
        raise DatasetError(problems, str(path.parent))
    indicators = frame.drop_duplicates("rpjmd_kode")[["rpjmd_kode", *_DESCRIBE]].reset_index(drop=True)
    links = frame[["rpjmd_kode", "slug", "iku_kode", "bobot", "_row"]].copy()
    links["bobot"] = links["bobot"].fillna(DEFAULT_WEIGHT).astype(float)
    return Mapping(path, indicators, links.reset_index(drop=True))


def find_mapping(root: str | Path, given: str | Path | None) -> Path | None:
    """The mapping file: ``given``, else :data:`DEFAULT_FILE` in the reports root when it is there."""
    if given is not None:
        return Path(given)
    default = Path(root) / DEFAULT_FILE
    return default if default.is_file() else None


def _link_row(link: dict, batch: Batch, reports: dict) -> dict:
    slug, kode = link["slug"], link["iku_kode"]
    rep = reports.get(slug)
    row = {"rpjmd_kode": link["rpjmd_kode"], "instansi": rep.nama if rep else slug, "slug": slug, "iku_kode": kode}
    row["bobot"] = link["bobot"]
    if rep is None:
        missing = next((m for m in batch.missing if m.name == slug), None)
        row["keterangan"] = (
            f"instansi tidak masuk rekap ({missing.state}); tidak dihitung"
            if missing
            else f"tidak ada laporan {slug} tahun {batch.year} di folder laporan; tidak dihitung"
        )
        return row
    iku = rep.tables["capaian_iku"]
    match = iku[iku["kode"].astype(str) == kode]
    if match.empty:
        row["keterangan"] = f"IKU {kode} tidak ada dalam laporan {slug}; tidak dihitung"
        return row
    found = match.iloc[0]
    row.update({k: found[k] for k in ("indikator", "satuan", "target", "realisasi", "capaian", "kategori")})
    row["keterangan"] = "capaian tidak terdefinisi; tidak dihitung" if pd.isna(found["capaian"]) else ""
    return row


def contributions(mapping: Mapping, batch: Batch, scale: Scale) -> tuple[list[dict], list[dict]]:
    """The rows of the RPJMD tables: (one per indicator, one per link).

    Parameters
    ----------
    mapping
        What :func:`load_mapping` read.
    batch
        The reports of the year (and the agencies left out).
    scale
        The scale of the aggregate's category (the recap's).
    """
    reports = {r.slug: r for r in batch.reports}
    links = [_link_row(link, batch, reports) for link in mapping.links.to_dict("records")]
    summary = []
    for ind in mapping.indicators.to_dict("records"):
        own = [r for r in links if r["rpjmd_kode"] == ind["rpjmd_kode"]]
        used = [r for r in own if not r["keterangan"]]
        total = fsum([r["bobot"] for r in used])
        for r in used:
            r["porsi"] = r["bobot"] / total * 100
            r["kontribusi"] = r["bobot"] * float(r["capaian"]) / total
        value = fsum([r["kontribusi"] for r in used]) if used else float("nan")
        label = scale.categorise(pd.Series([value])).iloc[0] if used else None
        summary.append(
            {
                **ind,
                "jumlah_iku": len(own),
                "iku_dihitung": len(used),
                "iku_tidak_dihitung": len(own) - len(used),
                "capaian_gabungan": value,
                "kategori": None if label is None or pd.isna(label) else str(label),
            }
        )
    return summary, links
