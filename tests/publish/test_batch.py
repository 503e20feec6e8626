"""`lkjip batch` planning and bookkeeping: year ranges, refused duplicates, failures isolated, cache skip, --force.

The builds here are a stand-in that writes a file, so these tests pin the
batch logic itself; tests/publish/ and the slow batch test build real reports.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from lkjipkit.errors import LkjipError
from lkjipkit.publish.batch import parse_years, plan, run


class Calls:
    """The fake builds made, recorded in a file: each build runs in a process of its own."""

    def __init__(self, path: Path):
        self.path = path

    def add(self, name: str, year: int) -> None:
        with self.path.open("a") as f:
            f.write(f"{name} {year}\n")

    def __len__(self) -> int:
        return len(self.path.read_text().splitlines()) if self.path.exists() else 0


@pytest.fixture
def fake_build(monkeypatch, tmp_path):
    calls = Calls(tmp_path / "calls.txt")

    def build_report(dataset, year, out=None, formats=("html", "pdf"), progress=None, **kw):
        calls.add(Path(dataset).name, year)
        out.mkdir(parents=True, exist_ok=True)
        (out / "laporan.html").write_text("ok")

    import lkjipkit.publish

    monkeypatch.setattr(lkjipkit.publish, "build_report", build_report, raising=False)
    return calls


def _second_agency(seed_path: Path, dst: Path, slug: str) -> Path:
    shutil.copytree(seed_path, dst)
    text = (dst / "profil.yaml").read_text()
    (dst / "profil.yaml").write_text(text.replace("slug: balikpapan-disnakersos", f"slug: {slug}"))
    return dst


@pytest.mark.parametrize(
    "text, years",
    [("2016", [2016]), ("2015-2016", [2015, 2016]), ("2016,2014", [2014, 2016]), (" 2014 - 2016 ", [2014, 2015, 2016])],
)
def test_parse_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["16", "2016-2015", "abc", "2015..2016"])
def test_parse_years_rejects(text):
    with pytest.raises(LkjipError):
        parse_years(text)


def test_two_datasets_of_the_same_agency_year_are_refused_naming_both(seed_path, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(seed_path, twin)
    with pytest.raises(LkjipError) as err:
        plan([seed_path, twin], [2016], tmp_path / "out")
    assert str(seed_path) in str(err.value) and str(twin) in str(err.value)
    assert "balikpapan-disnakersos/2016" in str(err.value)


def test_one_broken_dataset_does_not_stop_the_others(fake_build, seed_path, tmp_path):
    other = _second_agency(seed_path, tmp_path / "other", "kota-lain")
    broken = _second_agency(seed_path, tmp_path / "broken", "rusak")
    (broken / "iku.csv").write_text("kode\n")
    jobs = plan([seed_path, other, broken], [2016], tmp_path / "out")
    summary = run(jobs, workers=1, progress=False)
    assert summary.count("built") == 2
    assert summary.count("failed") == 1
    failed = next(o for o in summary.outcomes if o.status == "failed")
    assert failed.job.slug == "rusak"
    assert "dataset does not validate" in failed.reason and "iku.csv" in failed.reason
    assert not summary.ok
    assert summary.lines()[-1] == "2 built, 1 failed, 0 skipped of 3 reports"


def test_a_year_without_report_entry_fails_alone(fake_build, seed_path, tmp_path):
    summary = run(plan([seed_path], [2015, 2016], tmp_path / "out"), workers=1, progress=False)
    by_year = {o.job.year: o for o in summary.outcomes}
    assert by_year[2016].status == "built"
    assert by_year[2015].status == "failed" and "no report year 2015" in by_year[2015].reason


def test_unchanged_inputs_are_skipped_and_force_rebuilds(fake_build, seed_path, tmp_path):
    data = tmp_path / "ds"
    shutil.copytree(seed_path, data)
    out = tmp_path / "out"
    assert run(plan([data], [2016], out), workers=1, progress=False).count("built") == 1
    again = run(plan([data], [2016], out), workers=1, progress=False)
    assert again.count("skipped") == 1 and len(fake_build) == 1
    forced = run(plan([data], [2016], out), workers=1, force=True, progress=False)
    assert forced.count("built") == 1 and len(fake_build) == 2
    # a data correction makes the report stale
    text = (data / "iku_tahunan.csv").read_text().replace("51.47", "51.48")
    (data / "iku_tahunan.csv").write_text(text)
    assert run(plan([data], [2016], out), workers=1, progress=False).count("built") == 1


def test_other_formats_are_other_inputs(fake_build, seed_path, tmp_path):
    out = tmp_path / "out"
    run(plan([seed_path], [2016], out, ("html",)), workers=1, progress=False, formats=("html",))
    again = run(plan([seed_path], [2016], out, ("html", "pdf")), workers=1, progress=False)
    assert again.count("built") == 1


def test_an_unchanged_batch_is_planned_without_loading_the_datasets(fake_build, seed_path, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(plan([seed_path], [2016], out), workers=1, progress=False)

    def must_not_load(path):
        raise AssertionError("an unchanged dataset was loaded again")

    monkeypatch.setattr("lkjipkit.dataset.load_dataset", must_not_load)
    again = run(plan([seed_path], [2016], out), workers=1, progress=False)
    assert again.count("skipped") == 1


def test_a_dataset_that_raises_and_one_that_hangs_do_not_stop_the_batch(seed_path, tmp_path, monkeypatch):
    raising = _second_agency(seed_path, tmp_path / "raising", "meledak")
    hanging = _second_agency(seed_path, tmp_path / "hanging", "macet")
    good = _second_agency(seed_path, tmp_path / "good", "kota-lain")

    def build_report(dataset, year, out=None, formats=("html", "pdf"), progress=None, **kw):
        if Path(dataset).name == "raising":
            raise RuntimeError("something nobody expected")
        if Path(dataset).name == "hanging":
            time.sleep(600)
        out.mkdir(parents=True, exist_ok=True)
        (out / "laporan.html").write_text("ok")

    import lkjipkit.publish

    monkeypatch.setattr(lkjipkit.publish, "build_report", build_report, raising=False)
    start = time.monotonic()
    jobs = plan([raising, hanging, good], [2016], tmp_path / "out", timeout=60)
    summary = run(jobs, workers=2, progress=False, timeout=3)
    assert time.monotonic() - start < 60
    reasons = {o.job.slug: (o.status, o.reason) for o in summary.outcomes}
    assert reasons["kota-lain"] == ("built", "")
    assert reasons["meledak"] == ("failed", "RuntimeError: something nobody expected")
    assert reasons["macet"] == ("failed", "timed out after 3 s (--timeout); stopped")
    assert summary.lines()[-1] == "1 built, 2 failed, 0 skipped of 3 reports"


def test_a_fifo_in_place_of_a_csv_does_not_hang_the_planning(fake_build, seed_path, tmp_path):
    stuck = _second_agency(seed_path, tmp_path / "stuck", "macet")
    (stuck / "iku.csv").unlink()
    os.mkfifo(stuck / "iku.csv")
    from lkjipkit.dataset import load_dataset

    load_dataset(seed_path)  # the lazy imports of validation done here, not in each planning process
    start = time.monotonic()
    summary = run(plan([stuck, seed_path], [2016], tmp_path / "out", timeout=8), workers=1, progress=False)
    assert time.monotonic() - start < 60
    failed = [o for o in summary.outcomes if o.status == "failed"]
    assert [o.job.dataset for o in failed] == [stuck]
    assert "timed out after 8 s" in failed[0].reason or "iku.csv" in failed[0].reason  # or refused by the loader
    assert summary.count("built") == 1


def test_planning_that_raises_fails_only_that_dataset(fake_build, seed_path, tmp_path, monkeypatch):
    from lkjipkit.publish import batch

    real = batch._slug_only

    def slug_only(path):
        if path.name == "odd":
            raise ValueError("day is out of range for month")
        return real(path)

    monkeypatch.setattr(batch, "_slug_only", slug_only)
    odd = _second_agency(seed_path, tmp_path / "odd", "aneh")
    summary = run(plan([odd, seed_path], [2016], tmp_path / "out"), workers=1, progress=False)
    by_path = {o.job.dataset: o for o in summary.outcomes}
    assert by_path[odd].status == "failed"
    assert by_path[odd].reason == "planning: ValueError: day is out of range for month"
    assert by_path[seed_path].status == "built"
