"""The language of the ``lkjip`` command: English or Indonesian (``--lang id``).

The command's own words (help, summaries, prompts of its errors) come from
gettext message catalogs in ``lkjipkit/locale/<lang>/LC_MESSAGES/``:
``lkjipkit.mo`` for lkjipkit's messages and ``messages.mo`` for the words
Click itself prints (``Usage:``, ``Options``, ``Error: …``). The catalogs are
kept with Babel (``python -m lkjipkit._catalog update`` then ``compile``; see
docs/terminology.md, *Bahasa pesan*).

The language is chosen, first match wins, by ``lkjip --lang``, the environment
variable ``LKJIP_LANG``, then the locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``id_ID.UTF-8`` is Indonesian); anything else is
English. Messages are marked with :func:`_` (``ngettext`` for counts) and
formatted after translation, so a translation may reorder the fields::

    _("{path}: written").format(path=path)

The review findings and the report are Indonesian whatever the language: they
are the report's content, not the command's messages.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locale"
DOMAIN = "lkjipkit"
CLICK_DOMAIN = "messages"
"""The gettext domain Click's own strings are looked up in (Click calls :func:`gettext.gettext`)."""
LANGUAGES = ("en", "id")
"""The languages of the command: English (the source strings) and Indonesian."""
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where gettext looks for the user's language, in its order."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from(environ: Mapping[str, str] = os.environ) -> str:
    """The language the environment asks for: ``LKJIP_LANG``, else the locale; ``"en"`` when neither is Indonesian.

    >>> language_from({"LANG": "id_ID.UTF-8"}), language_from({"LANG": "C.UTF-8"}), language_from({"LKJIP_LANG": "id"})
    ('id', 'en', 'id')
    """
    chosen = environ.get("LKJIP_LANG", "").strip()
    if chosen:
        return _language_code(chosen)
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return _language_code(value.split(":")[0])
    return "en"


def _language_code(value: str) -> str:
    """``id_ID.UTF-8``, ``id``, ``in`` (the old code of Indonesian) → ``"id"``; anything else → ``"en"``."""
    code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    return "id" if code in ("id", "in", "ind") else "en"


def set_language(language: str) -> None:
    """Speak ``language`` (one of :data:`LANGUAGES`) from now on.

    Click looks its own strings up with :func:`gettext.gettext`, which takes the language from the
    environment: a command that wants Click to speak it too also exports it as ``LANGUAGE``
    (``lkjip`` does, for the length of the command; the kernels a build starts inherit it).
    """
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    _language = language
    _translations = translations(language)
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALES))


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` itself, whatever the command speaks: for texts that are always in one
    language (the workbook's Petunjuk is Indonesian, like the report)."""
    return gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)


def language() -> str:
    """The language messages are in now (``"en"`` or ``"id"``)."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language (itself when the catalog has no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _translations.ngettext(singular, plural, n)
