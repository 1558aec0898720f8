"""`bench_strength` (Plan I.1; CONTRACT §6.3): each pool title with `min_ready` N has at least N planned
cadres ready by its `ready_by`. Plan-wide, not waivable; a repair may lower N (`MinReady`).

Who is ready is `planner.rules.readiness` alone. The CP-SAT part counts, per pool title, the planned
cadres ready without the plan (a constant) plus one ready literal per pair of each other planned cadre
whose slot's title gives what it lacks (`ModelContext.ready_literal`): the pair chosen and its slot
starting by the last start that makes the cadre ready. Why the count is exact: readiness at a start is
"start <= that last start" (it only gets harder later, `Readiness.last_ready_start`), the literal is
defined both ways (it is 1 exactly when the placement makes the cadre ready), and a cadre has at most
one chosen pair (`one_slot_per_cadre`), so the sum counts each ready cadre once. Nothing is added where
no pool title has a `min_ready`, so an edition-2 scenario builds the same model as before.

The LP reduction (`planner.formulation.reduction`) takes part in the proof: its relaxation holds each
count summed over starts (the pairs that can make a pending cadre ready cover what is still needed,
`planner.formulation.relaxation_rows`), which every plan of this model satisfies (a ready literal is at
most its pair), so its bounds hold for every plan, and a pair it proves out of every optimal plan is
out of it indeed. Without that row the LP credited readiness no plan could have (the 2022-2025
reference: bound 423, optimum 390, 8.8 deterministic seconds of proof; with it 392 and 0.01). A kept
model with no plan (a ready count that needs a dropped pair) makes the reduction solve the full model.
What it cannot use is the pricing of dropped pairs against the kept model's own LP: a dropped pair would
bring ready literals into these rows, which that pricing does not know, so a model holding them is not
priced (`Row.BENCH`, `Row.READY`; `planner.formulation.pricing.priceable`).
"""

from __future__ import annotations

from models.changes import MinReady
from models.plan import RuleInstance
from models.rule_ids import RuleId
from models.scenario import PoolTitle
from planner.rules.base import Candidates, GuardedView, GuardKey, ModelView, PlanRule, RepairView, count_of
from planner.rules.index import ScenarioIndex
from planner.rules.readiness import PoolNeed
from planner.rules.rows import Row


def binding_pools(index: ScenarioIndex) -> list[PoolTitle]:
    """The pool titles with a `min_ready` above 0, in the scenario's order: the only ones that bind."""
    return [pool for pool in index.readiness.pools.values() if pool.min_ready]


def pending(index: ScenarioIndex, pool: PoolTitle) -> list[PoolNeed]:
    """The planned cadres of `pool` that only a placement can make ready."""
    return [need for need in index.readiness.needs[pool.id] if not need.ready_without_plan]


def still_needed(index: ScenarioIndex, pool: PoolTitle) -> int:
    """How many more planned cadres the plan must make ready: `min_ready` less those ready already."""
    ready = sum(need.ready_without_plan for need in index.readiness.needs[pool.id])
    return (pool.min_ready or 0) - ready


def counted_cadres(index: ScenarioIndex) -> set[int]:
    """The positions of the cadres whose placements a ready count reads (the diagnosis names them)."""
    return {index.cadre_index[need.cadre] for pool in binding_pools(index) for need in pending(index, pool)}


class BenchStrength(PlanRule):
    id = RuleId.BENCH_STRENGTH
    clause = "I.1"
    vi = "mỗi chức danh nguồn có đủ số cán bộ quy hoạch sẵn sàng trước hạn"
    en = "each pool title has enough planned cadres ready by its date"

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        """Each binding pool title with its numbers: `min_ready`, the date, the planned and the ready."""
        vi_parts, en_parts = [], []
        for pool in binding_pools(index):
            planned = len(index.readiness.needs[pool.id])
            ready = planned - len(pending(index, pool))
            by_vi = f" trước {pool.ready_by:%d/%m/%Y}" if pool.ready_by else ""
            by_en = f" by {pool.ready_by:%d/%m/%Y}" if pool.ready_by else ""
            vi_parts.append(
                f"{pool.id} cần ít nhất {pool.min_ready} người sẵn sàng{by_vi} "
                f"({planned} người trong quy hoạch, {ready} đã sẵn sàng không cần luân chuyển)"
            )
            en_parts.append(
                f"{pool.id} needs at least {count_of(pool.min_ready, 'planned cadre')} ready{by_en} "
                f"({planned} planned, {ready} ready without a rotation)"
            )
        return "; ".join(vi_parts), "; ".join(en_parts)

    def add_to_model(self, context: ModelView) -> None:
        index, variables = context.index, context.variables
        for pool in binding_pools(index):
            terms = []
            for need in pending(index, pool):
                for k in variables.pairs_by_cadre.get(index.cadre_index[need.cadre], ()):
                    pair = variables.pairs[k]
                    title = index.slots[pair.slot].title
                    last = index.readiness.last_ready_start(need, title, index.starts)
                    if last is not None and last >= pair.lo:
                        terms.append(context.ready_literal(k, last))
            row = context.model.add(context.total(terms) >= still_needed(index, pool))
            context.rows[Row.BENCH, pool.id] = row.index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        if not diagnosis.wants(self.id):
            return
        index = diagnosis.index
        for pool in binding_pools(index):
            ready = []
            for need in pending(index, pool):
                cadre, starts = index.cadre_index[need.cadre], []
                for slot, post in enumerate(index.slots):
                    last = index.readiness.last_ready_start(need, post.title, index.starts)
                    if last is not None:
                        starts.extend(diagnosis.start_of(cadre, slot)[: last + 1])
                if starts:  # a cadre counts once, whatever `one_slot_per_cadre` says here
                    ready.append(diagnosis.any_of(starts))
            diagnosis.add(diagnosis.total(ready) >= still_needed(index, pool), self.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """The placement makes its cadre ready for a pool title that has a `min_ready`."""
        counted = {pool.id for pool in binding_pools(index)}
        made_ready = index.readiness.pools_made_ready(
            index.cadres[cadre], index.slots[slot].title, index.starts[start]
        )
        return any(pool in counted for pool in made_ready)

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """Each binding pool title's `min_ready` lowered by the least that works (never waived)."""
        for pool in binding_pools(view.index):
            yield tuple(MinReady(pool=pool.id, value=value) for value in range(pool.min_ready or 0)[::-1])
