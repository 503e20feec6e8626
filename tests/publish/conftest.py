"""Fixtures of the build tests: a report built once from the fixture chapter notebooks; chapters stood in for."""

from __future__ import annotations

import pytest
from build_helpers import REPORT_CHAPTERS, FakeExecutor


@pytest.fixture(scope="session")
def built_report(tmp_path_factory, seed_path):
    """The fixture chapters built to HTML and PDF from the embedded dataset (once per test session)."""
    from lkjipkit.publish import build_report

    out = tmp_path_factory.mktemp("built") / "balikpapan-disnakersos" / "2016"
    return build_report(seed_path, 2016, out, notebooks=REPORT_CHAPTERS, progress=False)


@pytest.fixture
def fake(monkeypatch):
    """build_report with its chapters 'executed' by :class:`build_helpers.FakeExecutor` (no kernel)."""
    from lkjipkit.publish import core

    FakeExecutor.fail = None
    monkeypatch.setattr(core, "Executor", FakeExecutor)
    return FakeExecutor
