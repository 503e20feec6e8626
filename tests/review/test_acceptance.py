"""Accepting a finding with a reason in ``reviu.yaml: diterima``; an acceptance that matches nothing is a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkjipkit.cli import main
from lkjipkit.dataset import load_dataset
from lkjipkit.errors import DatasetError
from lkjipkit.review import exit_code, findings_frame, render_findings_table, review, summary_text

MEAN = {"aturan": "CLAIM-MEAN", "lokasi": "spm_realisasi.csv:21", "alasan": "Rata-rata dari laporan bidang."}
TARGET = {"aturan": "CLAIM-TARGET", "lokasi": "spm_realisasi.csv:26:analisis", "alasan": "Dibulatkan."}
COUNTS = {"aturan": "RATIO-SPM-COUNTS", "lokasi": "spm_realisasi.csv:44", "alasan": "Angka dari BPS."}


@pytest.fixture
def copy(seed_path: Path, tmp_path: Path):
    """A copy of the seed with a ``reviu.yaml`` of the given entries."""

    def _copy(*entries: dict, extra: str = "") -> Path:
        folder = tmp_path / f"seed{len(list(tmp_path.iterdir()))}"
        shutil.copytree(seed_path, folder)
        (folder / "reviu.yaml").write_text(json.dumps({"diterima": list(entries)}) + extra, encoding="utf-8")
        return folder

    return _copy


def run_json(folder: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["review", str(folder), "--year", "2016", "--json"])
    return result.exit_code, json.loads(result.output)


def test_an_accepted_finding_keeps_its_severity_and_carries_the_reason(copy):
    code, items = run_json(copy(MEAN))
    mean = next(i for i in items if i["rule"] == "CLAIM-MEAN")
    assert (mean["severity"], mean["diterima"], mean["alasan"]) == ("error", True, MEAN["alasan"])
    target = next(i for i in items if i["rule"] == "CLAIM-TARGET")
    assert (target["diterima"], target["alasan"]) == (False, None)
    assert code == 1  # CLAIM-TARGET and RATIO-SPM-COUNTS still stand
    assert not any(i["rule"] == "ACCEPT-STALE" for i in items)


def test_accepting_every_error_makes_the_review_exit_0(copy):
    code, items = run_json(copy(MEAN, TARGET, COUNTS))
    errors = [i for i in items if i["severity"] == "error"]
    assert len(errors) == 3 and all(i["diterima"] for i in errors)
    assert code == 0


def test_text_output_frame_and_summary_say_diterima(copy):
    findings = review(load_dataset(copy(MEAN)), 2016)
    assert f"diterima: {MEAN['alasan']}" in render_findings_table(findings)
    assert summary_text(findings).endswith("; 1 diterima.")
    frame = findings_frame(findings)
    assert frame.loc[frame["aturan"] == "CLAIM-MEAN", "diterima"].tolist() == [MEAN["alasan"]]
    assert frame.loc[frame["aturan"] == "CLAIM-TARGET", "diterima"].isna().all()
    assert exit_code(findings) == 1


def test_a_column_must_match_when_given(copy):
    wrong = MEAN | {"lokasi": "spm_realisasi.csv:21:sumber"}
    findings = review(load_dataset(copy(wrong)), 2016)
    assert not next(f for f in findings if f.rule == "CLAIM-MEAN").diterima
    assert [f.rule for f in findings if f.rule == "ACCEPT-STALE"] == ["ACCEPT-STALE"]


def test_a_stale_acceptance_is_a_warning_at_its_line(copy):
    stale = {"aturan": "CLAIM-TARGET", "lokasi": "spm_realisasi.csv:27", "alasan": "lama"}
    folder = copy(MEAN)
    (folder / "reviu.yaml").write_text(
        "diterima:\n"
        "  - aturan: CLAIM-MEAN\n    lokasi: spm_realisasi.csv:21\n    alasan: ok\n"
        f"  - aturan: {stale['aturan']}\n    lokasi: {stale['lokasi']}\n    alasan: {stale['alasan']}\n",
        encoding="utf-8",
    )
    code, items = run_json(folder)
    (f,) = [i for i in items if i["rule"] == "ACCEPT-STALE"]
    assert (f["severity"], f["file"], f["row"], f["column"]) == ("warning", "reviu.yaml", 5, "diterima[1]")
    assert "CLAIM-TARGET di spm_realisasi.csv:27" in f["message"]
    assert code == 1


def test_an_acceptance_for_another_year_is_left_out(copy):
    findings = review(load_dataset(copy(MEAN | {"tahun": 2015})), 2016)
    assert not any(f.diterima for f in findings)
    assert not any(f.rule == "ACCEPT-STALE" for f in findings)


@pytest.mark.parametrize(
    ("entry", "gist"),
    [
        (MEAN | {"aturan": "CLAIM-NOPE"}, "unknown rule id"),
        (MEAN | {"lokasi": "spm_realisasi.csv:baris"}, "file:row"),
        (MEAN | {"alasan": "  "}, "alasan"),
        (MEAN | {"oleh": "x"}, "Extra inputs"),
    ],
)
def test_an_invalid_entry_is_a_located_error(copy, entry, gist):
    with pytest.raises(DatasetError) as info:
        review(load_dataset(copy(entry)), 2016)
    assert "reviu.yaml" in str(info.value) and gist in str(info.value)


def test_a_claim_finding_as_a_problem_line_gives_place_claim_and_figure(seed_path):
    (f,) = [f for f in review(load_dataset(seed_path), 2016) if f.rule == "CLAIM-MEAN"]
    assert f.problem().format("data/x") == (
        "data/x/spm_realisasi.csv:21:analisis: CLAIM-MEAN: \u201cmencapai 24 %\u201d (24 %), data: 21,58 %"
    )
