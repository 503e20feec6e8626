"""Reading the files of a dataset into typed pandas tables, with located errors.

CSV files may come from a text editor or from Excel in an Indonesian locale:
UTF-8 with or without BOM, or Windows-1252; separated by ``,``, ``;`` or tab.
The number format follows the separator, as Excel writes it:

* ``,``-separated files use a decimal point (``92.59``, ``1234567``),
* ``;``-separated files use the Indonesian format (``92,59``, ``1.234.567``),
* tab-separated files use the Indonesian format when any number in them has a
  decimal comma.

Each format has one number grammar (:data:`NUMBER_GRAMMAR`), and nothing
outside it is a number: no exponent (``1e300``), no ``inf`` or ``NaN``, no
thousands separator in a ``,``-separated file (a quoted ``"51,470"`` could be
51470 or 51,47), at most 15 digits before the decimal point. A value that could
be read two ways (``65.76`` in a ``;`` file, ``65,76`` in a ``,`` file) is an
error naming what was expected, with Babel's suggestion, never a silent
misreading. In money columns a lone ``-`` means nil (0), as in Indonesian
budget tables.

Text is stripped of blanks and invisible format characters (zero-width space,
BOM) at both ends, so a cell of only such characters is empty; control
characters (NUL and the like) inside a text are errors.

Nothing in a dataset is executed: YAML is read with a safe loader that also
refuses anchors and aliases (``&a`` / ``*a``, the stuff of "billion laughs"
bombs) and leaves dates as text for the models to check. Files are read only
when they are regular files (never a FIFO or a device) within the limits of
:mod:`lkjipkit.dataset.limits`.
"""

from __future__ import annotations

import csv
import io
import re
import stat
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
import yaml

from lkjipkit.errors import Problem
from lkjipkit.i18n import _

from . import limits
from .spec import Column, Table

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_INT = re.compile(r"^[0-9]+$")
PANDAS_DTYPES = {
    "text": pd.StringDtype(),
    "code": pd.StringDtype(),
    "choice": pd.StringDtype(),
    "int": pd.Int64Dtype(),
    "year": pd.Int64Dtype(),
    "number": pd.Float64Dtype(),
    "percent": pd.Float64Dtype(),
    "money": pd.Float64Dtype(),
}
"""The pandas dtype of each column type. Dtype objects, not their names ("string", "Int64"): pandas looks a
name up by asking every registered extension type, and pandera, before asking pandas, tries geopandas'
types (a failed import) for every column of every schema it builds."""


