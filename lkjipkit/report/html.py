"""HTML building blocks of a chapter, exactly as ``docs/report-html.md`` specifies.

Every piece a chapter notebook displays is a :class:`Block`: an HTML fragment
(a ``markupsafe.Markup``) that IPython shows as one ``text/html`` output. The
report builder keeps those outputs and nothing else, so the markup here *is*
the contract: chapter titles ``h1.bab#bab-N``, sections ``h2#s-N-M``, tables
``table.lkjip#tabel-N-M`` with their caption first, figures
``figure.lkjip#gambar-N-M`` with an SVG data URI, ``p.sumber``, ``div.analis``,
``div.ttd``, and the drafter's notes ``aside.catatan-penyusun`` (draft only).

Every value put into markup is escaped; analyst text is Markdown rendered with
raw HTML disabled, so ``<script>`` in a dataset shows as text.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from lkjipkit import fmt

__all__ = [
    "Block",
    "Cell",
    "Numbering",
    "Row",
    "analyst_text",
    "block",
    "bullet_list",
    "catatan_penyusun",
    "continue_numbering",
    "escape",
    "figure",
    "heading",
    "heading_bab",
    "markdown",
    "num",
    "paragraph",
    "row",
    "source_line",
    "table",
    "trusted",
]


class Block(Markup):
    """An HTML fragment that Jupyter displays as ``text/html`` (and a short text for ``text/plain``)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(self))).strip()
        return text if len(text) <= 100 else text[:99] + "…"

    @property
    def text(self) -> str:
        """The fragment's text without tags (for tests and quick reading)."""
        return trusted(re.sub(r"<br\s*/?>", " ", str(self))).striptags()


def trusted(text: str) -> Markup:
    """Mark HTML as safe that an escaping renderer produced (autoescaped Jinja, markdown-it without HTML).

    The one place that turns a plain string into markup; never call it on data.
    """
    return Markup(text)  # noqa: S704 - only for the output of escaping renderers and fixed tag names


def block(*parts, page_break: bool = False) -> Block:
    """Join fragments (escaped unless already markup) into one Block; ``page_break`` starts it on a new page."""
    html = Markup("").join(p for p in parts if p is not None and p != "")
    if page_break:
        html = Markup('<div class="page-break">{}</div>').format(html)
    return Block(html)


# --- Markdown (analyst text) ----------------------------------------------------------------------

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Analyst text must not add headings (they would enter the Daftar Isi) nor pull images from the network.
_md.disable(["heading", "lheading", "image"])


def markdown(text: str | None) -> Markup:
    """Analyst Markdown as HTML; raw HTML in it is shown as text, never run.

    The one Markdown renderer of the report: chapters' analyst text and the Kata Pengantar
    (:mod:`lkjipkit.report.front`) both go through it.
    """
    if fmt.kosong(text):
        return Markup("")
    tokens = _lettered_lists(_md.parse(str(text)))
    return trusted(_md.renderer.render(tokens, _md.options, {}).strip())


_LETTER = re.compile(r"([a-z])\.\s+")


def _lettered_lists(tokens: list) -> list:
    """A bullet list whose items start ``a.``, ``b.``, ``c.`` … (``- a. …`` in the data) becomes a list of
    type ``a`` without the typed letters, so only one marker shows."""
    for i, tok in enumerate(tokens):
        if tok.type != "bullet_list_open":
            continue
        depth, firsts = 0, []
        for j in range(i, len(tokens)):
            t = tokens[j]
            depth += (
                t.nesting
                if t.type in ("bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close")
                else 0
            )
            if t.type == "list_item_open" and depth == 1:
                firsts.append(next(k for k in range(j, len(tokens)) if tokens[k].type == "inline"))
            if depth == 0:
                close = j
                break
        letters = [_LETTER.match(tokens[k].content) for k in firsts]
        if not firsts or not all(letters) or [m.group(1) for m in letters] != [chr(97 + n) for n in range(len(firsts))]:
            continue
        tok.type, tok.tag = "ordered_list_open", "ol"
        tok.attrSet("type", "a")
        tokens[close].type, tokens[close].tag = "ordered_list_close", "ol"
        for k, m in zip(firsts, letters, strict=True):
            inline = tokens[k]
            inline.content = inline.content[m.end() :]
            child = inline.children[0] if inline.children else None
            if child is not None and child.type == "text" and _LETTER.match(child.content):
                child.content = child.content[_LETTER.match(child.content).end() :]
    return tokens


