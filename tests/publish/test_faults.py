"""Faults on the output side: a read-only folder, a full disk, names too long; each an OutputError naming the path.

The previous report always stays as it was. The disk faults use a small tmpfs where this machine lets the
tests mount one (root, or a container that allows it); they are skipped with the reason otherwise.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from build_helpers import REPORT_CHAPTERS
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.errors import ChapterExecutionError, OutputError
from lkjipkit.publish import build_report, core
from lkjipkit.publish.output import OutputFolder, check_output_path


def _previous_report(target: Path) -> Path:
    target.mkdir(parents=True)
    (target / "laporan.html").write_text("the report of last week")
    (target / "provenance.json").write_text(json.dumps({"generator": "lkjipkit"}))
    return target


def _intact(target: Path) -> None:
    assert (target / "laporan.html").read_text() == "the report of last week"
    assert not list(target.parent.glob(f".{target.name}.building-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs, unmounted afterwards; skipped where mounting is not allowed."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip() or done.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _read_only(mount: Path) -> None:
    done = subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs read-only: {done.stderr.decode(errors='replace').strip()}")


def _fill(mount: Path, leave: int) -> None:
    """Fill the disk until ``leave`` bytes are free."""
    with (mount / "filler").open("wb") as f:
        free = shutil.disk_usage(mount).free - leave
        while free > 0:
            f.write(b"\0" * min(free, 65536))
            f.flush()
            free = shutil.disk_usage(mount).free - leave


def test_a_read_only_output_folder_is_an_output_error_and_the_report_stays(fake, seed_path, small_disk):
    target = _previous_report(small_disk / "balikpapan-disnakersos" / "2016")
    _read_only(small_disk)
    with pytest.raises(OutputError) as err:
        build_report(seed_path, 2016, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    message = str(err.value)
    assert str(target.parent) in message and "read-only" in message
    assert "choose a folder on a writable disk" in message
    _intact(target)


def test_a_read_only_output_folder_on_the_command_line(fake, seed_path, small_disk):
    target = _previous_report(small_disk / "r" / "2016")
    _read_only(small_disk)
    r = CliRunner().invoke(main, ["build", str(seed_path), "--out", str(target), "--format", "html"])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {target.parent}/.2016.lock: preparing the output folder failed")
    assert "read-only" in r.stderr and "Traceback" not in r.output
    _intact(target)


def test_a_file_where_the_output_folder_should_be(fake, seed_path, tmp_path):
    """Works as root too (chmod does not stop root): a file stands where a folder is expected."""
    (tmp_path / "reports").write_text("not a folder")
    target = tmp_path / "reports" / "2016"
    r = CliRunner().invoke(main, ["build", str(seed_path), "--out", str(target), "--format", "html"])
    assert r.exit_code == 1
    assert f"{tmp_path / 'reports'}" in r.stderr and "it is a file where a folder is expected" in r.stderr
    assert "Traceback" not in r.output
    assert (tmp_path / "reports").read_text() == "not a folder"


def test_a_full_disk_removes_the_partial_build_and_keeps_the_report(fake, seed_path, small_disk):
    target = _previous_report(small_disk / "balikpapan-disnakersos" / "2016")
    (target.parent / "2016.failed").mkdir()  # an older failure: superseded, and it would keep the disk full
    _fill(small_disk, leave=64 * 1024)
    with pytest.raises(OutputError) as err:
        build_report(seed_path, 2016, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    e = err.value
    assert e.errno_name == "ENOSPC" and "the disk is full: free some space and try again" in str(e)
    assert str(small_disk) in e.path
    assert any("the partial build was removed" in note for note in e.__notes__)
    _intact(target)
    assert not (target.parent / "2016.failed").exists()
    (small_disk / "filler").unlink()
    assert shutil.disk_usage(small_disk).used < 200 * 1024  # nothing large was left behind


def test_a_chapter_failure_stays_the_news_when_the_failed_build_cannot_be_kept(fake, seed_path, tmp_path, monkeypatch):
    target = _previous_report(tmp_path / "balikpapan-disnakersos" / "2016")
    fake.fail = "01_pendahuluan"

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(target.parent / "provenance.json"))

    monkeypatch.setattr(core, "_write_provenance", disk_full)
    with pytest.raises(ChapterExecutionError) as err:
        build_report(seed_path, 2016, target, formats="html", notebooks=REPORT_CHAPTERS, progress=False)
    e = err.value
    assert (e.chapter, e.cell_index, e.ename) == ("01_pendahuluan", 3, "DatasetError")
    assert e.notebook_path is None
    assert any("keeping the failed build failed: the disk is full" in n and "it was removed" in n for n in e.__notes__)
    _intact(target)
    assert not (target.parent / "2016.failed").exists()


@pytest.mark.parametrize(
    "parts, says",
    [
        (["a" * 240], "the file system allows 236 here"),
        (["x" * 256, "2016"], "bytes; the file system allows 255 here"),
        (["d" * 200] * 21, "the path is too long for the file system"),
    ],
)
def test_names_too_long_are_refused_before_anything_is_written(tmp_path, parts, says):
    target = tmp_path.joinpath(*parts)
    with pytest.raises(OutputError) as err:
        check_output_path(target)
    assert says in str(err.value) and err.value.errno_name == "ENAMETOOLONG"
    with pytest.raises(OutputError), OutputFolder(target):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_long_output_name_on_the_command_line(fake, seed_path, tmp_path):
    out = tmp_path / ("laporan-" * 30)
    r = CliRunner().invoke(main, ["build", str(seed_path), "--out", str(out), "--format", "html"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.startswith(f"error: {out}: the name ") and "choose a shorter --out folder" in r.stderr


def _quick_build(dataset, year, out=None, formats=("html",), progress=None, **kw):
    out.mkdir(parents=True, exist_ok=True)
    (out / "laporan.html").write_text("ok")


def test_a_very_long_slug_fails_its_report_in_every_batch(seed_path, tmp_path, monkeypatch):
    import lkjipkit.publish
    from lkjipkit.publish.batch import plan, run

    monkeypatch.setattr(lkjipkit.publish, "build_report", _quick_build, raising=False)

    data = tmp_path / "ds"
    shutil.copytree(seed_path, data)
    slug = "-".join(["dinas"] * 50)  # 299 characters: more than a file name may have
    text = (data / "profil.yaml").read_text().replace("slug: balikpapan-disnakersos", f"slug: {slug}")
    (data / "profil.yaml").write_text(text)
    out = tmp_path / "out"
    for _ in range(2):  # the second batch used to crash on the path of the first one's report
        summary = run(plan([data, seed_path], [2016], out, ("html",), timeout=60), workers=1, progress=False)
        failed = [o for o in summary.outcomes if o.status == "failed"]
        assert len(failed) == 1 and failed[0].job.dataset == data
        assert "slug" in failed[0].reason
    assert os.listdir(out) == ["balikpapan-disnakersos"]
