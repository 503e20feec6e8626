"""Draft marking of the analyst's contradicted claims: a callout right after the text, none in a final report."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lkjipkit.report import open_chapter

CALLOUT = '<aside class="catatan-penyusun" role="note"'
WRONG = "Realisasi keuangan sebesar Rp 7,5 miliar. "


def _analyst_texts_then_callouts(html: str) -> list[tuple[str, str]]:
    """Each ``<div class="analis">`` directly followed by a callout: (text, callout)."""
    pattern = r'<div class="analis">(.*?)</div>(<aside class="catatan-penyusun".*?</aside>)'
    return re.findall(pattern, html, flags=re.S)


def test_the_seed_draft_marks_both_contradicted_spm_texts(seed_path):
    html = str(open_chapter(seed_path, 2016, 3).spm())
    marked = _analyst_texts_then_callouts(html)
    placement = [c for t, c in marked if "baru mencapai 24 %" in t]
    settlement = [c for t, c in marked if "mencapai target (50%)" in t]
    assert len(placement) == 1 and len(settlement) == 1
    (c,) = placement
    assert "\u201cmencapai 24 %\u201d (24 %)" in c and "tidak sesuai dengan data: 21,58 %" in c
    assert "rata-rata realisasi SPM-NAKER-4" in c and "2012: 20,54" in c
    assert "spm_realisasi.csv, baris 21, kolom analisis" in c
    (c,) = settlement
    assert "\u201cmencapai target (50%)\u201d (target tercapai)" in c
    assert "target tidak tercapai (49,21 % terhadap target 50 %)" in c
    assert "spm_realisasi.csv, baris 26, kolom analisis" in c
    assert len(marked) == 2, "only the two contradicted texts carry a claim callout"


def test_a_final_report_marks_nothing(seed_path):
    html = str(open_chapter(seed_path, 2016, 3, status="final").spm())
    assert "baru mencapai 24 %" in html and "catatan-penyusun" not in html


def test_an_accepted_claim_keeps_its_callout_with_the_reason(seed_copy: Path):
    (seed_copy / "reviu.yaml").write_text(
        "diterima:\n  - aturan: CLAIM-MEAN\n    lokasi: spm_realisasi.csv:21\n    alasan: Angka dari laporan bidang.\n",
        encoding="utf-8",
    )
    (c,) = [c for t, c in _analyst_texts_then_callouts(str(open_chapter(seed_copy, 2016, 3).spm())) if "24 %" in t]
    assert "Temuan ini diterima: Angka dari laporan bidang." in c
    appendix = str(open_chapter(seed_copy, 2016, 5).review_findings())
    assert "diterima: Angka dari laporan bidang." in appendix


@pytest.fixture
def wrong_texts(seed_copy: Path) -> Path:
    """The seed with a wrong budget figure in the conclusion and the closing, and a wrong direction in a cause."""
    p = seed_copy / "laporan.yaml"
    text = p.read_text(encoding="utf-8")
    text = text.replace("Secara umum dapat", WRONG + "Secara umum dapat", 1)
    text = text.replace("Dimasa mendatang", WRONG + "Dimasa mendatang", 1)
    p.write_text(text, encoding="utf-8")
    path = seed_copy / "analisis_iku.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    (rec,) = [r for r in rows if (r["iku_kode"], r["tahun"]) == ("IKU4", "2016")]
    rec["penyebab"] = rec["penyebab"].replace("Penurunan disebabkan", "Kenaikan disebabkan", 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return seed_copy


@pytest.mark.parametrize(
    ("chapter", "piece", "text", "where"),
    [
        (3, "analyst_conclusion", "Rp 7,5 miliar", "laporan[2016].kesimpulan_capaian"),
        (0, "missed", "Rp 7,5 miliar", "laporan[2016].kesimpulan_capaian"),
        (4, "closing_text", "Rp 7,5 miliar", "laporan[2016].penutup"),
        (3, "sasaran_analyses", "Kenaikan disebabkan", "analisis_iku.csv, baris"),
    ],
)
def test_laporan_and_iku_texts_are_marked_where_they_are_printed(wrong_texts, chapter, piece, text, where):
    html = str(getattr(open_chapter(wrong_texts, 2016, chapter), piece)())
    (c,) = [c for t, c in _analyst_texts_then_callouts(html) if text in t]
    assert where in c and "tidak sesuai dengan data" in c
    final = str(getattr(open_chapter(wrong_texts, 2016, chapter, status="final"), piece)())
    assert text in final and "catatan-penyusun" not in final
