"""A review finding: where, what was found versus expected, and the figures involved.

A finding is not a load error: the dataset loaded and validated, but a figure
disagrees with another, looks implausible, or is missing for the report. Each
finding names the rule that made it (``SUM-PROGRAM``), its severity, the place
(file, row, column, and a key such as the kode rekening), a message in Bahasa
Indonesia for the analyst and the auditor, the value found and the value
expected as printed text, and the raw figures as numbers (for JSON users).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from lkjipkit.errors import Problem

#: Severities, most serious first.
SEVERITIES = ("error", "warning", "info")
#: How each severity is named in the report and the command output.
SEVERITY_LABELS = {"error": "kesalahan", "warning": "peringatan", "info": "informasi"}


@dataclass(frozen=True)
class Finding:
    """One thing the review found.

    Attributes
    ----------
    rule
        Id of the rule, e.g. ``RATIO-SPM-COUNTS`` (see ``docs/review.md``).
    severity
        ``error`` (a figure is wrong), ``warning`` (suspicious; needs an
        explanation or a check) or ``info`` (worth knowing, e.g. rounding).
    file, row, column
        Where in the dataset: the file (``anggaran.csv``), its line (1 = header)
        and column; each may be None when the finding is about a whole table.
    key
        The record concerned, as a reader names it: a kode rekening, ``IKU2, 2016``.
    message
        What is wrong and what to check, in Bahasa Indonesia.
    found, expected
        The value found and the value expected, formatted as the report prints
        them (``7,61 %``, ``Rp 1.184.650.000``); None when not a single value.
    figures
        The numbers involved, unformatted (``{"pembilang": 825, ...}``).
    diterima, alasan
        True when the analyst accepts the finding in ``reviu.yaml: diterima``, and the reason
        given there (the finding keeps its severity; an accepted error does not count in
        :func:`exit_code`).
    cell
        In a workbook dataset: the cell (``F46``) or row (``46:46``); ``file`` is then the sheet's name
        and the location reads ``Sheet!F46``. None (and left out of the JSON) for a dataset folder.
    """

    rule: str
    severity: str
    file: str | None
    row: int | None
    column: str | None
    key: str | None
    message: str
    found: str | None = None
    expected: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)
    diterima: bool = False
    alasan: str | None = None
    cell: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}; expected one of {SEVERITIES}")

    @property
    def location(self) -> str:
        """``file:row:column`` (or ``Sheet!Cell``) as ``lkjip validate`` prints a problem (unknown parts left out)."""
        if self.cell is not None:
            return f"{self.file}!{self.cell}"
        where = self.file or ""
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}" if self.row is not None else f"::{self.column}"
        return where

    def problem(self) -> Problem:
        """The finding as ``file:row:column: message`` lines print a problem: the claim and the computed figure."""
        what = f"{self.rule}: \u201c{self.figures['klaim']}\u201d" if "klaim" in self.figures else self.rule
        return Problem(self.file or "", self.row, self.column, f"{what} ({self.found}), data: {self.expected}")

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready values (NaN becomes None)."""
        d = asdict(self)
        d["figures"] = {k: _plain(v) for k, v in self.figures.items()}
        if self.cell is None:
            del d["cell"]
        return d


def _plain(value: Any) -> Any:
    """A figure as a JSON value: numpy/pandas scalars to Python, NaN/NA to None, whole floats kept as floats."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    try:
        import pandas as pd

        if value is pd.NA:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_json(findings: list[Finding], indent: int | None = 2) -> str:
    """The findings as a JSON list of objects (the output of ``lkjip review --json``)."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=indent)


def exit_code(findings: list[Finding]) -> int:
    """0 when no finding has severity ``error`` (accepted ones aside), else 1 (the exit code of ``lkjip review``)."""
    return 1 if any(f.severity == "error" and not f.diterima for f in findings) else 0


def counts(findings: list[Finding]) -> dict[str, int]:
    """Number of findings per severity, every severity present (``{"error": 1, "warning": 0, ...}``)."""
    return {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
