"""Every message a failing command shows is Indonesian under ``--lang id``: no English lead left over.

Each case runs the same failing command in English and in Indonesian (CliRunner). The English output must
show the message the case is about (so the case still fails the way it is meant to); the Indonesian output
must differ from it and hold no English words of lkjipkit's catalog: a literal piece of any translated
message (``msgid``) that no Indonesian translation contains is an English leftover. A message raised
without ``_()``, or a library's words passed on untranslated (pydantic's ``Input should be …``), fails here.
"""

from __future__ import annotations

import re
import shutil
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from lkjipkit import _catalog, i18n
from lkjipkit.cli import main


@cache
def english_pieces() -> frozenset[str]:
    """The literal pieces of the catalog's messages (between their fields) that only English has."""
    with _catalog.po_path("id", i18n.DOMAIN).open("rb") as f:
        catalog = read_po(f, locale="id")
    translated = []
    pieces = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        translated += [" ".join(s.split()) for s in strings if s]
        for text in ids:
            for literal, *_unused in string.Formatter().parse(text):
                piece = " ".join(literal.split())
                if len(piece) >= 8 and re.search(r"[A-Za-z]{4,}", piece):
                    pieces.add(piece)
    indonesian = "\n".join(translated)
    return frozenset(p for p in pieces if p not in indonesian)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bad_year_type(folder: Path) -> list[str]:
    _edit(folder / "laporan.yaml", "- tahun: 2016", "- tahun: duaribu")
    return ["validate", str(folder)]


def _renstra_reversed(folder: Path) -> list[str]:
    _edit(folder / "profil.yaml", "tahun_akhir: 2016", "tahun_akhir: 2000")
    return ["validate", str(folder)]


def _unknown_key(folder: Path) -> list[str]:
    _edit(folder / "profil.yaml", "renstra:", "kunci_asing: 1\nrenstra:")
    return ["validate", str(folder)]


def _broken_yaml(folder: Path) -> list[str]:
    _edit(folder / "laporan.yaml", "laporan:\n", "laporan:\n  x: [\n")
    return ["validate", str(folder)]


def _broken_workbook(folder: Path) -> list[str]:
    book = folder.parent / "data.xlsx"
    book.write_bytes(b"this is no workbook")
    return ["validate", str(book)]


def _template_exists(folder: Path) -> list[str]:
    book = folder.parent / "data.xlsx"
    book.write_bytes(b"")
    return ["template", "--out", str(book)]


def _file_as_folder(folder: Path) -> list[str]:
    (folder.parent / "berkas.txt").write_text("x", encoding="utf-8")
    return ["tables", str(folder), "--out", str(folder.parent / "berkas.txt" / "tabel")]


CASES = {
    # command (after --lang), or a function making the dataset fail and giving the command; English expected
    "build: a year the dataset lacks": (  # slow: the build starts its kernels first
        lambda d: ["build", str(d), "--year", "2030"],
        "no report year 2030 in laporan.yaml (years there: 2016)",
    ),
    "review: a year the dataset lacks": (lambda d: ["review", str(d), "--year", "2030"], "no report year 2030"),
    "build --final: things to fill in": (
        lambda d: ["build", str(d), "--year", "2016", "--final"],
        "the final report 2016 is not complete",
    ),
    "laporan.yaml: pydantic's type error": (_bad_year_type, "Input should be a valid integer"),
    "profil.yaml: a check of the model": (_renstra_reversed, "tahun_akhir is before tahun_awal"),
    "profil.yaml: pydantic's unknown key": (_unknown_key, "Extra inputs are not permitted"),
    "laporan.yaml: PyYAML's parse error": (_broken_yaml, "not valid YAML"),
    "a workbook openpyxl cannot read": (_broken_workbook, "cannot read the workbook"),
    "template: the workbook exists": (_template_exists, "already exists; choose another name, or replace it"),
    "template: not .xlsx": (lambda d: ["template", "--out", str(d / "data.txt")], "expected a file name ending in"),
    "tables: an unknown format": (
        lambda d: ["tables", str(d), "--out", str(d / "t"), "--format", "odt"],
        "unknown table format odt; choose from csv, xlsx",
    ),
    "tables: a file where a folder goes": (_file_as_folder, "it is a file where a folder is expected"),
    "new-year: the year is there": (
        lambda d: ["new-year", str(d), "--year", "2016"],
        "year 2016 is already in laporan.yaml",
    ),
    "new-year: after the Renstra period": (
        lambda d: ["new-year", str(d), "--year", "2030"],
        "2030 is after the Renstra period 2011-2016",
    ),
    "batch: a year that is none": (lambda d: ["batch", str(d), "--year", "20x6"], "expected a year (2016)"),
    "rekap: no folder of reports": (
        lambda d: ["rekap", str(d / "laporan"), "--year", "2016"],
        "no such folder of reports",
    ),
    "notebooks: not a dataset folder": (
        lambda d: ["notebooks", str(d / "data.xlsx")],
        "not a dataset folder (a workbook cannot carry chapters of its own)",
    ),
}


SLOW = {"build: a year the dataset lacks", "build --final: things to fill in"}


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW else c for c in CASES])
def test_a_failing_command_speaks_indonesian_with_lang_id(case, tmp_path, seed_path):
    make, expected = CASES[case]
    runner = CliRunner()
    outputs = {}
    for lang in ("en", "id"):
        folder = tmp_path / lang / seed_path.name
        folder.parent.mkdir()
        shutil.copytree(seed_path, folder)
        result = runner.invoke(main, ["--lang", lang, *make(folder)])
        assert result.exit_code in (1, 2), (lang, result.output)
        assert "Traceback" not in result.output
        outputs[lang] = _flat(result.output.replace(str(folder), "DATASET").replace(str(folder.parent), "TMP"))
    english, indonesian = outputs["en"], outputs["id"]
    assert expected in english, english
    assert indonesian != english
    left = sorted(p for p in english_pieces() if p in indonesian)
    assert left == [], f"English in the Indonesian output: {left}\n{indonesian}"


def test_the_check_finds_an_english_leftover():
    # The test above can fail: an English message of the catalog is found in a text said to be Indonesian.
    text = _flat("kesalahan: DATASET: no report year 2030 in laporan.yaml (years there: 2016)")
    assert [p for p in english_pieces() if p in text]


def test_pydantic_messages_by_error_type_keep_pydantic_english_in_english():
    err = {"type": "greater_than_equal", "msg": "Input should be greater than or equal to 1990", "ctx": {"ge": 1990}}
    literal = {
        "type": "literal_error",
        "msg": "Input should be 'draft' or 'final'",
        "ctx": {"expected": "'draft' or 'final'"},
    }
    unknown = {"type": "url_parsing", "msg": "Input should be a valid URL"}
    assert i18n.validation_message(err) == "Input should be greater than or equal to 1990"
    i18n.set_language("id")
    try:
        assert i18n.validation_message(err) == "seharusnya lebih besar dari atau sama dengan 1990"
        assert i18n.validation_message(literal) == "seharusnya 'draft' atau 'final'"
        assert i18n.validation_message(unknown) == "Input should be a valid URL"  # a type not mapped keeps pydantic's
    finally:
        i18n.set_language("en")
