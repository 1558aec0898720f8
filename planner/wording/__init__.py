"""The words the planner shows people, held once: Vietnamese first, English beside them, as plain text.

The command line (rich tables), the web app (Jinja2 pages) and the reports (HTML, Excel) all name a rule,
a plan's status, a category, a score part or a plan-wide limit with these words, so that the same thing
reads the same everywhere; each of them only lays the words out (the console upper-cases a status, a page
escapes). Nothing here knows a terminal or a page: a function returns a `(vi, en)` pair, or one plain
line in the project's bilingual form `vi / en` (no rich markup, no HTML). A rule's own words stay in its
module (`Rule.text`, with the scenario's numbers); `rule_text` is the one way to ask for them. It lives in
`rules.py` and loads on first use (PEP 562), as `planner`'s names do: it reads the rule registry (and so
NumPy), which the light words here (a decision's kind in `planner ws`, a plan's status) must not load.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from models.categories import CATEGORY_LABELS
from models.lazy import lazy_names
from models.plan import DiagnosisRecord
from planner.wording.afters import (  # noqa: F401 - re-exported: each rotation's end and what follows
    AFTER_HEADERS,
    AFTER_TRACE,
    AFTERS_NOTE,
    AFTERS_TITLE,
    MAY_STAY_SLOT,
    after_line,
    bad_start_line,
    end_line,
    post_option_line,
    refusal_line,
    stay_line,
)
from planner.wording.basic import STATUS_CAVEATS, STATUS_WORDS, Words, both, count_words
from planner.wording.bench import (  # noqa: F401 - re-exported: the planning pool's bench
    BENCH_AXIS,
    BENCH_FIGURE_TITLE,
    BENCH_HEADERS,
    BENCH_NOTE,
    BENCH_SERIES,
    BENCH_TITLE,
    READY_BY_AXIS,
    ids_text,
    met_text,
    placed_here_line,
    placement_ready_line,
    pool_need_line,
    post_ready_line,
    ready_by_text,
)
from planner.wording.steps import PLAN_WORDS, WHY_NOT_WORDS  # noqa: F401 - re-exported: progress lines
from planner.wording.tables import HOW_READ_WORDS, TEMPLATE_WORDS  # noqa: F401 - re-exported: cadre tables
from planner.wording.vacancies import (  # noqa: F401 - re-exported: projected vacancies
    VACANCY_HEADERS,
    VACANCY_LISTED,
    VACANCY_REASON_WORDS,
    vacancy_count_line,
    vacancy_fact_line,
    vacancy_heading,
)
from planner.wording.why import (  # noqa: F401 - re-exported: the why-not job's words
    WHY_NOT_STATE_WORDS,
    WHY_NOT_UNOFFERED_WORDS,
    more_words,
    why_not_progress,
)
from planner.wording.workspace import (  # noqa: F401 - re-exported: a workspace's plans, jobs, dates
    DIFF_SECTION_WORDS,
    FIELD_WORDS,
    JOB_KIND_WORDS,
    JOB_STATE_WORDS,
    VIETNAM,
    date_text,
    dates_in_text,
    decision_words,
    job_state_words,
    number_text,
    plan_kind_words,
    plan_name,
    ref_words,
    time_text,
    words_of,
)

if TYPE_CHECKING:
    from planner.wording.audit import audit_sentence as audit_sentence
    from planner.wording.rules import rule_line as rule_line
    from planner.wording.rules import rule_text as rule_text

#: Names loaded on first use (`models.lazy`): `rules.py` loads the rule registry, and `audit.py` (an audit
#: entry as a sentence) reads the words here.
_HOMES = {
    "rule_text": "planner.wording.rules",
    "rule_line": "planner.wording.rules",
    "audit_sentence": "planner.wording.audit",
}
__getattr__, __dir__ = lazy_names(__name__, _HOMES)


# plans --------------------------------------------------------------------------------------------------


def status_words(status: str) -> Words:
    """`("Khả thi, chưa chứng minh tối ưu", "Feasible, not proven optimal")`; an unknown status as it is."""
    vi, en = STATUS_WORDS.get(status, (status, status))
    if status in STATUS_CAVEATS:
        caveat_vi, caveat_en = STATUS_CAVEATS[status]
        return f"{vi}, {caveat_vi}", f"{en}, {caveat_en}"
    return vi, en


def status_label(status: str) -> str:
    """`Tối ưu / Optimal`: a plan's status as reports and pages label it."""
    return both(status_words(status))


