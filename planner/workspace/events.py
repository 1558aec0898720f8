"""Events in the workspace: each applied to the head makes a new scenario version (CONTRACT §4's events).

The events themselves are `planner.replan.Event`s, read by the same `load_events` as `planner replan
--events` (or built from `ws event add --date --set` by `event_of`), so a file the one accepts the other
does. Applied here, an event is also checked against the variants of the scenario it changes (each must
still apply), so that a version is always a scenario `planner validate` accepts.
"""

from __future__ import annotations

from models.errors import InputError
from models.overrides import apply_overrides, variant_problems
from models.scenario import Scenario
from planner.replan.events import Event


def apply_event(scenario: Scenario, event: Event, source: str, where: str) -> Scenario:
    """The scenario with the event's changes set, its variants kept (each must still apply); `InputError`
    naming the event's PATH and value."""
    changed = apply_overrides(scenario, event.set, source, prefix=f"{where}.set.")
    changed = changed.model_copy(update={"variants": scenario.variants})
    problems = variant_problems(changed, source)
    if problems:
        raise InputError(problems)
    return changed
