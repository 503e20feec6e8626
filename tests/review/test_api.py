"""The public API: findings as JSON, exit code, the plain table, the Lampiran frame, rule metadata, docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_data import K1, YEAR

from lkjipkit.errors import YearError
from lkjipkit.review import (
    RULES,
    Finding,
    exit_code,
    findings_frame,
    render_findings_table,
    review,
    rules_frame,
    summary_text,
    to_json,
)
from lkjipkit.review.docs import reference
from lkjipkit.review.rules import FAMILIES
from lkjipkit.review.settings import ReviewSettings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "review.md"
PREFIX = {
    "sums": "SUM-",
    "ratios": "RATIO-",
    "identity": "CROSS-",
    "plausibility": "PLAUS-",
    "completeness": "COMPLETE-",
    "claims": "CLAIM-",
}


@pytest.fixture
def broken(data, load):
    data.set("anggaran", {"kode_rekening": K1}, sisa_tercetak="9000000")  # error
    data.set("anggaran", {"kode_rekening": K1}, nama_realisasi="PELAYANAN ANTAR KERJA")  # info
    return review(load(data), YEAR)


def test_json_is_a_list_of_findings(broken):
    items = json.loads(to_json(broken))
    assert [i["rule"] for i in items] == ["SUM-SISA", "CROSS-KEGIATAN-NAME"]
    first = items[0]
    assert set(first) == {
        *("rule", "severity", "file", "row", "column", "key", "message", "found", "expected", "figures"),
        *("diterima", "alasan"),
    }
    assert (first["diterima"], first["alasan"]) == (False, None)
    assert first["figures"] == {
        "sisa_tercetak": 9000000.0,
        "pagu": 80000000.0,
        "realisasi_keuangan": 70000000.0,
        "sisa": 10000000.0,
    }
    assert (first["found"], first["expected"]) == ("Rp 9.000.000", "Rp 10.000.000")


def test_json_turns_nan_into_null():
    f = Finding("SUM-SISA", "info", "a.csv", 2, "x", "k", "m", figures={"a": float("nan"), "b": 1})
    assert json.loads(to_json([f]))[0]["figures"] == {"a": None, "b": 1}


def test_exit_code_is_1_only_with_an_error(broken):
    assert exit_code(broken) == 1
    assert exit_code([f for f in broken if f.severity != "error"]) == 0
    assert exit_code([]) == 0


def test_plain_table(broken):
    text = render_findings_table(broken, width=100)
    assert "anggaran.csv:2:sisa_tercetak" in text and "kesalahan" in text and "SUM-SISA" in text
    assert "ditemukan: Rp 9.000.000  |  seharusnya: Rp 10.000.000" in text
    assert text.rstrip().endswith("2 temuan: 1 kesalahan dan 1 informasi.")
    assert max(len(line) for line in text.splitlines() if not line.startswith(("No", " 1", " 2"))) <= 100
    assert render_findings_table([]) == "Tidak ada temuan.\n"


def test_findings_frame_for_the_lampiran(broken):
    frame = findings_frame(broken)
    assert list(frame["aturan"]) == ["SUM-SISA", "CROSS-KEGIATAN-NAME"]
    assert list(frame["tingkat"]) == ["kesalahan", "informasi"]
    assert frame.loc[0, "lokasi"] == "anggaran.csv:2:sisa_tercetak" and frame.loc[0, "baris"] == 2
    assert findings_frame([]).columns.tolist() == frame.columns.tolist()
    assert summary_text(broken) == "2 temuan: 1 kesalahan dan 1 informasi."


def test_year_without_any_data_is_a_year_error(data, load):
    with pytest.raises(YearError, match="no data for year 2017"):
        review(load(data), 2017)


def test_every_rule_declares_what_the_docs_need():
    ids = [r.ID for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.ID.startswith(PREFIX[r.FAMILY]), r.ID
        assert r.FAMILY in FAMILIES and r.SEVERITY in ("error", "warning", "info")
        assert r.TITLE and r.__doc__ and r.__doc__.startswith(f"{r.ID}: ")
        assert "Rationale" in r.__doc__ or "rationale" in r.__doc__.lower()
        assert all(s in ReviewSettings.model_fields for s in r.SETTINGS)
    assert len(rules_frame()) == len(RULES)


def test_docs_list_every_rule_and_stay_in_step():
    text = DOCS.read_text(encoding="utf-8")
    assert reference() in text, "docs/review.md is stale: run python -m lkjipkit.review.docs --write"


def test_review_runs_on_the_other_shipped_dataset():
    """tests/data/kota-contoh has a negative indicator with target 0, a program missing from the PK, several years."""
    from lkjipkit.dataset import load_dataset

    ds = load_dataset(Path(__file__).resolve().parents[1] / "data" / "kota-contoh")
    for year in ds.years:
        findings = review(ds, year)
        assert all(f.rule and f.message and f.severity in ("error", "warning", "info") for f in findings)
        json.loads(to_json(findings))
