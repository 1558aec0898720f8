"""A tiny scenario and plan whose key figures are counted by hand, shared by the figure, report and
browser tests.

Hand count for `TINY_PLAN` (four rotations, explicit scores only):

| cadre | goes to | level | why it counts |
| --- | --- | --- | --- |
| C01 | d1.bi_thu (priority 2, non-local title) 2023-01-01 | head | must_rotate (mandatory), non-local key post, priority post, score 7 |
| C02 | d1.pho_bi_thu 2023-01-01 | deputy | woman, score 3 |
| C03 | d2.pho_bi_thu 2023-04-01 | deputy | born 1990: 33 at the start, young |
| C04 | dep2.pho_giam_doc 2023-04-01 | deputy | a current head moved to a deputy post (allowance) |

Objective 7 + 3 = 10; heads 1, deputies 3, young deputies 1, women 1, non-local key posts 1, priority
posts 1, mandatory rotated 1 of 1, allowance cost 1; starts per quarter: 2023Q1 2, 2023Q2 2.
"""

from __future__ import annotations

from typing import Any

from models.plan import Plan
from models.scenario import Scenario
from tests.support.builders import cadre, plan_of, scenario_of, slot, tiny_scenario

NAMES = {
    "C01": "Trần Quốc Bảo",
    "C02": "<script>alert('xss')</script> Lê Thị Hồng",
    "C03": '=HYPERLINK("http://example.invalid") Phạm Minh Đức',
    "C04": "Đỗ Văn Khải",
}


def tiny_data() -> dict[str, Any]:
    return tiny_scenario(
        title="Kịch bản nhỏ <b>thử</b> / Tiny test scenario",
        objective={"explicit_scores_only": True},
        slots=[
            slot("d1.bi_thu", priority=2),
            slot("d1.pho_bi_thu"),
            slot("d2.pho_bi_thu"),
            slot("dep.giam_doc"),
            slot("dep2.pho_giam_doc"),
        ],
        cadres=[
            cadre("C01", name=NAMES["C01"], must_rotate=True),
            cadre("C02", name=NAMES["C02"], gender="female"),
            cadre("C03", name=NAMES["C03"], birth_date="1990-01-01"),
            cadre(
                "C04",
                name=NAMES["C04"],
                current={"unit": "dep", "title": "giam_doc", "head_terms": 0},
            ),
        ],
        scores=[
            {"cadre": "C01", "slot": "d1.bi_thu", "score": 7},
            {"cadre": "C02", "slot": "d1.pho_bi_thu", "score": 3},
        ],
    )


def tiny() -> Scenario:
    return scenario_of(tiny_data())


TINY_ROWS = (
    ("C01", "d1.bi_thu", "2023-01-01"),
    ("C02", "d1.pho_bi_thu", "2023-01-01"),
    ("C03", "d2.pho_bi_thu", "2023-04-01"),
    ("C04", "dep2.pho_giam_doc", "2023-04-01"),
)


def tiny_plan() -> Plan:
    return plan_of(*TINY_ROWS)


def moved_plan() -> Plan:
    """TINY_PLAN with C02 in d2 instead of d1, C03 starting a quarter later and C04 left out."""
    return plan_of(
        ("C01", "d1.bi_thu", "2023-01-01"),
        ("C02", "d2.pho_bi_thu", "2023-01-01"),
        ("C03", "d2.pho_bi_thu", "2023-07-01"),
    )
