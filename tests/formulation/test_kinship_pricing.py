"""The reduction with `kinship` (planner/rules/kinship.py): a dropped pair of a related cadre is priced with
the kinship rows its start indicators would join, so no pair the rule needs is proved out wrongly.

The scenario: C01 scores 60 in d1, where its spouse C02 serves now; C02 must leave d1 first, at a loss
(-5 in d2, -6 in dep2). The kept model's LP puts a multiplier on the rows that tie C01's start to C02's:
the value of C02 leaving is in those rows, and a dropped pair of C02 earns it back through its indicators.
"""

from __future__ import annotations

import numpy as np
import pytest

from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.formulation import hint, pricing, reduction, relaxation_rows
from planner.solving import SolveOptions, solve
from tests.formulation.test_pricing import _best_with, _priced
from tests.support.builders import cadre, scenario_of, slot, tiny_scenario


def _scores(*entries: tuple[str, str, float]) -> list[dict[str, object]]:
    return [{"cadre": c, "slot": s, "score": v} for c, s, v in entries]


SPOUSE_MUST_LEAVE = scenario_of(
    tiny_scenario(
        objective={"explicit_scores_only": True},
        slots=[slot("d1.bi_thu"), slot("d2.pho_bi_thu"), slot("dep2.giam_doc")],
        cadres=[
            cadre("C01"),
            cadre("C02", current={"unit": "d1", "title": "pho_bi_thu", "head_terms": 0}),
            cadre("C03"),
        ],
        scores=_scores(
            ("C01", "d1.bi_thu", 60),
            ("C02", "d2.pho_bi_thu", -5),
            ("C02", "dep2.giam_doc", -6),
            ("C03", "dep2.giam_doc", 10),
            ("C03", "d2.pho_bi_thu", -50),
            ("C01", "d2.pho_bi_thu", -50),
            ("C01", "dep2.giam_doc", -50),
            ("C03", "d1.bi_thu", -50),
        ),
        relations=[{"cadres": ["C01", "C02"], "kind": "spouse"}],
    )
)


@pytest.fixture
def small_kept_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept model's own LP for any size, and one pair per slot kept first: many pairs are priced. The
    reduction keeps every pair of a related cadre (tested below); here it does not, so that the pricing of
    such a pair is tested on its own."""
    monkeypatch.setattr(reduction, "MODEL_LP_MIN_PAIRS", 0)
    monkeypatch.setattr(reduction, "KEEP_PER_SLOT", 1)
    monkeypatch.setattr(reduction, "relatives", lambda index: {})
    monkeypatch.setattr(hint, "relatives", lambda index: {})  # a hint blind to kinship drops C02's pairs
    # and a relaxation blind to it too, whose bounds leave C02's ways out to the pricing alone
    monkeypatch.setattr(relaxation_rows, "_kinship_rows", lambda index, table: [])


def test_a_related_cadres_ways_out_come_back_before_the_full_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """C02 may have to leave d1 first: a kept model without its ways out is infeasible, and the related
    cadres' pairs are added back (step 4 of `planner.formulation.reduction`), not every pair at once."""
    monkeypatch.setattr(reduction, "KEEP_PER_SLOT", 1)
    eligibility = Eligibility(SPOUSE_MUST_LEAVE)
    prepared = reduction.prepare(eligibility, Scoring(eligibility), reduce=True)
    assert prepared is not None
    related = np.isin(prepared.relaxation.table.cadre, [0, 1])
    assert prepared.related_dropped().any() and (prepared.related_dropped() == related & ~prepared.keep).all()
    reduced = solve(SPOUSE_MUST_LEAVE, SolveOptions(time_limit=20, workers=1, hint=False))
    assert (reduced.status, reduced.objective) == ("OPTIMAL", 65)


def _undercut(prepared: reduction.Reduction) -> list[str]:
    """Dropped pairs whose priced bound is below the best plan that uses them."""
    table = prepared.relaxation.table
    assert prepared.priced is not None
    found = []
    for k in np.nonzero(~prepared.keep)[0].tolist():
        cadre_pos, slot_pos = int(table.cadre[k]), int(table.slot[k])
        best = _best_with(SPOUSE_MUST_LEAVE, cadre_pos, slot_pos)
        if best is not None and prepared.priced[k] < best - 1e-6:
            found.append(f"{SPOUSE_MUST_LEAVE.cadres[cadre_pos].id} @ {SPOUSE_MUST_LEAVE.slots[slot_pos].id}")
    return found


@pytest.mark.usefixtures("small_kept_set")
def test_a_dropped_pair_of_a_relative_is_priced_with_the_kinship_rows() -> None:
    prepared = _priced(SPOUSE_MUST_LEAVE)
    assert prepared is not None
    table = prepared.relaxation.table
    dropped_of_c02 = [k for k in np.nonzero(~prepared.keep)[0].tolist() if table.cadre[k] == 1]
    assert dropped_of_c02, "the case needs a dropped pair of the relative who must leave"
    assert _undercut(prepared) == []


@pytest.mark.usefixtures("small_kept_set")
@pytest.mark.usefixtures("small_kept_set")
def test_leaving_the_kinship_rows_out_would_prove_needed_pairs_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same pricing without the indicators' credit bounds C02's plans below what they reach: the
    check above can fail, and the credit is what keeps it."""
    credit = pricing._kinship_credit
    monkeypatch.setattr(
        pricing, "_kinship_credit", lambda ctx, row, n: {key: 0 * z for key, z in credit(ctx, row, n).items()}
    )
    prepared = _priced(SPOUSE_MUST_LEAVE)
    assert prepared is not None
    assert any(pair.startswith("C02") for pair in _undercut(prepared))


@pytest.mark.usefixtures("small_kept_set")
def test_the_reduced_solve_keeps_the_optimum() -> None:
    reduced = solve(SPOUSE_MUST_LEAVE, SolveOptions(time_limit=20, workers=1, hint=False))
    plain = solve(SPOUSE_MUST_LEAVE, SolveOptions(time_limit=20, workers=1, hint=False, reduce=False))
    assert reduced.status == plain.status == "OPTIMAL"
    assert reduced.objective == plain.objective == 65


def test_the_hint_never_puts_relatives_in_one_unit() -> None:
    """The repaired hint keeps `kinship`: C01 joins d1 only once C02 has left it, else not at all."""
    eligibility = Eligibility(SPOUSE_MUST_LEAVE)
    prepared = reduction.prepare(eligibility, Scoring(eligibility), reduce=True)
    assert prepared is not None
    table = prepared.relaxation.table
    placed = {
        (int(table.cadre[k]), eligibility.slots[int(table.slot[k])].unit): start
        for k, start in prepared.hint.items()
    }
    if (0, "d1") in placed:
        left = [start for (cadre, _), start in placed.items() if cadre == 1]
        assert left and left[0] <= placed[0, "d1"]
