"""The ``profil`` and ``laporan`` sheets: the two YAML documents as key-path/value rows, both ways.

A key path names one value: ``instansi.nama``, ``misi.1``,
``laporan.1.tim_penyusun.2.nama``. Numbers are list items counted from 1 (as
an analyst counts), named parts are the YAML keys. :func:`flatten` turns a
pydantic model (and its data) into rows; :func:`nest` turns rows back into the
nested data the model validates, remembering the sheet row of every path so a
problem can point at its cell.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from lkjipkit.errors import Problem
from lkjipkit.i18n import _, translations, validation_message

PETUNJUK = translations("id")
"""The workbook speaks Indonesian, like the report: the descriptions of keys and columns (written in English in
the code and docs/data-format.md) are shown from the Indonesian catalog (:mod:`lkjipkit.i18n`)."""


def _alternatives(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def flatten(model: type[BaseModel], data: dict | None, path: tuple) -> list[tuple[tuple, Any, str]]:
    """Rows (key path with 1-based list numbers, value, note) for every field of a model.

    Every field gets a row, even when empty, so an analyst sees what can be
    filled; an empty list gets one empty item for the same reason.
    """
    rows: list[tuple[tuple, Any, str]] = []
    for name, field in model.model_fields.items():
        value = None if data is None else data.get(name)
        key = (*path, name)
        alts = _alternatives(field.annotation)
        sub = next((a for a in alts if _is_model(a)), None)
        lst = next((a for a in alts if typing.get_origin(a) is list), None)
        scalar = next((a for a in alts if not _is_model(a) and typing.get_origin(a) is not list), None)
        note = _note(field, scalar if scalar is not None else lst)
        if isinstance(value, list) or (value is None and lst is not None and scalar is None):
            item_type = typing.get_args(lst)[0]
            for i, item in enumerate(value or [None], start=1):
                if _is_model(item_type):
                    rows += flatten(item_type, item, (*key, i))
                else:
                    rows.append(((*key, i), item, note))
        elif sub is not None and (value is None or isinstance(value, dict)):
            rows += flatten(sub, value, key)
        else:
            rows.append((key, value, note))
    return rows


def _note(field: Any, annotation: Any) -> str:
    kind = {str: "teks", int: "bilangan bulat", float: "angka", dt.date: "tanggal (TTTT-BB-HH)"}
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        what = "daftar: satu baris per butir (.1, .2, ...)" if not _is_model(inner) else "daftar"
    else:
        what = kind.get(annotation, "teks")
    need = "; wajib" if field.is_required() else ""
    desc = f". {PETUNJUK.gettext(field.description)}" if field.description else ""
    return f"{what}{need}{desc}"


def key_text(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def nest(
    entries: list[tuple[tuple, Any, int]],
    path: tuple,
    lines: dict[tuple, int],
    problems: list[Problem],
    title: str,
    kletter: str,
) -> Any:
    """Build the nested data of key/value rows; list items are ordered by their number, gaps closed.

    ``entries`` are (key parts, value, sheet row); ``lines`` receives the first
    row of every data path (0-based list positions, as pydantic reports them).
    Conflicting keys become problems at the key cell (column ``kletter``).
    """
    if not entries:
        return {}
    lines[path] = min(r for _path, _value, r in entries)
    leaves = [e for e in entries if not e[0]]
    if leaves:
        if len(entries) > 1:
            row = max(r for _path, _value, r in entries)
            problems.append(
                Problem(
                    title,
                    row,
                    display(path),
                    _("{key} has a value (row {row}) and also sub-keys; expected one or the other").format(
                        key=display(path), row=leaves[0][2]
                    ),
                    cell=f"{kletter}{row}",
                )
            )
        return leaves[0][1]
    groups: dict[Any, list[tuple[tuple, Any, int]]] = {}
    for segs, v, r in entries:
        groups.setdefault(segs[0], []).append((segs[1:], v, r))
    numbered = [k for k in groups if isinstance(k, int)]
    if numbered and len(numbered) != len(groups):
        row = min(r for k in groups if not isinstance(k, int) for _path, _value, r in groups[k])
        problems.append(
            Problem(
                title,
                row,
                display(path),
                _("mixes numbered items and named keys; expected one kind"),
                cell=f"{kletter}{row}",
            )
        )
        return {}
    if numbered:
        return [nest(groups[k], (*path, i), lines, problems, title, kletter) for i, k in enumerate(sorted(numbered))]
    return {k: nest(groups[k], (*path, k), lines, problems, title, kletter) for k in groups}


def display(path: tuple) -> str:
    """A data path (0-based list positions) as the sheet writes it (1-based)."""
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)


def pydantic_problems(
    exc: ValidationError, lines: dict[tuple, int], key_rows: dict[str, int], title: str, kletter: str, vletter: str
) -> list[Problem]:
    """The model's complaints at the value cell of their key (``key_rows``: every key's row, filled or not)."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        key = display(loc)
        if err["type"] == "missing":
            row = key_rows.get(key)
            below = next((r for k, r in key_rows.items() if k.startswith(f"{key}.")), None)
            if row is not None:
                out.append(Problem(title, row, key, _("empty; expected a value (required)"), cell=f"{vletter}{row}"))
            elif below is not None:
                msg = _("empty; expected values in the {key}.* rows (required)").format(key=key)
                out.append(Problem(title, below, key, msg, cell=f"{vletter}{below}"))
            else:
                msg = _("{key}: missing; expected a row with this key and its value").format(key=key)
                out.append(Problem(title, None, None, msg))
            continue
        row = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        found = err.get("input")
        found_txt = "" if isinstance(found, dict | list) else _("; found {found}").format(found=repr(found))
        msg = validation_message(err)
        if row is None:
            out.append(Problem(title, None, None, f"{key}: {msg}{found_txt}"))
        elif loc in lines:
            out.append(Problem(title, row, key, f"{msg}{found_txt}", cell=f"{vletter}{row}"))
        else:  # an unknown key inside a list item, a check of a whole item, ...
            out.append(Problem(title, row, key, f"{msg}{found_txt}", cell=f"{kletter}{row}"))
    return out