#: A plan's key figures (`planner.figures.kpis`), the objective and rotations as every table heads them.
KPI_WORDS: dict[str, Words] = {
    "objective": ("Giá trị mục tiêu", "Objective"),
    "rotations": ("Số lượt luân chuyển", "Rotations"),
    "heads": ("Đến vị trí cấp trưởng", "To head posts"),
    "deputies": ("Đến vị trí cấp phó", "To deputy posts"),
    "young_deputies": ("Cán bộ trẻ làm cấp phó", "Young cadres as deputies"),
    "women": ("Cán bộ nữ", "Women"),
    "non_local_key_posts": ("Chức danh chủ chốt không là người địa phương", "Non-local key posts"),
    "priority_posts": ("Vị trí ưu tiên được bố trí", "Priority posts filled"),
    "mandatory_rotated": ("Cán bộ bắt buộc đã luân chuyển", "Mandatory cadres rotated"),
    "allowance_cost": ("Bảo lưu phụ cấp (trưởng sang phó)", "Allowance cost (heads to deputy posts)"),
}


def verdict_words(violations: int) -> Words:
    """The independent checker's verdict on a plan with `violations` broken rules."""
    if not violations:
        return "Hợp lệ: không vi phạm quy định nào", "Valid: no rule broken"
    vi, en = count_words(violations, "vi phạm", "violation")
    return f"Không hợp lệ: {vi}", f"Invalid: {en}"


#: The searches an infeasible plan's diagnosis runs, in the order they are reported.
DIAGNOSIS_SEARCHES: dict[str, Words] = {
    "conflict": ("Tập mâu thuẫn", "Conflict"),
    "repairs": ("Cách khắc phục", "Repairs"),
    "other_conflicts": ("Mâu thuẫn khác", "Other conflicts"),
}


def diagnosis_lines(record: DiagnosisRecord) -> list[tuple[str, str]]:
    """Each search of a diagnosis as (label, what it proved with its seconds)."""
    return [
        (both(words), f"{getattr(record, key).message} ({getattr(record, key).seconds:.1f} s)")
        for key, words in DIAGNOSIS_SEARCHES.items()
    ]


#: A placement's standing in the workspace: open, or the last decision taken on it.
PLACEMENT_STATUS_WORDS: dict[str, Words] = {
    "open": ("chưa xét", "open"),
    "proposed": ("đề xuất", "proposed"),
    "approved": ("đã duyệt", "approved"),
    "rejected": ("không duyệt", "rejected"),
    "deferred": ("hoãn", "deferred"),
    "decided": ("đã có quyết định", "decided"),
}

#: A decision's kind (`planner.workspace.decisions`) as a re-plan's reasons name it.
DECISION_WORDS: dict[str, Words] = {
    "reject": PLACEMENT_STATUS_WORDS["rejected"],
    "defer": PLACEMENT_STATUS_WORDS["deferred"],
    "decided": ("đã ban hành", "issued"),
}

#: The columns a workbook from the workspace adds to each placement: where its decisions stand.
DECISION_COLUMNS: dict[str, Words] = {
    "status": ("Tình trạng quyết định", "Decision status"),
    "author": ("Người quyết định", "Decided by"),
    "at": ("Ngày quyết định", "Decided on"),
    "reason": ("Lý do", "Reason"),
    "ref": ("Số hiệu", "Reference"),
    "decided_on": ("Ngày ban hành", "Issued on"),
}

#: At most this many of the placements that differ between equally good plans are named in a line.
TIE_PLACEMENTS_SHOWN = 12


def tie_line(count: int, differing: Iterable[tuple[str, str]]) -> str:
    """`Một trong ít nhất 3 phương án tốt như nhau ... / one of at least 3 equally good plans ...`, with
    the placements (cadre, slot) that differ between them, or that only the start dates do."""
    placements = [f"{cadre} → {slot}" for cadre, slot in differing]
    head = (
        f"Một trong ít nhất {count} phương án tốt như nhau (cùng giá trị mục tiêu) / "
        f"one of at least {count} equally good plans (the same objective)"
    )
    if not placements:
        return f"{head}; chúng chỉ khác ngày bắt đầu / they differ only in start dates"
    shown = ", ".join(placements[:TIE_PLACEMENTS_SHOWN])
    more = len(placements) - TIE_PLACEMENTS_SHOWN
    if more > 0:
        shown += f" (và {more} bố trí khác / and {more} more)"
    return f"{head}; các bố trí khác nhau giữa chúng / these placements differ between them: {shown}"


