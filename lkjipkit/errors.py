"""One exception root for everything lkjipkit raises on purpose.

Each error carries what a user needs to fix the cause: the file, row and column
of a bad value, the chapter and cell of a failed notebook, and so on. The
command line prints ``str(error)`` and exits non-zero; it never shows a
traceback for these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from lkjipkit.i18n import N_, _, ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input: where, and what was found versus expected."""

    file: str
    row: int | None
    column: str | None
    message: str
    cell: str | None = None
    """In an Excel workbook: the cell or range (``F23``, ``A5:B7``); ``file`` is then the sheet name and
    the problem reads ``Sheet!F23 (column): message``."""

    def __str__(self) -> str:
        return self.format()

    def format(self, folder: str = "") -> str:
        """``file:row:column: message``, the file prefixed with ``folder`` when given.

        A workbook problem (``cell`` set) reads ``Sheet!F23 (column): message``; ``folder`` does not apply.
        """
        if self.cell is not None:
            where = f"{self.file}!{self.cell}" + (f" ({self.column})" if self.column else "")
            return f"{where}: {self.message}"
        where = f"{folder.rstrip('/')}/{self.file}" if folder else self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}" if self.row is not None else f"::{self.column}"
        return f"{where}: {self.message}"


class LkjipError(Exception):
    """Root of all lkjipkit errors."""


class DatasetError(LkjipError):
    """A dataset could not be loaded: one or more problems, all reported at once."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        self.source = source
        n = len(self.problems)
        head = f"{source}: " if source else ""
        count = ngettext("{n} error", "{n} errors", n).format(n=n)
        super().__init__(f"{head}{count}\n" + "\n".join(map(str, self.problems)))

    def lines(self) -> list[str]:
        """One ``path/file:row:column: message`` line per problem."""
        folder = "" if self.source.lower().endswith((".xlsx", ".xlsm")) else self.source
        return [p.format(folder) for p in self.problems]


class DatasetNotFoundError(LkjipError):
    """The dataset path does not exist or is not a dataset folder or workbook."""


class YearError(LkjipError):
    """A year was asked for that the dataset does not cover."""


class BuildError(LkjipError):
    """A report could not be built."""


class ChapterExecutionError(BuildError):
    """A chapter notebook failed while executing.

    Attributes name the chapter, the failing cell and the cause in a user's
    terms; ``notebook_path`` is where the failed notebook was kept.
    """

    def __init__(self, chapter: str, cell_index: int | None, ename: str, evalue: str, notebook_path: str | None):
        self.chapter = chapter
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
        self.notebook_path = notebook_path
        if cell_index is None:
            lead = _("chapter {chapter} failed: {ename}: {evalue}")
        else:
            lead = _("chapter {chapter}, cell {cell} failed: {ename}: {evalue}")
        message = lead.format(chapter=chapter, cell=cell_index, ename=ename, evalue=evalue)
        if notebook_path:
            message += "\n" + _("The failed notebook is kept at {path}").format(path=notebook_path)
        super().__init__(message)


class FileAccessError(LkjipError):
    """A file or folder could not be read or written: the path, why, and what to do about it.

    Made from the :class:`OSError` the system raised (:meth:`from_os_error`), so that every
    command says the same thing about the same fault.
    """

    _ADVICE: ClassVar[dict[str, str]] = {
        "ENOSPC": N_("the disk is full: free some space and try again"),
        "EDQUOT": N_("the disk quota is used up: free some space and try again"),
        "EROFS": N_("the file system is read-only: choose a folder on a writable disk"),
        "EACCES": N_(
            "permission denied: close the file if another program (e.g. Excel) has it open and try again, "
            "or check the folder's permissions"
        ),
        "EPERM": N_("not permitted: check the folder's permissions"),
        "ENAMETOOLONG": N_("the name is longer than the file system allows: choose a shorter path or name"),
        "ENOTDIR": N_("a part of the path is a file, not a folder"),
        "EISDIR": N_("it is a folder, not a file"),
        "EEXIST": N_("it already exists"),
        "ENOENT": N_("it does not exist"),
        "EBUSY": N_("it is in use: close the program using it and try again"),
    }

    def __init__(self, path: str, reason: str, errno_name: str = "") -> None:
        self.path = path
        self.reason = reason
        self.errno_name = errno_name
        super().__init__(f"{path}: {reason}" if path else reason)

    @classmethod
    def from_os_error(cls, exc: OSError, path: str | None = None, doing: str = ""):
        """The error for ``exc``; ``path`` defaults to the file the system named, ``doing`` says what failed
        (already in the command's language: ``_("writing the report")``)."""
        import errno as errno_module

        name = errno_module.errorcode.get(exc.errno or 0, "")
        if getattr(exc, "winerror", None) in (32, 33):  # Windows: the file is open (locked) in another program
            name = "EACCES"
        where = path if path is not None else (exc.filename if exc.filename is not None else "")
        advice = cls._ADVICE.get(name)
        reason = _(advice) if advice else (exc.strerror or str(exc))
        if name == "EEXIST" and os.path.isfile(where):  # mkdir where a file is
            reason = _("it is a file where a folder is expected: rename or remove it, or choose another path")
        if doing:
            reason = _("{doing} failed: {reason}").format(doing=doing, reason=reason)
        return cls(str(where), reason, name)


class OutputError(FileAccessError, BuildError):
    """The output of a build could not be written (a full disk, a read-only folder, a name too long)."""
