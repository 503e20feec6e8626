"""A report of more kegiatan than ``profil.pengaturan.batas_tabel_kegiatan``: programs, the kegiatan that
matter and where the full list is, instead of a kegiatan table of hundreds of pages; the seed keeps its table."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from markupsafe import escape

from lkjipkit.analysis.budget import NOTABLE_PER_PROGRAM
from lkjipkit.config import default_dataset
from lkjipkit.dataset import load_dataset
from lkjipkit.report import appendix
from lkjipkit.report.chapter import chapter_class, open_chapter

SCALE = Path(__file__).resolve().parents[2] / "benchmarks" / "scale_kegiatan.py"


def _scale(source: Path, target: Path, factor: int) -> int:
    spec = importlib.util.spec_from_file_location("scale_kegiatan", SCALE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.scale(source, target, factor)


@pytest.fixture(scope="module")
def scaled_ds(tmp_path_factory):
    """The seed with every kegiatan split in three: 207 kegiatan, above the default 150."""
    target = tmp_path_factory.mktemp("x3") / "data"
    assert _scale(default_dataset(), target, 3) == 207
    return load_dataset(target)


@pytest.fixture(scope="module")
def scaled(scaled_ds):
    return chapter_class(3)(scaled_ds, 2016, "final"), chapter_class(2)(scaled_ds, 2016, "final")


def _rows(block) -> int:
    return str(block).count("<tr")


def test_the_seed_keeps_its_kegiatan_table():
    budget = open_chapter("", 2016, chapter=3).budget_table()
    assert "Realisasi Anggaran per Kegiatan" in budget.text
    # 3 header rows, 16 programs, 69 kegiatan, the total
    assert _rows(budget) == 3 + 16 + 69 + 1
    assert "tabel/anggaran_kegiatan.csv" not in budget.text


def test_above_the_threshold_programs_and_the_kegiatan_that_matter(scaled):
    bab3, _ = scaled
    a = bab3.analysis
    assert not a.tabel_kegiatan_lengkap
    budget = bab3.budget_table()
    text = budget.text
    assert "Realisasi Anggaran per Kegiatan" not in text
    # where the full list is
    assert "Rincian seluruh kegiatan" in text and "tabel/anggaran_kegiatan.csv dan tabel.xlsx" in text
    tables = re.findall(r"<table.*?</table>", str(budget), re.S)
    assert len(tables) == 2
    programs, notable = tables
    assert "Realisasi Anggaran Kegiatan per Program" in programs
    assert programs.count("<tr") == 1 + 16 + 1  # header, one row per program, total
    assert ">207<" in programs  # the number of kegiatan on the total row
    picked = a.anggaran_kegiatan_penting
    assert 0 < len(picked) <= NOTABLE_PER_PROGRAM * 16
    for code in picked["kode_rekening"]:
        assert code in notable
    assert notable.count('class="group"') == picked["program_kode"].nunique()
    assert "dibatalkan pada APBD-P" in notable and "realisasi fisik di bawah 100 %" in notable


def test_above_the_threshold_no_chapter_lists_every_kegiatan(scaled):
    bab3, bab2 = scaled
    a = bab3.analysis
    keep = {*a.anggaran_kegiatan_penting["kode_rekening"], *(s.highlights.terbesar for s in a.sasaran)}
    for k, s in enumerate(a.sasaran, start=1):
        table = str(bab3._activity_table(k, s))
        acts = a.anggaran_kegiatan
        listed = {c for c, n in zip(acts["kode_rekening"], acts["kegiatan"], strict=True) if f">{escape(n)}<" in table}
        assert listed <= keep
        if table:
            assert "tabel/anggaran_kegiatan.csv" in table
    plan = bab2.annual_plan()
    assert _rows(plan) == 1 + 16 + 1  # the RKT: programs only
    assert "Rincian pagu 207 kegiatan terdapat pada berkas tabel/anggaran_kegiatan.csv dan tabel.xlsx." in plan.text


def test_above_the_threshold_the_paragraphs_count_the_kegiatan_cut_instead_of_naming_them(scaled):
    bab3, _ = scaled
    a = bab3.analysis
    acts = a.anggaran_kegiatan
    cut = acts.loc[acts["dipotong"], "kegiatan"].tolist()
    assert cut, "the seed has kegiatan cut in the APBD-P; the scaled copy too"
    summary = bab3.budget_summary().text
    assert f"Sebanyak {len(cut)} kegiatan dibatalkan pada APBD-P (pagu menjadi Rp 0); daftarnya ada pada" in summary
    assert not any(str(escape(name)) in summary for name in cut)
    analyses = bab3.sasaran_analyses().text
    assert re.search(r"\d+ kegiatan dibatalkan pada APBD-P\.", analyses)  # counted in analysis g
    assert "kegiatan dibatalkan pada APBD-P (" not in analyses  # not listed


def test_the_seed_names_the_kegiatan_cut():
    bab3 = open_chapter("", 2016, chapter=3)
    acts = bab3.analysis.anggaran_kegiatan
    cut = acts.loc[acts["dipotong"], "kegiatan"].tolist()
    summary = bab3.budget_summary().text
    assert cut and all(str(escape(name)) in summary for name in cut)
    assert "daftarnya ada pada" not in summary


INFO_ROWS_PER_RULE = appendix.ROWS_PER_RULE["informasi"]


def test_the_review_appendix_counts_the_informational_findings_of_a_rule_beyond_ten(scaled_ds):
    lampiran = chapter_class(5)(scaled_ds, 2016, "draft")
    cut = [f for f in lampiran.findings if f.rule == "PLAUS-PAGU-CUT"]
    assert len(cut) > INFO_ROWS_PER_RULE and all(f.severity == "info" for f in cut)
    text = lampiran.review_findings().text
    rest = len(cut) - INFO_ROWS_PER_RULE
    assert f"… dan {rest} temuan informasi serupa lainnya dari pemeriksaan ini (PLAUS-PAGU-CUT)" in text
    errors_and_warnings = [f for f in lampiran.findings if f.severity != "info"]
    assert max(_per_rule(lampiran.findings, "warning").values()) <= appendix.ROWS_PER_RULE["peringatan"]
    numbers = re.findall(r'<td class="num">(\d+)\.</td>', str(lampiran.review_findings()))
    shown_info = sum(min(n, INFO_ROWS_PER_RULE) for n in _per_rule(lampiran.findings).values())
    assert len(numbers) == len(errors_and_warnings) + shown_info  # numbered 1, 2, … without gaps
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_the_seed_review_appendix_lists_every_finding():
    lampiran = open_chapter("", 2016, chapter=5)
    assert max(_per_rule(lampiran.findings).values()) <= INFO_ROWS_PER_RULE
    text = lampiran.review_findings().text
    assert "Temuan Reviu atas Data LKjIP" in text and "temuan informasi serupa lainnya" not in text


def _per_rule(findings, severity: str = "info") -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        if f.severity == severity:
            out[f.rule] = out.get(f.rule, 0) + 1
    return out


def test_the_review_appendix_counts_the_warnings_of_a_rule_beyond_its_limit_and_lists_every_error(
    scaled_ds, monkeypatch
):
    monkeypatch.setitem(appendix.ROWS_PER_RULE, "peringatan", 5)  # 207 kegiatan: 15 of one warning
    lampiran = chapter_class(5)(scaled_ds, 2016, "draft")
    names = [f for f in lampiran.findings if f.rule == "CROSS-KEGIATAN-NAME" and f.severity == "warning"]
    assert len(names) == 15
    text = lampiran.review_findings().text
    assert "… dan 10 temuan peringatan serupa lainnya dari pemeriksaan ini (CROSS-KEGIATAN-NAME)" in text
    errors = [f for f in lampiran.findings if f.severity == "error"]
    assert errors and all(str(escape(f.message)) in text for f in errors)
    shown = sum(min(n, 5) for n in _per_rule(lampiran.findings, "warning").values())
    shown += sum(min(n, INFO_ROWS_PER_RULE) for n in _per_rule(lampiran.findings).values())
    numbers = re.findall(r'<td class="num">(\d+)\.</td>', str(lampiran.review_findings()))
    assert len(numbers) == len(errors) + shown
