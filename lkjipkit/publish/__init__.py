"""Build a report: execute the chapter notebooks, export one HTML page and a PDF (see docs/build.md).

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
