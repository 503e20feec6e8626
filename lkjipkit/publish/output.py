"""The output folder of a report, replaced atomically.

A build writes into a fresh hidden folder beside the target
(``reports/<slug>/.<year>.building-XXXX``). Only when everything succeeded is
it swapped in for the previous report, in one step where the system allows it
(Linux ``renameat2(RENAME_EXCHANGE)``), else by two renames. A failed build
moves its folder to ``<year>.failed`` (replacing an older one) so the executed
notebooks can be debugged, and never touches the previous report. A lock file
(``.<year>.lock``) keeps two builds of the same report from interleaving.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
from pathlib import Path

from lkjipkit.errors import BuildError

PROVENANCE = "provenance.json"
GENERATOR = "lkjipkit"


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
    build as :attr:`failed` (or deletes it on Ctrl-C) and leaves ``target`` as it was.
    """

    def __init__(self, target: Path):
        self.target = Path(target).absolute()
        self.parent = self.target.parent
        self.failed = self.parent / f"{self.target.name}.failed"
        self.tmp: Path | None = None
        self._lock = None
        self.state = "new"

    def __enter__(self) -> OutputFolder:
        if self.target.exists() and not is_report_folder(self.target):
            raise BuildError(
                f"{self.target} exists and is not a report built by lkjip (no {PROVENANCE}); "
                "refusing to replace it: choose another --out folder or remove it"
            )
        self.parent.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        for stale in self.parent.glob(f".{self.target.name}.building-*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        self.tmp = self.parent / f".{self.target.name}.building-{secrets.token_hex(4)}"
        self.tmp.mkdir()
        self.state = "open"
        return self

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no lock
            return
        self._lock = open(self.parent / f".{self.target.name}.lock", "w")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise BuildError(f"another build of {self.target} is running; try again when it has finished") from None

    def commit(self) -> None:
        """Put the finished build in place of the previous report."""
        assert self.tmp is not None and self.state == "open"
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
        shutil.rmtree(self.failed, ignore_errors=True)  # an older failure is no longer news
        self.state = "done"

    def fail(self) -> Path:
        """Keep the partial build as ``<name>.failed`` (replacing an older one); its new place."""
        assert self.tmp is not None
        if self.state == "open":
            shutil.rmtree(self.failed, ignore_errors=True)
            os.rename(self.tmp, self.failed)
            self.state = "failed"
        return self.failed

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.state == "open":
                if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
                    shutil.rmtree(self.tmp, ignore_errors=True)
                    self.state = "abandoned"
                else:
                    self.fail()
        finally:
            if self._lock is not None:
                with contextlib.suppress(OSError):
                    self._lock.close()
                self._lock = None
