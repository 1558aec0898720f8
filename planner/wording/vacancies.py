"""The words of `planner vacancies` (CONTRACT §6.4, issue 26 item 3): which fact opens a projected post,
the console table's columns and the lines that head the YAML a planner pastes into
`after_rotation.posts`. Ids and dates only (dd/mm/yyyy), never a person's name."""

from __future__ import annotations

from datetime import date

from planner.wording.basic import count_words
from planner.wording.workspace import date_text

Words = tuple[str, str]

#: What opens a post (`planner.analysis.vacancies.REASONS`).
VACANCY_REASON_WORDS: dict[str, Words] = {
    "departure": ("luân chuyển đi", "rotated away"),
    "tenure": ("đủ thời hạn giữ chức vụ cấp trưởng", "reaches the head post's term limit"),
    "retirement": ("nghỉ hưu", "retires"),
}

#: The console table's columns.
VACANCY_HEADERS: dict[str, str] = {
    "open_from": "Trống từ / Opens",
    "id": "Mã vị trí / Post id",
    "unit": "Đơn vị / Unit",
    "title": "Chức danh / Title",
    "cadre": "Người giữ / Holder",
    "reason": "Vì sao / Why",
}

#: Said of a post the scenario's `after_rotation.posts` already has.
VACANCY_LISTED: Words = ("đã có trong after_rotation.posts", "already in after_rotation.posts")


def vacancy_fact_line(cadre: str, reason: str, fact_day: date, opens: date) -> str:
    """`C009 nghỉ hưu 01/07/2026 / C009 retires 01/07/2026`, and where the fact precedes the period,
    that the post is counted open from the period's start."""
    vi, en = VACANCY_REASON_WORDS[reason]
    line_vi, line_en = f"{cadre} {vi} {date_text(fact_day)}", f"{cadre} {en} {date_text(fact_day)}"
    if fact_day < opens:
        line_vi += f", trước giai đoạn: trống từ {date_text(opens)}"
        line_en += f", before the period: open from {date_text(opens)}"
    return f"{line_vi} / {line_en}"


def vacancy_heading(scenario: str, until: date, with_plan: bool) -> list[str]:
    """The lines that head the YAML list: what it is, up to when, from which facts, and where it goes."""
    facts_vi = "nghỉ hưu, đủ thời hạn cấp trưởng" + (", luân chuyển theo phương án" if with_plan else "")
    facts_en = "retirements, head term limits" + (", the plan's rotations" if with_plan else "")
    return [
        f"Vị trí dự kiến trống đến {date_text(until)} theo dữ kiện của kịch bản {scenario} ({facts_vi}) / "
        f"posts the facts of scenario {scenario} open by {date_text(until)} ({facts_en})",
        "Dán vào after_rotation.posts; không tự tạo vị trí nào / paste into after_rotation.posts; no post is "
        "invented",
    ]


def vacancy_count_line(count: int, until: date) -> str:
    """`3 vị trí dự kiến trống đến 31/12/2026 / 3 posts open by 31/12/2026`."""
    vi, en = count_words(count, "vị trí", "post")
    return f"{vi} dự kiến trống đến {date_text(until)} / {en} open by {date_text(until)}"
