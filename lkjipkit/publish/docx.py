"""The report page as a Word document (``.docx``) that an agency keeps editing, signs and circulates.

:func:`write_docx` reads the self-contained report page (``laporan.html``,
the markup of docs/report-html.md) and writes the same content, in the same
order, as a Word document built with python-docx: heading styles for BAB,
sub-bab and sub-sub-bab; the Daftar Isi, Daftar Tabel and Daftar Gambar as
``TOC`` fields that Word fills on open; captions in the Caption style with a
``SEQ`` field; real tables whose header rows repeat and whose rows do not
split; landscape sections for the wide tables; page numbers in roman for the
front matter and in arabic from BAB I; the SVG figures rasterised to PNG at
the text width. Page size, margins, fonts and the language are in
:class:`DocxSettings`. The format, its choices and limits: docs/word.md.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
import struct
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import docx
import lxml.html
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Emu, Pt, RGBColor

from lkjipkit.errors import BuildError
from lkjipkit.i18n import _
from lkjipkit.publish import docx_ooxml as ox


@dataclass(frozen=True)
class DocxSettings:
    """Page, fonts and language of the Word document, in one place (override with :func:`dataclasses.replace`).

    The defaults follow Indonesian official reports and the PDF: A4, margins
    3 cm top and left and 2.5 cm bottom and right (landscape pages 2 cm and
    2.5 cm), Times New Roman 12 pt with 1.5 line spacing, tables at 10 pt
    (wide ones at 8 pt), Indonesian (``id-ID``) for the spell checker.
    """

    page_width_cm: float = 21.0
    page_height_cm: float = 29.7
    margin_top_cm: float = 3.0
    margin_bottom_cm: float = 2.5
    margin_left_cm: float = 3.0
    margin_right_cm: float = 2.5
    landscape_margin_top_bottom_cm: float = 2.0
    landscape_margin_left_right_cm: float = 2.5
    font: str = "Times New Roman"
    font_size_pt: float = 12.0
    line_spacing: float = 1.5
    heading_sizes_pt: tuple[float, float, float, float] = (14.0, 12.0, 12.0, 12.0)
    table_font_size_pt: float = 10.0
    wide_table_font_size_pt: float = 8.0
    small_font_size_pt: float = 10.0
    language: str = "id-ID"
    figure_dpi: int = 220
    figure_max_height_cm: float = 18.0
    logo_size_cm: float = 5.0
    signature_width_cm: float = 8.0
    header_fill: str = "DFE3E8"
    group_fill: str = "F1F3F5"


# The navigation lists of the page and the Word field that replaces each.
TOC_FIELDS = {
    "daftar-isi": 'TOC \\o "1-3" \\h \\z \\u',
    "daftar-tabel": 'TOC \\h \\z \\c "Tabel"',
    "daftar-gambar": 'TOC \\h \\z \\c "Gambar"',
}
METADATA_KEYS = ("title", "subject", "author", "keywords", "comments", "category")

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "div", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "img", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    }
)  # fmt: skip
INLINE_FORMATS = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "sup": "sup", "sub": "sub", "small": "small"}
BREAK = object()  # a line break among the text segments of a paragraph
MUTED = RGBColor(0x55, 0x55, 0x55)

# Paragraph styles the writer adds to the template (name, based on, size key, extra formatting)
STYLE_CAPTION = "Caption"
STYLE_SOURCE = "Sumber"
STYLE_NOTE = "Catatan"
STYLE_CALLOUT = "Catatan Penyusun"
STYLE_TABLE = "Isi Tabel"
STYLE_TABLE_WIDE = "Isi Tabel Lebar"
STYLE_LIST = "Daftar"
STYLE_COVER = "Sampul"
STYLE_SIGNATURE = "Tanda Tangan"


def write_docx(
    page_html: str, target: Path, *, metadata: dict | None = None, settings: DocxSettings | None = None
) -> Path:
    """Write the report page ``page_html`` as a Word document at ``target``, atomically.

    Parameters
    ----------
    page_html
        The assembled, self-contained report page (what ``lkjip build --format html`` writes).
    target
        The ``.docx`` to write. It is replaced in one step (a temporary file
        beside it, then a rename): a failure leaves an existing file as it was.
    metadata
        Document properties: any of ``title``, ``subject``, ``author``,
        ``keywords``, ``comments``, ``category``. The title defaults to the page's ``<title>``.
    settings
        Page, fonts and language; :class:`DocxSettings` defaults when None.

    Returns
    -------
    Path
        ``target``.

    Raises
    ------
    BuildError
        The page is not a report page, refers to something outside itself,
        holds a figure that cannot be rasterised, or the file cannot be written.
    """
    target = Path(target)
    document = build_document(page_html, metadata=metadata, settings=settings)
    _save_atomically(document, target)
    return target


def build_document(page_html: str, *, metadata: dict | None = None, settings: DocxSettings | None = None):
    """The Word document (a python-docx ``Document``) of the report page, not yet saved."""
    settings = settings or DocxSettings()
    unknown = sorted(set(metadata or {}) - set(METADATA_KEYS))
    if unknown:
        raise BuildError(
            _("unknown Word document properties {names}; known: {known}").format(
                names=unknown, known=", ".join(METADATA_KEYS)
            )
        )
    try:
        root = lxml.html.document_fromstring(page_html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise BuildError(_("the report page could not be read as HTML: {error}").format(error=exc)) from exc
    body = root.find("body")
    if body is None or not len(body):
        raise BuildError(_("the report page has no content (no <body>)"))
    writer = _Writer(settings)
    writer.render(body)
    properties = writer.doc.core_properties
    properties.language = settings.language
    properties.title = (root.findtext(".//title") or "").strip()
    for key, value in (metadata or {}).items():
        setattr(properties, key, str(value))
    return writer.doc


def _save_atomically(document, target: Path) -> None:
    """Save ``document`` to a temporary file beside ``target`` and rename it over ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise BuildError(_("cannot write {target}: {error}").format(target=target, error=exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            document.save(fh)
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)  # mkstemp makes it private
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BuildError(_("cannot write {target}: {error}").format(target=target, error=exc)) from exc
        raise


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _tag(el) -> str | None:
    """The element's tag, None for comments and processing instructions."""
    return el.tag if isinstance(el.tag, str) else None


def _image_bytes(src: str) -> tuple[str, bytes]:
    """The media type and bytes of a ``data:`` URI; anything else is refused."""
    if not src.startswith("data:"):
        raise BuildError(
            _("the report refers to {url}; a report embeds everything it shows").format(url=repr(src[:80]))
        )
    head, _comma, data = src[5:].partition(",")
    mime, *params = head.split(";")
    try:
        raw = base64.b64decode(data, validate=False) if "base64" in params else urllib.parse.unquote_to_bytes(data)
    except (binascii.Error, ValueError) as exc:
        raise BuildError(_("an image of the report is not valid base64: {error}").format(error=exc)) from exc
    return mime.strip().lower(), raw


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's header."""
    return struct.unpack(">II", png[16:24])


def _list_marker(kind: str, n: int) -> str:
    """The marker of item ``n`` (from 1) of an ordered list of ``type`` ``kind`` (1, a, A, i, I)."""
    if kind in ("a", "A"):
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return (letters.upper() if kind == "A" else letters) + "."
    if kind in ("i", "I"):
        numerals = (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        )  # fmt: skip
        roman = ""
        for value, letters in numerals:
            while n >= value:
                roman, n = roman + letters, n - value
        return (roman.upper() if kind == "I" else roman) + "."
    return f"{n}."


class _Sink:
    """Where new paragraphs go: the document body or a table cell (whose first, empty paragraph is used first)."""

    def __init__(self, container, fresh=None):
        self.container = container
        self.fresh = fresh


class _Writer:
    """Walks the report page in order and builds the document."""

    def __init__(self, settings: DocxSettings):
        self.s = settings
        self.doc = docx.Document()
        self._sinks = [_Sink(self.doc)]
        self._override: list[str] = []  # paragraph style forced by an enclosing block (a callout)
        self._table_style: list[str] = []  # paragraph style inside the table being written
        self._pending_break = False
        self._at_page_start = True
        self._landscape = False
        self._number_format = "lowerRoman"
        self._footer_done = False
        self._styles: dict = {}
        self._last_paragraph = None  # the latest paragraph of the body
        self._setup_styles()
        self._page_setup(self.doc.sections[0], landscape=False)
        ox.update_fields_on_open(self.doc)

    # --- document set-up ---------------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        s, styles = self.s, self.doc.styles
        defaults = ox.default_run_properties(self.doc)
        ox.set_fonts(defaults, s.font)
        ox.set_language(defaults, s.language)
        normal = styles["Normal"]
        normal.font.size = Pt(s.font_size_pt)
        ox.set_fonts(normal.element.get_or_add_rPr(), s.font)
        ox.set_language(normal.element.get_or_add_rPr(), s.language)
        pf = normal.paragraph_format
        pf.line_spacing = s.line_spacing
        pf.space_after = Pt(6)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.widow_control = True
        for level, size in enumerate(s.heading_sizes_pt, start=1):
            heading = styles[f"Heading {level}"]
            ox.set_fonts(heading.element.get_or_add_rPr(), s.font)
            heading.font.size = Pt(size)
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = RGBColor(0, 0, 0)
            hpf = heading.paragraph_format
            hpf.keep_with_next = True
            hpf.space_before = Pt(18 if level == 1 else 12)
            hpf.space_after = Pt(12 if level == 1 else 6)
            hpf.line_spacing = 1.15
            hpf.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 1 else WD_ALIGN_PARAGRAPH.LEFT
        caption = styles[STYLE_CAPTION]
        ox.set_fonts(caption.element.get_or_add_rPr(), s.font)
        caption.font.size = Pt(s.small_font_size_pt + 1)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_before = Pt(12)
        caption.paragraph_format.space_after = Pt(4)
        caption.paragraph_format.line_spacing = 1.0

        def add(name, size=None, *, italic=None, bold=None, color=None, align=None, spacing=1.0, after=0):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = True
            if size:
                style.font.size = Pt(size)
            style.font.italic = italic
            style.font.bold = bold
            if color is not None:
                style.font.color.rgb = color
            style.paragraph_format.line_spacing = spacing
            style.paragraph_format.space_after = Pt(after)
            if align is not None:
                style.paragraph_format.alignment = align
            return style

        add(STYLE_SOURCE, s.small_font_size_pt, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=10)
        styles[STYLE_SOURCE].paragraph_format.space_before = Pt(3)
        add(STYLE_NOTE, s.small_font_size_pt, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
        add(STYLE_CALLOUT, italic=True, color=RGBColor(0x9C, 0x4A, 0x00), spacing=s.line_spacing, after=6)
        add(STYLE_TABLE, s.table_font_size_pt, align=WD_ALIGN_PARAGRAPH.LEFT)
        add(STYLE_TABLE_WIDE, s.wide_table_font_size_pt, align=WD_ALIGN_PARAGRAPH.LEFT)
        add(STYLE_LIST, spacing=s.line_spacing, after=3)
        add(STYLE_COVER, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, spacing=1.3)
        add(STYLE_SIGNATURE, align=WD_ALIGN_PARAGRAPH.CENTER)
        for level in (1, 2, 3):
            toc = add(f"toc {level}", align=WD_ALIGN_PARAGRAPH.LEFT, after=3)
            toc.paragraph_format.left_indent = Cm(0.75 * (level - 1))
            toc.font.bold = level == 1
        add("table of figures", align=WD_ALIGN_PARAGRAPH.LEFT, after=3)

    def _page_setup(self, section, *, landscape: bool) -> None:
        s = self.s
        long, short = Cm(s.page_height_cm), Cm(s.page_width_cm)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        if landscape:
            section.top_margin = section.bottom_margin = Cm(s.landscape_margin_top_bottom_cm)
            section.left_margin = section.right_margin = Cm(s.landscape_margin_left_right_cm)
        else:
            section.top_margin, section.bottom_margin = Cm(s.margin_top_cm), Cm(s.margin_bottom_cm)
            section.left_margin, section.right_margin = Cm(s.margin_left_cm), Cm(s.margin_right_cm)
        section.footer_distance = Cm(1.25)

    def _new_section(self, *, landscape: bool, restart: bool = False) -> None:
        """Start a section on a new page; the page numbers continue (or restart at 1)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(section, landscape=landscape)
        ox.page_numbering(section, self._number_format, 1 if restart else None)
        if not self._footer_done:
            self._page_footer(section)
        self._at_page_start = True
        self._pending_break = False

    def _page_footer(self, section) -> None:
        """The centred page number in the footer; later sections link to it (python-docx's default)."""
        section.footer.is_linked_to_previous = False
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ox.add_field(paragraph, "PAGE", "1").font.size = Pt(self.s.small_font_size_pt)
        self._footer_done = True

    @property
    def _text_width(self) -> int:
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # --- paragraphs and text ----------------------------------------------------------------------------------

    @property
    def _sink(self) -> _Sink:
        return self._sinks[-1]

    def _new_paragraph(self, style: str | None = None):
        sink = self._sink
        in_body = len(self._sinks) == 1
        if in_body and self._override:
            style = self._override[-1]
        elif not in_body:
            style = self._table_style[-1]
        if sink.fresh is not None:
            paragraph, sink.fresh = sink.fresh, None
        else:
            paragraph = sink.container.add_paragraph()
        # the style id set directly: python-docx's ``paragraph.style =`` scans every style of the template each time
        paragraph._p.style = self._style(style).style_id if style and style != "Normal" else None
        if in_body:
            self._last_paragraph = paragraph
            if self._pending_break:
                paragraph.paragraph_format.page_break_before = True
            self._pending_break = False
            self._at_page_start = False
        return paragraph

    def _style(self, name: str):
        """The style called ``name`` (looked up once: python-docx searches all styles by name each time)."""
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

    def _request_page_break(self) -> None:
        if not self._at_page_start:
            self._pending_break = True

    def _segments(self, el, fmt: frozenset) -> list:
        """The text of an inline element as ``(text, formats)`` segments and :data:`BREAK` for line breaks."""
        tag = _tag(el)
        segs: list = []
        if tag == "br":
            segs.append(BREAK)
        elif tag is not None:
            inner = fmt
            if tag in INLINE_FORMATS:
                inner = fmt | {INLINE_FORMATS[tag]}
            elif tag == "span" and "lokasi" in _classes(el):
                inner = fmt | {"small", "muted"}
            if el.text:
                segs.append((el.text, inner))
            for child in el:
                segs += self._segments(child, inner)
        if el.tail:
            segs.append((el.tail, fmt))
        return segs

    def _emit(self, paragraph, segs: list) -> None:
        """Write segments into ``paragraph`` as runs, collapsing white space as HTML does."""
        at_line_start = True
        pieces: list = []
        for seg in segs:
            if seg is BREAK:
                if pieces and pieces[-1] is not BREAK:
                    pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
                pieces.append(BREAK)
                at_line_start = True
                continue
            text = re.sub(r"\s+", " ", seg[0])
            if at_line_start:
                text = text.lstrip()
            if text:
                pieces.append((text, seg[1]))
                at_line_start = text.endswith(" ")
        while pieces and pieces[-1] is BREAK:
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
        for piece in pieces:
            if piece is BREAK:
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            text, fmt = piece
            if not text:
                continue
            run = paragraph.add_run(text)
            run.bold = True if "b" in fmt else None
            run.italic = True if "i" in fmt else None
            run.underline = True if "u" in fmt else None
            run.font.superscript = True if "sup" in fmt else None
            run.font.subscript = True if "sub" in fmt else None
            if "small" in fmt:
                run.font.size = Pt(self._small_size())
            if "muted" in fmt:
                run.font.color.rgb = MUTED

    def _small_size(self) -> float:
        if self._table_style:
            base = (
                self.s.wide_table_font_size_pt
                if self._table_style[-1] == STYLE_TABLE_WIDE
                else self.s.table_font_size_pt
            )
            return base - 1
        return self.s.small_font_size_pt

    @staticmethod
    def _visible(segs: list) -> bool:
        return any(seg is not BREAK and seg[0].strip() for seg in segs)

    def _flow(self, el, style: str | None = None, *, prefix: list | None = None) -> list:
        """Write ``el``'s content: its inline runs become paragraphs of ``style``, its blocks are written in turn.

        ``prefix`` (segments) opens the first paragraph (a list item's marker). Returns the paragraphs made.
        """
        made: list = []
        segs: list = list(prefix or [])

        def flush(force: bool = False) -> None:
            if self._visible(segs) or (force and segs):
                paragraph = self._new_paragraph(style)
                self._emit(paragraph, segs)
                made.append(paragraph)
            segs.clear()

        if el.text:
            segs.append((el.text, frozenset()))
        for child in el:
            if _tag(child) in BLOCK_TAGS:
                flush(force=bool(prefix) and not made)
                self._block(child)
                if child.tail:
                    segs.append((child.tail, frozenset()))
            else:
                segs += self._segments(child, frozenset())
        flush(force=bool(prefix) and not made)
        return made

    # --- blocks -----------------------------------------------------------------------------------------------

    def render(self, body) -> None:
        for child in body:
            self._block(child)

    def _block(self, el) -> None:
        tag = _tag(el)
        if tag is None:
            return
        cls = _classes(el)
        if "page-break" in cls:
            self._request_page_break()
        if tag == "header" and "sampul" in cls:
            self._cover(el)
        elif tag == "section":
            if "bab-pertama" in cls:
                self._number_format = "decimal"
                self._new_section(landscape=False, restart=True)
            self._flow(el)
        elif tag == "nav" and el.get("id") in TOC_FIELDS:
            self._toc(el, TOC_FIELDS[el.get("id")])
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading(el, int(tag[1]))
        elif tag == "p":
            self._paragraph(el, cls)
        elif (tag == "div" and "lebar" in cls) or (tag == "table" and "wide" in cls and not self._landscape):
            self._wide(el)
        elif tag == "div" and "ttd" in cls:
            self._signature(el)
        elif tag == "div" and ("catatan-penyusun" in cls or {"analis", "kosong"} <= cls):
            with self._style_override(STYLE_CALLOUT):
                self._flow(el)
        elif tag in ("ul", "ol"):
            self._list(el, level=0)
        elif tag == "table":
            self._table(el)
        elif tag == "figure":
            self._figure(el)
        elif tag == "img":
            self._picture(el, self._text_width)
        elif tag == "footer":
            with self._style_override(STYLE_NOTE):
                paragraphs = self._flow(el)
            if paragraphs:
                paragraphs[0].paragraph_format.space_before = Pt(24)
        elif tag == "blockquote":
            self._flow(el, "Quote")
        elif tag not in ("hr", "script", "style", "template"):
            self._flow(el)

    @contextmanager
    def _style_override(self, style: str) -> Iterator[None]:
        self._override.append(style)
        try:
            yield
        finally:
            self._override.pop()

    def _heading(self, el, level: int) -> None:
        if level == 1:
            self._request_page_break()
        paragraph = self._new_paragraph(f"Heading {min(level, 5)}")
        if self._override or len(self._sinks) > 1:  # a heading inside a callout or a cell keeps the heading look
            paragraph._p.style = self._style(f"Heading {min(level, 5)}").style_id
        self._emit(paragraph, self._segments_of(el))

    def _segments_of(self, el) -> list:
        """The inline content of ``el`` itself (its text and children, not its tail)."""
        segs = [(el.text, frozenset())] if el.text else []
        for child in el:
            segs += self._segments(child, frozenset())
        return segs

    def _paragraph(self, el, cls: set[str]) -> None:
        style = STYLE_SOURCE if "sumber" in cls else STYLE_NOTE if "catatan" in cls else None
        made = self._flow(el, style)
        if not made:
            return
        previous = el.getprevious()
        if ("sumber" in cls and previous is not None and _tag(previous) == "figure") or "judul-lampiran" in cls:
            made[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _list(self, el, level: int) -> None:
        ordered = _tag(el) == "ol"
        kind = el.get("type") or "1"
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        indent = Cm(0.75)
        for item in el:
            if _tag(item) != "li":
                continue
            marker = _list_marker(kind, number) if ordered else "•"
            number += 1
            made = self._flow_item(item, level, marker)
            for i, paragraph in enumerate(made):
                pf = paragraph.paragraph_format
                pf.left_indent = indent * (level + 1)
                pf.first_line_indent = -indent if i == 0 else None
                pf.tab_stops.add_tab_stop(indent * (level + 1))

    def _flow_item(self, item, level: int, marker: str) -> list:
        """A list item: its text after the marker, nested lists one level deeper."""
        made: list = []
        segs: list = [(marker + "\t", frozenset())]
        style = None if self._table_style else STYLE_LIST

        def flush() -> None:
            if self._visible(segs):
                paragraph = self._new_paragraph(style)
                self._emit_keeping_tab(paragraph, segs)
                made.append(paragraph)
            segs.clear()

        if item.text:
            segs.append((item.text, frozenset()))
        for child in item:
            tag = _tag(child)
            if tag in ("ul", "ol"):
                flush()
                self._list(child, level + 1)
            elif tag in BLOCK_TAGS:
                flush()
                made += self._flow(child, style)
            else:
                segs += self._segments(child, frozenset())
                continue
            if child.tail:
                segs.append((child.tail, frozenset()))
        flush()
        return made

    def _emit_keeping_tab(self, paragraph, segs: list) -> None:
        """Like :meth:`_emit`, with the list marker and its tab written as they are."""
        marker, _rest = segs[0]
        paragraph.add_run(marker)
        self._emit(paragraph, segs[1:])

    # --- cover, signature, navigation -------------------------------------------------------------------------

    def _cover(self, el) -> None:
        s = self.s
        for child in el:
            cls = _classes(child)
            if _tag(child) == "div" and "logo" in cls:
                img = child.find(".//img")
                if img is not None:
                    paragraph = self._picture(img, Cm(s.logo_size_cm), max_height=Cm(s.logo_size_cm))
                else:
                    paragraph = self._new_paragraph(STYLE_COVER)
                    paragraph.paragraph_format.space_before = Cm(s.logo_size_cm)
                paragraph.paragraph_format.space_before = Cm(3)
                paragraph.paragraph_format.space_after = Cm(3)
                continue
            made = self._flow(child, STYLE_COVER)
            size = 16 if "judul" in cls else 14 if "instansi" in cls else 12
            for paragraph in made:
                paragraph.paragraph_format.space_before = (
                    Cm(2) if "judul" in cls else Cm(3) if "terbit" in cls else None
                )
                for run in paragraph.runs:
                    run.font.size = Pt(size)
        self._new_section(landscape=False)
        self._number_format = "lowerRoman"
        ox.page_numbering(self.doc.sections[-1], "lowerRoman", 1)

    def _signature(self, el) -> None:
        """The signature block at the right, kept together and with the paragraph before it."""
        width = Cm(self.s.signature_width_cm)
        if self._last_paragraph is not None:
            self._last_paragraph.paragraph_format.keep_with_next = True
        made = []
        for child in el:
            if _tag(child) != "p":
                continue
            cls = _classes(child)
            paragraph = self._new_paragraph(STYLE_SIGNATURE)
            self._emit(paragraph, self._segments_of(child))
            if "jabatan" in cls or "nama" in cls:
                for run in paragraph.runs:
                    run.bold = True
                    run.underline = True if "nama" in cls else None
            if "nama" in cls:
                paragraph.paragraph_format.space_before = Cm(2.5)
            made.append(paragraph)
        for i, paragraph in enumerate(made):
            pf = paragraph.paragraph_format
            pf.left_indent = max(Emu(0), Emu(self._text_width - width))
            pf.keep_with_next = i < len(made) - 1
            pf.keep_together = True
        if made:
            made[0].paragraph_format.space_before = Pt(24)

    def _toc(self, el, instruction: str) -> None:
        """A navigation list as a Word ``TOC`` field; the page's entries are its text until Word updates it."""
        caption_list = "\\c" in instruction
        for child in el:
            if _tag(child) in ("h1", "h2", "h3"):
                self._heading(child, int(child.tag[1]))
        entries = []
        for li in el.iter("li"):
            level = next((int(c[1]) for c in _classes(li) if re.fullmatch(r"h[1-3]", c)), 1)
            entries.append((level, self._segments_of(li)))
        if not entries:
            paragraph = self._new_paragraph("table of figures" if caption_list else "toc 1")
            ox.begin_field(paragraph, instruction)
            ox.end_field(paragraph)
            return
        for i, (level, segs) in enumerate(entries):
            paragraph = self._new_paragraph("table of figures" if caption_list else f"toc {level}")
            if i == 0:
                ox.begin_field(paragraph, instruction)
            self._emit(paragraph, segs)
            if i == len(entries) - 1:
                ox.end_field(paragraph)

    # --- tables -----------------------------------------------------------------------------------------------

    def _wide(self, el) -> None:
        """A wide table (with its source line and notes) on landscape pages of its own."""
        self._landscape = True
        self._new_section(landscape=True)
        try:
            if _tag(el) == "table":
                self._table(el)
            else:
                self._flow(el)
        finally:
            self._landscape = False
        self._new_section(landscape=False)

    def _caption(self, el, label: str):
        """A caption paragraph: the report's own text ("Tabel 3.1 …") with a hidden ``SEQ`` field for the lists."""
        paragraph = self._new_paragraph(STYLE_CAPTION)
        ox.add_field(paragraph, f"SEQ {label} \\h", hidden=True)
        self._emit(paragraph, self._segments_of(el))
        return paragraph

    def _table(self, el) -> None:
        caption = el.find("caption")
        if caption is not None:
            self._caption(caption, "Tabel").paragraph_format.keep_with_next = True
        elif self._pending_break:
            self._new_paragraph()
        rows = []
        for child in el:
            if _tag(child) in ("thead", "tbody", "tfoot"):
                rows += [(tr, _tag(child) == "thead") for tr in child if _tag(tr) == "tr"]
            elif _tag(child) == "tr":
                rows.append((child, False))
        placed, ncols = self._layout(rows)
        if not placed:
            return
        self._at_page_start = False
        wide = self._landscape
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = self._column_widths(placed, ncols)
        for i, column in enumerate(table.columns):
            column.width = widths[i]
        grid = [list(row.cells) for row in table.rows]
        for row, (_cells, header) in zip(table.rows, rows, strict=True):
            ox.cant_split(row)
            if header:
                ox.repeat_header_row(row)
        self._table_style.append(STYLE_TABLE_WIDE if wide else STYLE_TABLE)
        try:
            for r, c, rs, cs, td in placed:
                self._cell(grid, r, c, rs, cs, td, widths, header=rows[r][1])
        finally:
            self._table_style.pop()
        for r, c, rs, cs, _td in placed:
            if rs > 1 or cs > 1:
                grid[r][c].merge(grid[r + rs - 1][c + cs - 1])

    @staticmethod
    def _layout(rows: list) -> tuple[list, int]:
        """Place each cell on the grid (row spans and column spans): ``[(row, col, rowspan, colspan, td)]``."""
        taken: set[tuple[int, int]] = set()
        placed = []
        ncols = 0
        for r, (tr, _header) in enumerate(rows):
            c = 0
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                try:
                    rs = max(1, int(td.get("rowspan") or 1))
                    cs = max(1, int(td.get("colspan") or 1))
                except ValueError:
                    rs = cs = 1
                rs = min(rs, len(rows) - r)
                taken.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
                placed.append((r, c, rs, cs, td))
                c += cs
                ncols = max(ncols, c)
        return placed, ncols

    def _column_widths(self, placed: list, ncols: int) -> list[int]:
        """Column widths: each column as wide as its longest word at least, the rest shared by its typical text."""
        size = self.s.wide_table_font_size_pt if self._landscape else self.s.table_font_size_pt
        char, padding = Pt(size * 0.55), Cm(0.45)  # an average character of a serif font; the cell's margins
        longest = [2] * ncols
        lengths: list[list[int]] = [[] for _unused in range(ncols)]
        for _r, c, _rs, cs, td in placed:
            if cs != 1:
                continue
            text = " ".join(td.text_content().split())
            longest[c] = max(longest[c], *(len(w) + (1 if _tag(td) == "th" else 0) for w in text.split() or [""]))
            if _tag(td) == "td" and text:
                lengths[c].append(min(len(text), 600))
        longest = [min(n, 10) for n in longest]  # a longer word (a code, a file name) may wrap
        width = self._text_width
        minimum = [char * n + padding for n in longest]
        if sum(minimum) >= width:
            return [int(width * m / sum(minimum)) for m in minimum]
        typical = [sum(ls) / len(ls) if ls else 0 for ls in lengths]
        extra = [max(0.0, t - n) ** 0.9 for t, n in zip(typical, longest, strict=True)]
        spare = width - sum(minimum)
        total = sum(extra) or 1
        return [int(m + spare * e / total) for m, e in zip(minimum, extra, strict=True)]

    def _cell(self, grid, r, c, rs, cs, td, widths, *, header: bool) -> None:
        cell = grid[r][c]
        tr_cls = _classes(td.getparent())
        cls = _classes(td)
        is_th = _tag(td) == "th"
        self._sinks.append(_Sink(cell, fresh=cell.paragraphs[0]))
        try:
            made = self._flow(td)
        finally:
            self._sinks.pop()
        bold = is_th or "total" in tr_cls or "group" in tr_cls
        align = (
            WD_ALIGN_PARAGRAPH.CENTER
            if is_th and header
            else WD_ALIGN_PARAGRAPH.RIGHT
            if "num" in cls
            else WD_ALIGN_PARAGRAPH.LEFT
        )
        for paragraph in made or cell.paragraphs:
            if paragraph.alignment is None:
                paragraph.alignment = align
            if bold:
                for run in paragraph.runs:
                    run.bold = True
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER if is_th and header else WD_ALIGN_VERTICAL.TOP
        fill = self.s.header_fill if header else self.s.group_fill if "group" in tr_cls else None
        for dr in range(rs):
            for dc in range(cs):
                grid[r + dr][c + dc].width = widths[c + dc]
                if fill:
                    ox.shade_cell(grid[r + dr][c + dc], fill)

    # --- figures ----------------------------------------------------------------------------------------------

    def _figure(self, el) -> None:
        for child in el:
            tag = _tag(child)
            if tag == "img":
                self._picture(child, self._text_width).paragraph_format.keep_with_next = True
            elif tag == "figcaption":
                self._caption(child, "Gambar")
            elif tag is not None:
                self._block(child)

    def _picture(self, img, width: int, *, max_height: int | None = None):
        """A centred picture paragraph of at most ``width`` (and ``max_height``); SVG is rasterised to PNG."""
        mime, raw = _image_bytes(img.get("src") or "")
        max_height = max_height or Cm(self.s.figure_max_height_cm)
        if mime == "image/svg+xml":
            png, (px_w, px_h) = self._rasterise(raw, width, img)
        else:
            png = raw
            try:
                from docx.image.image import Image

                info = Image.from_blob(raw)
            except Exception as exc:  # python-docx raises its own and stdlib errors for unreadable images
                raise BuildError(
                    _("an image of the report ({type}) cannot be read: {error}").format(type=mime, error=exc)
                ) from exc
            px_w, px_h = info.px_width, info.px_height
            width = min(width, info.width)
        height = int(width * px_h / px_w)
        if height > max_height:
            width, height = int(width * max_height / height), max_height
        paragraph = self._new_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = None
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(width), height=Emu(height))
        if img.get("alt"):
            ox.describe_picture(shape, img.get("alt"))
        return paragraph

    def _rasterise(self, svg: bytes, width: int, img) -> tuple[bytes, tuple[int, int]]:
        """The SVG as PNG of ``figure_dpi`` pixels per inch at ``width`` (EMU) on the page."""
        import cairosvg

        pixels = max(1, round(width / 914400 * self.s.figure_dpi))
        try:
            png = cairosvg.svg2png(bytestring=svg, output_width=pixels)
        except Exception as exc:  # cairosvg raises parser and value errors of several libraries
            where = img.getparent().get("id") if img.getparent() is not None else None
            raise BuildError(
                _("figure {figure}: the SVG cannot be rasterised: {error}").format(
                    figure=where or img.get("alt") or "", error=exc
                )
            ) from exc
        return png, _png_size(png)
