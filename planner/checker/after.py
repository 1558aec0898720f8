"""The checker's `after_placement` (CONTRACT §6.4, §6.6), read from the contract alone.

Each assignment ends at start + `rules.rotation_months` months (`min_duration_months` when absent, 0 when
both are absent); the `end` a plan writes is information and never read. With `after_rotation`, an
assignment ending on or before the horizon needs an `after`, and every `after` a plan gives is judged,
needed or not:
- it is `{"stay": true}` or `{"post": ID, "start": DATE}`, exactly (anything else breaks the rule);
- staying is allowed where the slot has `may_stay`, or the cadre is term-limited or a native in a key
  local post (the categories themselves, whatever `rules.mandatory_rotation` lists);
- a post is an entry of `after_rotation.posts`, and `start` is the later of `end` and its `open_from`; its
  `open_from` is within `window_months` months of `end`, both ends included; where its title and the
  cadre's current title have ranks, its rank is no lower than the cadre's and at most the cadre's +
  `rules.max_rank_step` (an `equivalent_rank` waiver lifts both bounds); a `non_local` title is not taken
  in a unit of the cadre's `local_to` (unless it has a `non_locality` waiver); the cadre holds the title's
  `requires` on `start`; `start` is strictly before its retirement date; and no two cadres take one post
  (each assignment taking it is named).
The clauses of one `after` are judged with the computed start, so a wrong `start` is one violation, not
one per clause. With `check --as-of DATE`, an `after` starting before DATE (a stay starts at `end`) is
history: not judged again (not even where its post has left `after_rotation.posts` since), though it
still holds its post against another cadre's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from models.categories import LOCAL_KEY_POST, TERM_LIMIT
from models.dates import add_months
from models.scenario import AfterPost, Scenario, Title
from planner.checker.context import CheckContext, Placement, Violation, day_text
from planner.checker.fit import missing_standards

RULE = "after_placement"

#: The categories that may stay at the rotated post whatever the slot says (Reg. 65 Art. 10; §6.6).
_MAY_STAY = frozenset({TERM_LIMIT, LOCAL_KEY_POST})


@dataclass(frozen=True)
class _Move:
    """A well-formed `{"post": ID, "start": DATE}`: the post id and the start as the file gives them."""

    post: str
    start: str


@dataclass(frozen=True)
class _Stay:
    """A well-formed `{"stay": true}`."""


def _form(value: object) -> _Move | _Stay | None:
    """The `after` in one of its two forms, exactly as the contract writes them, or None: `{"stay": 1}`,
    an extra key, a missing key or a post id that is not text are neither form."""
    if not isinstance(value, dict):
        return None
    if value.keys() == {"stay"} and value["stay"] is True:
        return _Stay()
    if (
        value.keys() == {"post", "start"}
        and isinstance(value["post"], str)
        and isinstance(value["start"], str)
    ):
        return _Move(value["post"], value["start"])
    return None


def rotation_months(scenario: Scenario) -> int:
    """A rotation's planned length (§6.4): `rotation_months`, else `min_duration_months` (which the schema
    gives its default when a scenario leaves it out, as `min_duration` reads it too)."""
    rules = scenario.rules
    return rules.min_duration_months if rules.rotation_months is None else rules.rotation_months


def rotation_end(scenario: Scenario, start: date) -> date:
    """The assignment's `end`, computed: the plan's own `end` is never read."""
    return add_months(start, rotation_months(scenario))


def _written_day(text: str) -> str:
    """A written start in dd/mm/yyyy when it is a YYYY-MM-DD date, else words saying it is not one."""
    try:
        if len(text) == 10:
            return day_text(date.fromisoformat(text))
    except ValueError:
        pass
    return "không phải ngày / not a date"


def _history_start(form: _Move | _Stay, end: date) -> date | None:
    """The day an `after` starts, for `--as-of`: a stay at `end`, a post on its written start (None when
    that is not a date: such an `after` is never history)."""
    if isinstance(form, _Stay):
        return end
    try:
        return date.fromisoformat(form.start) if len(form.start) == 10 else None
    except ValueError:
        return None


class _Judge:
    """The violations of one assignment's `after`, worded with its cadre, slot and end."""

    def __init__(self, ctx: CheckContext, p: Placement, end: date) -> None:
        self.ctx, self.p, self.end = ctx, p, end

    def violation(self, vi: str, en: str) -> Violation:
        p, end = self.p, day_text(self.end)
        return p.broken(
            RULE,
            f"Cán bộ {p.cadre.id} ({p.slot.id}): luân chuyển kết thúc {end}; {vi}",
            f"cadre {p.cadre.id} ({p.slot.id}): the rotation ends {end}; {en}",
        )

    def stay(self) -> Iterator[Violation]:
        p = self.p
        if p.slot.may_stay or self.ctx.facts[p.cadre.id].categories & _MAY_STAY:
            return
        yield self.violation(
            f"không được ở lại {p.slot.id}: vị trí không cho phép ở lại (may_stay) và cán bộ không thuộc "
            "diện giữ chức vụ cấp trưởng hai nhiệm kỳ liên tiếp hay người địa phương giữ chức chủ chốt",
            f"it may not stay at {p.slot.id}: the slot has no may_stay and the cadre is neither term-limited "
            "nor a native in a key local post",
        )

    def move(self, move: _Move, post: AfterPost) -> Iterator[Violation]:
        """Every clause of §6.4 on one projected post, judged with the computed start."""
        start = max(self.end, post.open_from)
        if move.start != start.isoformat():
            yield self.violation(
                f"ngày nhận {post.id} phải là {day_text(start)} (ngày muộn hơn giữa ngày kết thúc và ngày mở "
                f"{day_text(post.open_from)}), phương án ghi {_written_day(move.start)}",
                f"{post.id} starts on {day_text(start)} (the later of the end and its opening "
                f"{day_text(post.open_from)}), the plan writes {_written_day(move.start)}",
            )
        yield from self._window(post)
        title = self.ctx.scenario.titles.get(post.title)
        if title is not None:
            yield from self._rank(post, title)
            yield from self._non_local(post, title)
            yield from self._standards(post, title, start)
        retirement = self.ctx.facts[self.p.cadre.id].retirement
        if not start < retirement:
            yield self.violation(
                f"nhận {post.id} từ {day_text(start)}, không trước ngày nghỉ hưu {day_text(retirement)}",
                f"{post.id} would start on {day_text(start)}, not before its retirement date {day_text(retirement)}",
            )

    def _window(self, post: AfterPost) -> Iterator[Violation]:
        months = self.ctx.scenario.after_rotation.window_months if self.ctx.scenario.after_rotation else 0
        first, last = add_months(self.end, -months), add_months(self.end, months)
        if first <= post.open_from <= last:
            return
        yield self.violation(
            f"{post.id} mở từ {day_text(post.open_from)}, ngoài khoảng {day_text(first)} - {day_text(last)} "
            f"({months} tháng trước hoặc sau ngày kết thúc)",
            f"{post.id} opens on {day_text(post.open_from)}, outside {day_text(first)} - {day_text(last)} "
            f"({months} months before or after the end)",
        )

    def _rank(self, post: AfterPost, title: Title) -> Iterator[Violation]:
        cadre, scenario = self.p.cadre, self.ctx.scenario
        current = cadre.current.title if cadre.current is not None else None
        own_title = scenario.titles.get(current) if current is not None else None
        own = own_title.rank if own_title is not None else None
        if own is None or title.rank is None or cadre.waives("equivalent_rank"):
            return
        step = scenario.rules.max_rank_step
        if title.rank < own:
            yield self.violation(
                f"{post.id} bậc {title.rank}, thấp hơn bậc {own} của chức vụ hiện tại ({current})",
                f"{post.id} is rank {title.rank}, below its rank {own} ({current})",
            )
        elif title.rank > own + step:
            yield self.violation(
                f"{post.id} bậc {title.rank}, cao hơn bậc {own} của chức vụ hiện tại ({current}) quá {step} bậc",
                f"{post.id} is rank {title.rank}, more than {step} above its rank {own} ({current})",
            )

    def _non_local(self, post: AfterPost, title: Title) -> Iterator[Violation]:
        cadre = self.p.cadre
        if title.non_local and post.unit in cadre.local_to and not cadre.waives("non_locality"):
            yield self.violation(
                f"là người địa phương của {post.unit} nên không nhận {post.id} "
                f"(chức danh {post.title} không bố trí người địa phương)",
                f"it is local to {post.unit} and cannot take {post.id} ({post.title} is a non-local title)",
            )

    def _standards(self, post: AfterPost, title: Title, start: date) -> Iterator[Violation]:
        missing_vi, missing_en = missing_standards(self.p.cadre, title, start)
        if missing_vi:
            yield self.violation(
                f"chưa đạt tiêu chuẩn của {post.title} tại {post.id} vào ngày nhận {day_text(start)}: "
                f"thiếu {', '.join(missing_vi)}",
                f"does not meet the standards of {post.title} at {post.id} on its start {day_text(start)}: "
                f"lacks {', '.join(missing_en)}",
            )


