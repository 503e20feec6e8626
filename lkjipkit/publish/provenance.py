"""What a report was made from, written beside it as ``provenance.json``.

Python and the versions of every package lkjipkit depends on, the git commit of the lkjipkit checkout (when it runs
from one), the dataset's path and SHA-256 fingerprint, the parameters, the
chapter notebooks (with their own SHA-256) and how long every step took.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path
from typing import Any

from lkjipkit import __version__, config

from .output import GENERATOR

TOOLS = ("papermill", "nbconvert", "nbclient", "ipykernel", "weasyprint", "pandas", "matplotlib")


def git_commit(root: Path | None = None) -> dict[str, Any] | None:
    """``{"commit": sha, "dirty": bool}`` of the checkout lkjipkit runs from, or None outside one."""
    root = root or config.PROJECT_ROOT
    if not (root / ".git").exists():
        return None
    try:
        sha = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", "lkjipkit", "notebooks"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": sha, "dirty": bool(status.strip())}


def _dependencies() -> list[str]:
    """lkjipkit's declared runtime dependencies and optional ``cluster`` extra, as installed (pyproject.toml)."""
    try:
        declared = requires("lkjipkit") or []
    except PackageNotFoundError:  # pragma: no cover - lkjipkit runs installed (setup.sh installs it editable)
        return []
    names = []
    for spec in declared:  # "pandas>=2.2", 'distributed>=2024.1; extra == "cluster"'
        marker = spec.partition(";")[2].replace("'", '"')
        if not marker or re.search(r'extra\s*==\s*"cluster"', marker):
            names.append(re.split(r"[<>=!~\[ ;(]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-"))
    return names


def tool_versions() -> dict[str, str]:
    """Python and the installed version of every package the report depends on (the build tools first).

    With ``requirements.lock`` (``scripts/setup.sh``) these are its versions; a rerun in another
    environment can be compared package by package.
    """
    out = {"python": platform.python_version()}
    for name in dict.fromkeys([*TOOLS, *_dependencies()]):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def record(**fields: Any) -> dict[str, Any]:
    """The provenance record: fixed header fields, then what the build passes."""
    return {
        "generator": GENERATOR,
        "lkjipkit_version": __version__,
        "git": git_commit(),
        **fields,
        "tools": tool_versions(),
    }


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path
