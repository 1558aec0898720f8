"""`after_placement` (Reg. 65-QĐ/TW Art. 6, 7, 10; Reg. 677-QĐ/TU Art. 10; CONTRACT §6.4, §6.6): each
rotation that ends by `after_rotation.horizon` has a valid placement after it, and no two cadres take one
projected post. Not waivable (beyond the `equivalent_rank` and `non_locality` waivers the clauses read).

What one rotation may take is `planner.rules.afterwards` alone (`after_options`); this module binds the
rotations together, in the same CP-SAT model as the rotations themselves, so that a plan whose rotations
leave no way back is never proposed.

The encoding. x_k is pair k's variable (cadre c, slot s, starts lo..hi), y_{s,t} the slot's start
variables. Whether a rotation needs an `after` depends on its start alone (end <= horizon), up to a last
start L; which posts it may take depends on the cadre and the start alone (`post_refusal`), staying on
the pair alone (`may_stay`). So the post literals belong to the cadre: G_{c,p} for each post p open to c
after some start T_k = lo..min(hi, L) of one of its pairs; staying belongs to the pair, S_k, where
allowed. T_{k,p} are the starts of T_k at which p is open to c. Rows:

* (at most one, and only when placed) sum_p G_{c,p} + sum_k S_k <= sum_k x_k (which is at most 1);
* (needed) sum_p G_{c,p} + S_k + sum_{t in L+1..hi} y_{s,t} >= x_k, per pair k of c;
* (at its start) G_{c,p} + x_k - 1 <= sum_{t in T_{k,p}} y_{s,t} per pair k of c, and S_k <= x_k,
  S_k <= sum_{t in T_k} y_{s,t} (each written only where it says something: T_{k,p}, or T_k, not the
  whole window lo..hi);
* (one cadre per post) sum_c G_{c,p} <= 1.

Literals per cadre, not per pair: on a test copy of the 2022-2025 reference with 34 posts (no slot may be
kept) the kept model (489 pairs) had 8,607 variables with one post literal per pair and 2,496 with them
per cadre, and CP-SAT proved it in 3.9 deterministic seconds instead of 10.0.

A cadre that may stay anywhere (term-limited or a local key-post holder) gets no literal for a post outside
its current unit: staying is as good (it scores nothing either) and takes no post, so any plan sending it
there stays as good, with the post free, when it stays instead. The model's optimum is unchanged; only
plans that differ from an optimal one in such an `after` are left out.

Why it is exact. A slot has at most one cadre and one start (`one_cadre_per_slot` and the start link),
and a cadre at most one slot (`one_slot_per_cadre`). If c is not placed, the first row allows no after.
If c's pair k is chosen, its slot starts at one t in lo..hi: when t <= L the first two rows ask exactly one
after, a post p only with t in T_{k,p} (the third row, with x_k = 1), staying only where allowed; when
t > L the third rows forbid every after (T_{k,p} and T_k lie within ..L). For a pair not chosen the third
row says nothing and its S_k is 0. So the literals of a plan describe exactly the `after`s of the
contract, each post taken at most once, and every plan with valid afters has such literals. The `after`'s
start is max(end, open_from), fixed by t.

Objective: `after_home` (`Scoring.after_home_value`) on each G_{c,p} whose post is in the cadre's current
unit (`planner.formulation.build`). The LP relaxation credits every pair the most `after_home` it can get
at any of its starts (`Scoring.after_home_bounds`), so its bound stays an upper bound; the relaxation
leaves the rows above out, which only loosens it, so a pair the reduction proves out of every optimal plan
of the relaxation is out of every optimal plan here too (the after stage only removes plans). What it
cannot do is price dropped pairs against the kept model's own LP: a dropped pair would bring its G and S
columns, which join these rows and the objective. A model holding them is therefore not priced
(`Row.AFTER`, `Row.AFTER_POST` are in `planner.formulation.pricing.UNPRICED_ROWS`). The hint
(`planner.formulation.hint`) gives each rotation that needs one an `after` as it places it, so that it
satisfies this rule or leaves the placement out.

Re-planning (CONTRACT §4, §6.4): a history rotation whose old `after` started before the as-of date keeps
it as it is (`ModelContext.fixed_afters`: no literal, and its post is closed to every other rotation);
every other `after`, a history rotation's included, is chosen afresh under the facts as they are now.

Nothing is added without `after_rotation` (or where no start ends by the horizon), so an edition-2
scenario builds the same model as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from models.changes import AfterHorizon, MayStay
from models.dates import add_months
from models.plan import AfterChange, AfterMove, AfterStay, Assignment, RuleInstance, after_choice
from models.rule_ids import RuleId
from models.scenario import AfterPost
from planner.rules.afterwards import after_options, is_home, may_stay, needs_after, post_refusal, rotation_end
from planner.rules.base import (
    Candidates,
    GuardedView,
    GuardKey,
    ModelView,
    PlanRule,
    RepairView,
    day_text,
)
from planner.rules.categories import LOCAL_KEY_POST, TERM_LIMIT
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row

#: Slots a repair offers `may_stay` on, for one cadre (each is a re-solve).
MAX_MAY_STAY = 8


#: Per scenario index, `last_after_start`, made on first use (it was read once per pair: 0.5 s of the
#: 2025-2030 reference's build).
_LAST: WeakKeyDictionary[ScenarioIndex, int] = WeakKeyDictionary()


def last_after_start(index: ScenarioIndex) -> int:
    """The last start index whose rotation ends by the horizon (-1: none). `end` grows with the start,
    so the starts that need an `after` are 0..this."""
    if index not in _LAST:
        _LAST[index] = max(
            (start for start, day in enumerate(index.starts) if needs_after(index, day)), default=-1
        )
    return _LAST[index]


@dataclass(frozen=True)
class PairAfters:
    """What pair (cadre, slot) may take after its rotation, over its starts lo..hi: per post position
    (in `after_rotation.posts`), the starts at which it is open to the cadre; the starts at which the
    pair may stay; the starts that need an `after` at all."""

    posts: dict[int, tuple[int, ...]]
    stay: tuple[int, ...]
    needed: tuple[int, ...]


def pair_afters(index: ScenarioIndex, cadre: int, slot: int, lo: int, hi: int) -> PairAfters:
    """The pair's `after` options by start (the reading of `afterwards.after_options`, the posts open to
    a cadre after a start computed once per cadre and start)."""
    needed = tuple(range(lo, min(hi, last_after_start(index)) + 1))
    stay = needed if may_stay(index, cadre, slot) else ()
    return PairAfters(_posts_open_over(index, cadre, needed), stay, needed)


#: Per scenario index, `_posts_open_over` by (cadre, first, last start): a cadre's pairs share windows.
_OVER: WeakKeyDictionary[ScenarioIndex, dict[tuple[int, int, int], dict[int, tuple[int, ...]]]] = (
    WeakKeyDictionary()
)


def _posts_open_over(index: ScenarioIndex, cadre: int, needed: tuple[int, ...]) -> dict[int, tuple[int, ...]]:
    """Per post position, the starts of `needed` (consecutive) at which it is open to the cadre; made once
    per cadre and span (read only)."""
    known = _OVER.setdefault(index, {})
    key = (cadre, needed[0], needed[-1]) if needed else (cadre, 0, -1)
    if key not in known:
        open_at: dict[int, list[int]] = {}
        for start in needed:
            for post in open_posts(index, cadre, start):
                open_at.setdefault(post, []).append(start)
        known[key] = {p: tuple(ts) for p, ts in sorted(open_at.items())}
    return known[key]


#: Per scenario index, the posts open to (cadre, start) (`open_posts`), made on first use.
_OPEN: WeakKeyDictionary[ScenarioIndex, dict[tuple[int, int], tuple[int, ...]]] = WeakKeyDictionary()


def open_posts(index: ScenarioIndex, cadre: int, start: int) -> tuple[int, ...]:
    """The positions of the `after_rotation` posts open to the cadre after a rotation from start index
    `start` (`post_refusal` None at its end): the same for every slot, so read once per cadre and start."""
    known = _OPEN.setdefault(index, {})
    if (cadre, start) not in known:
        posts = index.scenario.after_rotation.posts if index.scenario.after_rotation else ()
        end = _end(index, start)
        known[cadre, start] = tuple(
            p for p, post in enumerate(posts) if post_refusal(index, cadre, post, end) is None
        )
    return known[cadre, start]


def choices_of(choices: list[tuple[int | None, Any]]) -> list[Any]:
    """The literals of a pair's `after` choices."""
    return [literal for _, literal in choices]


