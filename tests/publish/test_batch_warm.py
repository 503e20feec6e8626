"""A batch worker keeps its warm kernel from one report to the next: nothing of one report reaches the next,
a kernel that dies is replaced, and no kernel outlives the batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from build_helpers import still_running

from lkjipkit.publish.batch import plan, run

pytestmark = pytest.mark.slow

ACROSS = Path(__file__).parent / "fixtures" / "across_reports"


def _variant(seed_path: Path, dst: Path, slug: str) -> Path:
    shutil.copytree(seed_path, dst)
    text = (dst / "profil.yaml").read_text().replace("slug: balikpapan-disnakersos", f"slug: {slug}")
    (dst / "profil.yaml").write_text(text)
    return dst


def _batch(seed_path: Path, tmp_path: Path, monkeypatch, slugs: list[str]):
    """``slugs`` built one after the other by one worker; the summary and the kernels' log lines
    (slug, kernel pid, its parent's pid, the hand-over path)."""
    log = tmp_path / "kernels.txt"
    monkeypatch.setenv("LKJIP_TEST_KERNELS", str(log))
    datasets = [_variant(seed_path, tmp_path / slug, slug) for slug in slugs]
    jobs = plan(datasets, [2016], tmp_path / "reports", ("html",), notebooks=ACROSS, allow_dropped_outputs=True)
    summary = run(jobs, workers=1, formats=("html",), notebooks=ACROSS, progress=False, force=True)
    lines = [line.split() for line in log.read_text().splitlines()]
    return summary, [(slug, int(kernel), int(parent), cache) for slug, kernel, parent, cache in lines]


def test_a_worker_builds_the_next_report_on_the_same_kernel_with_nothing_of_the_previous_left(
    seed_path, tmp_path, monkeypatch
):
    summary, kernels = _batch(seed_path, tmp_path, monkeypatch, ["kota-satu", "kota-dua"])
    # the chapter of the second report asserts a fresh kernel's state and its own hand-over, after the
    # first report changed all of it on the same kernel
    assert summary.ok, summary.lines()
    assert [k[0] for k in kernels] == ["kota-satu", "kota-dua"]
    (_, kernel_1, worker_1, cache_1), (_, kernel_2, worker_2, cache_2) = kernels
    assert (kernel_1, worker_1) == (kernel_2, worker_2), "the second report started a kernel of its own"
    assert cache_1 != cache_2 and not Path(cache_1).exists() and not Path(cache_2).exists()
    assert still_running({kernel_1, worker_1}) == set(), "a kernel or worker outlived the batch"


def test_a_report_whose_kernel_dies_leaves_the_next_report_of_the_worker_a_new_kernel(seed_path, tmp_path, monkeypatch):
    summary, kernels = _batch(seed_path, tmp_path, monkeypatch, ["kota-mati", "kota-baik"])
    outcomes = {o.job.slug: o for o in summary.outcomes}
    assert outcomes["kota-mati"].status == "failed"
    assert "01_lintas" in outcomes["kota-mati"].reason
    assert outcomes["kota-baik"].status == "built", outcomes["kota-baik"].reason
    (_, dead, worker_1, _), (_, kernel, worker_2, _) = kernels
    assert worker_1 == worker_2, "the failed report cost the worker"
    assert kernel != dead
    assert still_running({dead, kernel, worker_1}) == set(), "a kernel or worker outlived the batch"
