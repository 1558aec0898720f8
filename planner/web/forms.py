"""The plan page's forms as choices that cannot be filled wrong, and a refused form shown again.

The re-plan date is one of the period's start dates (the next one by default, else the last past one);
a what-if names its cadre, post, unit, rule and start from lists of what the scenario has (cadres by name
and id, posts by title and unit: a signed-in reader may see names). When the workspace still refuses
what was sent (a date no longer in the period, a what-if the scenario cannot take, a decision taken on a
placement someone else decided meanwhile), the plan page is drawn again with the message beside the form
and what was typed in it (`FormError`), instead of a separate error page that loses it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from models import WAIVABLE_RULES, Scenario, period_starts
from planner.wording import (
    FIELD_WORDS,
    VIETNAM,
    both,
    date_text,
    decision_words,
    plan_name,
    rule_text,
    time_text,
)
from planner.workspace import ROLE_VI, PlacementView, PlanSummary, Role, WorkspaceError

#: A choice in a select: (value sent, words shown).
Option = tuple[str, str]


@dataclass(frozen=True)
class FormError:
    """A form the workspace refused: which (`whatif`, `replan`, `decide-CADRE`), why, the field it
    names, and the values sent, to fill the form with again."""

    form: str
    message: str
    field: str | None = None
    values: dict[str, str] = dataclasses.field(default_factory=dict)


def today_in_vietnam() -> date:
    """The day it is for the plans' readers (the server may run on UTC)."""
    return datetime.now(VIETNAM).date()


def replan_dates(starts: list[Option], today: date) -> tuple[list[Option], str]:
    """The start dates a re-plan may be asked as of (the period's `starts`, ISO and dd/mm/yyyy), and the
    one chosen by default: the first on or after `today`, else the last one (a period already over)."""
    upcoming = [value for value, _ in starts if value >= today.isoformat()]
    chosen = upcoming[0] if upcoming else starts[-1][0] if starts else ""
    return starts, chosen


@dataclass(frozen=True)
class WhatIfChoices:
    """What a what-if may name, as the form's selects list it."""

    cadres: list[Option]
    posts: list[Option]
    units: list[Option]
    rules: list[Option]
    starts: list[Option]


def what_if_choices(scenario: Scenario) -> WhatIfChoices:
    """Cadres by name and id, posts by title and unit, units by name, the waivable rules in words, and
    the period's start dates (a pin's optional start)."""
    units = {unit.id: unit.name for unit in scenario.units}
    titles = {key: title.name for key, title in scenario.titles.items()}
    period = scenario.period
    return WhatIfChoices(
        cadres=[(c.id, f"{c.name} ({c.id})") for c in sorted(scenario.cadres, key=lambda c: c.id)],
        posts=sorted(
            ((s.id, f"{titles.get(s.title, s.title)} · {units.get(s.unit, s.unit)}") for s in scenario.slots),
            key=lambda option: option[1],
        ),
        units=sorted(units.items(), key=lambda option: option[1]),
        rules=[(str(rule), both(rule_text(rule, scenario.rules))) for rule in WAIVABLE_RULES],
        starts=[
            (day.isoformat(), date_text(day))
            for day in period_starts(period.start, period.end, period.granularity)
        ],
    )


#: What a what-if chooser may ask, and the target field each one reads.
CHANGE_TARGET = {"pin": "post", "forbid": "post", "forbid_unit": "unit", "waive": "rule"}
#: The words for a chooser field a message names.
CHOOSER_WORDS = {
    "change": ("Giả định", "What-if"),
    "cadre": ("Cán bộ", "Cadre"),
    "post": ("Vị trí", "Post"),
    "unit": ("Đơn vị", "Unit"),
    "rule": ("Quy định", "Rule"),
    "start": ("Bắt đầu", "Start"),
}