def analyst_text(text: str | None) -> Markup:
    """Analyst text in ``<div class="analis">``; nothing when there is none (a gap: :func:`catatan_penyusun`)."""
    if fmt.kosong(text):
        return Markup("")
    return Markup('<div class="analis">{}</div>').format(markdown(text))


def paragraph(*sentences, kelas: str | None = None) -> Markup:
    """One ``<p>`` of generated prose: sentences joined with a space (escaped unless markup)."""
    body = Markup(" ").join(s for s in sentences if s is not None and s != "")
    if not body:
        return Markup("")
    if kelas:
        return Markup('<p class="{}">{}</p>').format(kelas, body)
    return Markup("<p>{}</p>").format(body)


def bullet_list(items: Iterable, *, ordered: bool = False, jenis: str | None = None) -> Markup:
    """A list; ``jenis`` is the HTML list type (``a`` for a., b., c.); items are escaped unless markup."""
    items = [i for i in items if not fmt.kosong(i)]
    if not items:
        return Markup("")
    tag = "ol" if ordered or jenis else "ul"
    attr = Markup(' type="{}"').format(jenis) if jenis else Markup("")
    li = Markup("").join(Markup("<li>{}</li>").format(i) for i in items)
    return Markup("<{0}{1}>{2}</{0}>").format(trusted(tag), attr, li)


def source_line(text: str | None) -> Markup:
    """``<p class="sumber">Sumber: …</p>``, or nothing when there is no source."""
    if fmt.kosong(text):
        return Markup("")
    return Markup('<p class="sumber">Sumber: {}</p>').format(text)


# --- notes for the drafter (draft only) ------------------------------------------------------------


def catatan_penyusun(gaps) -> Markup:
    """A *Catatan penyusun* callout: what the drafter still has to fill in, and where; never report text.

    ``<aside class="catatan-penyusun" role="note">`` with the label "Catatan penyusun" and one item per
    gap: what is missing (``gap.teks``) and where to fill it (``gap.lokasi``). ``gaps`` is a sequence of
    :class:`lkjipkit.analysis.gaps.Gap` (or of objects with ``teks`` and ``lokasi``), or one sentence;
    nothing when it is empty. A final report never calls this (:meth:`lkjipkit.report.Chapter.callout`).
    """
    if isinstance(gaps, str):
        items = [Markup("<li>{}</li>").format(gaps)] if gaps.strip() else []
    else:
        items = [
            Markup('<li>{} <span class="lokasi">Isi: {}</span></li>').format(_sentence(g.teks), g.lokasi) for g in gaps
        ]
    if not items:
        return Markup("")
    return Markup(
        '<aside class="catatan-penyusun" role="note" aria-label="Catatan penyusun">'
        '<p class="judul-catatan">Catatan penyusun</p><ul>{}</ul></aside>'
    ).format(Markup("").join(items))


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


# --- numbering --------------------------------------------------------------------------------------


@dataclass
class Numbering:
    """Numbers of the sections, tables and figures of one chapter.

    ``label`` is what captions show (``3`` → "Tabel 3.2"; ``L`` → "Tabel L.1"),
    ``slug`` what ids carry (``s-3-1``, ``tabel-3-2``). Each thing is numbered
    by a key (its title or caption) the first time it is asked for; asking
    again returns the same number, so re-running a notebook cell in JupyterLab
    does not renumber the chapter.
    """

    label: str
    slug: str
    _sections: dict[str, int] = field(default_factory=dict)
    _subsections: dict[tuple[int, str], int] = field(default_factory=dict)
    _counters: dict[str, dict[str, int]] = field(default_factory=dict)
    current_section: int = 0

    def section(self, key: str) -> int:
        if key not in self._sections:
            self._sections[key] = len(self._sections) + 1
        self.current_section = self._sections[key]
        return self.current_section

    def subsection(self, key: str) -> tuple[int, int]:
        sec = self.current_section or self.section("")
        k = (sec, key)
        if k not in self._subsections:
            self._subsections[k] = sum(1 for s, _ in self._subsections if s == sec) + 1
        return sec, self._subsections[k]

    def next(self, kind: str, key: str) -> int:
        seen = self._counters.setdefault(kind, {})
        if key not in seen:
            seen[key] = len(seen) + 1
        return seen[key]

    def number(self, *parts: int) -> str:
        """Printed number: ``3.1`` (or ``L.1``; just ``1`` when the label is empty)."""
        nums = ".".join(str(p) for p in parts)
        return f"{self.label}.{nums}" if self.label else nums

    def ident(self, prefix: str, *parts: int) -> str:
        return "-".join([prefix, self.slug, *map(str, parts)])


