"""`pin` (Plan II.3): a placement fixed by the competent authority holds (slot, and start where given)."""

from __future__ import annotations

from models.changes import DropPin
from models.plan import RuleInstance
from models.rule_ids import RuleId
from planner.rules.base import Candidates, GuardedView, ModelView, PlanRule, RepairView
from planner.rules.index import ScenarioIndex


class Pin(PlanRule):
    id = RuleId.PIN
    clause = "II.3"
    vi = "bố trí đã được cấp có thẩm quyền quyết định"
    en = "a placement fixed by the authority"

    def add_to_model(self, context: ModelView) -> None:
        index, variables, model = context.index, context.variables, context.model
        pair_of = {(pair.cadre, pair.slot): k for k, pair in enumerate(variables.pairs)}
        for fixed in index.scenario.pins:
            k = pair_of.get((index.cadre_index[fixed.cadre], index.slot_index[fixed.slot]))
            if k is None:
                model.add_bool_or([])
                continue
            model.add(variables.pair_vars[k] == 1)
            if fixed.start is not None:
                start_var = variables.start_vars[variables.pairs[k].slot].get(index.starts.index(fixed.start))
                if start_var is None:
                    model.add_bool_or([])
                else:
                    model.add(start_var == 1)

    def add_guarded(self, diagnosis: GuardedView) -> None:
        index = diagnosis.index
        for fixed in index.scenario.pins:
            if not diagnosis.wants(self.id, fixed.cadre, fixed.slot):
                continue
            starts = diagnosis.start_of(index.cadre_index[fixed.cadre], index.slot_index[fixed.slot])
            chosen = starts if fixed.start is None else [starts[index.starts.index(fixed.start)]]
            diagnosis.add(diagnosis.total(chosen) >= 1, self.id, fixed.cadre, fixed.slot)

    def applies(self, index: ScenarioIndex, cadre: int, slot: int, start: int) -> bool:
        cadre_id, slot_id = index.cadres[cadre].id, index.slots[slot].id
        return any(pin.cadre == cadre_id and pin.slot == slot_id for pin in index.scenario.pins)

    def repairs(self, view: RepairView, instance: RuleInstance) -> Candidates:
        """The pin dropped."""
        if instance.cadre is not None and instance.slot is not None:
            yield DropPin(cadre=instance.cadre, slot=instance.slot)