def _end(index: ScenarioIndex, start: int) -> date:
    return rotation_end(index, index.starts[start])


def after_start(index: ScenarioIndex, post: AfterPost | None, start: int) -> date:
    """The `after`'s start: the later of the rotation's end and the post's `open_from` (the end when
    staying)."""
    end = _end(index, start)
    return end if post is None else max(end, post.open_from)


@dataclass(frozen=True)
class ChosenAfter:
    """The `after` a solved model gives one rotation: as the plan file writes it, and whether it is a
    post in the cadre's current unit (`after_home`)."""

    written: dict[str, object]
    home: bool


def chosen_after(
    context: ModelView, pair: int, start: int, value: Callable[[Any], bool]
) -> ChosenAfter | None:
    """The `after` of pair `pair` (chosen, starting at start index `start`) in a solution (`value` reads
    a literal), None where the rotation needs none."""
    index = context.index
    posts = index.scenario.after_rotation.posts if index.scenario.after_rotation else ()
    cadre = context.variables.pairs[pair].cadre
    for post, literal in context.afters.get(pair, ()):
        if value(literal):
            if post is None:
                return ChosenAfter({"stay": True}, False)
            day = after_start(index, posts[post], start)
            return ChosenAfter(
                {"post": posts[post].id, "start": day.isoformat()}, is_home(index, cadre, posts[post])
            )
    return None


