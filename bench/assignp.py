"""OR-Library sparse assignment instances (`assignpN`) as planner scenarios.

The instance: n x n, allowed pairs `i j c` (1-based), every row and column assigned once, minimise the
total cost. As a scenario: n cadres and n slots, one start date, every cadre `must_rotate` (so each is
placed, and the quota n..n fills every slot), explicit scores only, and `rules.only_scored_pairs: true`
(rule `shortlist`): the `scores` list the instance's allowed pairs and nothing else, so the scenario has
exactly the instance's pairs (100,000-odd, not n^2). The planner maximises, so an allowed pair scores
`BIG - c` with BIG = max c + 1 (every score >= 1). Every plan places all n cadres, so its objective is
n x BIG - (its cost) exactly: the planner's optimum is n x BIG - (the instance's optimum cost).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

OPTIMA = {"assignp800": 2239, "assignp1500": 5839, "assignp3000": 18696}


def read_sparse(path: Path) -> tuple[int, np.ndarray]:
    """n and the (i, j, c) rows, 0-based."""
    numbers = np.array(path.read_text().split(), dtype=np.int64)
    n, triples = int(numbers[0]), numbers[1:].reshape(-1, 3)
    return n, np.column_stack([triples[:, 0] - 1, triples[:, 1] - 1, triples[:, 2]])


def big_of(n: int, triples: np.ndarray) -> int:
    """The score offset: an allowed pair (i, j, c) scores BIG - c >= 1."""
    return int(triples[:, 2].max()) + 1


def scenario(name: str, n: int, triples: np.ndarray) -> dict[str, Any]:
    big = big_of(n, triples)
    return {
        "name": name,
        "title": f"OR-Library {name} as a scenario (min cost = {n} x {big} - objective)",
        "period": {"start": "2026-01-01", "end": "2026-03-31", "granularity": "quarter"},
        "rules": {
            "quota": {"min": n, "max": n},
            "min_remaining_service_years": 0,
            "min_duration_months": 0,
            "youth": {"age_below": 0, "max_heads": None},
            "mandatory_rotation": [],
            "only_scored_pairs": True,
        },
        "titles": {"vi_tri": {"name": "Vị trí", "level": "deputy"}},
        "units": [{"id": "u", "name": "Đơn vị", "kind": "department"}],
        "slots": [{"id": f"S{j + 1}", "unit": "u", "title": "vi_tri"} for j in range(n)],
        "cadres": [
            {
                "id": f"C{i + 1}",
                "name": f"Cán bộ {i + 1}",
                "gender": "male",
                "birth_date": "1980-01-01",
                "must_rotate": True,
            }
            for i in range(n)
        ],
        "scores": [
            {"cadre": f"C{i + 1}", "slot": f"S{j + 1}", "score": big - c} for i, j, c in triples.tolist()
        ],
        "objective": {"explicit_scores_only": True},
    }


def cost_of(objective: float, n: int, triples: np.ndarray) -> float:
    """The instance's cost of a plan with this objective (every plan places all n cadres on allowed pairs)."""
    return n * big_of(n, triples) - objective
