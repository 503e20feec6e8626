"""Keep the message catalogs of :mod:`lkjipkit.i18n` in step with the code (Babel).

Two catalogs per language, in ``lkjipkit/locale/<lang>/LC_MESSAGES/``:

- ``lkjipkit.po``: every string the code marks with ``_()``/``ngettext()`` (Babel's Python extractor)
  and every help text of the ``lkjip`` command, read from the commands themselves;
- ``messages.po``: the strings Click prints (``Usage:``, ``Error: …``), extracted from the installed
  Click; those only a programmer or another platform sees (:data:`CLICK_UNSHOWN`) may stay untranslated.

Run from the project root::

    python -m lkjipkit._catalog update    # add new messages, drop gone ones, then compile
    python -m lkjipkit._catalog check     # what is untranslated or stale (the tests run this)

then translate the empty ``msgstr`` entries of the ``.po`` files and run ``update`` again, which also
writes the ``.mo`` files the command reads.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from lkjipkit.i18n import CLICK_DOMAIN, DOMAIN, LANGUAGES, LOCALES

PACKAGE = Path(__file__).resolve().parent
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != "en")
"""The languages with catalogs (English is the source)."""

CLICK_UNSHOWN = frozenset(
    {
        "d",
        "{editor}: Editing failed",
        "{editor}: Editing failed: {e}",
        "Windows error: {error}",
        "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
        "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
        "deprecated",
        "Name '{name}' defined twice",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Could not determine name for option with declarations {decls!r}",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Value must be an iterable.",
        "Shell completion is not supported for Bash versions older than 4.4.",
        "Couldn't detect Bash version, shell completion is not supported.",
        "Unknown color {colour!r}",
        "Unknown standard stream '{name}'",
        "Press any key to continue...",
        "Repeat for confirmation",
        "Error: The two entered values do not match.",
        "Error: invalid input",
        "Do you want to continue?",
        "Confirm the action without prompting.",
        "{value!r} is not a valid UUID.",
        "Invalid start character for option ({option})",
    }
)
"""Click strings ``lkjip`` never shows a user (programming errors, prompts it has none of, Windows-only
consoles, the editor): they may stay untranslated. A message that starts with one of these is one too."""


def po_path(language: str, domain: str) -> Path:
    """``lkjipkit/locale/<language>/LC_MESSAGES/<domain>.po``."""
    return LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def template(domain: str) -> Catalog:
    """The messages the code has now, for ``domain`` (:data:`DOMAIN` or :data:`CLICK_DOMAIN`)."""
    catalog = Catalog(project="lkjipkit", domain=domain, fuzzy=False)
    if domain == DOMAIN:
        for path in sorted(PACKAGE.rglob("*.py")):
            _add_extracted(catalog, path, PACKAGE.parent)
        for text, where in _help_texts():
            catalog.add(text, locations=[("lkjipkit/cli.py", None)], auto_comments=[where])
        for text, where, module in _descriptions():
            catalog.add(text, locations=[(module, None)], auto_comments=[where])
    else:
        import click

        folder = Path(click.__file__).resolve().parent
        for path in sorted(folder.glob("*.py")):
            _add_extracted(catalog, path, folder.parent)
    return catalog


def _add_extracted(catalog: Catalog, path: Path, root: Path) -> None:
    for lineno, message, _comments, _context in extract_from_file("python", str(path)):
        catalog.add(message, locations=[(path.relative_to(root).as_posix(), lineno)])


def _help_texts():
    """(text, where) for the help of every ``lkjip`` command and option, as :func:`lkjipkit.cli.help_text` asks."""
    from lkjipkit.cli import help_text, main

    def walk(command, name):
        if command.help:
            yield help_text(command.help), f"lkjip {name}".strip()
        for param in command.params:
            if getattr(param, "help", None):
                yield help_text(param.help), f"lkjip {name} {param.opts[0]}".replace("  ", " ")
        for sub, child in sorted(getattr(command, "commands", {}).items()):
            yield from walk(child, f"{name} {sub}".strip())

    yield from walk(main, "")


def _descriptions():
    """(text, where, module) for the description of every table, column and ``profil.yaml``/``laporan.yaml`` key.

    The workbook's Petunjuk shows them in Indonesian (:data:`lkjipkit.dataset.excel.keys.PETUNJUK`);
    docs/data-format.md keeps the English.
    """
    from pydantic import BaseModel

    from lkjipkit.dataset import profile
    from lkjipkit.dataset.spec import TABLES

    for table in TABLES:
        yield table.description, f"{table.name}.csv", "lkjipkit/dataset/spec.py"
        for col in table.columns:
            yield col.description, f"{table.name}.{col.name}", "lkjipkit/dataset/spec.py"
    models = [m for m in vars(profile).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    for model in models:
        if model.__module__ != profile.__name__:
            continue
        for name, field in model.model_fields.items():
            if field.description:
                yield field.description, f"{model.__name__}.{name}", "lkjipkit/dataset/profile.py"


def updated(language: str, domain: str) -> Catalog:
    """The ``.po`` catalog of ``language`` brought up to the code's messages.

    New messages come in untranslated, messages gone from the code are dropped.
    """
    path = po_path(language, domain)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=language, domain=domain)
    else:
        catalog = Catalog(locale=language, domain=domain, project="lkjipkit", fuzzy=False)
    created = catalog.creation_date
    catalog.update(template(domain), no_fuzzy_matching=True)
    catalog.creation_date = created  # an update without new messages leaves the files as they were
    catalog.obsolete.clear()
    return catalog


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` bytes of ``catalog`` (what :mod:`gettext` reads)."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def problems() -> list[str]:
    """What is out of step: messages without a translation, ``.po`` files not updated, ``.mo`` files not compiled."""
    found: list[str] = []
    for language in TRANSLATED:
        for domain in (DOMAIN, CLICK_DOMAIN):
            path = po_path(language, domain)
            if not path.exists():
                found.append(f"{path}: missing (run: python -m lkjipkit._catalog update)")
                continue
            with path.open("rb") as f:
                current = read_po(f, locale=language, domain=domain)
            wanted = {m.id for m in template(domain) if m.id}
            have = {m.id for m in current if m.id}
            for msgid in sorted(wanted - have, key=str):
                found.append(f"{path}: no entry for {_show(msgid)} (run: python -m lkjipkit._catalog update)")
            for msgid in sorted(have - wanted, key=str):
                found.append(
                    f"{path}: {_show(msgid)} is no longer in the code (run: python -m lkjipkit._catalog update)"
                )
            for message in current:
                if message.id and message.id in wanted and not _translated(message) and not _unshown(message, domain):
                    found.append(f"{path}: {_show(message.id)} has no translation")
            mo = path.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled(current):
                found.append(f"{mo}: not compiled from {path.name} (run: python -m lkjipkit._catalog update)")
    return found


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings) and not message.fuzzy


def _unshown(message, domain: str) -> bool:
    first = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return domain == CLICK_DOMAIN and first in CLICK_UNSHOWN


def _show(msgid) -> str:
    text = msgid[0] if isinstance(msgid, tuple | list) else msgid
    text = " ".join(str(text).split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


def update() -> None:
    """Update every ``.po`` file from the code and compile it to ``.mo``."""
    for language in TRANSLATED:
        for domain in (DOMAIN, CLICK_DOMAIN):
            catalog = updated(language, domain)
            path = po_path(language, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as f:
                write_po(f, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
            path.with_suffix(".mo").write_bytes(compiled(catalog))
            print(f"{path}: {sum(1 for m in catalog if m.id)} messages")


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
        return 0
    if argv == ["check"]:
        found = problems()
        print("\n".join(found) if found else "catalogs complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
