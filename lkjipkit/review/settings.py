"""Thresholds of the review, with defaults, overridable per dataset in ``reviu.yaml``.

A dataset folder may hold an optional ``reviu.yaml`` (beside ``profil.yaml``);
an Excel workbook ``X.xlsx`` may have ``X.reviu.yaml`` beside it. Every key is
optional; a key left out keeps its default. Unknown keys, values out of range
and unknown rule ids are errors that name the file, the line and the key, like
every other dataset error::

    # reviu.yaml: thresholds of `lkjip review` for this dataset
    fisik_keuangan_selisih: 30     # points between physical and financial progress
    capaian_maksimum: 120
    aturan_nonaktif: [PLAUS-PAGU-CUT]
    tingkat:
      CROSS-IKU-SPM-REALISASI: info   # the two formulas differ by design here
    diterima:                         # findings the analyst accepts, each with its reason
      - aturan: CLAIM-MEAN
        lokasi: "spm_realisasi.csv:21"
        alasan: "Rata-rata dihitung dari data dinas, bukan dari tabel ini."

The file is read with ``yaml.safe_load``; nothing in it is executed.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from lkjipkit.analysis.spm import DEFAULT_WINDOW
from lkjipkit.dataset.io import read_yaml
from lkjipkit.errors import DatasetError, Problem
from lkjipkit.i18n import _, validation_message

#: Name of the settings file inside a dataset folder.
SETTINGS_FILE = "reviu.yaml"


def _known_rule(rule_id: str) -> str:
    from .rules import RULE_BY_ID  # imported when a rule id is checked: the rule modules are heavy

    if rule_id not in RULE_BY_ID:
        raise ValueError(
            _("unknown rule id {rule}; expected one of {names}").format(rule=repr(rule_id), names=", ".join(RULE_BY_ID))
        )
    return rule_id


RuleId = Annotated[str, AfterValidator(_known_rule)]


class Acceptance(BaseModel):
    """One finding the analyst accepts (``reviu.yaml: diterima``): its rule, its place and the reason.

    ``lokasi`` is the finding's place as ``lkjip review`` prints it, ``file:row`` or
    ``file:row:column`` (without the column it matches every column of the row).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    _line: int | None = PrivateAttr(None)
    """Its line in ``reviu.yaml`` (None when the settings did not come from a file)."""

    aturan: RuleId = Field(description="Rule id of the finding (``CLAIM-MEAN``).")
    lokasi: str = Field(min_length=1, description="Where, as printed: ``spm_realisasi.csv:21`` (column optional).")
    alasan: str = Field(min_length=1, description="Why the finding stands accepted (shown in the report appendix).")
    tahun: int | None = Field(None, description="Only in the review of this report year (default: every year).")

    @field_validator("alasan")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(_("the reason (alasan) may not be empty"))
        return v.strip()

    @cached_property
    def _where(self) -> tuple[str, int | None, str | None]:
        file, _colon, rest = self.lokasi.strip().partition(":")
        row, _colon, column = rest.partition(":")
        return file, int(row) if row.strip().isdigit() else None, column.strip() or None

    @field_validator("lokasi")
    @classmethod
    def _file_and_row(cls, v: str) -> str:
        file, _colon, rest = v.strip().partition(":")
        row = rest.partition(":")[0].strip()
        if not file or (row and not row.isdigit()):
            raise ValueError(_("expected the place as printed by lkjip review: file:row or file:row:column"))
        return v.strip()

    def matches(self, finding) -> bool:
        """The finding has this rule, file and row (and this column, when one is given)."""
        file, row, column = self._where
        return (
            finding.rule == self.aturan
            and finding.file == file
            and finding.row == row
            and (column is None or finding.column == column)
        )


