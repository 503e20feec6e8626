"""Paths and helpers shared by the build tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT_CHAPTERS = FIXTURES / "report"
BROKEN_CHAPTERS = FIXTURES / "broken"


def needs(program: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(program) is None, reason=f"{program} is not installed (scripts/setup.sh)")
