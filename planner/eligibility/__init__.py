"""Who may take which post when: the eligibility table every solver-side stage reads (`table.py`), the
scores (`scoring.py`) and the words of a cadre's remaining service (`explanation.py`).

The names below load on first use (`models.lazy`), like the other faces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.lazy import lazy_names

if TYPE_CHECKING:
    from planner.eligibility.explanation import months_of_service, service_text, years_between
    from planner.eligibility.table import Eligibility

_HOMES: dict[str, str] = {
    "months_of_service": "planner.eligibility.explanation",
    "service_text": "planner.eligibility.explanation",
    "years_between": "planner.eligibility.explanation",
    "Eligibility": "planner.eligibility.table",
}

__all__ = [
    "Eligibility",
    "months_of_service",
    "service_text",
    "years_between",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
