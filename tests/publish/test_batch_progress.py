"""`lkjip batch` progress: which report runs, which chapter, and an ETA; plain lines when not on a terminal.

The builds are a stand-in that goes through the steps a real build reports (:class:`Relay` via
``reporter``), in worker processes as a real batch does; the lines are read from stderr.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.publish.batch import duration, eta, plan, run

CHAPTERS = [SimpleNamespace(name="01_pendahuluan"), SimpleNamespace(name="03_akuntabilitas_kinerja")]


@pytest.fixture
def stepping_build(monkeypatch):
    """A build that reports a validation step and two chapters, then writes a file."""

    def build_report(dataset, year, out=None, formats=("html",), progress=None, **kw):
        from lkjipkit.publish.progress import reporter

        ui = reporter(CHAPTERS, progress)
        ui.start()
        with ui.step("validate dataset"):
            pass
        for ch in CHAPTERS:
            ui.chapter_started(ch)
            time.sleep(0.05)
            ui.chapter_finished(SimpleNamespace(chapter=ch))
        with ui.step("export html"):
            out.mkdir(parents=True, exist_ok=True)
            (out / "laporan.html").write_text("ok")
        ui.stop()

    import lkjipkit.publish

    monkeypatch.setattr(lkjipkit.publish, "build_report", build_report, raising=False)


def _agencies(seed_path: Path, tmp_path: Path, n: int) -> list[Path]:
    out = [seed_path]
    for i in range(1, n):
        dst = tmp_path / f"agency{i}"
        shutil.copytree(seed_path, dst)
        text = (dst / "profil.yaml").read_text()
        (dst / "profil.yaml").write_text(text.replace("slug: balikpapan-disnakersos", f"slug: kota-{i}"))
        out.append(dst)
    return out


def test_lines_name_each_report_its_chapters_and_the_eta(stepping_build, seed_path, tmp_path, capsys):
    datasets = _agencies(seed_path, tmp_path, 3)
    broken = datasets[2]
    (broken / "iku.csv").write_text("kode\n")
    summary = run(plan(datasets, [2016], tmp_path / "out"), workers=2, progress="lines", formats=("html",))
    assert summary.count("built") == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err  # no terminal codes in a log
    lines = err.splitlines()
    assert all(re.match(r"\[[0-3]/3\] ", line) for line in lines), lines
    for label in ("balikpapan-disnakersos/2016", "kota-1/2016"):
        mine = [line.split("] ", 1)[1] for line in lines if f"] {label}:" in line]
        assert mine[:2] == [f"{label}: started (2 chapters)", f"{label}: validate dataset"]
        assert mine[2:5] == [
            f"{label}: chapter 1/2 01_pendahuluan",
            f"{label}: chapter 2/2 03_akuntabilitas_kinerja",
            f"{label}: export html",
        ]
        assert re.fullmatch(rf"{label}: built in \d+ s · (ETA \d+ s|all done)", mine[5]), mine[5]
    failed = next(line for line in lines if "kota-2/2016" in line)
    assert "failed: dataset does not validate" in failed and "iku.csv" in failed
    assert lines[-1].startswith("[3/3]") and lines[-1].endswith("all done")
    # the ETA comes from the reports that ran: never from the one that failed without running
    assert any(re.search(r"· ETA \d+ s$", line) for line in lines)


def test_the_command_prints_lines_when_not_on_a_terminal(stepping_build, seed_path, tmp_path):
    datasets = _agencies(seed_path, tmp_path, 2)
    args = ["batch", *map(str, datasets), "--year", "2016", "--jobs", "2", "--out-root", str(tmp_path / "o")]
    result = CliRunner().invoke(main, [*args, "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "] kota-1/2016: chapter 2/2 03_akuntabilitas_kinerja" in result.output
    assert "[2/2] " in result.output and "all done" in result.output
    assert "2 built, 0 failed, 0 skipped of 2 reports" in result.output


def test_bars_show_the_running_reports(stepping_build, seed_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # a long last report name must not squeeze the count out of the bar
    datasets = _agencies(seed_path, tmp_path, 2)
    summary = run(plan(datasets, [2016], tmp_path / "out"), workers=2, progress="bars", formats=("html",))
    assert summary.count("built") == 2
    err = capsys.readouterr().err
    assert "laporan" in err and "2/2" in err and "all done" in err


def test_silent_without_progress(stepping_build, seed_path, tmp_path, capsys):
    run(plan([seed_path], [2016], tmp_path / "out"), workers=1, progress=False, formats=("html",))
    assert capsys.readouterr().err == ""


def test_eta_and_duration():
    assert eta(60.0, 0, 10) is None
    assert eta(60.0, 2, 10) == 300.0  # 30 s a report (all workers together), 10 left
    assert eta(60.0, 2, 0) == 0.0
    assert [duration(s) for s in (4.4, 65, 3725)] == ["4 s", "1 min 05 s", "1 h 02 min"]
