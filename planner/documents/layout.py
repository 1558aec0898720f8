"""The page of a Party document (Hướng dẫn 36-HD/VPTW), laid out once for the submission and the decisions.

A4, Times New Roman, margins top and bottom 20 mm, left 30 mm, right 15 mm; the heading is a borderless
two-column table: the issuing body with its "*" and the number on the left, the title "ĐẢNG CỘNG SẢN VIỆT
NAM" underlined with the place and date on the right (the Guide puts the number under the issuing body, and
writes it "Số 12-TTr/BTCTU", without a colon); then the document type and summary centred in bold, the
body, and a closing table: "Nơi nhận" on the left, the signature block on the right. A fact the tool cannot
know (the number, the date of signing, the signer) is a placeholder in square brackets, highlighted, so that
no one files the draft with it unfilled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
SMALL_PT = 12

#: Placeholders: what the tool cannot know, marked so that it is seen and filled in before signing.
NUMBER = "[số]"
SIGNING_DAY = "[ngày]"
SIGNING_MONTH = "[tháng]"
SIGNING_YEAR = "[năm]"
SIGNER_NAME = "[họ tên người ký]"
PLACEHOLDERS = (NUMBER, SIGNING_DAY, SIGNING_MONTH, SIGNING_YEAR, SIGNER_NAME)

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
PLACE = "Cần Thơ"
CITY_COMMITTEE = "THÀNH ỦY CẦN THƠ"


@dataclass(frozen=True)
class Heading:
    """Who issues the document and its number: `body` under the city committee ("BAN TỔ CHỨC"), the
    number's sign ("TTr/BTCTU")."""

    body: str
    sign: str


@dataclass(frozen=True)
class Closing:
    """The end of a document: who receives it, and who signs for whom."""

    recipients: Sequence[str]
    on_behalf: str
    signer_title: str


def new_document() -> DocumentObject:
    """An empty A4 document in the Guide's font and margins."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    spacing = style.paragraph_format
    spacing.space_before, spacing.space_after = Pt(0), Pt(3)
    return document


def write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
) -> None:
    """Add `text` to `paragraph`, each placeholder in it highlighted."""
    for piece, is_placeholder in _pieces(text):
        run = paragraph.add_run(piece)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size is not None:
            run.font.size = Pt(size)
        if is_placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _pieces(text: str) -> Iterable[tuple[str, bool]]:
    """`text` cut at its placeholders: (piece, is it a placeholder)."""
    rest = text
    while rest:
        start = rest.find("[")
        end = rest.find("]", start) if start >= 0 else -1
        if start < 0 or end < 0:
            yield rest, False
            return
        if start:
            yield rest[:start], False
        yield rest[start : end + 1], True
        rest = rest[end + 1 :]


def line(
    where: DocumentObject | _Cell,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    indent: bool = False,
    after: float | None = None,
) -> Paragraph:
    """One paragraph; body paragraphs are justified with a first-line indent, as the Guide sets them."""
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    write(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _cell_lines(cell: _Cell) -> _Cell:
    """A layout cell, emptied of the paragraph python-docx puts in it, so that lines are added in order."""
    for paragraph in list(cell.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    return cell


def _layout_table(document: DocumentObject, widths: tuple[float, float]):
    """A borderless two-column table (the heading, the closing) of the text width."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Mm(width)
    return table


def heading(document: DocumentObject, who: Heading) -> None:
    """The heading of the first page: issuing body, "*", number; Party title, place and date."""
    table = _layout_table(document, (75, 90))
    left, right = (_cell_lines(cell) for cell in table.rows[0].cells)
    center = WD_ALIGN_PARAGRAPH.CENTER
    line(left, CITY_COMMITTEE, align=center, after=0)
    line(left, who.body, align=center, bold=True, after=0)
    line(left, "*", align=center, after=0)
    line(left, f"Số {NUMBER}-{who.sign}", align=center, after=0)
    line(right, PARTY_TITLE, align=center, bold=True, underline=True, size=15, after=6)
    line(
        right,
        f"{PLACE}, ngày {SIGNING_DAY} tháng {SIGNING_MONTH} năm {SIGNING_YEAR}",
        align=center,
        italic=True,
        after=0,
    )
    line(document, after=0)


def title(document: DocumentObject, kind: str, summary: Sequence[str], draft: bool = False) -> None:
    """The document type in capitals and its summary, centred in bold (a draft says so above them)."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    if draft:
        line(document, "DỰ THẢO", align=center, bold=True, italic=True, size=SMALL_PT, after=0)
    line(document, kind, align=center, bold=True, size=15, after=0)
    for text in summary:
        line(document, text, align=center, bold=True, after=0)
    line(document, "-----", align=center, after=6)


def closing(document: DocumentObject, end: Closing) -> None:
    """ "Nơi nhận" bottom left, the signature block bottom right, the signer's name a placeholder."""
    table = _layout_table(document, (85, 80))
    left, right = (_cell_lines(cell) for cell in table.rows[0].cells)
    line(left, "Nơi nhận:", align=WD_ALIGN_PARAGRAPH.LEFT, underline=True, size=SMALL_PT, after=0)
    for recipient in end.recipients:
        line(left, f"- {recipient}", align=WD_ALIGN_PARAGRAPH.LEFT, size=SMALL_PT, after=0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if end.on_behalf:  # a collective body's signer signs on its behalf (T/M); a head of a board does not
        line(right, end.on_behalf, align=center, bold=True, after=0)
    line(right, end.signer_title, align=center, bold=True, after=0)
    for _ in range(3):  # room for the signature and the seal
        line(right, after=0)
    line(right, SIGNER_NAME, align=center, bold=True, after=0)


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def grid(
    document: DocumentObject, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float]
):
    """A bordered table of `rows` under a bold `header` row that repeats on every page."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    head = table.rows[0]
    repeat = head._tr.get_or_add_trPr()
    flag = repeat.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    repeat.append(flag)
    for cell, text, width in zip(head.cells, header, widths, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        write(cell.paragraphs[0], text, bold=True, size=TABLE_PT)
    for values in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            write(cell.paragraphs[0], text, size=TABLE_PT)
    line(document, after=0)
    return table