def with_afters(
    index: ScenarioIndex,
    assignments: list[Assignment],
    placements: list[tuple[int, int, int]],
    taken: dict[tuple[int, int, int], int | None],
) -> list[Assignment]:
    """`assignments` (one per (cadre, slot, start) of `placements`) with their `end` and, where the
    rotation needs one, an `after`: the one a solution took (`taken`: post position, None for staying),
    else the first free of its options (a post of its home unit, staying, another post). A witness of the
    diagnosis is a plan the checker judges: without them, every rotation of a free pair that ends by the
    horizon would break `after_placement` in its eyes."""
    posts = index.scenario.after_rotation.posts if index.scenario.after_rotation else ()
    used = {post for post in taken.values() if post is not None}
    found = []
    for assignment, (cadre, slot, start) in zip(assignments, placements, strict=True):
        after: dict[str, object] | None = None
        if needs_after(index, index.starts[start]):
            choice: int | bool | None = taken.get((cadre, slot, start), False)
            if choice is False:
                choice = free_option(index, cadre, slot, start, used)
            if choice is None:
                after = {"stay": True}
            elif isinstance(choice, int) and not isinstance(choice, bool):
                used.add(choice)
                after = {
                    "post": posts[choice].id,
                    "start": after_start(index, posts[choice], start).isoformat(),
                }
        found.append(assignment.with_changes(end=_end(index, start).isoformat(), after=after))
    return found


def free_option(index: ScenarioIndex, cadre: int, slot: int, start: int, used: set[int]) -> int | bool | None:
    """The first free `after` of the rotation (cadre, slot, start index) when the posts `used` are taken:
    a post of its home unit, staying, another post (a post position, None for staying), False when none
    is free. What a greedy plan (the hint, a diagnosis witness) gives a rotation that needs one."""
    posts = index.scenario.after_rotation.posts if index.scenario.after_rotation else ()
    position = {post.id: p for p, post in enumerate(posts)}
    options = after_options(index, cadre, slot, index.starts[start])
    free = [o for o in options if o.post is None or position[o.post.id] not in used]
    best = next((o for o in free if o.home), None) or next((o for o in free if o.stay), None)
    best = best or next(iter(free), None)
    if best is None:
        return False
    return None if best.post is None else position[best.post.id]


