"""What a report was made from, written beside it as ``provenance.json``.

Package and tool versions, the git commit of the lkjipkit checkout (when it runs
from one), the dataset's path and SHA-256 fingerprint, the parameters, the
chapter notebooks (with their own SHA-256) and how long every step took.
"""

from __future__ import annotations

import json
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
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


def tool_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in TOOLS:
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
