"""The few pieces of WordprocessingML that python-docx has no API for, each in one small helper.

Everything else in the Word writer (:mod:`lkjipkit.publish.docx`) goes through
python-docx. What is here: fields (``TOC``, ``SEQ``, ``PAGE``) and asking Word
to update them on open; the table properties "repeat as header row" and "row
cannot split" and cell shading; the page-number format and restart of a
section; the proofing language; fonts without the template's theme fonts; and
the description (alt text) of a picture.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent, tag: str):
    """The first ``tag`` child of ``parent``, created (appended) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def add_field(paragraph, instruction: str, cached: str = "", *, dirty: bool = False, hidden: bool = False):
    """Append the complex field ``instruction`` (e.g. ``PAGE``) to ``paragraph``, showing ``cached`` until updated.

    ``dirty`` marks it for Word to recompute when the document opens;
    ``hidden`` makes the whole field hidden text (it still counts, e.g. a ``SEQ``).
    Returns the run holding the field result (to format it).
    """

    def run_with(tag: str, **attrs):
        run = paragraph.add_run()
        run.font.hidden = hidden or None
        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(qn(key), value)
        run._r.append(el)
        return run, el

    _, begin = run_with("w:fldChar", **{"w:fldCharType": "begin"})
    if dirty:
        begin.set(qn("w:dirty"), "true")
    _, instr = run_with("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    result = paragraph.add_run(cached)
    result.font.hidden = hidden or None
    run_with("w:fldChar", **{"w:fldCharType": "end"})
    return result


def begin_field(paragraph, instruction: str) -> None:
    """Open a field whose (cached) result spans the paragraphs that follow; close it with :func:`end_field`.

    A ``TOC`` field is written this way: its result is the list of entries,
    one paragraph each. The field is marked dirty so Word fills it on open.
    """
    for tag, attrs in (
        ("w:fldChar", {"w:fldCharType": "begin", "w:dirty": "true"}),
        ("w:instrText", {}),
        ("w:fldChar", {"w:fldCharType": "separate"}),
    ):
        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(qn(key), value)
        if tag == "w:instrText":
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            el.text = f" {instruction} "
        paragraph.add_run()._r.append(el)


def end_field(paragraph) -> None:
    """Close the field opened by :func:`begin_field` at the end of ``paragraph``."""
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(el)


def update_fields_on_open(document) -> None:
    """Ask Word to update all fields (the TOC lists, page numbers) when the document opens."""
    settings = document.settings.element
    update = _child(settings, "w:updateFields")
    update.set(qn("w:val"), "true")


def repeat_header_row(row) -> None:
    """Mark a table row to repeat at the top of every page the table runs onto (``w:tblHeader``)."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")


def cant_split(row) -> None:
    """Keep a table row whole on one page (``w:cantSplit``)."""
    _child(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def shade_cell(cell, fill: str) -> None:
    """Fill a table cell with the colour ``fill`` (hex ``RRGGBB``)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = _child(tc_pr, "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def page_numbering(section, fmt: str, start: int | None = None) -> None:
    """Page numbers of ``section`` in ``fmt`` (``lowerRoman``, ``decimal``), restarting at ``start`` if given."""
    sect_pr = section._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        # schema order: pgNumType comes after pgMar (and the header/footer references, paper source, borders)
        anchor = sect_pr.find(qn("w:pgMar"))
        if anchor is not None:
            anchor.addnext(pg)
        else:
            sect_pr.append(pg)
    pg.set(qn("w:fmt"), fmt)
    if start is not None:
        pg.set(qn("w:start"), str(start))
    elif pg.get(qn("w:start")) is not None:
        del pg.attrib[qn("w:start")]


def set_language(rpr, lang: str) -> None:
    """Tag the run properties ``rpr`` (a style's or the defaults') with the proofing language ``lang``."""
    el = _child(rpr, "w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), lang)


def set_fonts(rpr, name: str) -> None:
    """Use the font ``name`` for all scripts in ``rpr``, dropping the template's theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_FONT_ATTRS:
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def default_run_properties(document):
    """The document-wide default run properties (``w:docDefaults/w:rPrDefault/w:rPr``)."""
    styles = document.styles.element
    defaults = _child(styles, "w:docDefaults")
    return _child(_child(defaults, "w:rPrDefault"), "w:rPr")


def describe_picture(inline_shape, text: str) -> None:
    """Give a picture its description (alt text), read aloud by screen readers."""
    inline_shape._inline.docPr.set("descr", text)
