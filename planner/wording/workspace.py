"""The words for a workspace's plans, decisions and jobs, and its timestamps as a reader in Vietnam reads
them: a plan named by what it is ("Phương án 3 · gốc / plan 3 · base"), its kind, a decision's kind, a
job's state, and dates as dd/mm/yyyy in Vietnam time (the workspace stores UTC ISO timestamps; a page
must not show `2026-12-06T02:10:46.737571Z`).

Plain text only, as the rest of `planner.wording`: the web pages escape it, the console may print it.
The package's `__init__` re-exports these names, so this module imports nothing from it (no circle).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

#: Vietnamese and English words for one thing (`planner.wording.Words`).
Words = tuple[str, str]

#: Vietnam time (UTC+7, no daylight saving): the time every reader of the plans lives in.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

#: A stored plan's kind (`planner.workspace.plans`) in words.
PLAN_KIND_WORDS: dict[str, Words] = {
    "solve": ("lời giải", "solve"),
    "alternative": ("phương án thay thế", "alternative"),
    "variant": ("biến thể", "variant"),
    "replan": ("lập lại", "re-plan"),
    "whatif": ("giả định", "what-if"),
}

#: A background job's kind and state (`planner.web.jobs`) in words.
JOB_KIND_WORDS: dict[str, Words] = {
    "whatif": ("Giải lại", "Re-solve"),
    "replan": ("Lập lại", "Re-plan"),
}
JOB_STATE_WORDS: dict[str, Words] = {
    "starting": ("đang khởi động", "starting"),
    "running": ("đang giải", "running"),
    "done": ("đã xong", "done"),
    "failed": ("thất bại", "failed"),
    "cancelled": ("đã hủy", "cancelled"),
}

#: A decision's kind (`planner.workspace.decisions.KINDS`) as the act its author did.
DECISION_KIND_WORDS: dict[str, Words] = {
    "propose": ("đề xuất", "proposed"),
    "approve": ("đã duyệt", "approved"),
    "reject": ("không duyệt", "rejected"),
    "defer": ("hoãn", "deferred"),
    "decided": ("ghi quyết định đã ban hành", "recorded the issued decision"),
    "comment": ("nhận xét", "commented"),
}

#: The sections of a diff (`planner.workspace.diff.Difference.section`).
DIFF_SECTION_WORDS: dict[str, Words] = {
    "rules": ("quy định", "rules"),
    "facts": ("dữ kiện", "facts"),
    "placements": ("bố trí", "placements"),
    "afters": ("sau luân chuyển", "after the rotation"),
}

#: A form's field as an error page names it ("Lý do / Reason: cần lý do ..."), not by its code.
FIELD_WORDS: dict[str, Words] = {
    "reason": ("Lý do", "Reason"),
    "cadre": ("Cán bộ", "Cadre"),
    "slot": ("Vị trí", "Post"),
    "decision": ("Quyết định", "Decision"),
    "date": ("Ngày quyết định", "Decision date"),
    "ref": ("Số hiệu", "Number"),
    "scope": ("Phạm vi", "Scope"),
    "until": ("Hoãn đến", "Defer until"),
    "as_of": ("Từ ngày", "As of"),
    "change_cost": ("Chi phí mỗi thay đổi", "Cost of a change"),
    "pins": ("Ghim", "Pin"),
    "forbids": ("Cấm", "Forbid"),
    "waives": ("Miễn trừ", "Waive"),
    "since": ("Từ ngày", "Since"),
    "plan_id": ("Phương án", "Plan"),
    "version_id": ("Phiên bản", "Version"),
    "job": ("Lượt giải", "Job"),
    "repair": ("Cách khắc phục", "Repair"),
}

NONE_WORDS: Words = ("không có", "none")


def words_of(table: dict[str, Words], code: str) -> str:
    """`đang giải / running`: a code's words from `table`; an unknown code as it is."""
    return " / ".join(table.get(code, (code, code)))


def plan_kind_words(kind: str) -> str:
    return words_of(PLAN_KIND_WORDS, kind)


def job_state_words(state: str) -> str:
    return words_of(JOB_STATE_WORDS, state)


def decision_words(kind: str) -> str:
    return words_of(DECISION_KIND_WORDS, kind)


def number_text(value: float | None) -> str:
    """`385`, or `không có / none` for no value (not `None`)."""
    return " / ".join(NONE_WORDS) if value is None else f"{value:g}"


# dates --------------------------------------------------------------------------------------------------


def _moment(stamp: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # the workspace writes UTC
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(VIETNAM)


def date_text(value: str | date | None) -> str:
    """`01/01/2024`: a date (ISO `2024-01-01`, or a date) as dd/mm/yyyy; a timestamp's day in Vietnam
    time; a text that is no date as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if "T" in value:
        moment = _moment(value)
        return moment.strftime("%d/%m/%Y") if moment else value
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


#: A calendar date written inside a text, as the library's shared lines write them (ISO).
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def dates_in_text(text: str) -> str:
    """A line shared with the console (a limit, a difference, a conflict) with each ISO date in it as
    dd/mm/yyyy, for a page: the console keeps ISO, the form its options take."""
    return _ISO_DATE.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", text)


def time_text(stamp: str | None) -> str:
    """`06/12/2026 09:10`: a stored UTC timestamp (`2026-12-06T02:10:46.737571Z`) in Vietnam time, to the
    minute; a text that is no timestamp as it is."""
    if not stamp:
        return ""
    moment = _moment(stamp)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else stamp


# plans --------------------------------------------------------------------------------------------------


def plan_name(plan_id: int, label: str, as_of: str | None = None, what_if: tuple[str, ...] = ()) -> str:
    """`Phương án 3 · gốc / plan 3 · base`: a stored plan by its number and what it is (its stored label,
    `planner.workspace.plans.plan_label`); a re-plan with its as-of date, a what-if with its changes."""
    vi_what, en_what = _halves(label)
    if as_of:
        day = date_text(as_of)
        vi_what, en_what = f"{vi_what} từ {day}", f"{en_what} as of {day}"
    name = f"Phương án {plan_id} · {vi_what} / plan {plan_id} · {en_what}"
    if what_if:
        name += f" ({'; '.join(what_if)})"
    return name


#: A workspace reference's kind (`plan:3`, `version:1`, `user:2`) in words.
REF_WORDS: dict[str, Words] = {
    "plan": ("Phương án", "plan"),
    "version": ("Phiên bản", "version"),
    "user": ("Người dùng", "user"),
}


def ref_words(ref: str) -> str:
    """`Phương án 3 / plan 3` for `plan:3`, `Phương án 1 · C02 / plan 1 · C02` for a decision's target
    `plan:1/C02`: the references the command line takes, as a page names them; anything else as it is."""
    if ref == "workspace":
        return "Không gian làm việc / workspace"
    head, _, cadre = ref.partition("/")
    kind, _, number = head.partition(":")
    if kind not in REF_WORDS or not number.isdigit():
        return ref
    vi, en = REF_WORDS[kind]
    more = f" · {cadre}" if cadre else ""
    return f"{vi} {number}{more} / {en} {number}{more}"


def _halves(label: str) -> Words:
    """A stored label's Vietnamese and English (`gốc / base · thay thế / alternative 2` gives
    `gốc · thay thế` and `base · alternative 2`); a label stored before labels were words (a file name)
    on both sides."""
    parts = [part.split(" / ", 1) for part in label.split(" · ")]
    if not all(len(part) == 2 for part in parts):
        return label, label
    return " · ".join(p[0] for p in parts), " · ".join(p[1] for p in parts)
