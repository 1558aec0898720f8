"""The submission (Tờ trình) of the organising board to the Standing Committee proposing a plan's rotations:
purpose, legal basis, the list, the rules the independent checker applied and its verdict, the waivers with
their authority, and what the board asks the committee to decide."""

from __future__ import annotations

from collections.abc import Mapping

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from models.plan import Plan
from models.scenario import Scenario
from planner.documents.facts import PlacementFact, placement_facts, vietnamese_date, violations
from planner.documents.layout import (
    Closing,
    Heading,
    closing,
    grid,
    heading,
    line,
    new_document,
    title,
)
from planner.documents.texts import PURPOSE, SUBMISSION_RECIPIENTS, legal_basis, period_text
from planner.rules import RULES
from planner.wording import status_words

HEADING = Heading("BAN TỔ CHỨC", "TTr/BTCTU")
CLOSING = Closing(SUBMISSION_RECIPIENTS, "", "TRƯỞNG BAN")
LIST_HEADER = (
    "TT",
    "Họ và tên (mã cán bộ)",
    "Chức vụ, đơn vị hiện tại",
    "Chức vụ, đơn vị dự kiến luân chuyển đến",
    "Thời điểm",
    "Diện luân chuyển; lý do",
)
LIST_WIDTHS = (9, 30, 35, 40, 20, 31)
STATUS_HEADER = "Tình trạng xem xét"
AFTER_HEADING = "Dự kiến bố trí sau luân chuyển (Điều 7 Quy định số 65-QĐ/TW):"


def submission_document(
    scenario: Scenario, plan: Plan, statuses: Mapping[tuple[str, str], str] | None = None
) -> DocumentObject:
    """The submission of `plan` (one that holds a plan); `statuses` adds a column with each placement's
    standing in a workspace."""
    facts = placement_facts(scenario, plan, statuses)
    document = new_document()
    heading(document, HEADING)
    title(document, "TỜ TRÌNH", ["về việc luân chuyển cán bộ lãnh đạo, quản lý", period_text(scenario)])
    line(document, "Kính gửi: Ban Thường vụ Thành ủy Cần Thơ", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _purpose_and_basis(document, scenario)
    _list(document, facts, statuses is not None)
    _checks(document, scenario, plan, facts)
    _request(document, facts)
    closing(document, CLOSING)
    return document


def _purpose_and_basis(document: DocumentObject, scenario: Scenario) -> None:
    line(document, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    for text in PURPOSE:
        line(document, f"- {text}", indent=True)
    line(document, "II. CĂN CỨ", bold=True)
    for text in legal_basis(scenario):
        line(document, f"- {text}", indent=True)
    line(
        document,
        f"- Kết quả rà soát, lập phương án luân chuyển của Ban Tổ chức Thành ủy (kịch bản {scenario.name}).",
        indent=True,
    )


def _list(document: DocumentObject, facts: list[PlacementFact], with_status: bool) -> None:
    line(document, "III. DANH SÁCH ĐỀ XUẤT LUÂN CHUYỂN", bold=True)
    line(
        document,
        f"Ban Tổ chức Thành ủy đề xuất luân chuyển {len(facts)} đồng chí, cụ thể như sau:",
        indent=True,
    )
    header: tuple[str, ...] = LIST_HEADER
    widths: tuple[float, ...] = LIST_WIDTHS
    if with_status:
        header = (*LIST_HEADER, STATUS_HEADER)
        widths = (8, 27, 31, 34, 19, 28, 18)
    rows = []
    for number, fact in enumerate(facts, 1):
        row = [
            str(number),
            f"{fact.name} ({fact.cadre})",
            fact.current,
            f"{fact.proposed} ({fact.slot})",
            fact.start_text,
            f"{fact.categories}. {fact.reason}.",
        ]
        if with_status:
            row.append(fact.status or "chưa xét")
        rows.append(row)
    grid(document, header, rows, widths)
    _afters(document, facts)


def _afters(document: DocumentObject, facts: list[PlacementFact]) -> None:
    """The expected placement after each rotation (Reg. 65-QĐ/TW Art. 7), where the plan shows the way
    back: the rotation's end and what follows it."""
    shown = [fact for fact in facts if fact.after is not None]
    if not shown:
        return
    line(document, AFTER_HEADING, indent=True, bold=True)
    for fact in shown:
        end = f"kết thúc luân chuyển ngày {vietnamese_date(fact.end)}; " if fact.end else ""
        line(document, f"- Đồng chí {fact.name} ({fact.cadre}): {end}{fact.after}.", indent=True, after=0)


def _checks(document: DocumentObject, scenario: Scenario, plan: Plan, facts: list[PlacementFact]) -> None:
    line(document, "IV. TIÊU CHUẨN, ĐIỀU KIỆN ĐÃ KIỂM TRA", bold=True)
    status, _ = status_words(plan.status)
    line(
        document,
        f"Phương án được lập bằng mô hình tối ưu hóa (trạng thái lời giải: {status.lower()}) và được kiểm tra "
        f"độc lập theo {len(RULES)} quy định sau:",
        indent=True,
    )
    for rule in RULES.values():
        vi, _ = rule.text(scenario.rules)
        line(document, f"- {vi[:1].upper()}{vi[1:]};", indent=True, after=0)
    broken = violations(scenario, plan)
    if broken:
        line(document, f"Kết quả kiểm tra: phương án vi phạm {len(broken)} quy định:", indent=True, bold=True)
        rules = {str(rule_id): rule for rule_id, rule in RULES.items()}
        for v in broken:
            vi = rules[v.rule].text(scenario.rules)[0] if v.rule in rules else v.rule
            where = ", ".join(x for x in (v.cadre, v.slot) if x)
            line(document, f"- {vi} ({where});", indent=True, after=0)
    else:
        line(
            document,
            "Kết quả kiểm tra: phương án đáp ứng đầy đủ các quy định nêu trên.",
            indent=True,
            bold=True,
        )
    waived = [(fact, waiver) for fact in facts for waiver in fact.waivers]
    if waived:
        line(document, "Các trường hợp được cấp có thẩm quyền cho miễn áp dụng quy định:", indent=True)
        for fact, waiver in waived:
            line(document, f"- Đồng chí {fact.name} ({fact.cadre}): {waiver.text};", indent=True, after=0)
    else:
        line(document, "Không có trường hợp nào phải miễn áp dụng quy định.", indent=True)


def _request(document: DocumentObject, facts: list[PlacementFact]) -> None:
    line(document, "V. ĐỀ NGHỊ", bold=True)
    line(
        document,
        f"Ban Tổ chức Thành ủy kính trình Ban Thường vụ Thành ủy xem xét, quyết định luân chuyển {len(facts)} "
        "đồng chí theo danh sách tại mục III; giao Ban Tổ chức Thành ủy tham mưu ban hành quyết định luân "
        "chuyển đối với từng đồng chí (dự thảo kèm theo) và theo dõi, đánh giá cán bộ trong thời gian luân "
        "chuyển.",
        indent=True,
    )
    line(
        document, "Ban Tổ chức Thành ủy kính trình Ban Thường vụ Thành ủy xem xét, quyết định./.", indent=True
    )
