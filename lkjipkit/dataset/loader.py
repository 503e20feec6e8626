"""Load a dataset folder: read every file, validate, and report all problems at once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from lkjipkit.errors import DatasetNotFoundError, Problem
from lkjipkit.i18n import _, validation_message

from .assemble import empty_table, fingerprint, finish
from .io import read_table, read_yaml
from .model import Dataset
from .profile import DaftarLaporan, Profil
from .schema import validate_frame
from .spec import PROFILE_FILE, REPORTS_FILE, TABLES


def _yaml_model(path: Path, model: type[BaseModel]) -> tuple[BaseModel | None, dict, list[Problem]]:
    file = path.name
    if not path.exists():
        return (
            None,
            {},
            [Problem(file, None, None, _("missing file; every dataset needs it (see docs/data-format.md)"))],
        )
    data, lines, problems = read_yaml(path)
    if problems or data is None:
        return None, lines, problems
    if not isinstance(data, dict):
        message = _("expected a mapping of keys, found {type}").format(type=type(data).__name__)
        return None, lines, [Problem(file, 1, None, message)]
    try:
        return model.model_validate(data), lines, []
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = None
            for n in range(len(loc), -1, -1):
                if loc[:n] in lines:
                    line = lines[loc[:n]]
                    break
            key = ".".join(str(p) for p in loc) or None
            found = err.get("input")
            found_txt = (
                ""
                if err["type"] == "missing" or isinstance(found, dict | list)
                else _("; found {found}").format(found=repr(found))
            )
            out.append(Problem(file, line, key, f"{validation_message(err)}{found_txt}"))
        return None, lines, out


def load_dataset(path: str | Path) -> Dataset:
    """Load and validate a dataset folder.

    Raises
    ------
    DatasetNotFoundError
        The path does not exist or is not a dataset.
    DatasetError
        Anything is wrong with the data; ``.problems`` lists every problem,
        each with file, row and column.
    """
    source = Path(path)
    if not source.exists():
        raise DatasetNotFoundError(_("{source}: no such file or folder").format(source=source))
    if not source.is_dir() and source.suffix.lower() in (".xlsx", ".xlsm"):
        from lkjipkit.dataset import excel  # imported lazily: only workbooks need openpyxl (~0.15 s to import)

        return excel.load_workbook_dataset(source)
    if not source.is_dir():
        raise DatasetNotFoundError(
            _("{source}: expected a dataset folder or an Excel workbook (.xlsx)").format(source=source)
        )
    if not (source / PROFILE_FILE).exists() and not any((source / t.file).exists() for t in TABLES):
        raise DatasetNotFoundError(
            _("{source}: not a dataset folder (no {profile} and no table files; see docs/data-format.md)").format(
                source=source, profile=PROFILE_FILE
            )
        )

    problems: list[Problem] = []
    profil, profil_lines, p = _yaml_model(source / PROFILE_FILE, Profil)
    problems += p
    reports, report_lines, p = _yaml_model(source / REPORTS_FILE, DaftarLaporan)
    problems += p

    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        file = source / table.file
        if not file.exists():
            if table.required:
                problems.append(
                    Problem(
                        table.file,
                        None,
                        None,
                        _("missing file; expected {description}").format(description=_(table.description).rstrip(".")),
                    )
                )
            tables[table.name] = empty_table(table)
            continue
        frame, p = read_table(file, table)
        problems += p
        if frame is None:
            tables[table.name] = empty_table(table)
            continue
        problems += validate_frame(table.name, frame, table.file)
        tables[table.name] = frame

    return finish(
        source=source,
        profil=profil,
        reports=reports,
        tables=tables,
        problems=problems,
        lines={PROFILE_FILE: profil_lines, REPORTS_FILE: report_lines},
        fingerprint=fingerprint(source),
    )
