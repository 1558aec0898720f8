"""`youth_heads` (Plan II.1.2): young cadres go mainly as deputies: at most `youth.max_heads` cadres
aged under `youth.age_below` at their start take head slots (a waiver takes a cadre out of the count).

`counts_against_cap` is the one definition of who counts; the model, the diagnosis, the LP relaxation,
the hint, explanations and repairs all ask it.
"""

from __future__ import annotations

from models.changes import AddWaiver, YouthCap
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, GuardedView, GuardKey, ModelView, PlanRule, RepairView, count_of
from planner.rules.index import ScenarioIndex
from planner.rules.rows import Row


def counts_against_cap(index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
    """A head slot taken by a cadre young at this start, without a youth waiver (cap or no cap)."""
    return (
        index.is_head(slot)
        and not index.cadres[cadre].waives(RuleId.YOUTH_HEADS)
        and index.young_at(cadre, start)
    )


def may_count(index: ScenarioIndex, cadre: int, slot: int) -> bool:
    """Whether the pair can count against the cap at some start (a head slot, no waiver)."""
    return index.is_head(slot) and not index.cadres[cadre].waives(RuleId.YOUTH_HEADS)


class YouthHeads(PlanRule):
    id = RuleId.YOUTH_HEADS
    clause = "II.1.2"
    vi = "cán bộ trẻ chủ yếu bố trí giữ chức cấp phó"
    en = "young cadres go mainly as deputies"
    waivable = True

    def phrase(self, index: ScenarioIndex, instances: list[GuardKey]) -> tuple[str, str]:
        rules = index.scenario.rules
        youth = rules.youth
        return (
            f"tối đa {youth.max_heads} cán bộ dưới {youth.age_below} tuổi giữ chức cấp trưởng",
            f"at most {count_of(youth.max_heads, 'cadre')} under {youth.age_below} as heads",
        )

    def add_to_model(self, context: ModelView) -> None:
        """Sum of young-head indicators <= cap; a pair young at every admissible start counts by x alone.

        A pair young at some of its starts only counts by `young >= x - (its slot starting at one of the
        pair's starts where the cadre is no longer young)`: chosen, the pair's slot starts at exactly one
        of the pair's starts, so the indicator is forced to 1 exactly when that start is a young one. The
        same integer plans as `young >= x + (a young start) - 1`, but a tighter LP (the slot's start
        variables sum to at most 1): with it and the cumulative form of `vacancy_chain`, the LP of the
        generated province's reduced model (2,000 x 600) fell from 12,610.06 to the integer optimum,
        12,591, and CP-SAT proves that optimum at once (docs/benchmarks.md).
        """
        index, variables, model = context.index, context.variables, context.model
        cap = index.scenario.rules.youth.max_heads
        if cap is None:
            return
        young_heads = []
        for k, pair in enumerate(variables.pairs):
            if not may_count(index, pair.cadre, pair.slot):
                continue
            young_at = {start: index.young_at(pair.cadre, start) for start in range(pair.lo, pair.hi + 1)}
            if not any(young_at.values()):
                continue
            if all(young_at.values()):
                young_heads.append(variables.pair_vars[k])
                continue
            young = model.new_bool_var("")
            slot_starts = variables.start_vars[pair.slot]
            older = [slot_starts[start] for start, is_young in young_at.items() if not is_young]
            model.add(young >= variables.pair_vars[k] - context.total(older))
            young_heads.append(young)
        if young_heads:
            context.rows[Row.YOUTH,] = model.add(context.total(young_heads) <= cap).index

    def add_guarded(self, diagnosis: GuardedView) -> None:
        cap = diagnosis.index.scenario.rules.youth.max_heads
        if cap is None or not diagnosis.wants(self.id):
            return
        young_heads = diagnosis.counted(young_heads_only=True)
        if young_heads:
            diagnosis.add(diagnosis.total(young_heads) <= cap, self.id)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        return self.needs_waiver(index, cadre, slot, start)

    def needs_waiver(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        """Under a cap, a head slot taken by a cadre young at the start."""
        return (
            index.scenario.rules.youth.max_heads is not None
            and index.is_head(slot)
            and index.young_at(cadre, start)
        )

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """The cap raised by the least that works, or a waiver for one of the best-placed young heads."""
        if instance.cadre is not None:
            yield from super().repairs(view, instance)
            return
        cap = view.index.scenario.rules.youth.max_heads
        if cap is not None:
            yield tuple(YouthCap(value=value) for value in range(cap + 1, len(view.index.slots) + 1))
        yield from (AddWaiver(cadre=c, rule=self.id) for c in view.young_head_candidates())
