"""Assemble the report page: the front matter, the Daftar Isi, the chapters, the provenance footer.

Chapters arrive as HTML fragments (what their notebooks displayed, see
docs/report-html.md); the front matter (cover, Kata Pengantar, signature) as a
:class:`lkjipkit.report.front.Front` that the report package made from the
dataset. This module only places them. It reads the fragments without
rewriting them, but for the numbers of a chapter added to a Bab, which run on
from the chapters before it (:func:`lkjipkit.report.html.continue_numbering`).
It collects the headings (``h1``/``h2`` with their ``id``) for the Daftar Isi,
the numbered tables and figures for the Daftar Tabel and Daftar Gambar, and
refuses anything that would make the report run code or reach the network (a
``<script>``, an ``on…`` attribute, an image or stylesheet from a URL). The page
itself is a Jinja2 template with autoescaping, so every value from the dataset
is escaped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

if TYPE_CHECKING:
    from lkjipkit.report.front import Front

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_DIR = TEMPLATES / "lkjip"

# --- what the page shows ---------------------------------------------------------------------------------


@dataclass
class Footer:
    """The provenance line at the foot of the page: lkjipkit version, dataset fingerprint, build time."""

    version: str
    fingerprint: str
    built: dt.datetime


@dataclass
class ChapterHTML:
    """One chapter's fragment, named after its notebook (``03_akuntabilitas_kinerja``)."""

    name: str
    html: str


@dataclass
class TocEntry:
    level: int
    ident: str
    text: str
    front: bool = False
    """In the front matter (numbered i, ii, … in the PDF)."""


@dataclass
class Caption:
    ident: str
    text: str


@dataclass
class Page:
    html: str
    toc: list[TocEntry]
    tables: list[Caption]
    figures: list[Caption]
    warnings: list[str]


# --- reading a chapter fragment ------------------------------------------------------------------------

_FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "form"}
_RESOURCE_ATTRS = {"src", "srcset", "href", "xlink:href", "poster", "data", "background", "action", "formaction"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import", re.I)


def _local(url: str) -> bool:
    """A URL that loads nothing from anywhere: an embedded ``data:`` URI or an in-page ``#fragment``."""
    u = url.strip().lower()
    return u.startswith(("data:", "#")) or u == ""


class _Reader(HTMLParser):
    """Collects headings, captions and ids of a fragment, and everything a report must not contain."""

    def __init__(self, text: str, toc_levels: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.toc_levels = toc_levels
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.headings: list[dict] = []
        self.tables: list[Caption] = []
        self.figures: list[Caption] = []
        self.ids: list[str] = []
        self.problems: list[str] = []
        self._open: list[dict] = []  # captures in progress: headings, captions
        self._table_id: list[str | None] = []
        self._figure_id: list[str | None] = []
        self._in_style = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        classes = a.get("class", "").split()
        if a.get("id"):
            self.ids.append(a["id"])
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(_("a <{tag}> element").format(tag=tag))
        if tag == "meta" and a.get("http-equiv"):
            self.problems.append(_("a <meta http-equiv> element"))
        for name, value in a.items():
            if name.startswith("on"):
                self.problems.append(_("an event handler ({name}=…) on <{tag}>").format(name=name, tag=tag))
            elif name in _RESOURCE_ATTRS:
                if tag == "a" and name == "href":
                    if value.strip().lower().startswith(("javascript:", "vbscript:")):
                        self.problems.append(_("a javascript: link"))
                elif not _local(value):
                    self.problems.append(
                        _("{element} loaded from outside the report").format(element=f"<{tag} {name}={value[:60]!r}>")
                    )
            elif name == "style":
                self._check_css(value, f"the style of <{tag}>")
        if tag == "style":
            self._in_style = True
        if tag in self.toc_levels:
            self._open.append({"kind": tag, "id": a.get("id"), "classes": classes, "text": [], "at": self._offset()})
        elif tag == "br" and self._open:
            self._open[-1]["text"].append(" ")
        elif tag == "table":
            self._table_id.append(a.get("id") if "lkjip" in classes else None)
        elif tag == "figure":
            self._figure_id.append(a.get("id") if "lkjip" in classes else None)
        elif tag == "caption" and self._table_id and self._table_id[-1]:
            self._open.append({"kind": "caption", "id": self._table_id[-1], "text": []})
        elif tag == "figcaption" and self._figure_id and self._figure_id[-1]:
            self._open.append({"kind": "figcaption", "id": self._figure_id[-1], "text": []})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        elif tag == "table" and self._table_id:
            self._table_id.pop()
        elif tag == "figure" and self._figure_id:
            self._figure_id.pop()
        if self._open and self._open[-1]["kind"] == tag:
            item = self._open.pop()
            text = re.sub(r"\s+", " ", "".join(item["text"])).strip()
            if tag == "caption":
                self.tables.append(Caption(item["id"], text))
            elif tag == "figcaption":
                self.figures.append(Caption(item["id"], text))
            else:
                self.headings.append({**item, "text": text})

    def handle_data(self, data):
        if self._in_style:
            self._check_css(data, "a <style> element")
        for item in self._open:
            item["text"].append(data)

    def _check_css(self, css: str, where: str) -> None:
        for m in _CSS_URL.finditer(css):
            if m.group(0).lower() == "@import" or not _local(m.group(2) or ""):
                self.problems.append(
                    _("{where} loads {url} from outside the report").format(where=where, url=repr(m.group(0)[:60]))
                )


def parse_chapter_html(chapter: ChapterHTML, toc_levels=("h1", "h2")) -> tuple[str, list[dict], _Reader]:
    """Check a chapter fragment; give it back with an ``id`` on every heading, and its headings.

    Raises
    ------
    BuildError
        The fragment holds code or loads something from outside the report.
    """
    reader = _Reader(chapter.html, toc_levels)
    reader.feed(chapter.html)
    reader.close()
    if reader.problems:
        seen = list(dict.fromkeys(reader.problems))
        more = _(" (and {n} more)").format(n=len(seen) - 3) if len(seen) > 3 else ""
        raise BuildError(
            _(
                "chapter {chapter}: its output contains {found}{more}. A report holds no code and loads nothing "
                "from the network; display content through lkjipkit.report (docs/report-html.md)."
            ).format(chapter=chapter.name, found="; ".join(seen[:3]), more=more)
        )
    html = chapter.html
    # Headings without an id cannot be linked from the Daftar Isi: give them one (from the back, so the
    # offsets of the ones before stay valid).
    n = 0
    for h in reversed(reader.headings):
        if not h["id"]:
            n += 1
            h["id"] = f"{chapter.name}-judul-{len(reader.headings) - n + 1}"
            at = h["at"] + 1 + len(h["kind"])
            html = html[:at] + f' id="{h["id"]}"' + html[at:]
    return html, reader.headings, reader


# --- typography -----------------------------------------------------------------------------------------

_TAG = re.compile(r"(<[^>]*>)")
_UNIT_GAPS = (
    (re.compile(r"(\d) (%)"), "\\1\u00a0\\2"),  # 92,59 % never breaks before the sign
    (re.compile(r"\bRp (\d)"), "Rp\u00a0\\1"),  # nor Rp 7.016.295.114 after "Rp"
)


def keep_units_together(html: str) -> str:
    """Join a number to its ``%`` and ``Rp`` to its amount with a no-break space, in the text of ``html``.

    Only text between tags changes (never an attribute, a data URI or a stylesheet), and only those spaces:
    a line may no longer end in "Rp" or start with "%".
    """
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):  # even items are text, odd ones tags
        text = parts[i]
        if text and (" %" in text or "Rp " in text):
            for pattern, repl in _UNIT_GAPS:
                text = pattern.sub(repl, text)
            parts[i] = text
    return "".join(parts)


# --- the page -------------------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def stylesheet() -> str:
    return (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8")


def render_page(
    chapters: list[ChapterHTML],
    *,
    front: Front | None = None,
    footer: Footer | None = None,
    title: str = "Laporan Kinerja",
    konsep: str | None = None,
) -> Page:
    """The whole report as one HTML page (or one chapter's page when ``front`` is None).

    ``footer`` is the provenance line of a draft (a final report has none); ``konsep``, when given,
    marks the cover *KONSEP* with that line under the label (a draft, or a final report built with
    ``--allow-incomplete``).
    """
    from lkjipkit.report.html import continue_numbering  # here: the report package is slow to import

    warnings: list[str] = []
    bodies, toc, tables, figures, ids = [], [], [], [], {}
    in_front = front is not None
    first_bab = None
    numbered = continue_numbering([ch.html for ch in chapters])
    chapters = [ChapterHTML(ch.name, text) for ch, text in zip(chapters, numbered, strict=True)]
    for ch in chapters:
        html, headings, reader = parse_chapter_html(ch)
        h1 = next((h for h in headings if h["kind"] == "h1"), None)
        if h1 is None:
            warnings.append(
                _("chapter {chapter}: no <h1> chapter title, so it has no entry in the Daftar Isi").format(
                    chapter=ch.name
                )
            )
        if in_front and h1 is not None and h1["id"].startswith("bab-"):
            in_front = False
            first_bab = ch.name
        for h in headings:
            toc.append(TocEntry(int(h["kind"][1]), h["id"], h["text"], front=in_front))
        tables += reader.tables
        figures += reader.figures
        for i in reader.ids:
            ids.setdefault(i, []).append(ch.name)
        body = Markup(keep_units_together(html))  # noqa: S704 - checked by parse_chapter_html; only spaces changed
        bodies.append({"name": ch.name, "html": body, "front": in_front, "first_bab": ch.name == first_bab})
    for ident, where in ids.items():
        if len(where) > 1:
            warnings.append(f"id {ident!r} is used {len(where)} times ({', '.join(dict.fromkeys(where))})")
    css = stylesheet()
    html = (
        _environment()
        .get_template("page.html.j2")
        .render(
            title=title,
            front=front,
            chapters=bodies,
            toc=toc,
            tables=[t for t in tables if t.ident],
            figures=[f for f in figures if f.ident],
            footer=footer,
            konsep=konsep,
            css=Markup(css),  # noqa: S704 - the package's own stylesheet
        )
    )
    return Page(html=html, toc=toc, tables=tables, figures=figures, warnings=warnings)


# --- the footer -----------------------------------------------------------------------------------------


def build_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).astimezone()