# The numbered elements as Numbering, heading(), table() and figure() write them: the number in the id and the
# same number in the text ("3.1. ", "3.1.2. ", "Tabel 3.1 ", "Gambar 3.1 ", "Lampiran 1. ").
_NUMBERED_IDS = re.compile(r'\sid="(s|tabel|gambar)-([a-z0-9]+)-(\d+)')
_RENUMBERED = (
    ("s", re.compile(r'(<h2 id="s-(?P<slug>[a-z0-9]+)-)(?P<n>\d+)(">[^<]*?)(?<!\d)(?P=n)(?=\. )')),
    ("s", re.compile(r'(<h3 id="s-(?P<slug>[a-z0-9]+)-)(?P<n>\d+)(-(?P<m>\d+)">[^<]*?)(?<!\d)(?P=n)(?=\.(?P=m)\. )')),
    (
        "tabel",
        re.compile(r'(<table class="lkjip[^"]*" id="tabel-(?P<slug>[a-z0-9]+)-)(?P<n>\d+)("><caption>Tabel [^<]*?)'
                   r"(?<!\d)(?P=n)(?= )"),
    ),
    (
        "gambar",
        re.compile(r'(<figure class="lkjip[^"]*" id="gambar-(?P<slug>[a-z0-9]+)-)(?P<n>\d+)'
                   r'("><img [^>]*><figcaption>Gambar [^<]*?)(?<!\d)(?P=n)(?= )'),
    ),
)  # fmt: skip


def continue_numbering(fragments: Sequence[str]) -> list[str]:
    """The chapters' fragments, in report order, with the numbering of each Bab running on across them.

    A chapter numbers its sections, tables and figures from 1 (:class:`Numbering`): its notebook cannot
    know what the chapters before it showed. So a chapter added to a Bab (``03a_capaian_lainnya``,
    opening ``chapter=3`` after ``03_akuntabilitas_kinerja``) would start again at 3.1. Here each number of
    a fragment, in the id as in the text (``s-3-1`` "3.1.", ``tabel-3-1`` "Tabel 3.1", ``gambar-3-1``
    "Gambar 3.1", sub-sections ``s-3-1-2`` "3.1.2." with their section), moves on by the highest number of
    its kind and Bab (the id's slug: ``3``, ``l``) that the fragments before it used: 3.5 after 3.4,
    Tabel 3.19 after 3.18. The first chapter of each Bab, so every default chapter, is returned unchanged.
    """
    highest: dict[tuple[str, str], int] = {}
    out = []
    for text in fragments:
        if any((kind, slug) in highest for kind, slug, _ in _NUMBERED_IDS.findall(text)):
            text = _shift_numbers(text, dict(highest))
        for kind, slug, n in _NUMBERED_IDS.findall(text):
            highest[(kind, slug)] = max(highest.get((kind, slug), 0), int(n))
        out.append(text)
    return out


def _shift_numbers(text: str, offsets: dict[tuple[str, str], int]) -> str:
    for kind, pattern in _RENUMBERED:

        def shifted(m: re.Match, kind: str = kind) -> str:
            n = str(int(m["n"]) + offsets.get((kind, m["slug"]), 0))
            return f"{m[1]}{n}{m[4]}{n}"

        text = pattern.sub(shifted, text)
    return text


