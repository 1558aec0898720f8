"""The checker's rules of fit for the post (CONTRACT §6.1, §6.6): `equivalent_rank`, `title_standards` and
`discipline`, each re-read from the contract and sharing nothing with the solver side.

All three judge a single placement, so they read `ctx.judged` (history is not judged again). Messages
name ids and codes only, with the scenario's ranks and dates (dd/mm/yyyy).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from models.scenario import Cadre, Title
from planner.checker.context import CheckContext, Violation, day_text


def check_equivalent_rank(ctx: CheckContext) -> Iterator[Violation]:
    """Where the slot's title and the cadre's current title both have a rank, the slot's rank is at most
    the current rank + `rules.max_rank_step`, unless the cadre has an `equivalent_rank` waiver."""
    step = ctx.scenario.rules.max_rank_step
    for p in ctx.judged:
        current = p.cadre.current.title if p.cadre.current is not None else None
        own_title = ctx.scenario.titles.get(current) if current is not None else None
        own, post = (own_title.rank if own_title is not None else None), p.title.rank
        if own is None or post is None or post <= own + step or p.cadre.waives("equivalent_rank"):
            continue
        above_vi, above_en = (
            ("cao hơn bậc hiện tại", "above its rank")
            if step == 0
            else (f"cao hơn quá {step} bậc cho phép", f"more than the {step} ranks up allowed")
        )
        yield p.broken(
            "equivalent_rank",
            f"Cán bộ {p.cadre.id} giữ chức bậc {own} ({current}) nhưng vị trí {p.slot.id} bậc {post}, {above_vi}",
            f"cadre {p.cadre.id} holds rank {own} ({current}) but slot {p.slot.id} is rank {post}, {above_en}",
        )


def missing_standards(cadre: Cadre, title: Title, day: date) -> tuple[list[str], list[str]]:
    """The codes `title` requires that `cadre` does not hold on `day`, each worded with the day it is held
    from or "not held" (Vietnamese, English): what `title_standards` and the way back's standards say."""
    missing_vi, missing_en = [], []
    for code in title.requires:
        entries = [q for q in cadre.qualifications if q.code == code]
        if any(q.held_from is None or q.held_from <= day for q in entries):
            continue
        if entries:
            first = min(q.held_from for q in entries if q.held_from is not None)
            missing_vi.append(f"{code} (có từ ngày {day_text(first)})")
            missing_en.append(f"{code} (held from {day_text(first)})")
        else:
            missing_vi.append(f"{code} (chưa có)")
            missing_en.append(f"{code} (not held)")
    return missing_vi, missing_en


def check_title_standards(ctx: CheckContext) -> Iterator[Violation]:
    """On the start date the cadre holds every code the slot's title requires; a `{code, from}` is held
    from that day on, that day included."""
    for p in ctx.judged:
        missing_vi, missing_en = missing_standards(p.cadre, p.title, p.start)
        if missing_vi:
            yield p.broken(
                "title_standards",
                f"Cán bộ {p.cadre.id} chưa đạt tiêu chuẩn của {p.slot.title} tại {p.slot.id} vào ngày bắt đầu "
                f"{day_text(p.start)}: thiếu {', '.join(missing_vi)}",
                f"cadre {p.cadre.id} does not meet the standards of {p.slot.title} at {p.slot.id} on its start "
                f"{day_text(p.start)}: lacks {', '.join(missing_en)}",
            )


def check_discipline(ctx: CheckContext) -> Iterator[Violation]:
    """No rotation starts on or before `disciplined_until`."""
    for p in ctx.judged:
        until = p.cadre.disciplined_until
        if until is not None and p.start <= until:
            yield p.broken(
                "discipline",
                f"Cán bộ {p.cadre.id} bắt đầu tại {p.slot.id} ngày {day_text(p.start)} khi đang bị kỷ luật "
                f"đến hết ngày {day_text(until)}",
                f"cadre {p.cadre.id} starts at {p.slot.id} on {day_text(p.start)} while under discipline "
                f"until {day_text(until)}",
            )
