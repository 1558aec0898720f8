"""`planner.rules.readiness`: who in the pool a placement makes ready (CONTRACT §6.3, §6.6)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.dates import period_starts
from models.plan import Assignment
from planner.rules.readiness import Readiness, bench_of, plan_bench
from tests.support.builders import cadre, scenario_of, tiny_scenario


def pool_scenario(**pool: Any) -> dict[str, Any]:
    """The tiny scenario with district titles giving `cap_huyen`, `giam_doc` giving `so`, and one pool
    title `pct` (needs `cap_huyen` by 2025-01-01 unless `pool` says otherwise) planned for C01 (no
    experience), C02 (has `so`) and C03 (has `cap_huyen`: ready without a plan)."""
    data = tiny_scenario()
    titles = data["titles"]
    titles["bi_thu"] = titles["bi_thu"] | {"gives": ["cap_huyen", "truong"]}
    titles["pho_bi_thu"] = titles["pho_bi_thu"] | {"gives": ["cap_huyen"]}
    titles["giam_doc"] = titles["giam_doc"] | {"gives": ["so", "truong"]}
    data["cadres"] = [
        cadre("C01", planning=["pct"]),
        cadre("C02", planning=["pct", "giam_doc_so"], experience=["so"]),
        cadre("C03", planning=["pct"], experience=["cap_huyen"]),
        cadre("C04"),
    ]
    entry = {
        "id": "pct",
        "name": "Phó Chủ tịch",
        "requires_experience": ["cap_huyen"],
        "ready_by": "2025-01-01",
    }
    data["pool"] = [entry | pool]
    data["rules"] = data["rules"] | {"experience_months": 24}
    return data


def readiness_of(data: dict[str, Any]) -> Readiness:
    return Readiness(scenario_of(data))


def need(readiness: Readiness, cadre_id: str):
    return next(n for n in readiness.needs_of[cadre_id])


def test_needs_are_the_planned_cadres_and_what_each_lacks() -> None:
    readiness = readiness_of(pool_scenario(requires_experience=["cap_huyen", "so"]))
    assert [(n.cadre, sorted(n.missing)) for n in readiness.needs["pct"]] == [
        ("C01", ["cap_huyen", "so"]),
        ("C02", ["cap_huyen"]),
        ("C03", ["so"]),
    ]
    assert "C04" not in readiness.needs_of  # planned for an edition-2 code only


def test_a_start_experience_months_before_ready_by_makes_ready_that_day_included() -> None:
    readiness = readiness_of(pool_scenario())
    c01 = need(readiness, "C01")
    assert readiness.makes_ready(c01, "pho_bi_thu", date(2023, 1, 1))  # + 24 months = ready_by itself
    assert not readiness.makes_ready(c01, "pho_bi_thu", date(2023, 4, 1))
    assert not readiness.makes_ready(c01, "giam_doc", date(2023, 1, 1))  # gives `so`, not `cap_huyen`
    assert readiness.latest_start(c01) == date(2023, 1, 1)


def test_readiness_is_judged_code_by_code() -> None:
    readiness = readiness_of(pool_scenario(requires_experience=["cap_huyen", "so"]))
    # C02 has `so`: a post giving `cap_huyen` is enough; C01 lacks both: no single title gives both.
    assert readiness.makes_ready(need(readiness, "C02"), "pho_bi_thu", date(2023, 1, 1))
    assert not readiness.makes_ready(need(readiness, "C01"), "pho_bi_thu", date(2023, 1, 1))
    assert not readiness.makes_ready(need(readiness, "C01"), "giam_doc", date(2023, 1, 1))


def test_no_ready_by_sets_no_deadline_and_a_ready_cadre_gains_nothing() -> None:
    readiness = readiness_of(pool_scenario(ready_by=None))
    assert readiness.makes_ready(need(readiness, "C01"), "pho_bi_thu", date(2025, 10, 1))
    assert readiness.latest_start(need(readiness, "C01")) is None
    assert not readiness.makes_ready(need(readiness, "C03"), "pho_bi_thu", date(2023, 1, 1))


def test_the_starts_that_make_ready_are_those_up_to_the_last_one() -> None:
    """What the model's ready literal reads ("the slot starts by the last start") is exact."""
    data = pool_scenario(ready_by="2025-06-15")
    readiness = readiness_of(data)
    starts = period_starts(date(2023, 1, 1), date(2025, 12, 31), "quarter")
    c01 = need(readiness, "C01")
    last = readiness.last_ready_start(c01, "pho_bi_thu", starts)
    assert last is not None and starts[last] == date(2023, 4, 1)
    assert [readiness.makes_ready(c01, "pho_bi_thu", s) for s in starts] == [
        position <= last for position in range(len(starts))
    ]
    latest = readiness.latest_start(c01)
    assert latest is not None and all((s <= latest) == (p <= last) for p, s in enumerate(starts))
    assert readiness.last_ready_start(c01, "giam_doc", starts) is None


def test_bench_of_a_plan_and_of_no_plan() -> None:
    readiness = readiness_of(pool_scenario(min_ready=2))
    placements = {"C01": ("pho_bi_thu", date(2023, 1, 1)), "C02": ("bi_thu", date(2024, 1, 1))}
    (line,) = bench_of(readiness, placements)
    assert line.to_dict() == {
        "pool": "pct",
        "min_ready": 2,
        "ready": ["C01", "C03"],
        "ready_without_plan": ["C03"],
    }
    (empty,) = bench_of(readiness, {})
    assert empty.ready == ("C03",)


def test_plan_bench_reads_assignments_and_is_none_without_a_pool() -> None:
    readiness = readiness_of(pool_scenario())
    assignments = [
        Assignment(cadre="C01", slot="d1.pho_bi_thu", start="2023-01-01"),
        Assignment(cadre="C09", slot="nowhere", start="2023-01-01"),
    ]
    bench = plan_bench(readiness, assignments)
    assert bench is not None and bench[0].ready == ["C01", "C03"]
    assert plan_bench(Readiness(scenario_of(tiny_scenario())), assignments) is None


@pytest.mark.parametrize("months", [0, 12])
def test_experience_months_moves_the_deadline(months: int) -> None:
    data = pool_scenario()
    data["rules"] = data["rules"] | {"experience_months": months}
    readiness = readiness_of(data)
    assert readiness.makes_ready(need(readiness, "C01"), "pho_bi_thu", date(2024, 1, 1))
