"""The build's hand-over to its chapters (lkjipkit.report.handover): used when it is the build's own and
current, ignored (never unpickled) otherwise; a chapter without one loads for itself."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from lkjipkit.analysis import analyse
from lkjipkit.dataset import load_dataset
from lkjipkit.report import handover, open_chapter
from lkjipkit.review import review


@pytest.fixture
def handed(seed_copy, monkeypatch):
    """A hand-over of the seed copy's 2016, its variables set as a build sets them in a kernel."""
    ds = load_dataset(seed_copy)
    analysis = analyse(ds, 2016)
    folder = handover.folder()
    env = handover.hand_over(folder.name, seed_copy, analysis, review(ds, 2016, analysis=analysis))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    yield env
    folder.cleanup()


def test_a_chapter_of_a_build_gets_the_dataset_analysis_and_findings(handed, seed_copy):
    bab = open_chapter(seed_copy, 2016, chapter=3)
    used = handover.read(seed_copy, 2016)
    assert used is not None
    assert "analysis" in bab.__dict__ and "findings" in bab.__dict__  # nothing left to compute
    assert bab.ds.fingerprint == used.fingerprint
    assert bab.analysis.ds is bab.ds
    assert "capaian_iku" in bab.analysis.__dict__  # computed by the build
    assert [f.rule for f in bab.findings] == [f.rule for f in used.findings]
    assert open_chapter(seed_copy, 0, chapter=1).year == 2016  # year 0: the latest, the hand-over's


def test_without_a_hand_over_a_chapter_loads_for_itself(seed_copy, monkeypatch):
    monkeypatch.delenv(handover.PATH_VARIABLE, raising=False)
    bab = open_chapter(seed_copy, 2016, chapter=3)
    assert "analysis" not in bab.__dict__ and "findings" not in bab.__dict__
    assert bab.claim_findings == [f for f in bab.findings if f.rule.startswith("CLAIM-")]


def test_a_changed_dataset_makes_the_hand_over_stale(handed, seed_copy):
    (seed_copy / "profil.yaml").write_text((seed_copy / "profil.yaml").read_text() + "\n# edited\n")
    assert handover.read(seed_copy, 2016) is None
    assert "analysis" not in open_chapter(seed_copy, 2016, chapter=1).__dict__


def test_another_dataset_or_year_is_not_handed_over(handed, seed_copy, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(seed_copy, other)
    assert handover.read(other, 2016) is None
    assert handover.read(seed_copy, 2015) is None


@pytest.mark.parametrize("damage", ["key", "bytes", "truncated", "path"])
def test_a_file_not_signed_by_the_build_is_never_unpickled(handed, seed_copy, monkeypatch, tmp_path, damage):
    path = Path(handed[handover.PATH_VARIABLE])
    unpickled = []
    monkeypatch.setattr(pickle, "loads", lambda data: unpickled.append(data))
    if damage == "key":
        monkeypatch.setenv(handover.KEY_VARIABLE, os.urandom(32).hex())
    elif damage == "bytes":
        blob = bytearray(path.read_bytes())
        blob[-5] ^= 0xFF
        path.write_bytes(bytes(blob))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:10])
    else:  # the same signed file, but not in a build's own folder
        elsewhere = tmp_path / handover.FILE_NAME
        shutil.copy(path, elsewhere)
        monkeypatch.setenv(handover.PATH_VARIABLE, str(elsewhere))
    assert handover.read(seed_copy, 2016) is None
    assert unpickled == []
    assert "analysis" not in open_chapter(seed_copy, 2016, chapter=1).__dict__


def test_an_unreadable_hand_over_is_ignored(handed, seed_copy, monkeypatch):
    monkeypatch.setenv(handover.KEY_VARIABLE, "not hex")
    assert handover.read(seed_copy, 2016) is None
    monkeypatch.setenv(handover.PATH_VARIABLE, "/nonexistent/lkjip-build-x/" + handover.FILE_NAME)
    assert handover.read(seed_copy, 2016) is None


def test_the_review_reads_the_analysis_it_is_given(seed):
    from lkjipkit.errors import LkjipError

    analysis = analyse(seed, 2016)
    assert review(seed, 2016, analysis=analysis) == review(seed, 2016)
    assert "capaian_iku" in analysis.__dict__  # the review computed its figures in the analysis given
    with pytest.raises(LkjipError, match="needs the year's own"):
        review(seed, 2016, analysis=analyse(seed, 2016, spm_window=None))
