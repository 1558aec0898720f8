"""Posts and cadres as a signed-in reader names them: a post by its title and unit, a cadre by name and id.

The pages are for signed-in readers, who may see names (the console and the logs show ids only). A post
is named by what it is, "Bí thư · Huyện ủy Thới Lai", not by its id; two posts of the same title in the
same unit add their id, or they could not be told apart. An id the scenario does not have is shown as it is.
"""

from __future__ import annotations

from collections import Counter

from models import Scenario


class Names:
    """The scenario's posts and cadres in words, made once per page."""

    def __init__(self, scenario: Scenario) -> None:
        units = {unit.id: unit.name for unit in scenario.units}
        titled = {
            slot.id: (
                scenario.titles[slot.title].name if slot.title in scenario.titles else slot.title,
                units.get(slot.unit, slot.unit),
            )
            for slot in scenario.slots
        }
        alike = Counter(titled.values())
        self._posts = {
            slot: f"{title} · {unit}" + (f" ({slot})" if alike[title, unit] > 1 else "")
            for slot, (title, unit) in titled.items()
        }
        self._cadres = {cadre.id: cadre.name for cadre in scenario.cadres}

    def post(self, slot: str) -> str:
        return self._posts.get(slot, slot)

    def cadre(self, cadre: str) -> str:
        """`Nguyễn Văn An (C012)`."""
        name = self._cadres.get(cadre)
        return f"{name} ({cadre})" if name else cadre

    def subject(self, kind: str, key: str) -> str:
        """A post (`kind` "slot") or a cadre (`kind` "cadre") by its words."""
        return self.post(key) if kind == "slot" else self.cadre(key)
