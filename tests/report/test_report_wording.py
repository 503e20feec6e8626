"""A dataset's own wording: ``teks/`` overrides of the generated sentences' templates, sandboxed and checked."""

from __future__ import annotations

import shutil

import pytest

from lkjipkit.dataset import fingerprint, load_dataset
from lkjipkit.report import narrative, open_chapter
from lkjipkit.report.narrative import TEMPLATES, WordingError, check_wording
from lkjipkit.report.prose import vocabulary

DEFAULT = "Secara keseluruhan, dari 6 IKU yang terukur"


@pytest.fixture
def agency(seed_copy):
    """The embedded dataset with ``teks/ringkasan.j2``: Bab IV's conclusion and the Ikhtisar worded otherwise."""
    (seed_copy / "teks").mkdir()
    text = (TEMPLATES / "ringkasan.j2").read_text(encoding="utf-8")
    text = text.replace("Secara keseluruhan, dari", "Pendek kata, dari").replace("}} menetapkan {{", "}} memasang {{")
    (seed_copy / "teks" / "ringkasan.j2").write_text(text, encoding="utf-8")
    return seed_copy


def _override(folder, old: str, new: str) -> None:
    path = folder / "teks" / "ringkasan.j2"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_override_words_the_sentences_of_its_dataset_only(agency, seed_path):
    assert vocabulary(load_dataset(agency), 2016)["ringkasan"]["kesimpulan"].startswith("Pendek kata, dari 6 IKU")
    overview = str(open_chapter(agency, 2016, chapter=0).overview())
    assert "Disnakersos Kota Balikpapan memasang 6 indikator" in overview and "menetapkan" not in overview
    assert vocabulary(load_dataset(seed_path), 2016)["ringkasan"]["kesimpulan"].startswith(DEFAULT)
    assert "Disnakersos Kota Balikpapan menetapkan 6 indikator" in str(
        open_chapter(seed_path, 2016, chapter=0).overview()
    )


def test_a_piece_called_outside_a_chapter_uses_the_package_wording(agency):
    bab = open_chapter(agency, 2016, chapter=0)
    bab.overview()  # inside: the override; after it, the package's again
    a = bab.analysis
    assert str(narrative.conclusion(a.ringkasan_iku, a.capaian_iku)).startswith(DEFAULT)


def test_an_unknown_variable_names_the_file_and_line(agency):
    _override(agency, "{{ f.instansi }} memasang", "{{ f.instansiku }} memasang")
    with pytest.raises(WordingError) as err:
        open_chapter(agency, 2016, chapter=0).overview()
    assert str(err.value).startswith(f"{(agency / 'teks' / 'ringkasan.j2').resolve()}:4: ")
    assert "instansiku" in str(err.value)


def test_a_syntax_error_names_the_file_and_line(agency):
    _override(agency, "{% macro kesimpulan(f) -%}", "{% macro kesimpulan(f) -%}{{ f.tahun }")
    path = (agency / "teks" / "ringkasan.j2").resolve()
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in path.read_text(encoding="utf-8").splitlines() if "macro kesimpulan" in x))
    )
    with pytest.raises(WordingError, match=rf"^{path}:{line + 1}: "):
        check_wording(agency / "teks")
    with pytest.raises(WordingError, match=rf"^{path}:{line + 1}: "):
        vocabulary(load_dataset(agency), 2016)


def test_an_unknown_template_or_a_missing_macro_is_refused(agency):
    shutil.copy(agency / "teks" / "ringkasan.j2", agency / "teks" / "ringkas.j2")
    with pytest.raises(WordingError, match=r"ringkas\.j2: not a template of the generated sentences; teks/ may hold"):
        check_wording(agency / "teks")
    (agency / "teks" / "ringkas.j2").unlink()
    _override(agency, "{% macro kesimpulan(f) -%}", "{% macro simpulan(f) -%}")
    with pytest.raises(WordingError, match=r"ringkasan\.j2: no macro kesimpulan; it must keep every macro"):
        check_wording(agency / "teks")


def test_the_sandbox_refuses_python_internals(agency):
    _override(agency, "{{ f.instansi }} memasang", "{{ f.__class__.__mro__ }} memasang")
    with pytest.raises(WordingError, match=r"ringkasan\.j2:4: "):
        open_chapter(agency, 2016, chapter=0).overview()


def test_the_overrides_are_part_of_the_fingerprint(agency):
    before = fingerprint(agency)
    _override(agency, "Pendek kata", "Singkatnya")
    assert fingerprint(agency) != before