def check_after_placement(ctx: CheckContext) -> Iterator[Violation]:
    """Every clause of §6.4 on every `after` the plan gives, an `after` missing where the rotation ends
    by the horizon, and each assignment taking a post that another cadre's `after` takes too."""
    scenario = ctx.scenario
    horizon = scenario.after_rotation.horizon if scenario.after_rotation else None
    posts = {post.id: post for post in scenario.after_rotation.posts} if scenario.after_rotation else {}
    takers: dict[str, list[tuple[_Judge, bool]]] = defaultdict(list)
    for p in ctx.placements:
        end = rotation_end(scenario, p.start)
        judge = _Judge(ctx, p, end)
        if p.after is None:
            if horizon is not None and end <= horizon:
                yield judge.violation(
                    f"chưa có bố trí sau luân chuyển, dù luân chuyển kết thúc không muộn hơn mốc {day_text(horizon)}",
                    f"it has no placement after it, though it ends by the horizon {day_text(horizon)}",
                )
            continue
        form = _form(p.after)
        if form is None:
            yield judge.violation(
                'bố trí sau luân chuyển không đúng dạng {"stay": true} hay {"post": ID, "start": NGÀY}',
                'its after is neither {"stay": true} nor {"post": ID, "start": DATE}',
            )
            continue
        started = _history_start(form, end)
        history = ctx.as_of is not None and started is not None and started < ctx.as_of
        if isinstance(form, _Stay):
            if not history:
                yield from judge.stay()
            continue
        post = posts.get(form.post)
        if post is None and history:
            continue  # kept as it is, even where the post has left the facts since
        if post is None:
            yield judge.violation(
                f"vị trí sau luân chuyển {form.post} không có trong after_rotation.posts",
                f"the after post {form.post} is not among after_rotation.posts",
            )
            continue
        takers[post.id].append((judge, history))
        if not history:
            yield from judge.move(form, post)
    for post_id, taking in takers.items():
        if len({judge.p.cadre.id for judge, _ in taking}) < 2 or all(history for _, history in taking):
            continue
        names = ", ".join(f"{judge.p.cadre.id} ({judge.p.slot.id})" for judge, _ in taking)
        for judge, _ in taking:
            yield judge.violation(
                f"{post_id} được giao cho nhiều cán bộ: {names}",
                f"{post_id} is given to more than one cadre: {names}",
            )
