"""The output folder is replaced atomically: a failed build never touches the previous report."""

from __future__ import annotations

import json
import os

import pytest

from lkjipkit.errors import BuildError
from lkjipkit.publish import output
from lkjipkit.publish.output import OutputFolder


def _previous_report(target):
    target.mkdir(parents=True)
    (target / "laporan.html").write_text("old report")
    (target / "provenance.json").write_text(json.dumps({"generator": "lkjipkit"}))
    return target


def test_a_successful_build_replaces_the_previous_report(tmp_path):
    target = _previous_report(tmp_path / "slug" / "2016")
    with OutputFolder(target) as out:
        assert out.tmp.parent == target.parent and out.tmp.name.startswith(".2016.building-")
        (out.tmp / "laporan.html").write_text("new report")
        (out.tmp / "provenance.json").write_text(json.dumps({"generator": "lkjipkit"}))
        out.commit()
    assert (target / "laporan.html").read_text() == "new report"
    assert sorted(p.name for p in target.parent.iterdir()) == ["2016"]  # the lock file goes with the build


@pytest.mark.parametrize("atomic", [True, False])
def test_swap_with_and_without_an_atomic_exchange(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    target = _previous_report(tmp_path / "2016")
    with OutputFolder(target) as out:
        (out.tmp / "laporan.html").write_text("new")
        out.commit()
    assert (target / "laporan.html").read_text() == "new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".2016.old", ".2016.building"))]


def test_a_failed_build_keeps_the_previous_report_and_its_own_files_aside(tmp_path):
    target = _previous_report(tmp_path / "2016")
    with pytest.raises(RuntimeError), OutputFolder(target) as out:
        (out.tmp / "notebooks").mkdir()
        (out.tmp / "notebooks" / "03_x.ipynb").write_text("{}")
        raise RuntimeError("chapter failed")
    assert (target / "laporan.html").read_text() == "old report"
    assert (tmp_path / "2016.failed" / "notebooks" / "03_x.ipynb").exists()
    assert out.state == "failed" and not out.tmp.exists()
    # the next success clears the failure
    with OutputFolder(target) as out:
        out.commit()
    assert not (tmp_path / "2016.failed").exists()


def test_ctrl_c_leaves_no_partial_folder(tmp_path):
    target = _previous_report(tmp_path / "2016")
    with pytest.raises(KeyboardInterrupt), OutputFolder(target):
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2016"]  # the lock file goes with the build


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("years of work")
    with pytest.raises(BuildError, match="is not a report built by lkjip"), OutputFolder(precious):
        pass
    assert (precious / "chapter1.docx").read_text() == "years of work"


def test_an_empty_folder_may_be_used(tmp_path):
    (tmp_path / "out").mkdir()
    with OutputFolder(tmp_path / "out") as out:
        (out.tmp / "x").write_text("1")
        out.commit()
    assert (tmp_path / "out" / "x").exists()


def test_two_builds_of_the_same_report_do_not_interleave(tmp_path):
    with (
        OutputFolder(tmp_path / "2016"),
        pytest.raises(BuildError, match="another build"),
        OutputFolder(tmp_path / "2016"),
    ):
        pass


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    stale = tmp_path / ".2016.building-dead"
    stale.mkdir()
    with OutputFolder(tmp_path / "2016") as out:
        out.commit()
    assert not stale.exists()


def test_the_report_folder_gets_normal_permissions(tmp_path):
    """Not the 0700 of a temporary folder: a shared report stays readable as the umask allows."""
    umask = os.umask(0)
    os.umask(umask)
    with OutputFolder(tmp_path / "2016") as out:
        out.commit()
    assert (tmp_path / "2016").stat().st_mode & 0o777 == 0o777 & ~umask
