"""Draft and final chapters: the drafter's callouts and the review appendix only in a draft."""

from __future__ import annotations

import pytest

from lkjipkit.errors import LkjipError
from lkjipkit.report import open_chapter

CALLOUT = '<aside class="catatan-penyusun" role="note"'


def pieces(bab, names):
    return "".join(str(getattr(bab, n)()) for n in names)


@pytest.mark.parametrize(
    ("chapter", "names", "expected"),
    [
        (1, ["organisation"], ["instansi.bagan_organisasi"]),
        (3, ["sasaran_analyses"], ["kolom penyebab", "kolom solusi", "SPM-NAKER-4", "sasaran_program.csv"]),
        (4, ["improvements", "signature"], ["IKU6 Persentase PMKS", "kepala.nama", "kepala.nip"]),
        (5, ["agreement"], ["perjanjian_kinerja.pihak_kedua", "perjanjian_kinerja.tanggal"]),
    ],
)
def test_a_draft_shows_each_gap_as_a_callout_and_a_final_none(seed_path, chapter, names, expected):
    draft = pieces(open_chapter(seed_path, 2016, chapter), names)
    assert CALLOUT in draft and "Catatan penyusun" in draft
    for text in expected:
        assert text in draft
    final = pieces(open_chapter(seed_path, 2016, chapter, status="final"), names)
    assert "catatan-penyusun" not in final and "Catatan penyusun" not in final


def test_the_drafter_sentences_are_gone(seed_path):
    text = pieces(open_chapter(seed_path, 2016, 3), ["sasaran_analyses"])
    text += pieces(open_chapter(seed_path, 2016, 4), ["improvements"])
    for sentence in ("belum diuraikan.</em>", "perlu dijelaskan", "Keterkaitan program dengan sasaran:"):
        assert sentence not in text
    assert "Langkah perbaikan untuk" not in text


def test_the_review_appendix_is_draft_only_and_the_numbering_stays_consistent(seed_path):
    draft = open_chapter(seed_path, 2016, 5)
    assert [str(draft.section(t)) for t in ("Perjanjian Kinerja", "Hasil Reviu", "Tim Penyusun")] == [
        '<h2 id="s-l-1">Lampiran 1. Perjanjian Kinerja</h2>',
        '<h2 id="s-l-2">Lampiran 2. Hasil Reviu</h2>',
        '<h2 id="s-l-3">Lampiran 3. Tim Penyusun</h2>',
    ]
    assert "Temuan Reviu" in str(draft.review_findings())
    final = open_chapter(seed_path, 2016, 5, status="final")
    assert [str(final.section(t)) for t in ("Perjanjian Kinerja", "Hasil Reviu", "Tim Penyusun")] == [
        '<h2 id="s-l-1">Lampiran 1. Perjanjian Kinerja</h2>',
        "",
        '<h2 id="s-l-2">Lampiran 2. Tim Penyusun</h2>',
    ]
    assert str(final.review_findings()) == ""


def test_the_status_comes_from_laporan_yaml_unless_given(seed_copy):
    path = seed_copy / "laporan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- tahun: 2016\n", "- tahun: 2016\n  status: final\n"))
    assert open_chapter(seed_copy, 2016, 4).final
    assert not open_chapter(seed_copy, 2016, 4, status="draft").final
    with pytest.raises(LkjipError, match="status 'konsep'"):
        open_chapter(seed_copy, 2016, 4, status="konsep")
