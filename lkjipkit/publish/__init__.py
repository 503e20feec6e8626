"""Publish reports: execute the chapter notebooks, assemble one page, write it in every format (docs/build.md).

:mod:`.core` builds one agency-year (``build_report``), :mod:`.batch` many;
:mod:`.formats` is the registry of output formats (HTML, PDF); :mod:`.assemble`
places the chapters and the front matter (made by :mod:`lkjipkit.report.front`)
on the page; :mod:`.export` holds the nbconvert exporters.

``build_report`` and ``BuildResult`` are imported on first use, so that the
kernel-side helper (:mod:`lkjipkit.publish._kernel`) and the nbconvert exporters
load without papermill.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core import BuildResult, build_report

__all__ = ["BuildResult", "build_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
