"""The command in English or Indonesian: the catalogs complete, the choice of language, the words shown."""

from __future__ import annotations

import os
import re
import string

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from lkjipkit import _catalog, i18n
from lkjipkit.cli import _review_line, main


def test_the_catalogs_hold_every_message_translated_and_compiled():
    # A new _() message or help text without its Indonesian, or a .po edited but not compiled, fails here.
    assert _catalog.problems() == []


def _fields(text: str) -> set[str]:
    """The names a message is formatted with: ``{name}``, or Click's ``%(name)s``."""
    text = re.sub(r"%\((\w+)\)s", r"{\1}", text)
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", [i18n.DOMAIN, i18n.CLICK_DOMAIN])
def test_a_translation_fills_only_the_fields_the_message_is_given(domain):
    with _catalog.po_path("id", domain).open("rb") as f:
        catalog = read_po(f, locale="id")
    checked = 0
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if not message.id:
            continue
        given = set().union(*(_fields(t) for t in ids))
        for text in strings:
            assert _fields(text) <= given, (message.id, text)  # a field the code does not pass would crash
            checked += 1
    assert checked > 40


def test_the_language_comes_from_the_option_then_lkjip_lang_then_the_locale():
    assert i18n.language_from({}) == "en"
    assert i18n.language_from({"LANG": "id_ID.UTF-8"}) == "id"
    assert i18n.language_from({"LANGUAGE": "id:en", "LANG": "en_US.UTF-8"}) == "id"
    assert i18n.language_from({"LC_ALL": "C.UTF-8", "LANG": "id_ID.UTF-8"}) == "en"  # LC_ALL comes first
    assert i18n.language_from({"LKJIP_LANG": "en", "LANG": "id_ID.UTF-8"}) == "en"
    assert i18n.language_from({"LKJIP_LANG": "in"}) == "id"  # the old code of Indonesian


def _help(args, env=None):
    r = CliRunner().invoke(main, args, env={"LKJIP_LANG": None, "LANGUAGE": None, "LC_ALL": None, **(env or {})})
    assert r.exit_code == 0, r.output
    return " ".join(r.output.split())


def test_help_in_indonesian_with_lang_id_and_english_without():
    english = _help(["--help"], {"LANG": "C.UTF-8"})
    assert english.startswith("Usage:") and "Commands:" in english and "Build the whole report" in english
    indonesian = _help(["--lang", "id", "--help"], {"LANG": "C.UTF-8"})
    assert indonesian.startswith("Penggunaan:") and "Perintah:" in indonesian and "Opsi:" in indonesian
    assert "Susun seluruh laporan satu instansi-tahun" in indonesian and "Build the whole" not in indonesian
    build = _help(["--lang", "id", "build", "--help"])
    assert "Contoh: lkjip build data/balikpapan-disnakersos --year 2016" in build
    assert "Tahun laporan (bawaan: tahun terakhir dalam dataset)." in build and "[bawaan: html,pdf,docx]" in build
    assert english == _help(["--help"], {"LANG": "C.UTF-8"})  # the choice of one run does not stick to the next


def test_the_locale_and_lkjip_lang_choose_without_the_option():
    assert _help(["validate", "--help"], {"LANG": "id_ID.UTF-8"}).startswith("Penggunaan:")
    assert _help(["validate", "--help"], {"LANG": "id_ID.UTF-8", "LKJIP_LANG": "en"}).startswith("Usage:")


def test_the_environment_of_the_process_is_left_as_it_was(monkeypatch):
    monkeypatch.delenv("LANGUAGE", raising=False)
    _help(["--lang", "id", "--help"])
    assert "LANGUAGE" not in os.environ and i18n.language() == "en"


def test_messages_and_errors_of_the_command_in_indonesian(seed_path, tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["--lang", "id", "validate", str(seed_path)])
    assert r.exit_code == 0
    assert "tahun laporan 2016; 6 IKU, 12 baris IKU-tahun" in r.stdout and "aturan antartabel" in r.stdout
    bad = runner.invoke(main, ["--lang", "id", "biuld"])
    assert (
        bad.exit_code == 2 and "Tidak ada perintah 'biuld'." in bad.stderr and "(Maksud Anda: 'build'?)" in bad.stderr
    )
    missing = runner.invoke(main, ["--lang", "id", "tables", str(seed_path), "--format", "odt", "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "format tabel odt tidak dikenal; pilih dari csv, xlsx" in missing.stderr
    gone = runner.invoke(main, ["--lang", "id", "validate", str(tmp_path / "tidak-ada")])
    assert gone.exit_code == 1 and gone.stderr.startswith("kesalahan: ")


def test_the_build_summary_names_the_review_counts_and_where_to_read_them():
    counts = {"error": 1, "warning": 18, "info": 3}
    i18n.set_language("id")
    try:
        assert (
            _review_line(counts, "Lampiran 2", "reviu.json")
            == "reviu: 1 kesalahan, 18 peringatan — lihat Lampiran 2 / reviu.json"
        )
        assert (
            _review_line({"error": 0, "warning": 0}, None, "reviu.json")
            == "reviu: 0 kesalahan, 0 peringatan — lihat reviu.json"
        )
    finally:
        i18n.set_language("en")
    assert (
        _review_line(counts, "Lampiran 2", "reviu.json") == "review: 1 error, 18 warnings — see Lampiran 2 / reviu.json"
    )
    assert _review_line({"error": 1, "warning": 1}, None, "reviu.json") == "review: 1 error, 1 warning — see reviu.json"


def test_dataset_problems_in_indonesian_with_lang_id_and_english_without(seed_copy):
    budget = seed_copy / "anggaran.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    assert lines[0].split(",")[2] == "pagu_murni"
    cells[2] = "sejuta"
    budget.write_text(lines[0] + ",".join(cells) + "".join(lines[2:]), encoding="utf-8")
    runner = CliRunner()
    indonesian = runner.invoke(main, ["--lang", "id", "validate", str(seed_copy)])
    assert indonesian.exit_code == 1
    assert (
        "anggaran.csv:2:pagu_murni: seharusnya angka dalam format berkas berpemisah ',' ini: titik desimal dan "
        "tanpa pemisah ribuan, mis. 1234567 atau 92.59; ditemukan 'sejuta'" in indonesian.stderr
    )
    english = runner.invoke(main, ["validate", str(seed_copy)], env={"LKJIP_LANG": "en"})
    assert english.exit_code == 1
    assert (
        "anggaran.csv:2:pagu_murni: expected a number in the format of this ','-separated file: a decimal point "
        "and no thousands separator, e.g. 1234567 or 92.59; found 'sejuta'" in english.stderr
    )
