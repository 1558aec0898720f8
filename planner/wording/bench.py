"""The words for the planning pool's bench (CONTRACT §6.3, §6.5): its table's headers, whether a pool
title's minimum is met, and what a cadre lacks for a pool title or a post would give it.

`explain` (console, JSON, web), the reports, `compare` and the plan page all say the bench with these
words, every number beside what it counts. Dates are dd/mm/yyyy (`date_text`); only ids and codes
appear, never a person's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.wording.workspace import date_text

#: Vietnamese and English words for one thing (as `planner.wording.Words`, which re-exports these).
Words = tuple[str, str]


def both(words: Words) -> str:
    return " / ".join(words)


#: The bench table's columns (a report, the workbook, the plan page), each a count or a date it labels.
BENCH_HEADERS: dict[str, str] = {
    "pool": "Chức danh quy hoạch / Pool title",
    "id": "Mã / Id",
    "ready_by": "Sẵn sàng trước / Ready by",
    "planned": "Số cán bộ quy hoạch / Planned cadres",
    "without": "Sẵn sàng khi không luân chuyển / Ready without the plan",
    "ready": "Sẵn sàng với phương án / Ready with the plan",
    "min_ready": "Tối thiểu cần / min_ready",
    "met": "Đạt mức tối thiểu / Minimum met",
    "made_ready": "Sẵn sàng nhờ phương án / Made ready by the plan",
}
BENCH_TITLE: Words = ("Nguồn cán bộ quy hoạch", "Planning bench")
BENCH_FIGURE_TITLE: Words = ("Mức sẵn sàng theo hạn sẵn sàng", "Readiness by ready-by date")
BENCH_NOTE = (
    "Tính lại từ kịch bản và các lượt bố trí của phương án, không lấy từ tệp phương án / recomputed from "
    "the scenario and the plan's placements, never read from the plan file"
)
NO_DEADLINE: Words = ("không hạn", "no deadline")
NO_MINIMUM: Words = ("không đặt mức", "no minimum")
#: The figure's series: one count each, named where it is drawn.
BENCH_SERIES: dict[str, Words] = {
    "planned": ("Quy hoạch", "Planned"),
    "without": ("Sẵn sàng khi không luân chuyển", "Ready without the plan"),
    "ready": ("Sẵn sàng với phương án", "Ready with the plan"),
    "min_ready": ("Tối thiểu cần", "min_ready"),
}
BENCH_AXIS: Words = ("Số cán bộ", "Cadres")
READY_BY_AXIS: Words = ("Hạn sẵn sàng · chức danh", "Ready by · pool title")


def ready_by_text(ready_by: date | None) -> str:
    """`01/03/2026`, or `không hạn / no deadline`."""
    return date_text(ready_by) if ready_by is not None else both(NO_DEADLINE)


def met_text(ready: int, min_ready: int | None) -> str:
    """`đạt / met`, `thiếu 1 / short by 1`, or `không đặt mức / no minimum`."""
    if min_ready is None:
        return both(NO_MINIMUM)
    if ready >= min_ready:
        return "đạt / met"
    return f"thiếu {min_ready - ready} / short by {min_ready - ready}"


def ids_text(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "—"


def pool_need_line(
    pool: str,
    ready_by: date | None,
    missing: Iterable[str],
    latest_start: date | None,
    last_period_start: date | None,
) -> str:
    """What a cadre lacks for a pool title and the start that still makes it ready: `pho_chu_tich_tp
    (sẵn sàng trước / ready by 01/03/2026): thiếu kinh nghiệm / lacks truong_cap_huyen; vị trí cho kinh
    nghiệm đó phải bắt đầu chậm nhất / a post giving it must start by 01/03/2024 (kỳ cuối / last start
    01/01/2024)`."""
    missing = list(missing)
    head = f"{pool} (sẵn sàng trước / ready by {ready_by_text(ready_by)})"
    if not missing:
        return f"{head}: đã đủ kinh nghiệm, sẵn sàng khi không luân chuyển / has the experience, ready without the plan"
    lacks = f"{head}: thiếu kinh nghiệm / lacks {', '.join(missing)}"
    if latest_start is None:
        return f"{lacks}; mọi thời điểm bắt đầu đều kịp / any start is in time"
    last = (
        f"kỳ bắt đầu cuối trong giai đoạn / last start in the period {date_text(last_period_start)}"
        if last_period_start is not None
        else "không kỳ bắt đầu nào trong giai đoạn đủ sớm / no start in the period is early enough"
    )
    return (
        f"{lacks}; vị trí cho kinh nghiệm đó phải bắt đầu chậm nhất / a post giving it must start by "
        f"{date_text(latest_start)} ({last})"
    )


def placement_ready_line(
    placed: tuple[str, str] | None, makes_ready: bool, ready_without_plan: bool, ready_on: date | None = None
) -> str:
    """Whether the plan's placement makes the cadre ready for the pool title, and from which day its post
    gives the missing experience (`ready_on`, when it does)."""
    if ready_without_plan:
        return "sẵn sàng khi không luân chuyển / ready without the plan"
    if placed is None:
        return "phương án không bố trí, chưa sẵn sàng / not placed by the plan: not ready"
    where = f"{placed[0]} từ / from {date_text(placed[1])}"
    when = f", đủ kinh nghiệm từ / experienced from {date_text(ready_on)}" if ready_on is not None else ""
    if makes_ready:
        return f"bố trí tại / placed at {where}: sẵn sàng kịp hạn / made ready in time{when}"
    if ready_on is None:
        return (
            f"bố trí tại / placed at {where}: vị trí không cho đủ kinh nghiệm còn thiếu / the post does not "
            "give the missing experience"
        )
    return f"bố trí tại / placed at {where}: chưa sẵn sàng kịp hạn / does not make it ready in time{when}"


def post_ready_line(
    eligible: bool, in_time: bool, first_start: date | None, latest_start: date | None
) -> str:
    """Whether a post would make a planned cadre ready: in time, too late, or the pair is excluded."""
    latest = date_text(latest_start) if latest_start is not None else both(NO_DEADLINE)
    if not eligible:
        return f"không đủ điều kiện vào vị trí này / not eligible for this post (hạn bắt đầu / start by {latest})"
    first = date_text(first_start)
    if in_time:
        return (
            f"sẽ sẵn sàng kịp hạn / would be made ready in time: bắt đầu sớm nhất / first start {first}, "
            f"chậm nhất / latest {latest}"
        )
    return f"quá muộn / too late: bắt đầu sớm nhất / first start {first}, sau hạn / after the latest {latest}"


def placed_here_line(makes_ready: bool) -> str:
    """What the plan's placement of a cadre in the post explained does for its pool title."""
    made = "sẵn sàng / made ready" if makes_ready else "chưa sẵn sàng kịp hạn / not made ready in time"
    return f"phương án bố trí ở đây / the plan places it here: {made}"
