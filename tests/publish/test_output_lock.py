"""The ``.<year>.lock`` beside a report: held during the build, gone after it, never two holders."""

from __future__ import annotations

import fcntl
import os

import pytest

from lkjipkit.errors import BuildError
from lkjipkit.publish.output import OutputFolder


def test_no_lock_file_is_left_beside_the_report(tmp_path):
    with OutputFolder(tmp_path / "2016") as out:
        assert (tmp_path / ".2016.lock").exists()
        (out.tmp / "x").write_text("x")
        out.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2016"]
    with pytest.raises(RuntimeError), OutputFolder(tmp_path / "2017"):
        raise RuntimeError("the build failed")
    assert not (tmp_path / ".2017.lock").exists()


def test_a_lock_file_removed_by_its_holder_is_not_taken_again(tmp_path, monkeypatch):
    """A build that opened the old lock file just before its holder removed it takes a fresh one."""
    path = tmp_path / ".2016.lock"
    real_flock = fcntl.flock
    calls = []

    def flock(fd, op):
        calls.append(op)
        if len(calls) == 1:  # the holder finishes between our open() and our flock()
            os.unlink(path)
        return real_flock(fd, op)

    monkeypatch.setattr(fcntl, "flock", flock)
    with OutputFolder(tmp_path / "2016") as out:
        assert len(calls) == 2 and path.exists()
        assert os.stat(path).st_ino == os.fstat(out._lock.fileno()).st_ino
        monkeypatch.setattr(fcntl, "flock", real_flock)
        with pytest.raises(BuildError, match="another build"), OutputFolder(tmp_path / "2016"):
            pass
