"""How `planner ws` says a placement, a decision and a role on the console: in words (`planner.wording`),
not codes (`[approved]`, `approve`, `scope=cadre`, `2026-12-06T13:13:51.506468Z`). Ids stay, as consoles
show people (no names) and as the commands take them, and so do dates (`2024-10-01`, as `--until` and
`--as-of` take them and the plan tables print them); a moment is told in Vietnam time, to the minute.

Imported by the commands that print them, when they run (the workspace loads SQLAlchemy).
"""

from __future__ import annotations

from planner.wording import PLACEMENT_STATUS_WORDS, decision_words, time_text, words_of
from planner.workspace import ROLE_VI, Role, parent_status_text

#: A reject's scope, as the web page says it.
SCOPE_WORDS = {"cadre": "cả cán bộ / the cadre", "post": "vị trí này / this post"}


def role_words(role: str) -> str:
    """`người phê duyệt / approver`; a role no one has as it is."""
    return f"{ROLE_VI[Role[role]]} / {role}" if role in Role.__members__ else role


def placement_line(placement) -> str:
    """`C029  vinh_thanh.pho_bi_thu  2023-04-01  [đã duyệt / approved]`, with its status in the parent
    plan."""
    status = words_of(PLACEMENT_STATUS_WORDS, placement.status)
    return (
        f"{placement.cadre}  {placement.slot}  {placement.start}  [{status}]{parent_status_text(placement)}"
    )


def decision_line(decision) -> str:
    """`06/12/2026 20:13 hoa (người phê duyệt / approver) đã duyệt / approved: Ban Thường vụ đồng ý`, with
    a reject's scope, a deferral's date, an issued decision's number and date."""
    act = decision_words(decision.kind)
    if decision.scope:
        act += f" ({SCOPE_WORDS.get(decision.scope, decision.scope)})"
    if decision.until:
        act += f" đến / until {decision.until}"
    if decision.ref:
        act += f" · số / no. {decision.ref}"
    if decision.decided_on:
        act += f" · {decision.decided_on}"
    who = f"{decision.author} ({role_words(decision.role)})"
    return f"{time_text(decision.at)} {who} {act}: {decision.reason}"
