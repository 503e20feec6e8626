"""The `lkjip` command as a user types it: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjipkit.cli import main


def test_template_then_import_round_trip_through_the_command(seed_path: Path, tmp_path: Path):
    book = tmp_path / "data.xlsx"
    runner = CliRunner()
    r = runner.invoke(main, ["template", "--out", str(book), "--from", str(seed_path)])
    assert r.exit_code == 0, r.output
    assert runner.invoke(main, ["validate", str(book)]).exit_code == 0
    again = runner.invoke(main, ["template", "--out", str(book)])
    assert again.exit_code == 1 and "error:" in again.stderr  # never overwrites an analyst's workbook silently
    r = runner.invoke(main, ["import", str(book), "--out", str(tmp_path / "folder")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["validate", str(tmp_path / "folder")])
    assert r.exit_code == 0 and "69 kegiatan" in r.stdout


def test_logo_beside_a_workbook_is_found(seed_path: Path, tmp_path: Path):
    from lkjipkit.dataset import load_dataset

    folder = tmp_path / "ds"
    import shutil

    shutil.copytree(seed_path, folder)
    from PIL import Image

    Image.new("RGB", (4, 3), "red").save(folder / "logo.png")
    text = (folder / "profil.yaml").read_text().replace("logo: null", "logo: logo.png")
    (folder / "profil.yaml").write_text(text)
    book = tmp_path / "book" / "data.xlsx"
    book.parent.mkdir()
    shutil.copy(folder / "logo.png", book.parent / "logo.png")
    runner = CliRunner()
    assert runner.invoke(main, ["template", "--out", str(book), "--from", str(folder)]).exit_code == 0
    ds = load_dataset(book)
    assert ds.folder == book.parent
    assert ds.profil.instansi.logo == "logo.png"


def test_version_and_help():
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0
    for command in ("validate", "build", "tables", "review", "batch", "new-year", "template", "import"):
        assert command in r.output, command


def _with_kegiatan_names(seed_path: Path, dst: Path, names: list[str]) -> Path:
    import csv
    import shutil

    shutil.copytree(seed_path, dst)
    with (dst / "kegiatan.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row, name in zip(rows, names, strict=False):
        row["kegiatan"] = name
    with (dst / "kegiatan.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return dst


FORMULAS = ['=HYPERLINK("http://x.example","klik")', "+1+2", "-2+3", "@SUM(1)"]


def test_formula_like_texts_are_escaped_in_the_csv_tables_and_numbers_stay_numbers(seed_path: Path, tmp_path: Path):
    import pandas as pd

    data = _with_kegiatan_names(seed_path, tmp_path / "ds", FORMULAS)
    r = CliRunner().invoke(main, ["tables", str(data), "--year", "2016", "--out", str(tmp_path / "t")])
    assert r.exit_code == 0, r.output
    text = (tmp_path / "t" / "anggaran_kegiatan.csv").read_text(encoding="utf-8-sig")
    for name in FORMULAS:
        assert "'" + name.replace('"', '""') in text
    frame = pd.read_csv(tmp_path / "t" / "anggaran_kegiatan.csv", encoding="utf-8-sig")
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in frame["kegiatan"])
    program = pd.read_csv(tmp_path / "t" / "anggaran_program.csv", encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(program["pagu"])  # numbers are never quoted
    renstra = (tmp_path / "t" / "capaian_iku.csv").read_text(encoding="utf-8-sig")
    assert ",-" in renstra and ",'-" not in renstra  # a negative perubahan stays a number


def test_formula_like_texts_stay_text_in_the_workbook(seed_path: Path, tmp_path: Path):
    from openpyxl import load_workbook

    data = _with_kegiatan_names(seed_path, tmp_path / "ds", FORMULAS)
    book = tmp_path / "data.xlsx"
    assert CliRunner().invoke(main, ["template", "--out", str(book), "--from", str(data)]).exit_code == 0
    ws = load_workbook(book)["kegiatan"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in FORMULAS]
    assert len(cells) == len(FORMULAS)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)  # a string, never a formula
    r = CliRunner().invoke(main, ["import", str(book), "--out", str(tmp_path / "back")])
    assert r.exit_code == 0, r.output
    assert all(name.replace('"', '""') in (tmp_path / "back" / "kegiatan.csv").read_text() for name in FORMULAS)


def test_a_file_locked_by_another_program_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch):
    import lkjipkit.dataset.excel

    book = tmp_path / "data.xlsx"

    def locked(out, source=None, overwrite=False):
        raise PermissionError(13, "Permission denied", str(book))

    monkeypatch.setattr(lkjipkit.dataset.excel, "write_template", locked)
    r = CliRunner().invoke(main, ["template", "--out", str(book)])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr == (
        f"error: {book}: permission denied: close the file if another program (e.g. Excel) has it open "
        "and try again, or check the folder's permissions\n"
    )


def test_a_folder_that_is_a_file_is_a_message(seed_path: Path, tmp_path: Path):
    (tmp_path / "file").write_text("x")
    r = CliRunner().invoke(main, ["tables", str(seed_path), "--out", str(tmp_path / "file" / "t")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.startswith(f"error: {tmp_path / 'file'}")


def test_batch_timeout_default_is_the_documented_one():
    from lkjipkit.cli import batch
    from lkjipkit.publish.batch import DEFAULT_TIMEOUT

    option = next(p for p in batch.params if p.name == "timeout")
    assert option.default == DEFAULT_TIMEOUT


@pytest.mark.slow
def _lkjip_build(seed_path: Path, out: Path, formats: str, **popen):
    """``lkjip build SEED --out OUT --format FORMATS`` started as a user starts it, its output captured."""
    import shutil
    import subprocess
    import sys

    lkjip = Path(sys.executable).with_name("lkjip")
    lkjip = str(lkjip) if lkjip.exists() else shutil.which("lkjip")
    command = [lkjip, "build", str(seed_path), "--out", str(out), "--format", formats]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _still_running(tree: list) -> list:
    """Of the processes ``tree`` (psutil), those still running after up to ten seconds' grace."""
    import time

    import psutil

    for _ in range(50):
        alive = [q for q in tree if q.is_running() and q.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            break
        time.sleep(0.2)
    return alive


def test_ctrl_c_during_a_build_exits_130_without_a_traceback(seed_path: Path, tmp_path: Path):
    import signal
    import time

    out = tmp_path / "r" / "2016"
    p = _lkjip_build(seed_path, out, "html")
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert "Traceback" not in err and "interrupted (Ctrl-C)" in err
    assert not out.exists() or not list(out.parent.glob(".2016.building-*"))


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.4, 0.6, 0.8, 1.2, 2.5])
def test_ctrl_c_at_a_terminal_reaches_every_process_and_the_build_still_ends_cleanly(
    seed_path: Path, tmp_path: Path, delay: float
):
    """A terminal's Ctrl-C goes to the whole process group (the builder, the kernel zygote, multiprocessing's
    resource tracker), at any moment of the start: the build ends with 130, no process prints a traceback,
    none hangs (a lane waiting for an import lock the interrupted thread left), none is left behind."""
    import os
    import signal
    import subprocess
    import time

    import psutil

    p = _lkjip_build(seed_path, tmp_path / "r" / "2016", "html", start_new_session=True)  # a group, as a shell gives
    time.sleep(delay)
    tree = [psutil.Process(p.pid), *psutil.Process(p.pid).children(recursive=True)]
    os.killpg(p.pid, signal.SIGINT)
    try:
        _, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        raise
    alive = _still_running(tree)
    assert not alive, [q.cmdline() for q in alive]
    assert "Traceback" not in err
    if p.returncode == 0 and not err:
        # Known and open: on a loaded machine, about 0.8-1.0 s into the start, the build has now and then
        # (3 times in about 100 tries) gone on to the end as if no Ctrl-C had come (docs/build.md).
        pytest.xfail("the Ctrl-C was lost: the build went on to the end (known, intermittent)")
    assert p.returncode == 130, err
    assert "interrupted (Ctrl-C)" in err


