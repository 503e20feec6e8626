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


def N_(message: str) -> str:
    """``message`` itself: marks a message kept in a constant for the catalog; pass it to :func:`_` where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _translations.ngettext(singular, plural, n)


VALIDATION_MESSAGES: dict[str, str] = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "int_parsing_size": N_("Unable to parse input string as an integer, exceeded maximum size"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "string_type": N_("Input should be a valid string"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "less_than": N_("Input should be less than {lt}"),
    "multiple_of": N_("Input should be a multiple of {multiple_of}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "string_too_short": N_("String should have at least {min_length} character(s)"),
    "string_too_long": N_("String should have at most {max_length} character(s)"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "too_short": N_("{field_type} should have at least {min_length} item(s) after validation, not {actual_length}"),
    "too_long": N_("{field_type} should have at most {max_length} item(s) after validation, not {actual_length}"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "model_attributes_type": N_("Input should be a valid dictionary or object to extract fields from"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "none_required": N_("Input should be None"),
    "value_error": N_("Value error, {error}"),
    "assertion_error": N_("Assertion failed, {error}"),
}
"""pydantic's explanation of a value, by its error ``type``: the English as pydantic words it, for the catalog."""


def validation_message(error: Mapping) -> str:
    """pydantic's explanation of one error (an item of ``ValidationError.errors()``) in the current language.

    In English it is pydantic's own ``msg``; otherwise the translation of :data:`VALIDATION_MESSAGES` for
    its ``type``, filled from its ``ctx`` (an error type not listed there keeps pydantic's English).

    >>> validation_message({"type": "int_type", "msg": "Input should be a valid integer"})
    'Input should be a valid integer'
    """
    template = VALIDATION_MESSAGES.get(error.get("type", ""))
    if _language == "en" or template is None or _(template) == template:
        return error["msg"]
    fields = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    if "expected" in fields:  # pydantic joins the choices with an English "or": 'draft' or 'final'
        fields["expected"] = fields["expected"].replace(" or ", _(" or "))
    try:
        return _(template).format_map(fields)
    except (KeyError, IndexError, ValueError):
        return error["msg"]


# A library call (a notebook, a chapter's kernel, a batch worker) speaks as its environment asks; the
# command then sets the language of its --lang (a build exports it as LANGUAGE to its kernels).
set_language(language_from())