class ChooserRefused(ValueError):
    """A chooser sent without what its kind of what-if needs (a hand-made request: the page's selects
    always send one)."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(f"{both(CHOOSER_WORDS[field])}: cần chọn / choose one")


def chosen_lines(values: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """The chooser's what-if as the pins, forbids and waivers lines `parse_what_if` reads (none when
    no what-if was chosen); `ChooserRefused` naming the field left empty."""
    change = values.get("change", "")
    if not change:
        return [], [], []
    if change not in CHANGE_TARGET:
        raise ChooserRefused("change")
    target_field = CHANGE_TARGET[change]
    cadre, target = values.get("cadre", ""), values.get(target_field, "")
    if not cadre:
        raise ChooserRefused("cadre")
    if not target:
        raise ChooserRefused(target_field)
    line = f"{cadre}={target}"
    if change == "pin":
        start = values.get("start", "")
        return [f"{line}@{start}" if start else line], [], []
    if change == "waive":
        return [], [], [line]
    return [], [line], []


#: The command line's option names in `parse_what_if`'s messages, as the form names its boxes.
WHAT_IF_BOXES = {
    "command line: --pin": "Ghim / Pin",
    "command line: --forbid": "Cấm / Forbid",
    "command line: --waive": "Miễn trừ / Waive",
}


def what_if_message(message: str) -> str:
    """`parse_what_if`'s message with the form's words for the command line's options."""
    for option, words in WHAT_IF_BOXES.items():
        message = message.replace(option, words)
    return message


def stale_decision(placement: PlacementView | None) -> tuple[str, str]:
    """The 409 of a decision taken on a placement that moved since the page was drawn (vi, en): who
    decided what, and when, so that the decider can read it before deciding again."""
    if placement is None or not placement.decisions:
        return (
            "vị trí này đã thay đổi từ khi trang được mở, xem lại rồi quyết định",
            "this placement changed since the page was opened: read it again, then decide",
        )
    last = placement.decisions[-1]
    role = ROLE_VI[Role[last.role]] if last.role in Role.__members__ else last.role
    vi_kind, en_kind = decision_words(last.kind).split(" / ", 1)
    said = f": “{last.reason}”" if last.reason else ""
    return (
        f"Trong lúc trang được mở, {last.author} ({role}) {vi_kind} lúc {time_text(last.at)}{said}; "
        "quyết định của bạn chưa được ghi, xem lại rồi quyết định",
        f"meanwhile {last.author} ({last.role}) {en_kind} at {time_text(last.at)}; your decision was not "
        "recorded: read it, then decide again",
    )


#: The workspace's field names (`planner.workspace.errors`) as the API's bodies and the forms name them;
#: the others are named alike.
WEB_FIELDS = {"kind": "decision", "decided_on": "date", "cadre_id": "cadre"}


def refusal(error: WorkspaceError) -> tuple[str, str | None]:
    """The workspace's refusal as a form shows it: the field in the form's words ("Lý do / Reason: cần
    lý do / a reason is needed"), and the field as the form names it."""
    field = WEB_FIELDS.get(error.field, error.field) if error.field else None
    message = error.message_naming(None)
    if field in FIELD_WORDS:
        message = f"{both(FIELD_WORDS[field])}: {message}"
    return message, field


def summary_name(summary: PlanSummary) -> str:
    """A stored plan by what it is: "Phương án 3 · gốc / plan 3 · base", a re-plan with its date."""
    return plan_name(summary.id, summary.label, summary.as_of, tuple(summary.what_if))


@dataclass(frozen=True)
class CompareChoices:
    """The plans the versions page compares, newest first, and the two chosen at first: the newest
    plan (B) against its parent, or else the plan before it (A)."""

    plans: list[Option]
    first: str
    second: str


def compare_choices(summaries: list[PlanSummary]) -> CompareChoices:
    newest = sorted(summaries, key=lambda s: s.id, reverse=True)
    options = [(f"plan:{s.id}", summary_name(s)) for s in newest]
    if not newest:
        return CompareChoices([], "", "")
    second = newest[0]
    first = second.parent_id or (newest[1].id if len(newest) > 1 else second.id)
    return CompareChoices(options, f"plan:{first}", f"plan:{second.id}")


def replan_date_refused(value: str) -> str:
    """A re-plan date that is no start date of the period (a hand-made request, or a page drawn before
    the scenario changed), in the form's words: the list holds the dates that are."""
    return (
        f"Từ ngày / As of: {date_text(value)} không phải ngày bắt đầu của giai đoạn, chọn một ngày trong "
        f"danh sách / not a start date of the period: choose one from the list"
    )
