"""The `lkjip` command as a user types it: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

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
