"""Read what every build of a year already wrote, and nothing else.

For each agency folder ``REPORTS_ROOT/<slug>/<year>/`` the recap reads the
tables of ``tabel/`` (``capaian_iku.csv``, ``anggaran_ringkasan.csv``,
``anggaran_program.csv``, ``efisiensi.csv`` when present), ``reviu.json`` and
``provenance.json``. Figures are taken as the build wrote them; only sums,
counts and the mean capaian of an agency (the exact mean of its defined
capaian, as :func:`lkjipkit.analysis.iku.indicator_summary` takes it) are
computed here. A folder that cannot be read, a ``<year>.failed`` folder with no
report beside it, and a dataset listed with no report are recorded as
:class:`Missing` and skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lkjipkit.errors import LkjipError
from lkjipkit.i18n import _

TABLES, REVIEW, PROVENANCE = "tabel", "reviu.json", "provenance.json"
#: The review rule whose findings are "IKU below target with no stated cause".
NO_CAUSE_RULE = "COMPLETE-EXPLANATION"
#: Tables a report must have for the recap, and the columns read from each.
NEEDED = {
    "capaian_iku": (*("kode", "indikator", "satuan", "target", "realisasi", "capaian", "kategori", "mencapai_target"),),
    "anggaran_ringkasan": (
        "pagu_murni",
        "pagu",
        "pemotongan",
        "pemotongan_persen",
        "ttb",
        "realisasi_keuangan",
        "realisasi_keuangan_persen",
        "sisa",
    ),
    "anggaran_program": (
        "program_kode",
        "program",
        "anggaran_pk",
        "pagu_murni",
        "pagu",
        "pemotongan",
        "pemotongan_persen",
        "realisasi_keuangan",
        "realisasi_keuangan_persen",
    ),
}
#: Read when the report has it (reports built before analysis 6 existed do not).
OPTIONAL = {
    "efisiensi": ("sasaran_kode", "kategori_efisiensi"),
    # written by builds since lkjipkit 0.2: the agency's own category of its mean capaian and its scale
    "ringkasan_iku": ("rata_rata_capaian", "kategori_rata_rata", "skala"),
}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class AgencyReport:
    """The tables of one agency-year, as its build wrote them."""

    slug: str
    nama: str
    folder: Path
    status: str
    """``final`` or ``draft``: provenance ``report.status`` as a build writes it (``status`` itself says
    whether the build succeeded); anything else counts as ``draft``."""
    built_at: str | None
    tables: dict[str, pd.DataFrame]
    findings: list[dict]
    note: str = ""
    """Something a reader should know (e.g. the last rebuild failed and this is the report before it)."""


@dataclass(frozen=True)
class Missing:
    """An agency the recap leaves out, and why."""

    name: str
    """The agency slug, or the dataset path when no slug is known."""
    state: str
    """``gagal`` (a failed build or an unreadable report) or ``tidak ada`` (no report at all)."""
    reason: str


@dataclass
class Batch:
    """Every agency report of a year under one root, and the agencies left out."""

    root: Path
    year: int
    reports: list[AgencyReport] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


def _bools(series: pd.Series) -> pd.Series:
    """``True`` / ``False`` / empty as written by the tables, as a nullable boolean column."""
    mapping = {True: True, False: False, "True": True, "False": False}
    return series.map(mapping).astype("boolean")


def _read_table(folder: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    path = folder / TABLES / f"{name}.csv"
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", usecols=lambda c: c in columns)
    except FileNotFoundError:
        raise LkjipError(_("{path} is missing").format(path=path)) from None
    except (OSError, ValueError) as exc:
        raise LkjipError(_("{path} cannot be read: {error}").format(path=path, error=exc)) from None
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise LkjipError(_("{path} has no column {names}").format(path=path, names=", ".join(absent)))
    return frame


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LkjipError(_("{path} is missing").format(path=path)) from None
    except (OSError, ValueError) as exc:
        raise LkjipError(_("{path} cannot be read: {error}").format(path=path, error=exc)) from None


def read_report(folder: Path, slug: str) -> AgencyReport:
    """The tables, findings and provenance of one report folder.

    Raises
    ------
    LkjipError
        A file is missing or unreadable, or lacks a column; the message names the file.
    """
    prov = _json(folder / PROVENANCE)
    if not isinstance(prov, dict):
        raise LkjipError(_("{path} is not a JSON object").format(path=folder / PROVENANCE))
    if prov.get("status") == "failed":
        raise LkjipError(_("{path}: the build failed").format(path=folder / PROVENANCE))
    findings = _json(folder / REVIEW)
    if not isinstance(findings, list):
        raise LkjipError(_("{path} is not a JSON list of findings").format(path=folder / REVIEW))
    tables = {name: _read_table(folder, name, cols) for name, cols in NEEDED.items()}
    for name, cols in OPTIONAL.items():
        if (folder / TABLES / f"{name}.csv").is_file():
            tables[name] = _read_table(folder, name, cols)
    tables["capaian_iku"]["mencapai_target"] = _bools(tables["capaian_iku"]["mencapai_target"])
    if len(tables["anggaran_ringkasan"]) != 1:
        raise LkjipError(_("{path}: expected one row").format(path=folder / TABLES / "anggaran_ringkasan.csv"))
    dataset = prov.get("dataset") or {}
    status = (prov.get("report") or {}).get("status")
    return AgencyReport(
        slug=slug,
        nama=str(dataset.get("agency") or slug),
        folder=folder,
        status=status if status in ("final", "draft") else "draft",
        built_at=prov.get("built_at"),
        tables=tables,
        findings=findings,
    )


def dataset_slug(dataset: Path) -> str:
    """The agency slug from a dataset's ``profil.yaml`` without validating it; "" when unreadable."""
    import yaml

    try:
        data = yaml.safe_load((dataset / "profil.yaml").read_text(encoding="utf-8-sig"))
        slug = data["instansi"]["slug"]
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError):
        return ""
    return slug if isinstance(slug, str) and _SLUG.fullmatch(slug) else ""