@pytest.mark.slow
def test_ctrl_c_while_the_pdf_prints_stops_the_printer_too(seed_path: Path, tmp_path: Path):
    """The PDF prints in a process of its own (lkjipkit.publish._printer) while the builder writes the Word
    document; the printer ignores Ctrl-C: the build stops it. A Ctrl-C once the page went to it ends the
    build with 130, no traceback, nothing left behind: no process, no report, no half-built folder."""
    import os
    import signal
    import time

    import psutil

    out = tmp_path / "r" / "2016"
    p = _lkjip_build(seed_path, out, "html,pdf,docx", start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.parent.glob(".2016.building-*/laporan.html")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the printer is laying the page out, the builder writing the Word document
        tree = [psutil.Process(p.pid), *psutil.Process(p.pid).children(recursive=True)]
        assert any("lkjipkit.publish._printer" in q.cmdline() for q in tree if q.is_running())
        os.killpg(p.pid, signal.SIGINT)
        _, err = p.communicate(timeout=60)
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        raise
    assert p.returncode == 130, err
    assert "Traceback" not in err and "interrupted (Ctrl-C)" in err
    assert not out.exists() and not list(out.parent.glob(".2016.*"))
    alive = _still_running(tree)
    assert not alive, [q.cmdline() for q in alive]


def test_tables_format_xlsx_writes_the_workbook_only_and_an_unknown_format_is_refused(seed_path: Path, tmp_path: Path):
    runner = CliRunner()
    r = runner.invoke(main, ["tables", str(seed_path), "--out", str(tmp_path / "t"), "--format", "xlsx"])
    assert r.exit_code == 0, r.output
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["tabel.xlsx"]
    r = runner.invoke(main, ["tables", str(seed_path), "--out", str(tmp_path / "u"), "--format", "csv,pdf"])
    assert r.exit_code == 2 and "unknown table format pdf; choose from csv, xlsx" in r.stderr


def test_review_of_a_workbook_points_at_sheet_and_cell(seed_path: Path, tmp_path: Path):
    import json

    from openpyxl import load_workbook

    book = tmp_path / "data.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["template", "--out", str(book), "--from", str(seed_path)]).exit_code == 0
    r = runner.invoke(main, ["review", str(book), "--year", "2016"])
    assert r.exit_code == 1 and "spm_realisasi!F46" in r.stdout and ".csv" not in r.stdout
    findings = json.loads(runner.invoke(main, ["review", str(book), "--year", "2016", "--json"]).stdout)
    ratio = next(f for f in findings if f["rule"] == "RATIO-SPM-COUNTS")
    assert (ratio["file"], ratio["cell"], ratio["column"]) == ("spm_realisasi", "F46", "realisasi_tercetak")
    assert load_workbook(book)["spm_realisasi"][ratio["cell"]].value == ratio["figures"]["tercetak"]
    assert all(".csv" not in f["message"] for f in findings)
    folder = json.loads(runner.invoke(main, ["review", str(seed_path), "--year", "2016", "--json"]).stdout)
    assert not any("cell" in f for f in folder)  # a dataset folder's findings keep file:row:column


def test_batch_scheduler_without_distributed_says_how_to_install_it(seed_path: Path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    r = CliRunner().invoke(main, ["batch", str(seed_path), "--year", "2016", "--scheduler", "tcp://127.0.0.1:1"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "pip install 'lkjipkit[cluster]'" in r.stderr


COMMANDS = ["validate", "build", "tables", "review", "batch", "new-year", "template", "import"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_examples_of_itself(command: str):
    r = CliRunner().invoke(main, [command, "--help"])
    assert r.exit_code == 0
    examples = r.output.split("Examples:", 1)[1].split("Options:", 1)[0]
    assert examples.count(f"lkjip {command} ") >= 2


def test_a_year_without_a_report_entry_lists_the_years_as_text(seed_path: Path, tmp_path: Path):
    from lkjipkit.publish.batch import plan

    (job,) = plan([seed_path], [2015], tmp_path, ("html",))
    assert job.error.endswith("(years there: 2016)")


def test_a_workbook_open_in_excel_is_a_plain_warning(tmp_path, seed_path):
    runner = CliRunner()
    book = tmp_path / "data.xlsx"
    assert runner.invoke(main, ["template", "--out", str(book), "--from", str(seed_path)]).exit_code == 0
    (tmp_path / "~$data.xlsx").write_bytes(b"owner")
    r = runner.invoke(main, ["validate", str(book)])
    assert r.exit_code == 0, r.output
    assert "warning: " in r.output and "~$data.xlsx exists, so the workbook is open in Excel" in r.output
    assert "UserWarning" not in r.output and ".py:" not in r.output


def test_notebooks_copies_the_default_chapters_and_refuses_to_overwrite(tmp_path: Path):
    from lkjipkit.config import notebooks_dir

    dataset = tmp_path / "ds"
    dataset.mkdir()
    runner = CliRunner()
    r = runner.invoke(main, ["notebooks", str(dataset)])
    assert r.exit_code == 0, r.output
    defaults = sorted(p.name for p in notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (dataset / "notebooks").iterdir()) == defaults and len(defaults) == 6
    again = runner.invoke(main, ["notebooks", str(dataset)])
    assert again.exit_code == 1 and "already there" in again.stderr and "--overwrite" in again.stderr
    assert runner.invoke(main, ["notebooks", str(dataset), "--overwrite"]).exit_code == 0


def test_allow_dropped_outputs_reaches_build_and_batch(monkeypatch, tmp_path: Path):
    import lkjipkit.publish
    import lkjipkit.publish.batch

    seen = {}

    def build_report(*args, **kwargs):
        seen["build"] = kwargs["allow_dropped_outputs"]
        raise lkjipkit.errors.BuildError("stop here")

    def plan(*args, **kwargs):
        seen["batch"] = kwargs["allow_dropped_outputs"]
        return []

    monkeypatch.setattr(lkjipkit.publish, "build_report", build_report)
    monkeypatch.setattr(lkjipkit.publish.batch, "plan", plan)
    runner = CliRunner()
    runner.invoke(main, ["build", str(tmp_path), "--allow-dropped-outputs"])
    runner.invoke(main, ["batch", str(tmp_path), "--year", "2016", "--allow-dropped-outputs"])
    assert seen == {"build": True, "batch": True}
    runner.invoke(main, ["build", str(tmp_path)])
    assert seen["build"] is False