def ranked_tie_line(rank: int) -> str:
    """What an alternative's own record proves: ranked `rank` with no gap to the best, so it and the
    `rank - 1` plans ranked above it share one objective."""
    return (
        f"Một trong ít nhất {rank} phương án tốt như nhau: {rank - 1} phương án xếp trên có cùng giá trị mục "
        f"tiêu / one of at least {rank} equally good plans: the {rank - 1} ranked above it have the same "
        "objective"
    )


YES_NO: dict[bool, Words] = {True: ("có", "yes"), False: ("không", "no")}


def yes_no(flag: bool) -> str:
    """`có / yes` or `không / no`."""
    return both(YES_NO[bool(flag)])


# cadres and scores --------------------------------------------------------------------------------------


def category_words(category: str) -> Words:
    """A cadre category (`near_retirement`, ...) in words; an unknown one as it is."""
    return CATEGORY_LABELS.get(category, (category, category))


#: The parts of a pair's score (`planner.eligibility.scoring`) in words.
SCORE_PART_WORDS: dict[str, Words] = {
    "explicit": ("đánh giá", "explicit"),
    "priority": ("ưu tiên vị trí", "priority"),
    "development": ("rèn luyện ở cấp huyện", "development"),
    "allowance_cost": ("giữ phụ cấp", "allowance cost"),
    "earlier_start": ("bắt đầu sớm", "earlier start"),
    "readiness": ("chuẩn bị nguồn cán bộ", "readiness"),
    "after_home": ("trở về đơn vị cũ sau luân chuyển", "back to the home unit after the rotation"),
}


def parts_text(parts: Mapping[str, float]) -> str:
    """`đánh giá / explicit 9, ưu tiên vị trí / priority 30, ...`."""
    return ", ".join(
        f"{both(SCORE_PART_WORDS.get(key, (key, key)))} {value:g}" for key, value in parts.items()
    )


def score_text(score: float, scored_at: str | None) -> str:
    """`42 (tại / at 2026-01-01)`: a pair's score and the start it is scored at."""
    return f"{score:g} (tại / at {scored_at})" if scored_at else f"{score:g}"


class Limit(Protocol):
    """A plan-wide rule that may keep an eligible pair out (`planner.analysis.explain.PlanWideLimit`)."""

    @property
    def rule(self) -> str: ...
    @property
    def free_from(self) -> str | None: ...
    @property
    def vi(self) -> str: ...
    @property
    def en(self) -> str: ...


def limit_line(limit: Limit) -> str:
    """`[youth_heads] ... ; không còn ràng buộc từ / free from 2026-01-01`."""
    free = (
        f"; không còn ràng buộc từ / free from {limit.free_from}"
        if limit.free_from
        else "; ràng buộc ở mọi thời điểm / bears at every start"
    )
    return f"[{limit.rule}] {limit.vi} / {limit.en}{free}"


def limits_text(limits: Iterable[Limit], shared: Iterable[Limit] = ()) -> str:
    """The plan-wide rules that may still keep an eligible pair out, one a line, leaving out those
    `shared` by every pair (said once elsewhere); `—` for none."""
    said = list(shared)
    return "\n".join(limit_line(limit) for limit in limits if limit not in said) or "—"


# waivers ------------------------------------------------------------------------------------------------


class WaiverSearchFacts(Protocol):
    """How a single-waiver search went (`planner.analysis.why_not.WaiverSearch`)."""

    @property
    def tried(self) -> int: ...
    @property
    def candidates(self) -> int: ...
    @property
    def stopped(self) -> str: ...
    @property
    def limit(self) -> int: ...
    @property
    def budget(self) -> float: ...


def waiver_search_words(search: WaiverSearchFacts) -> Words:
    """What the single-waiver search tried and why it stopped."""
    tried, candidates = search.tried, search.candidates
    what_vi = (
        f"Đã giải lại với từng miễn trừ đơn lẻ: {tried} trong {candidates} miễn trừ có thể mở thêm vị trí "
        "(những miễn trừ mở vị trí điểm cao nhất trước)"
    )
    what_en = (
        f"re-solved with each single waiver: {tried} of the {candidates} waiver{'' if candidates == 1 else 's'} "
        "that could open a post (those opening the best-scoring posts first)"
    )
    why = {
        "all": ("đã thử hết", "all were tried"),
        "limit": (f"dừng ở giới hạn {search.limit} lần thử", f"stopped at the limit of {search.limit} tries"),
        "budget": (
            f"dừng vì hết thời gian {search.budget:g} giây",
            f"stopped when its {search.budget:g} seconds ran out",
        ),
    }[search.stopped]
    return f"{what_vi}; {why[0]}", f"{what_en}; {why[1]}"
