"""Tiny scenarios for rule tests: one valid base that each test bends to break exactly one rule.

The base has two districts (`d1`, `d2`) and two departments (`dep`, and `dep2` without slots); cadres
C01 and C02 are in the planning pool, aged 43 at the period start, with district experience, serving as
deputies in `dep`. Assigning C01 or C02 alone to any base slot but `dep.giam_doc` on 2023-01-01 breaks no
rule.
"""

from __future__ import annotations

from typing import Any

from models.plan import Plan
from models.scenario import Scenario


def cadre(cadre_id: str, **fields: Any) -> dict[str, Any]:
    """A candidate cadre (planning pool) that the rules accept anywhere but its own unit."""
    base: dict[str, Any] = {
        "id": cadre_id,
        "name": "Nguyễn Văn A",
        "gender": "male",
        "birth_date": "1980-01-01",
        "local_to": [],
        "current": {"unit": "dep", "title": "pho_giam_doc", "head_terms": 0},
        "planning": ["giam_doc_so"],
        "district_experience": True,
    }
    return base | fields


def term_limited_native(cadre_id: str = "C01", home: str = "d1") -> dict[str, Any]:
    """A cadre who has headed `dep` for two terms (must rotate, as a head) and is a native of `home`."""
    return cadre(
        cadre_id, planning=[], local_to=[home], current={"unit": "dep", "title": "giam_doc", "head_terms": 2}
    )


def slot(slot_id: str, **fields: Any) -> dict[str, Any]:
    """A slot whose unit and title are read from its id, `unit.title`."""
    unit, title = slot_id.split(".")
    return {"id": slot_id, "unit": unit, "title": title} | fields


def tiny_scenario(**overrides: Any) -> dict[str, Any]:
    """A valid scenario dict; each keyword replaces a top-level field (e.g. `cadres=[...]`)."""
    base: dict[str, Any] = {
        "name": "tiny",
        "period": {"start": "2023-01-01", "end": "2025-12-31", "granularity": "quarter"},
        "rules": {"quota": {"min": 0, "max": 5}, "youth": {"age_below": 40, "max_heads": 0}},
        "titles": {
            "bi_thu": {"name": "Bí thư quận ủy", "level": "head", "non_local": True},
            "pho_bi_thu": {"name": "Phó Bí thư quận ủy", "level": "deputy"},
            "giam_doc": {"name": "Giám đốc sở", "level": "head"},
            "pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy"},
        },
        "units": [
            {"id": "d1", "name": "Quận Một", "kind": "district"},
            {"id": "d2", "name": "Quận Hai", "kind": "district"},
            {"id": "dep", "name": "Sở Một", "kind": "department"},
            {"id": "dep2", "name": "Sở Hai", "kind": "department"},
        ],
        "slots": [slot("d1.bi_thu"), slot("d1.pho_bi_thu"), slot("d2.pho_bi_thu"), slot("dep.giam_doc")],
        "cadres": [cadre("C01"), cadre("C02")],
    }
    return base | overrides


def with_rules(**rules: Any) -> dict[str, Any]:
    """The tiny scenario with some `rules` fields replaced."""
    base = tiny_scenario()
    return tiny_scenario(rules=base["rules"] | rules)


def scenario_of(data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(data)


def plan_of(*assignments: tuple[str, str, str | None]) -> Plan:
    """A hand-made plan of (cadre, slot, start) triples."""
    rows = [{"cadre": c, "slot": s, "start": start} for c, s, start in assignments]
    return Plan.model_validate({"assignments": rows})


def edition2_part(scenario: Scenario) -> Scenario:
    """The scenario without its edition-3 facts (ranks, standards, experience, qualifications,
    discipline, relatives, the pool): what a reference scenario was before issue 25, for the tests whose
    figures were worked out on it."""
    titles = {
        code: t.model_copy(update={"rank": None, "requires": (), "gives": ()})
        for code, t in scenario.titles.items()
    }
    cadres = tuple(
        c.model_copy(update={"qualifications": (), "experience": (), "disciplined_until": None})
        for c in scenario.cadres
    )
    return scenario.model_copy(update={"titles": titles, "cadres": cadres, "relations": (), "pool": ()})