def heading_bab(*, ident: str, lines: Sequence[str]) -> Block:
    """The chapter title ``<h1 class="bab" id="…">BAB III<br>AKUNTABILITAS KINERJA</h1>``.

    A chapter starts on a new page through the stylesheet (``h1.bab``), not a class here.
    """
    body = Markup("<br>").join(escape(line) for line in lines)
    return Block(Markup('<h1 class="bab" id="{}">{}</h1>').format(ident, body))


def heading(level: int, ident: str, number: str, title: str) -> Markup:
    """``<h2 id="s-3-1">3.1. Title</h2>`` (``number`` may be empty)."""
    text = f"{number}. {title}" if number else title
    return Markup('<h{0} id="{1}">{2}</h{0}>').format(level, ident, text)


# --- tables -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped) or markup; ``num`` right-aligns a number."""

    isi: object = ""
    num: bool = False
    colspan: int = 1
    rowspan: int = 1
    kelas: str = ""


def _cell(tag: str, c) -> Markup:
    if not isinstance(c, Cell):
        c = Cell(c)
    classes = " ".join(x for x in ("num" if c.num else "", c.kelas) if x)
    attrs = Markup("")
    if classes:
        attrs += Markup(' class="{}"').format(classes)
    if c.colspan > 1:
        attrs += Markup(' colspan="{}"').format(c.colspan)
    if c.rowspan > 1:
        attrs += Markup(' rowspan="{}"').format(c.rowspan)
    content = "" if not isinstance(c.isi, Markup) and fmt.kosong(c.isi) else c.isi
    return Markup("<{0}{1}>{2}</{0}>").format(trusted(tag), attrs, content)


@dataclass(frozen=True)
class Row:
    """One body row; ``jenis`` is ``""``, ``"group"`` (a program row) or ``"total"``."""

    cells: tuple
    jenis: str = ""


def row(cells: Iterable, jenis: str = "") -> Row:
    return Row(tuple(cells), jenis)


def num(text) -> Cell:
    """A right-aligned number cell holding already-formatted text."""
    return Cell(text, num=True)


def table(
    *,
    ident: str,
    caption: str,
    header: Sequence[Sequence],
    rows: Sequence[Row],
    source: str | None = None,
    note: str | Markup | None = None,
    wide: bool | None = None,
    page_break: bool = False,
) -> Block:
    """A numbered table: caption first, ``thead`` of ``th``, ``tbody``; class ``wide`` past 7 columns.

    ``header`` is a list of header rows (cells may span); the first row spans all
    columns. The source line follows the table directly; ``note`` (a paragraph, or markup) comes after it.
    A wide table comes inside ``<div class="lebar">`` with its source line and notes, which print
    together on landscape pages (``wide=False`` keeps a table of more columns that fits on portrait).
    """
    ncols = sum((c.colspan if isinstance(c, Cell) else 1) for c in header[0]) if header else 0
    if wide is None:
        wide = ncols > 7
    kelas = "lkjip wide" if wide else "lkjip"
    thead = Markup("").join(Markup("<tr>{}</tr>").format(Markup("").join(_cell("th", c) for c in r)) for r in header)
    body = []
    for r in rows:
        cls = Markup(' class="{}"').format(r.jenis) if r.jenis else Markup("")
        body.append(Markup("<tr{}>{}</tr>").format(cls, Markup("").join(_cell("td", c) for c in r.cells)))
    html = Markup('<table class="{}" id="{}"><caption>{}</caption><thead>{}</thead><tbody>{}</tbody></table>').format(
        kelas, ident, caption, thead, Markup("").join(body)
    )
    parts = [html, source_line(source)]
    if note:
        parts.append(note if isinstance(note, Markup) else paragraph(note, kelas="catatan"))
    if wide:
        # One landscape group in print: the table, its source line and every note stay on the landscape pages.
        return block(Markup('<div class="lebar">{}</div>').format(block(*parts)), page_break=page_break)
    return block(*parts, page_break=page_break)


# --- figures ----------------------------------------------------------------------------------------


def figure(*, ident: str, caption: str, svg: str | bytes, alt: str, source: str | None = None) -> Block:
    """``<figure class="lkjip">`` with the SVG as a base64 data URI, caption below, then the source line."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    html = Markup('<figure class="lkjip" id="{}"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>').format(
        ident, uri, alt, caption
    )
    return block(html, source_line(source))