class ReviewSettings(BaseModel):
    """Thresholds and switches of the review (keys of ``reviu.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    toleransi_persen: float = Field(
        0.005,
        ge=0,
        description="Largest difference (points) between a printed percentage and the computed one that is "
        "still rounding. Default: half of the last printed digit of a figure printed with 2 decimals.",
    )
    toleransi_rupiah: float = Field(
        0.5,
        ge=0,
        description="Largest difference (Rp) between a printed amount and the computed one that is still rounding.",
    )
    jendela_tahun: int = Field(
        DEFAULT_WINDOW,
        ge=1,
        description="Years, ending with the report year, whose series the report prints (SPM, IKU history): "
        "printed figures and IKU-SPM links are checked in these years only.",
    )
    selisih_iku_spm: float = Field(
        0.005,
        ge=0,
        description="Largest difference (in the indicator's unit) between an IKU realisation and the realisation "
        "of the SPM indicator it is linked to (iku.spm_kode) before they are said to disagree.",
    )
    fisik_keuangan_batas: float = Field(
        90.0,
        ge=0,
        le=100,
        description="'Near 100 %': the higher of realisasi fisik and realisasi keuangan % must reach this for "
        "PLAUS-FISIK-KEUANGAN to look at the gap.",
    )
    fisik_keuangan_selisih: float = Field(
        25.0,
        gt=0,
        description="Gap (points) between realisasi fisik % and realisasi keuangan % that is 'far lower'.",
    )
    pemotongan_pagu_persen: float = Field(
        100.0,
        gt=0,
        le=100,
        description="A cut of the pagu in the APBD-P of at least this share of the APBD murni (%) is reported. "
        "100: only a pagu cut to 0.",
    )
    capaian_maksimum: float = Field(
        150.0, gt=0, description="A capaian (before any cap) above this (%) is implausibly high."
    )
    loncatan_relatif: float = Field(
        50.0,
        gt=0,
        description="A realisation that differs from last year's by at least this share of last year's value (%) "
        "has jumped.",
    )
    loncatan_minimum: float = Field(
        10.0,
        ge=0,
        description="The change must also be at least this much, in the indicator's unit (points for %), to count "
        "as a jump (so 2 % → 4 % or 2 → 1 events are not one).",
    )
    aturan_nonaktif: list[RuleId] = Field(
        default_factory=list, description="Rule ids switched off for this dataset (see docs/review.md)."
    )
    tingkat: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict,
        description="Severity (error, warning or info) given to every finding of a rule, overriding the "
        "rule's own: a mapping RULE-ID: severity.",
    )
    diterima: list[Acceptance] = Field(
        default_factory=list,
        description="Findings the analyst accepts, each `{aturan, lokasi, alasan}` (optional `tahun`): "
        "the finding keeps its severity but is marked accepted with the reason; an accepted error neither "
        "makes `lkjip review` exit 1 nor stops a final build. An entry that matches no finding is an "
        "`ACCEPT-STALE` warning.",
    )

    @field_validator("tingkat")
    @classmethod
    def _known_rule_keys(cls, v: dict[str, str]) -> dict[str, str]:
        for rule_id in v:
            _known_rule(rule_id)
        return v


def settings_path(source: str | Path) -> Path:
    """Where the settings of a dataset live: ``<folder>/reviu.yaml``, or ``<stem>.reviu.yaml`` beside a workbook."""
    src = Path(source)
    if src.suffix.lower() in (".xlsx", ".xlsm"):
        return src.with_name(f"{src.stem}.{SETTINGS_FILE}")
    return src / SETTINGS_FILE


def load_settings(path: str | Path) -> ReviewSettings:
    """Read review settings from a YAML file; the defaults when the file does not exist.

    Raises
    ------
    DatasetError
        The file is not valid YAML, has an unknown key, a value out of range or an
        unknown rule id; each problem names the file, the line and the key.
    """
    p = Path(path)
    if not p.is_file():
        return ReviewSettings()
    data, lines, problems = read_yaml(p)
    if not problems and data is None:
        return ReviewSettings()
    if not problems and not isinstance(data, dict):
        problems = [
            Problem(p.name, 1, None, _("expected a mapping of keys, found {type}").format(type=type(data).__name__))
        ]
    if problems:
        raise DatasetError(problems, source=str(p.parent))
    try:
        settings = ReviewSettings.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
            found = err.get("input")
            shown = (
                ""
                if err["type"] == "missing" or isinstance(found, dict | list)
                else _("; found {found}").format(found=repr(found))
            )
            msg = err["msg"].removeprefix("Value error, ") if err["type"] == "value_error" else validation_message(err)
            out.append(Problem(p.name, line, ".".join(map(str, loc)) or None, f"{msg}{shown}"))
        raise DatasetError(out, source=str(p.parent)) from None
    for i, entry in enumerate(settings.diterima):
        entry._line = lines.get(("diterima", i))
    return settings


def dataset_settings(ds) -> ReviewSettings:
    """The review settings of a loaded dataset (its ``reviu.yaml``, else the defaults)."""
    return load_settings(settings_path(ds.source))