def read_bytes(path: Path, file: str, what: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a dataset file, or the problem why they cannot be read.

    Only a regular file is read (a FIFO or a device would block or never end),
    and only up to :data:`~lkjipkit.dataset.limits.FILE_BYTES`; a file locked
    by another program (Excel) gets a message saying to close it. ``what`` is the
    kind of file expected, already translated (by default "a text file").
    """
    what = what or _("a text file")
    try:
        st = path.stat()
    except OSError as exc:
        return None, [Problem(file, None, None, _cannot_read(exc))]
    if not stat.S_ISREG(st.st_mode):
        if stat.S_ISFIFO(st.st_mode):
            kind = _("a FIFO (named pipe)")
        elif stat.S_ISDIR(st.st_mode):
            kind = _("a folder")
        elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            kind = _("a device")
        else:
            kind = _("not a regular file")
        return None, [Problem(file, None, None, _("this is {kind}; expected {what}").format(kind=kind, what=what))]
    if st.st_size > limits.FILE_BYTES.value:
        return None, [
            Problem(
                file,
                None,
                None,
                limits.FILE_BYTES.exceeded(_("the file has {n} bytes").format(n=limits.count(st.st_size))),
            )
        ]
    try:
        return path.read_bytes(), []
    except PermissionError:
        return None, [locked(file)]
    except OSError as exc:
        return None, [Problem(file, None, None, _cannot_read(exc))]


def _cannot_read(exc: OSError) -> str:
    return _("cannot read the file: {error}").format(error=exc.strerror or exc)


def locked(file: str) -> Problem:
    """The problem of a file another program holds (Windows locks a workbook open in Excel)."""
    return Problem(
        file,
        None,
        None,
        _(
            "permission denied: the file is open in another program (Excel?) or not readable by you; "
            "close the file and try again"
        ),
    )


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 (BOM or not), else Windows-1252; UTF-16 is one clear error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > min(len(raw), 200) // 4:
        return None, [
            Problem(
                file,
                None,
                None,
                _(
                    "the file is UTF-16 text (Excel's 'Unicode Text'); expected UTF-8 or Windows-1252: "
                    "save it again as 'CSV UTF-8 (Comma delimited)'"
                ),
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), []
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                file,
                None,
                None,
                _("cannot read the text (byte {position}): expected UTF-8 or Windows-1252").format(position=exc.start),
            )
        ]


def sniff_separator(header: str, known: set[str]) -> str:
    best, best_hits = ",", -1
    for sep in (",", ";", "\t"):
        names = [h.strip().strip('"').strip() for h in header.split(sep)]
        hits = sum(n in known for n in names)
        if hits > best_hits:
            best, best_hits = sep, hits
    return best


def _locale_for(sep: str, rows: list[list[str]], numeric_idx: list[int]) -> str:
    if sep == ";":
        return "id"
    if sep == ",":
        return "en"
    for row in rows:
        for i in numeric_idx:
            if i < len(row) and "," in row[i]:
                return "id"
    return "en"


def _locale_hint(locale: str) -> str:
    """The number format of ``locale`` ('id' or 'en'), as a message names it, in the current language."""
    if locale == "id":
        return _("Indonesian format of this ';'-separated file, e.g. 1.234.567 or 92,59")
    return _("format of this ','-separated file: a decimal point and no thousands separator, e.g. 1234567 or 92.59")


class NumberError(ValueError):
    """A text that is not a number in the expected format.

    ``hint`` is Babel's suggestion as the message ends with it (`` (did you mean '95' or '9.5'?)``), or ``""``.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _not_a_number(text: str, locale: str, hint: str = "") -> NumberError:
    message = _("expected a number in the {format}; found {text}{hint}").format(
        format=_locale_hint(locale), text=repr(text), hint=hint
    )
    return NumberError(message, hint)


def _too_many_digits(text: str) -> ValueError:
    return ValueError(
        _("found {text}, more than {digits} digits; expected a number below 10^{digits}").format(
            text=repr(text), digits=MAX_DIGITS
        )
    )


MAX_DIGITS = 15
"""Most digits before the decimal point: every number is below 10^15 (and exact as a float)."""

NUMBER_GRAMMAR = {
    "en": re.compile(r"^-?(?P<int>[0-9]+)(\.[0-9]+)?$"),
    "id": re.compile(r"^-?(?P<int>[0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$"),
}
"""The one number grammar of each format: ``en`` (``,``-separated files) and ``id`` (``;``, Excel text cells).

``en``: digits, optionally a decimal point and digits (``1234567``, ``92.59``, ``-3``).
``id``: digits, optionally grouped by ``.`` in threes, optionally a decimal comma and
digits (``1.234.567``, ``1234567``, ``92,59``). Blanks (also no-break spaces)
between digits are ignored. Nothing else is a number.
"""


def parse_number(text: str, locale: str) -> Decimal:
    """Parse a number in the grammar of a format ('id' or 'en'); raise ValueError with a hint."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    m = NUMBER_GRAMMAR[locale].match(s)
    if m:
        if len(m.group("int").replace(".", "").lstrip("0")) > MAX_DIGITS:
            raise _too_many_digits(text)
        if locale == "id":
            s = s.replace(".", "").replace(",", ".")
        return Decimal(s)
    from babel.numbers import NumberFormatError, parse_decimal  # only a text that is not a number needs Babel

    try:
        parse_decimal(s, locale=locale, strict=True)  # only for its suggestion, or to know it would accept
    except ArithmeticError:  # Babel itself fails on some inputs ('1,e30')
        raise _not_a_number(text, locale) from None
    except NumberFormatError as exc:
        hint = ""
        if getattr(exc, "suggestions", None):
            options = _(" or ").join(repr(x) for x in exc.suggestions)
            hint = _(" (did you mean {options}?)").format(options=options)
        raise _not_a_number(text, locale, hint) from None
    if locale == "en" and re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", s):
        raise ValueError(
            _(
                "found {text} with a thousands separator, which a ','-separated file does not use "
                "(it could be {plain} or a decimal comma); expected the {format}"
            ).format(text=repr(text), plain=s.replace(",", ""), format=_locale_hint(locale))
        )
    raise _not_a_number(text, locale)


def _blank_char(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def visible(text: str) -> str:
    """The text without blanks and invisible format characters (zero-width space, BOM, ...) at both ends."""
    i, j = 0, len(text)
    while i < j and _blank_char(text[i]):
        i += 1
    while j > i and _blank_char(text[j - 1]):
        j -= 1
    return text[i:j]


#: The control characters (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F) but tab and line
#: breaks; one regular expression instead of a look-up per character (thousands of rows have millions).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _check_text(s: str) -> None:
    """Raise ValueError for a control character (NUL, ...) or a text longer than the cell limit."""
    bad = _CONTROL.search(s)
    if bad is not None:
        raise ValueError(
            _(
                "the control character {code} at position {position}; expected printable text "
                "(retype the value: it was probably pasted from another program)"
            ).format(code=f"U+{ord(bad.group()):04X}", position=bad.start() + 1)
        )
    if len(s) > limits.CELL_CHARS.value:
        raise ValueError(limits.CELL_CHARS.exceeded(_("a text of {n} characters").format(n=limits.count(len(s)))))


def parse_cell(col: Column, text: str, locale: str) -> Any:
    """Turn one cell's text into a typed value (None when empty); raise ValueError if it does not fit."""
    s = visible(text)
    if s == "":
        return None
    _check_text(s)
    t = col.type
    if t == "text":
        return s
    if t == "code":
        if not _CODE.match(s):
            raise ValueError(
                _("expected a code of letters, digits, '.', '-' or '_' without spaces; found {text}").format(
                    text=repr(s)
                )
            )
        return s
    if t == "choice":
        v = s.lower()
        assert col.allowed is not None
        if v not in col.allowed:
            raise ValueError(
                _("expected one of {choices}; found {text}").format(choices=", ".join(col.allowed), text=repr(s))
            )
        return v
    if t in ("int", "year"):
        if not _INT.match(s):
            what = _("a four-digit year") if t == "year" else _("a whole number")
            raise ValueError(_("expected {what}; found {text}").format(what=what, text=repr(s)))
        if len(s.lstrip("0")) > MAX_DIGITS:
            raise _too_many_digits(s)
        v = int(s)
        if t == "year" and not 1900 <= v <= 2100:
            raise ValueError(_("expected a four-digit year between 1900 and 2100; found {text}").format(text=repr(s)))
        return v
    # number, percent, money
    if t == "money":
        if s == "-":
            return 0.0
        s = re.sub(r"^Rp\.?\s*", "", s, flags=re.IGNORECASE)
    if t == "percent":
        s = s.removesuffix("%").strip()
    return float(parse_number(s, locale))


def read_table(path: Path, table: Table, label: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV file of a dataset.

    Returns the typed DataFrame (columns in the order of the spec, optional
    missing columns added empty, a ``_row`` column with the file line number)
    and the problems found. The DataFrame is None when the file could not be
    read at all.
    """
    file = label or path.name
    raw, problems = read_bytes(path, file, _("a CSV file"))
    if raw is None:
        return None, problems
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    expected = ", ".join(c.name for c in table.columns if c.required)
    if not text.strip():
        message = _("the file is empty; expected a header row with: {columns}").format(columns=expected)
        return None, [Problem(file, None, None, message)]

    known = {c.name for c in table.columns}
    sep = sniff_separator(text.splitlines()[0], known)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        return None, [Problem(file, None, None, _("not a readable CSV file: {error}").format(error=exc))]

    header = [h.strip() for h in rows[0]]
    problems = []
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name == "" and all((len(r) <= i or not r[i].strip()) for r in rows[1:]):
            continue  # an empty trailing column, as Excel sometimes writes
        if name not in known:
            problems.append(
                Problem(
                    file,
                    1,
                    name or _("(column {n})").format(n=i + 1),
                    _("unknown column; expected one of: {columns}").format(columns=", ".join(sorted(known))),
                )
            )
        elif name in seen:
            problems.append(Problem(file, 1, name, _("column appears twice in the header")))
        seen.add(name)
    for col in table.columns:
        if col.required and col.name not in seen:
            message = _("missing column ({type}: {description})").format(type=col.type, description=_(col.description))
            problems.append(Problem(file, 1, col.name, message))
    if problems:
        return None, problems

    index = {name: i for i, name in enumerate(header) if name in known}
    numeric_idx = [index[c.name] for c in table.columns if c.name in index and c.type in ("number", "percent", "money")]
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if len(body) > limits.ROWS.value:
        return None, [
            Problem(file, None, None, limits.ROWS.exceeded(_("{n} data rows").format(n=limits.count(len(body)))))
        ]
    locale = _locale_for(sep, [r for __, r in body], numeric_idx)

    records: list[dict[str, Any]] = []
    for line, row in body:
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    _("expected {n} cells as in the header, found {found}").format(n=len(header), found=len(row)),
                )
            )
            continue
        rec: dict[str, Any] = {"_row": line}
        for col in table.columns:
            i = index.get(col.name)
            cell = row[i] if i is not None and i < len(row) else ""
            try:
                value = parse_cell(col, cell, locale)
            except ValueError as exc:
                problems.append(Problem(file, line, col.name, str(exc)))
                value = None
            else:
                if value is None and not col.nullable and i is not None:
                    message = _("empty; expected {what}").format(what=describe_expected(col))
                    problems.append(Problem(file, line, col.name, message))
            rec[col.name] = value
        records.append(rec)

    return typed_frame(table, records), problems


def typed_frame(table: Table, records: list[dict[str, Any]]) -> pd.DataFrame:
    """The frame of parsed rows (``_row`` and the declared columns, each of its pandas dtype).

    Each column is made at once in its dtype (``pandas.array``), not made as objects and converted.
    """
    columns: dict[str, Any] = {"_row": pd.array([rec["_row"] for rec in records], dtype="int64")}
    for col in table.columns:
        columns[col.name] = pd.array([rec[col.name] for rec in records], dtype=PANDAS_DTYPES[col.type])
    return pd.DataFrame(columns)


def describe_expected(col: Column) -> str:
    """What a cell of ``col`` should hold, with the column's description, in the current language."""
    what = {
        "text": _("some text"),
        "code": _("a code"),
        "choice": _("one of {choices}").format(choices=", ".join(col.allowed or ())),
        "int": _("a whole number"),
        "year": _("a four-digit year"),
        "number": _("a number"),
        "percent": _("a percentage"),
        "money": _("an amount in Rupiah"),
    }[col.type]
    return f"{what} ({_(col.description).rstrip('.')})"


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature a dataset file may not use."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader for dataset files: no anchors or aliases, dates left as text.

    Aliases are refused because a few of them nest into an exponential
    "billion laughs" structure that no later step could walk; a dataset has no
    use for them. Dates stay text so the models can say what is wrong with
    ``2017-02-30`` instead of a constructor crashing on it.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                problem=_("anchors and aliases (&name, *name) are not allowed in a dataset file; write the value out"),
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, dict[tuple, int], list[Problem]]:
    """Read a YAML file safely. Returns (data, {key path: line}, problems)."""
    file = label or path.name
    text, problems = read_bytes(path, file, _("a YAML file"))
    if text is None:
        return None, {}, problems
    decoded, problems = decode(text, file)
    if decoded is None:
        return None, {}, problems
    if not decoded.strip():
        return None, {}, [Problem(file, None, None, _("the file is empty"))]
    try:
        loader = _LineLoader(decoded)
        try:
            node = loader.get_single_node()  # parsed once: the nodes give the lines, then the data
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        msg = getattr(exc, "problem", None) or str(exc)
        return None, {}, [Problem(file, line, None, _("not valid YAML: {error}").format(error=msg))]
    except (ValueError, TypeError, OverflowError) as exc:  # a value the safe constructor cannot build
        return None, {}, [Problem(file, None, None, _("not valid YAML: {error}").format(error=exc))]
    lines: dict[tuple, int] = {}
    problems = []
    _walk(node, (), lines, problems, file)
    return data, lines, problems


def _walk(node: yaml.Node | None, path: tuple, lines: dict[tuple, int], problems: list[Problem], file: str) -> None:
    """Record the line of every key; a key given twice, or a text with control characters, is an error."""
    if node is None:
        return
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        try:
            _check_text(node.value)
        except ValueError as exc:
            problems.append(Problem(file, node.start_mark.line + 1, ".".join(map(str, path)) or None, str(exc)))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            where = (*path, k)
            if where in lines:
                problems.append(
                    Problem(
                        file,
                        key.start_mark.line + 1,
                        ".".join(map(str, where)),
                        _("key given twice (first on line {line}); expected it once").format(line=lines[where]),
                    )
                )
            lines[where] = key.start_mark.line + 1
            _walk(value, where, lines, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, problems, file)