def _why_absent(dataset: Path, year: int) -> str:
    """Why a listed dataset has no report: it does not validate, lacks the year, or was not built."""
    from lkjipkit.dataset import load_dataset
    from lkjipkit.errors import DatasetError

    try:
        ds = load_dataset(dataset)
    except DatasetError as exc:
        first = exc.lines()[0] if exc.problems else str(exc)
        more = _(" (+{n} more)").format(n=len(exc.problems) - 1) if len(exc.problems) > 1 else ""
        return _("no report; the dataset does not validate: {problem}").format(problem=f"{first}{more}")
    except LkjipError as exc:
        return _("no report; {error}").format(error=exc)
    if year not in ds.laporan:
        return _("no report; no report year {year} in laporan.yaml").format(year=year)
    return _("no report folder (not built yet?)")


def read_batch(root: str | Path, year: int, datasets: list[str | Path] | None = None) -> Batch:
    """Every report of ``year`` under ``root``, and every agency left out.

    Parameters
    ----------
    root
        The reports root (``lkjip batch --out-root``): ``root/<slug>/<year>/``.
    year
        The report year.
    datasets
        The dataset folders of the batch, when known: each without a report is
        named as absent, with the reason (a dataset that does not validate has none).

    Raises
    ------
    LkjipError
        ``root`` is not a folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise LkjipError(_("{root}: no such folder of reports").format(root=root))
    batch = Batch(root, year)
    seen: set[str] = set()
    for agency in sorted(p for p in root.iterdir() if p.is_dir() and _SLUG.fullmatch(p.name)):
        folder, failed = agency / str(year), agency / f"{year}.failed"
        if folder.is_dir():
            seen.add(agency.name)
            try:
                report = read_report(folder, agency.name)
            except LkjipError as exc:
                batch.missing.append(Missing(agency.name, "gagal", str(exc)))
                continue
            if failed.is_dir():
                report.note = _("the last rebuild failed ({folder}); this is the report before it").format(
                    folder=failed.name
                )
            batch.reports.append(report)
        elif failed.is_dir():
            seen.add(agency.name)
            batch.missing.append(
                Missing(agency.name, "gagal", _("the build failed: only {folder} exists").format(folder=failed))
            )
    for raw in datasets or ():
        path = Path(raw)
        slug = dataset_slug(path)
        if slug in seen:
            continue
        seen.add(slug or str(path))
        batch.missing.append(Missing(slug or str(path), "tidak ada", _why_absent(path, year)))
    return batch
