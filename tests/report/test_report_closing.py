"""Bab IV Penutup: its wording is the notebook's prose cells; the facts that choose it are computed."""

from __future__ import annotations

import pytest
from prose_helpers import edit_csv, prose_cell

from lkjipkit.dataset import load_dataset
from lkjipkit.report import open_chapter
from lkjipkit.report.prose import render_prose, vocabulary

STANDARD_CLOSING = "merupakan pertanggungjawaban atas pelaksanaan Perjanjian Kinerja Tahun"


def _cell(ident: str, names: dict) -> str:
    return str(render_prose(prose_cell("04_penutup", ident), names, where=f"04_penutup, {ident}"))


def test_the_conclusion_is_one_paragraph_generated_sentence_first(seed_path):
    html = _cell("04-p1", vocabulary(load_dataset(seed_path), 2016))
    assert html.startswith("<p>Secara keseluruhan, dari 6 IKU yang terukur pada tahun 2016, 2 IKU (33,33 %)")
    assert "Perjanjian Bersama (PB), dan persentase PMKS" in html  # the value prints as itself
    assert html.endswith("disajikan pada Bab III.</p>") and html.count("<p>") == 1


def test_the_seed_has_no_steps_so_no_lead_in_and_its_own_closing_words(seed_path):
    names = vocabulary(load_dataset(seed_path), 2016)
    assert names["perbaikan"]["ada"] is False and names["ringkasan"]["semua_tercapai"] is False
    assert _cell("04-p2", names) == ""  # never "…target:" followed by nothing
    assert names["laporan"]["penutup_diisi"] is True
    assert _cell("04-p3", names) == ""


@pytest.mark.parametrize(("year", "standard_closing"), [(2022, True), (2023, False)])
def test_a_lead_in_before_the_steps_and_the_standard_closing_when_penutup_is_empty(
    kota_contoh_path, year, standard_closing
):
    names = vocabulary(load_dataset(kota_contoh_path), year)
    bab = open_chapter(kota_contoh_path, year, chapter=4)
    assert _cell("04-p2", names) == "<p>Langkah perbaikan atas IKU yang belum mencapai target:</p>"
    assert str(bab.improvements()).startswith("<ul><li><strong>")
    assert (STANDARD_CLOSING in _cell("04-p3", names)) is standard_closing
    assert (str(bab.closing_text()) == "") is standard_closing


def test_every_target_met_says_so_and_lists_nothing(seed_copy):
    def met(rows):
        return [r | {"realisasi": r["target"]} if r["tahun"] == "2016" else r for r in rows]

    edit_csv(seed_copy / "iku_tahunan.csv", met)
    names = vocabulary(load_dataset(seed_copy), 2016)
    assert names["ringkasan"]["semua_tercapai"] is True
    assert _cell("04-p2", names) == (
        "<p>Seluruh IKU yang terukur pada tahun 2016 mencapai target; capaian ini perlu dipertahankan pada "
        "tahun berikutnya.</p>"
    )
    assert str(open_chapter(seed_copy, 2016, chapter=4).improvements()) == ""
