"""The output folder of a report, replaced atomically.

A build writes into a fresh hidden folder beside the target
(``reports/<slug>/.<year>.building-XXXX``). Only when everything succeeded is
it swapped in for the previous report, in one step where the system allows it
(Linux ``renameat2(RENAME_EXCHANGE)``), else by two renames. A failed build
moves its folder to ``<year>.failed`` (replacing an older one) so the executed
notebooks can be debugged, and never touches the previous report. A lock file
(``.<year>.lock``, removed when the build ends) keeps two builds of the same report from interleaving.

Faults of the disk itself become :class:`~lkjipkit.errors.OutputError` naming the
path: a name longer than the file system allows is refused before anything is
written (:func:`check_output_path`), a folder that cannot be written is reported
as such, and a build that fills the disk is removed rather than kept, so that
it does not keep the disk full.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import secrets
import shutil
from pathlib import Path

from lkjipkit.errors import BuildError, OutputError
from lkjipkit.i18n import _

PROVENANCE = "provenance.json"
GENERATOR = "lkjipkit"
SIBLING_EXTRA = len(".") + len(".building-") + 8
"""Bytes the longest name made beside the report (``.<name>.building-XXXXXXXX``) adds to its name."""
INSIDE_RESERVE = 128
"""Bytes kept free below PATH_MAX for the files inside the report (``notebooks/NN_chapter.ipynb``)."""
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def _limit(path: Path, name: str, default: int) -> int:
    """``os.pathconf`` of the nearest existing folder above ``path``; ``default`` where unknown."""
    for folder in (path, *path.parents):
        try:
            if folder.is_dir():
                return os.pathconf(folder, name)
        except (OSError, ValueError, AttributeError):
            return default
    return default


def check_output_path(target: Path) -> None:
    """Refuse an output folder whose names would exceed the file system's limits, before writing anything.

    Raises
    ------
    OutputError
        A part of the path is longer than NAME_MAX (for the report folder itself: with room for the
        build folder beside it), or the path, with room for the files inside, longer than PATH_MAX.
    """
    target = Path(target).absolute()
    name_max = _limit(target.parent, "PC_NAME_MAX", 255)
    path_max = _limit(target.parent, "PC_PATH_MAX", 4096)
    for part in target.parts[1:]:
        size = len(os.fsencode(part))
        allowed = name_max - SIBLING_EXTRA if part == target.name else name_max
        if size > allowed:
            raise OutputError(
                str(target),
                (
                    _(
                        "the name {name}… is {size} bytes; the file system allows {allowed} here "
                        "(NAME_MAX {name_max}, less {extra} for the build folder beside it): "
                        "choose a shorter --out folder (or a shorter instansi.slug in profil.yaml)"
                    )
                    if part == target.name
                    else _(
                        "the name {name}… is {size} bytes; the file system allows {allowed} here "
                        "(NAME_MAX {name_max}): choose a shorter --out folder "
                        "(or a shorter instansi.slug in profil.yaml)"
                    )
                ).format(name=repr(part[:40]), size=size, allowed=allowed, name_max=name_max, extra=SIBLING_EXTRA),
                "ENAMETOOLONG",
            )
    size = len(os.fsencode(target)) + SIBLING_EXTRA + INSIDE_RESERVE
    if size > path_max:
        raise OutputError(
            str(target),
            _(
                "the path is too long for the file system ({size} bytes with the files inside the report, "
                "PATH_MAX {path_max}): choose an --out folder nearer the root"
            ).format(size=size, path_max=path_max),
            "ENAMETOOLONG",
        )


def disk_full(exc: BaseException | None) -> bool:
    """``exc``, or an exception it was raised from, is a full disk or quota."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def is_report_folder(path: Path) -> bool:
    """A folder lkjip built before (its provenance says so), or an empty one: safe to replace."""
    if not path.is_dir():
        return False
    if not any(path.iterdir()):
        return True
    try:
        return json.loads((path / PROVENANCE).read_text(encoding="utf-8")).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class OutputFolder:
    """``with OutputFolder(target) as out:`` build into ``out.tmp``, then ``out.commit()``.

    Leaving the block without :meth:`commit` (an exception) keeps the partial
    build as :attr:`failed` (or deletes it on Ctrl-C, or when the disk is full)
    and leaves ``target`` as it was. An :class:`OSError` while the folder is
    prepared or swapped in is raised as :class:`~lkjipkit.errors.OutputError`.
    """

    def __init__(self, target: Path):
        self.target = Path(target).absolute()
        self.parent = self.target.parent
        self.failed = self.parent / f"{self.target.name}.failed"
        self.tmp: Path | None = None
        self._lock = None
        self.state = "new"

    def __enter__(self) -> OutputFolder:
        check_output_path(self.target)
        try:
            if self.target.exists() and not is_report_folder(self.target):
                raise BuildError(
                    _(
                        "{target} exists and is not a report built by lkjip (no {provenance}); "
                        "refusing to replace it: choose another --out folder or remove it"
                    ).format(target=self.target, provenance=PROVENANCE)
                )
            self.parent.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            for stale in self.parent.glob(f".{self.target.name}.building-*"):  # left by a build that was killed
                shutil.rmtree(stale, ignore_errors=True)
            self.tmp = self.parent / f".{self.target.name}.building-{secrets.token_hex(4)}"
            self.tmp.mkdir()
        except OSError as exc:
            self._release()
            raise OutputError.from_os_error(exc, doing=_("preparing the output folder")) from exc
        self.state = "open"
        return self

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no lock
            return
        path = self._lock_path
        while True:
            lock = open(path, "w")  # noqa: SIM115 - held until __exit__
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock.close()
                raise BuildError(
                    _("another build of {target} is running; try again when it has finished").format(target=self.target)
                ) from None
            try:
                same = os.stat(path).st_ino == os.fstat(lock.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock = lock
                return
            lock.close()  # the build that held it removed the file after we opened it: take a fresh one

    @property
    def _lock_path(self) -> Path:
        return self.parent / f".{self.target.name}.lock"

    def commit(self) -> None:
        """Put the finished build in place of the previous report."""
        assert self.tmp is not None and self.state == "open"
        try:
            self._swap_in()
        except OSError as exc:
            raise OutputError.from_os_error(exc, doing=_("putting the new report in place")) from exc
        shutil.rmtree(self.failed, ignore_errors=True)  # an older failure is no longer news
        self.state = "done"

    def _swap_in(self) -> None:
        if self.target.exists():
            if _exchange(self.tmp, self.target):
                shutil.rmtree(self.tmp, ignore_errors=True)  # now the previous report
            else:
                old = self.parent / f".{self.target.name}.old-{secrets.token_hex(4)}"
                os.rename(self.target, old)
                try:
                    os.rename(self.tmp, self.target)
                except OSError:
                    os.rename(old, self.target)
                    raise
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.tmp, self.target)

    def fail(self) -> Path:
        """Keep the partial build as ``<name>.failed`` (replacing an older one); its new place.

        Raises
        ------
        OSError
            It could not be moved there; it is removed instead (see :meth:`discard`).
        """
        assert self.tmp is not None
        if self.state == "open":
            shutil.rmtree(self.failed, ignore_errors=True)
            try:
                os.rename(self.tmp, self.failed)
            except OSError:
                self.discard()
                raise
            self.state = "failed"
        return self.failed

    def discard(self) -> None:
        """Remove the partial build, and an older ``.failed`` one (a full disk: nothing is kept)."""
        if self.state == "open":
            shutil.rmtree(self.tmp, ignore_errors=True)
            shutil.rmtree(self.failed, ignore_errors=True)
            self.state = "abandoned"

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.state == "open":
                if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
                    shutil.rmtree(self.tmp, ignore_errors=True)
                    self.state = "abandoned"
                elif disk_full(exc):
                    self.discard()
                else:
                    with contextlib.suppress(OSError):  # the error that ended the build is the news
                        self.fail()
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock_path.unlink()  # while still held, so no empty .<year>.lock stays beside the report
            with contextlib.suppress(OSError):
                self._lock.close()
            self._lock = None
