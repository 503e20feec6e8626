"""`lkjip batch` with real builds: a pool of workers, a Dask LocalCluster, the unchanged rerun."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.publish.batch import plan, run

pytestmark = pytest.mark.slow


def _variant(seed_path: Path, dst: Path, slug: str) -> Path:
    shutil.copytree(seed_path, dst)
    text = (dst / "profil.yaml").read_text().replace("slug: balikpapan-disnakersos", f"slug: {slug}")
    (dst / "profil.yaml").write_text(text)
    return dst


def test_batch_builds_the_good_reports_and_reports_the_broken_one(seed_path: Path, tmp_path: Path):
    other = _variant(seed_path, tmp_path / "lain", "kota-lain")
    broken = _variant(seed_path, tmp_path / "rusak", "rusak")
    (broken / "iku.csv").write_text((broken / "iku.csv").read_text().replace(",positif,", ",naik,", 1))
    out = tmp_path / "reports"
    args = ["batch", str(seed_path), str(other), str(broken), "--year", "2016", "--jobs", "2"]
    args += ["--out-root", str(out), "--format", "html"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert (out / "balikpapan-disnakersos" / "2016" / "laporan.html").is_file()
    assert (out / "kota-lain" / "2016" / "laporan.html").is_file()
    assert not (out / "rusak").exists()
    assert "iku.csv:2:polaritas" in result.output
    assert "2 built, 1 failed, 0 skipped of 3 reports" in result.output
    # not on a terminal: one line per event, each real chapter of each report named as it starts
    assert re.search(r"\] kota-lain/2016: chapter [1-6]/6 03_akuntabilitas_kinerja\n", result.output), result.output
    assert "] balikpapan-disnakersos/2016: export HTML" in result.output
    assert "[3/3] " in result.output and "all done" in result.output

    again = CliRunner().invoke(main, [*args[:3], "--year", "2016", "--out-root", str(out), "--format", "html"])
    assert again.exit_code == 0, again.output
    assert "0 built, 0 failed, 2 skipped of 2 reports" in again.output


def test_batch_on_a_dask_local_cluster(seed_path: Path, tmp_path: Path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        jobs = plan([seed_path], [2016], tmp_path / "reports", ("html",))
        summary = run(jobs, scheduler=cluster.scheduler_address, formats=("html",), progress=False)
    assert summary.ok, summary.lines()
    assert summary.count("built") == 1
    assert (tmp_path / "reports" / "balikpapan-disnakersos" / "2016" / "laporan.html").is_file()