class AfterPlacement(PlanRule):
    id = RuleId.AFTER_PLACEMENT
    clause = "Reg. 65-QĐ/TW Art. 6, 7, 10"
    vi = "mỗi cán bộ luân chuyển kết thúc trước mốc có nơi bố trí sau luân chuyển hợp lệ"
    en = "each rotation ending by the horizon has a valid placement after it"

    # --- words ---------------------------------------------------------------------------------------
    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """Each cadre's rotation with the scenario's numbers: when it would end, why each projected post
        is closed to it then (`post_refusal`, its clause in words), and why it may not stay; the posts
        contended for when the instance of "one cadre per post" is in."""
        vi_parts, en_parts = [], []
        for _, cadre_id, _ in instances:
            if cadre_id is None:
                ids = (
                    [post.id for post in index.scenario.after_rotation.posts]
                    if index.scenario.after_rotation
                    else []
                )
                vi, en = _one_cadre_per_post_words(ids)
            else:
                vi, en = _cadre_words(index, index.cadre_index[cadre_id])
            vi_parts.append(vi)
            en_parts.append(en)
        if not vi_parts:
            return super().phrase(index, instances)
        return "; ".join(vi_parts), "; ".join(en_parts)

    def add_to_model(self, context: ModelView) -> None:
        """The rows of the module docstring; the literals go to `context.afters` for the objective and
        the plan (a cadre's post literals listed under each of its pairs)."""
        index, variables = context.index, context.variables
        if index.scenario.after_rotation is None or last_after_start(index) < 0:
            return
        model, total = context.model, context.total
        posts = index.scenario.after_rotation.posts
        taken = {post for post in context.fixed_afters.values() if post is not None}
        takers: dict[int, list[Any]] = {}
        for cadre, ks in sorted(variables.pairs_by_cadre.items()):
            found = {
                k: pair_afters(
                    index, cadre, variables.pairs[k].slot, variables.pairs[k].lo, variables.pairs[k].hi
                )
                for k in ks
                if k not in context.fixed_afters  # a re-plan's history after: kept as it is, its post taken
            }
            found = {k: afters for k, afters in found.items() if afters.needed}
            if not found:
                continue
            stays_anywhere = bool(index.facts[cadre].categories & {TERM_LIMIT, LOCAL_KEY_POST})
            open_posts = sorted({post for afters in found.values() for post in afters.posts} - taken)
            if stays_anywhere:  # staying does as well and takes no post (module docstring)
                open_posts = [post for post in open_posts if is_home(index, cadre, posts[post])]
            goes = {post: model.new_bool_var("") for post in open_posts}
            for post, literal in goes.items():
                takers.setdefault(post, []).append(literal)
            stays = []
            for k, afters in found.items():
                pair = variables.pairs[k]
                starts, chosen = variables.start_vars[pair.slot], variables.pair_vars[k]
                window = range(pair.lo, pair.hi + 1)
                for post, literal in goes.items():
                    open_starts = afters.posts.get(post, ())
                    if len(open_starts) < len(window):
                        model.add(literal + chosen - 1 <= total(starts[t] for t in open_starts))
                choices: list[tuple[int | None, Any]] = list(goes.items())
                if afters.stay:
                    stay = model.new_bool_var("")
                    model.add(stay <= chosen)
                    if len(afters.stay) < len(window):
                        model.add(stay <= total(starts[t] for t in afters.stay))
                    stays.append(stay)
                    choices.insert(0, (None, stay))
                late = [starts[t] for t in window if t > afters.needed[-1]]
                context.rows[Row.AFTER, k] = model.add(
                    total(choices_of(choices)) + total(late) >= chosen
                ).index
                context.afters[k] = choices
            model.add(total([*goes.values(), *stays]) <= total(variables.pair_vars[k] for k in ks))
        for post, literals in sorted(takers.items()):
            if len(literals) > 1:
                context.rows[Row.AFTER_POST, post] = model.add(total(literals) <= 1).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        """Instance (C, -): each rotation of C that ends by the horizon has an `after`; instance (-, -):
        no two cadres take one post. Over the diagnosis model's start variables z[C, s, t]: a literal per
        (C, t, post open to C then) and per (C, s, t) where C may stay, each at most the start it follows
        (never guarded: a name, not a rule), and, under C's guard, as many as C's starts needing one.
        The literals are recorded (`diagnosis.afters`) so that a witness plan writes its afters."""
        index = diagnosis.index
        last = last_after_start(index)
        if index.scenario.after_rotation is None or last < 0:
            return
        takers: dict[int, list[Any]] = {}
        for cadre, person in enumerate(index.cadres):
            if not diagnosis.wants(self.id, person.id):
                continue
            for start in range(last + 1):
                zs = [(slot, diagnosis.start_of(cadre, slot)[start]) for slot in range(len(index.slots))]
                started = diagnosis.total(z for _, z in zs)
                choices: list[tuple[int | None, Any]] = []
                for p in open_posts(index, cadre, start):
                    literal = diagnosis.any_of([started])
                    choices.append((p, literal))
                    takers.setdefault(p, []).append(literal)
                stays = []
                for slot, z in zs:
                    if may_stay(index, cadre, slot):
                        literal = diagnosis.any_of([z])
                        stays.append(literal)
                        diagnosis.afters[cadre, slot, start] = [(None, literal)]
                for slot, _ in zs:
                    diagnosis.afters.setdefault((cadre, slot, start), []).extend(choices)
                after = diagnosis.total([*stays, *(literal for _, literal in choices)])
                diagnosis.add(after >= started, self.id, person.id)
        if diagnosis.wants(self.id):
            for literals in takers.values():
                if len(literals) > 1:
                    diagnosis.add(diagnosis.total(literals) <= 1, self.id)

    # --- repairs -------------------------------------------------------------------------------------
    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """An earlier `after_rotation.horizon`, by one start at a time (the latest rotations needing an
        `after` first: a rotation needs one when it ends on or before the horizon, so only an earlier one
        asks fewer); and, for a cadre, `may_stay` on each slot it may take (at most `MAX_MAY_STAY`)."""
        index = view.index
        last = last_after_start(index)
        if index.scenario.after_rotation is None or last < 0:
            return
        yield tuple(
            AfterHorizon(horizon=_end(index, start) - timedelta(days=1)) for start in range(last, -1, -1)
        )
        if instance.cadre is None:
            return
        cadre = index.cadre_index[instance.cadre]
        if index.facts[cadre].categories & {TERM_LIMIT, LOCAL_KEY_POST}:
            return
        slots = [slot for slot in view.slots_of(cadre) if not index.slots[slot].may_stay]
        for slot in slots[:MAX_MAY_STAY]:
            yield MayStay(slot=index.slots[slot].id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """The rotation ends by the horizon: it needs an `after`."""
        return needs_after(index, index.starts[start])


# --- words -----------------------------------------------------------------------------------------------
def _cadre_words(index: ScenarioIndex, cadre: int) -> tuple[str, str]:
    """ "C12's rotation ends between 01/01/2024 and 01/04/2025; p1 opens 01/06/2026, outside ...; ...; it
    may not stay (d1.pho_bi_thu may not be kept)"."""
    after = index.scenario.after_rotation
    person = index.cadres[cadre]
    ends = [_end(index, start) for start in range(last_after_start(index) + 1)]
    if after is None or not ends:
        return person.id, person.id
    lo, hi = ends[0], ends[-1]
    when_vi = (
        f"kết thúc {day_text(lo)}" if lo == hi else f"kết thúc trong khoảng {day_text(lo)}–{day_text(hi)}"
    )
    when_en = f"ends {day_text(lo)}" if lo == hi else f"ends between {day_text(lo)} and {day_text(hi)}"
    reasons = [_post_words(index, cadre, post, ends) for post in after.posts]
    posts_vi = "; ".join(vi for vi, _ in reasons) or "không có vị trí dự kiến nào"
    posts_en = "; ".join(en for _, en in reasons) or "no post is projected"
    stay_vi, stay_en = _stay_words(index, cadre)
    return (
        f"{person.id}: luân chuyển {when_vi} (mốc {day_text(after.horizon)}); {posts_vi}; {stay_vi}",
        f"{person.id}'s rotation {when_en} (horizon {day_text(after.horizon)}); {posts_en}; {stay_en}",
    )


def _post_words(index: ScenarioIndex, cadre: int, post: AfterPost, ends: list[date]) -> tuple[str, str]:
    """Why `post` is closed to the cadre at the ends it may have; where it is open at some, from which
    end to which."""
    refusals = [post_refusal(index, cadre, post, end) for end in ends]
    open_ends = [end for end, refusal in zip(ends, refusals, strict=True) if refusal is None]
    if open_ends:
        return (
            f"{post.id} chỉ mở cho luân chuyển kết thúc từ {day_text(open_ends[0])} đến {day_text(open_ends[-1])}",
            f"{post.id} is open only to rotations ending {day_text(open_ends[0])} to {day_text(open_ends[-1])}",
        )
    words = [_refusal_words(index, cadre, post, tag, ends) for tag in dict.fromkeys(r for r in refusals if r)]
    return ", ".join(vi for vi, _ in words), ", ".join(en for _, en in words)


def _refusal_words(
    index: ScenarioIndex, cadre: int, post: AfterPost, tag: str, ends: list[date]
) -> tuple[str, str]:
    """One clause of §6.4 that closes `post`, with the numbers behind it."""
    scenario = index.scenario
    window = scenario.after_rotation.window_months if scenario.after_rotation else 0
    current = index.cadres[cadre].current
    rank = scenario.titles[current.title].rank if current else None
    post_rank = scenario.titles[post.title].rank
    if tag == "window":
        lo, hi = add_months(ends[0], -window), add_months(ends[-1], window)
        return (
            f"{post.id} mở từ {day_text(post.open_from)}, ngoài khoảng {day_text(lo)}–{day_text(hi)}",
            f"{post.id} opens {day_text(post.open_from)}, outside {day_text(lo)}–{day_text(hi)}",
        )
    if tag == "rank_lower":
        return (
            f"{post.id} bậc {post_rank}, thấp hơn bậc hiện tại {rank}",
            f"{post.id} is of rank {post_rank}, below the current rank {rank}",
        )
    if tag == "rank_higher":
        top = (rank or 0) + scenario.rules.max_rank_step
        return (
            f"{post.id} bậc {post_rank}, cao hơn bậc {top} được phép",
            f"{post.id} is of rank {post_rank}, above the rank {top} allowed",
        )
    if tag == "non_local":
        return (
            f"{post.id} không bố trí người địa phương tại {post.unit}",
            f"{post.id} is a non-local title in {post.unit}, the cadre's home",
        )
    if tag == "standards":
        return (
            f"{post.id}: chưa đủ tiêu chuẩn chức danh {post.title} vào ngày nhận",
            f"{post.id}: the standards of {post.title} are not held on its start",
        )
    return (
        f"{post.id}: ngày nhận không trước ngày nghỉ hưu",
        f"{post.id}: its start is not before the retirement date",
    )


def _stay_words(index: ScenarioIndex, cadre: int) -> tuple[str, str]:
    """Why the cadre may not stay: which slots may be kept, if any (it is neither term-limited nor a local
    key-post holder, or it could stay anywhere)."""
    if index.facts[cadre].categories & {TERM_LIMIT, LOCAL_KEY_POST}:
        return "được ở lại vị trí luân chuyển", "it may stay at the rotated post"
    kept = [slot.id for slot in index.slots if slot.may_stay]
    if not kept:
        return "không được ở lại (không vị trí nào có may_stay)", "it may not stay (no slot has may_stay)"
    named = ", ".join(kept)
    return f"chỉ được ở lại tại {named}", f"it may stay only at {named}"


def _one_cadre_per_post_words(post_ids: list[str]) -> tuple[str, str]:
    named = ", ".join(post_ids)
    return (
        f"mỗi vị trí sau luân chuyển chỉ nhận một cán bộ ({named})",
        f"each post after a rotation takes one cadre ({named})",
    )


# --- re-planning -------------------------------------------------------------------------------------------
def history_after(index: ScenarioIndex, assignment: Assignment, as_of: date) -> tuple[bool, int | None]:
    """Whether the old plan's `after` of a history `assignment` is history too (its start before `as_of`:
    a post's `start` as written, a stay's from the rotation's end), and the post it keeps (position;
    None for a stay or a post the scenario no longer lists)."""
    choice = after_choice(assignment.after) if assignment.after is not None else None
    if choice is None or assignment.start is None:
        return False, None
    if isinstance(choice, AfterStay):
        return rotation_end(index, date.fromisoformat(assignment.start)) < as_of, None
    try:
        started = date.fromisoformat(choice.start)
    except ValueError:
        return False, None
    posts = index.scenario.after_rotation.posts if index.scenario.after_rotation else ()
    position = next((p for p, post in enumerate(posts) if post.id == choice.post), None)
    return started < as_of, position


def after_changes(old: list[Assignment], new: list[Assignment]) -> list[AfterChange]:
    """Each cadre whose `after` differs between the old plan and the new one (`replan.after_changes`),
    in cadre order; an `after` that is neither form reads as none."""

    def afters(assignments: list[Assignment]) -> dict[str, AfterStay | AfterMove | None]:
        return {a.cadre: after_choice(a.after) if a.after is not None else None for a in assignments}

    before, now = afters(old), afters(new)
    return [
        AfterChange(cadre=cadre, before=before.get(cadre), after=now.get(cadre))
        for cadre in sorted(set(before) | set(now))
        if before.get(cadre) != now.get(cadre)
    ]


def goes_home(index: ScenarioIndex, cadre: int, after: object) -> bool:
    """A plan's `after` (as its file gives it) is a post of the scenario in the cadre's current unit: the
    `after_home` score part, read from a plan (a report of a plan whose scenario changed rescored it)."""
    choice = after_choice(after) if after is not None else None
    if not isinstance(choice, AfterMove) or index.scenario.after_rotation is None:
        return False
    post = next((p for p in index.scenario.after_rotation.posts if p.id == choice.post), None)
    return post is not None and is_home(index, cadre, post)
