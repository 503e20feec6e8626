"""Code that runs *inside* a chapter kernel when the build reuses warm kernels.

A warm kernel imports what the chapters import once (pandas, matplotlib,
lkjipkit ...), records the process state a fresh kernel would have, and between
two chapters puts that state back: the user namespace and IPython history
(``%reset``, so execution counts start at 1 again), open matplotlib figures and
``rcParams``, pandas options, warning filters, working folder, ``sys.path`` and
environment variables. Imported modules stay imported; that is the point.

This module must stay cheap to import: it is imported in the kernel, not in the
builder, and it imports nothing of lkjipkit.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import warnings

_state: dict = {}


def expand(modules: list[str]) -> list[str]:
    """``modules`` and, of lkjipkit's own packages among them, their submodules (without importing any).

    A package such as ``lkjipkit.report`` imports its chapter modules (and through them matplotlib, the
    analysis) only when a chapter opens; a warm kernel imports them at once.
    """
    import importlib.util

    names = []
    for name in modules:
        names.append(name)
        if not name.startswith("lkjipkit."):
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        for info in pkgutil.iter_modules((spec and spec.submodule_search_locations) or []):
            if not info.name.startswith("_"):
                names.append(f"{name}.{info.name}")
    return names


def preload(modules: list[str]) -> list[str]:
    """Import ``modules`` and the submodules of lkjipkit's packages among them (:func:`expand`; skipping
    those that fail) and record the state to return to; the failures."""
    failed = []
    for name in expand(modules):
        try:
            importlib.import_module(name)
        except Exception:  # the chapter itself will report a broken import properly
            failed.append(name)
    _snapshot()
    return failed


def _snapshot() -> None:
    _state["cwd"] = os.getcwd()
    _state["path"] = list(sys.path)
    _state["environ"] = dict(os.environ)
    _state["filters"] = list(warnings.filters)
    mpl = sys.modules.get("matplotlib")
    _state["rc"] = dict(mpl.rcParams) if mpl is not None else None


def environment(values: dict[str, str]) -> None:
    """Set environment variables for the next chapter (the build's hand-over, :mod:`lkjipkit.publish.cache`);
    :func:`reset` removes them again."""
    os.environ.update(values)


def reset() -> None:
    """Return the kernel to the state recorded by :func:`preload`, as if it were fresh."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        rc = _state.get("rc")
        if rc is None:  # matplotlib was first imported by a chapter: its defaults are what a fresh kernel has
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                mpl.rcdefaults()
        else:
            dict.update(mpl.rcParams, rc)  # bypass validation: these values were valid when recorded
    pd = sys.modules.get("pandas")
    if pd is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pd.reset_option("all")
    warnings.filters[:] = _state.get("filters", warnings.filters)
    mutated = getattr(warnings, "_filters_mutated", None)  # invalidates the per-module "already warned" caches
    if mutated is not None:
        mutated()
    if "cwd" in _state:
        os.chdir(_state["cwd"])
        sys.path[:] = _state["path"]
        os.environ.clear()
        os.environ.update(_state["environ"])
    ip = _ipython()
    if ip is not None:
        ip.reset(new_session=True)


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - a kernel without IPython
        return None
    return get_ipython()
