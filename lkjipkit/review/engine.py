"""Running the rules: one review of one dataset-year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from lkjipkit.analysis import YearAnalysis, as_year
from lkjipkit.dataset import Dataset
from lkjipkit.errors import Problem, YearError
from lkjipkit.i18n import _

from . import acceptance
from .claims import Text
from .context import ReviewContext
from .finding import SEVERITIES, Finding
from .rules import RULES
from .settings import ReviewSettings, dataset_settings, settings_path

#: Yearly tables a report year must have rows in (at least one of them, else the year is not covered).
YEAR_TABLES = ("iku_tahunan", "anggaran")


def _as_settings(settings: ReviewSettings | dict[str, Any] | None, ds: Dataset) -> ReviewSettings:
    if settings is None:
        return dataset_settings(ds)
    if isinstance(settings, ReviewSettings):
        return settings
    return ReviewSettings.model_validate(settings)


def review(
    ds: Dataset,
    year: int,
    settings: ReviewSettings | dict[str, Any] | None = None,
    *,
    analysis: YearAnalysis | None = None,
    texts: Iterable[Text] = (),
) -> list[Finding]:
    """Review the figures of one report year of a loaded dataset.

    Parameters
    ----------
    ds
        A loaded, validated dataset (:func:`lkjipkit.dataset.load_dataset`).
    year
        The report year.
    settings
        Thresholds (:class:`~lkjipkit.review.settings.ReviewSettings`, or a dict of
        its keys); default: the dataset's ``reviu.yaml``, else the defaults.
    analysis
        The year's analysis of ``ds`` when the caller has it already (:func:`lkjipkit.analysis.analyse`):
        the review then reads its figures instead of computing them again.
    texts
        More analyst texts of the year for the ``CLAIM-*`` rules, beside those of the dataset
        (:func:`lkjipkit.review.claims.texts`): the Markdown cells of the report's chapter notebooks, which the
        build and ``lkjip review`` read (:func:`lkjipkit.publish.prose_texts.chapter_texts`); each
        :class:`~lkjipkit.review.claims.Text` names its own place.

    Returns
    -------
    The findings of every enabled rule, most serious first, then in rule order
    and by location, those accepted in ``reviu.yaml: diterima`` marked (and an
    ``ACCEPT-STALE`` warning for each acceptance that matches none). Empty when
    nothing was found.

    Raises
    ------
    YearError
        The year has no row in either ``iku_tahunan`` or ``anggaran``.
    DatasetError
        The dataset's ``reviu.yaml`` is invalid (file, line and key named).
    """
    year = as_year(year)
    cfg = _as_settings(settings, ds)
    ctx = ReviewContext(ds, year, cfg, analysis, texts)
    if not any(ctx.has_year(t) for t in YEAR_TABLES):
        have = sorted({int(y) for t in YEAR_TABLES for y in ds.tables[t]["tahun"].dropna()})
        listed = ", ".join(map(str, have)) or _("none")
        raise YearError(
            _("{source}: no data for year {year} in {file} (years there: {years})").format(
                source=ds.source, year=year, file=_("iku_tahunan.csv or anggaran.csv"), years=listed
            )
        )
    findings: list[Finding] = []
    for rule in RULES:
        if rule.ID in cfg.aturan_nonaktif or not all(ctx.has_year(t) for t in rule.NEEDS):
            continue
        override = cfg.tingkat.get(rule.ID)
        for f in rule.check(ctx):
            findings.append(replace(f, severity=override) if override else f)
    accepted = acceptance.apply(findings, cfg.diterima, year, settings_path(ds.source).name)
    return [in_workbook(ds, f) for f in sort_findings(accepted)]


def in_workbook(ds: Dataset, finding: Finding) -> Finding:
    """The finding located in the dataset's workbook (``Sheet!Cell``, files in the message named as sheets).

    The one place where a review location becomes a workbook cell; a dataset folder's finding is returned as is.
    """
    if ds.locate is None or finding.file is None:
        return finding
    p = ds.locate(Problem(finding.file, finding.row, finding.column, finding.message))
    return replace(finding, file=p.file, row=p.row, column=p.column, message=p.message, cell=p.cell)


_ORDER = {r.ID: i for i, r in enumerate(RULES)}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first, then in rule order, then by file, row and key."""
    return sorted(
        findings,
        key=lambda f: (
            SEVERITIES.index(f.severity),
            _ORDER.get(f.rule, len(_ORDER)),
            f.file or "",
            f.row if f.row is not None else 0,
            f.key or "",
        ),
    )
