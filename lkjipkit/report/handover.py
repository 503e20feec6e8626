"""What a build hands its chapters: the loaded dataset, the year's analysis and its review findings, once.

Without it every chapter kernel would load and validate the dataset again, analyse the year again
and review it again. The build (:func:`lkjipkit.publish.build_report`) does that once, then
:func:`write` pickles the result into a folder of its own and tells the kernels where it is and the
key it is signed with, in two environment variables (:func:`environment`). In a kernel,
:func:`lkjipkit.report.open_chapter` asks :func:`read` for it and loads the dataset itself when there
is nothing usable:

- no variables (a chapter run on its own: JupyterLab, plain papermill);
- a file that is not where a build puts it (a folder named ``lkjip-build-*``, the file
  :data:`FILE_NAME`), cannot be read, or whose signature does not match the key: it is never
  unpickled, so a planted or altered file is never run;
- a hand-over of another dataset, year or lkjipkit version, or of a dataset whose files have
  changed since (its fingerprint, :func:`lkjipkit.dataset.fingerprint`, is computed again).

It lives in :mod:`lkjipkit.report` because the chapters read it; the build (:mod:`lkjipkit.publish`,
above) writes it. It imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import secrets
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

#: The environment variable with the hand-over's path.
PATH_VARIABLE = "LKJIP_BUILD_CACHE"
#: The environment variable with the key (hex) the hand-over is signed with.
KEY_VARIABLE = "LKJIP_BUILD_CACHE_KEY"
#: The hand-over's file name, in a folder ``lkjip-build-*`` made by :func:`folder`.
FILE_NAME = "handover.pickle"
FOLDER_PREFIX = "lkjip-build-"

_DIGEST = hashlib.sha256
_DIGEST_SIZE = _DIGEST().digest_size

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Handover:
    """One agency-year as the build loaded and analysed it."""

    dataset_path: str
    """The dataset's resolved path (what the chapters' ``dataset`` parameter names)."""
    year: int
    fingerprint: str
    """The dataset's fingerprint when it was loaded."""
    version: str
    """The lkjipkit version that wrote it."""
    dataset: Any
    """The loaded, validated :class:`~lkjipkit.dataset.Dataset`."""
    analysis: Any
    """The year's :class:`~lkjipkit.analysis.YearAnalysis`, its parts computed."""
    findings: tuple
    """The year's review findings (:func:`lkjipkit.review.review`)."""


def folder() -> tempfile.TemporaryDirectory:
    """A fresh private folder for one build's hand-over (removed when the build ends)."""
    return tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX)


def hand_over(directory: str | Path, dataset_path: str | Path, analysis: Any, findings) -> dict[str, str]:
    """Compute every part of ``analysis`` (a :class:`~lkjipkit.analysis.YearAnalysis`) and hand it over with
    its dataset and the review ``findings`` (:func:`write`); the kernels' environment variables, or none
    when the file cannot be written (the chapters then load for themselves)."""
    from lkjipkit import __version__

    settle(analysis)
    ds = analysis.ds
    handover = Handover(
        str(Path(dataset_path).resolve()), analysis.year, ds.fingerprint, __version__, ds, analysis, tuple(findings)
    )
    try:
        return write(directory, handover)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("the chapters load the dataset themselves: no hand-over (%s: %s)", type(exc).__name__, exc)
        return {}


def settle(analysis: Any) -> None:
    """Compute each part of ``analysis`` that is computed on first use (its cached properties), so that the
    chapters receive them computed; a part the year cannot have (it raises) is left for a chapter to report."""
    for cls in reversed(type(analysis).__mro__):
        for name, attr in vars(cls).items():
            if isinstance(attr, cached_property):
                try:
                    getattr(analysis, name)
                except Exception as exc:  # the chapter that reads it raises the same, in its own cell
                    log.debug("hand-over: %s.%s not computed: %s", type(analysis).__name__, name, exc)


def write(directory: str | Path, handover: Handover) -> dict[str, str]:
    """Pickle ``handover`` into ``directory`` (a :func:`folder`), signed with a fresh key; the environment
    variables that tell a kernel where it is and the key."""
    from lkjipkit import __version__

    if handover.version != __version__:
        raise ValueError(f"a hand-over of lkjipkit {handover.version}, this is {__version__}")
    key = secrets.token_bytes(32)
    data = pickle.dumps(handover, protocol=pickle.HIGHEST_PROTOCOL)
    path = Path(directory) / FILE_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(hmac.new(key, data, _DIGEST).digest() + data)
    return {PATH_VARIABLE: str(path), KEY_VARIABLE: key.hex()}


def read(dataset_path: str | Path, year: int | str | None) -> Handover | None:
    """The build's hand-over for this dataset and year (``0``/None: any year), or None when there is none
    that is safe and current (see the module's description). Never raises."""
    where, key = os.environ.get(PATH_VARIABLE), os.environ.get(KEY_VARIABLE)
    if not where or not key:
        return None
    try:
        handover = _load(Path(where), bytes.fromhex(key))
        if handover is None or not _current(handover, Path(dataset_path), year):
            return None
        return handover
    except Exception as exc:  # a hand-over that cannot be used is no error: the chapter loads for itself
        log.debug("build hand-over at %s not used: %s: %s", where, type(exc).__name__, exc)
        return None


def _load(path: Path, key: bytes) -> Handover | None:
    if not path.is_absolute() or path.name != FILE_NAME or not path.parent.name.startswith(FOLDER_PREFIX):
        log.debug("build hand-over %s: not a build's own file", path)
        return None
    blob = path.read_bytes()
    mac, data = blob[:_DIGEST_SIZE], blob[_DIGEST_SIZE:]
    if len(mac) != _DIGEST_SIZE or not hmac.compare_digest(mac, hmac.new(key, data, _DIGEST).digest()):
        log.debug("build hand-over %s: signature does not match", path)
        return None
    handover = pickle.loads(data)  # noqa: S301 - signed by the build that started this kernel, checked above
    return handover if isinstance(handover, Handover) else None


def _current(handover: Handover, dataset_path: Path, year: int | str | None) -> bool:
    """The hand-over is of this dataset (path and unchanged files), year and lkjipkit version."""
    from lkjipkit import __version__
    from lkjipkit.dataset import fingerprint

    if handover.version != __version__ or handover.dataset_path != str(dataset_path.resolve()):
        return False
    if handover.dataset.resolve_year(year) != handover.year:
        return False
    return fingerprint(dataset_path.resolve()) == handover.fingerprint
