"""The draft decisions (Dự thảo Quyết định) of the Standing Committee: one decision per placement, each on
its own pages, in one document, to be numbered and signed one by one."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from models.scenario import Scenario
from planner.documents.facts import PlacementFact
from planner.documents.layout import Closing, Heading, closing, heading, line, new_document, page_break, title
from planner.documents.texts import DECISION_RECIPIENTS, legal_basis

HEADING = Heading("BAN THƯỜNG VỤ", "QĐ/TU")
CLOSING = Closing(DECISION_RECIPIENTS, "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")


def decisions_document(scenario: Scenario, facts: Sequence[PlacementFact]) -> DocumentObject:
    """One draft decision for each of `facts`, a page break between them."""
    document = new_document()
    for number, fact in enumerate(facts):
        if number:
            page_break(document)
        _decision(document, scenario, fact)
    return document


def _decision(document: DocumentObject, scenario: Scenario, fact: PlacementFact) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    heading(document, HEADING)
    title(document, "QUYẾT ĐỊNH", ["về việc luân chuyển cán bộ"], draft=True)
    line(document, "BAN THƯỜNG VỤ THÀNH ỦY CẦN THƠ", align=center, bold=True)
    line(document, "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", indent=True, after=0)
    line(
        document,
        "- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố Cần Thơ;",
        indent=True,
        after=0,
    )
    for text in legal_basis(scenario):
        line(document, f"- Căn cứ {text}", indent=True, after=0)
    line(
        document,
        "- Xét đề nghị của Ban Tổ chức Thành ủy tại Tờ trình số [số tờ trình]-TTr/BTCTU, ngày [ngày tờ trình],",
        indent=True,
    )
    line(document, "QUYẾT ĐỊNH", align=center, bold=True)
    line(
        document,
        f"Điều 1. Luân chuyển đồng chí {fact.name} (mã cán bộ {fact.cadre}), {fact.current}, đến nhận công "
        f"tác, giữ chức vụ {fact.title} – {fact.unit}, kể từ ngày {fact.start_text}.",
        indent=True,
    )
    for waiver in fact.waivers:
        line(document, f"{waiver.text}.", indent=True)
    line(
        document,
        f"Điều 2. Thời gian luân chuyển thực hiện theo Quy định số 65-QĐ/TW của Bộ Chính trị. Trong thời gian "
        f"luân chuyển, đồng chí {fact.name} chịu sự quản lý, theo dõi, đánh giá của cấp ủy, tổ chức nơi đến "
        "công tác; chế độ, chính sách thực hiện theo quy định hiện hành.",
        indent=True,
    )
    line(
        document,
        f"Điều 3. Ban Tổ chức Thành ủy, Văn phòng Thành ủy, {fact.unit}, các cơ quan, tổ chức có liên quan và "
        f"đồng chí {fact.name} chịu trách nhiệm thi hành Quyết định này./.",
        indent=True,
    )
    closing(document, CLOSING)
