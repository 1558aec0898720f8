"""The edition-3 fields of the way back (CONTRACT §6.4): `rules.rotation_months`, slot `may_stay`,
`after_rotation`, `objective.weights.after_home`; each loads as written and each bad value is named."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from models.loading import load_scenario
from models.plan import AfterMove, AfterStay, Assignment, after_choice
from tests.models.test_loading import bent, problems_text


def with_after(data: dict[str, Any]) -> None:
    data["rules"] |= {"rotation_months": 48}
    data["slots"][0]["may_stay"] = True
    data["after_rotation"] = {
        "horizon": "2029-12-31",
        "posts": [
            {"id": "p1@2026", "unit": data["units"][0]["id"], "title": "bi_thu", "open_from": "2026-01-01"}
        ],
    }


def test_the_after_fields_load(tmp_path: Path) -> None:
    scenario = load_scenario(bent(tmp_path, with_after))
    assert scenario.rules.rotation_length == 48 and scenario.slots[0].may_stay
    assert scenario.after_rotation is not None and scenario.after_rotation.window_months == 6
    assert scenario.after_rotation.posts[0].open_from == date(2026, 1, 1)
    assert scenario.objective.weights.after_home == 5


def test_rotation_months_defaults_to_min_duration(tmp_path: Path) -> None:
    scenario = load_scenario(bent(tmp_path, lambda data: None))
    assert scenario.rules.rotation_length == scenario.rules.min_duration_months


def test_bad_after_values_are_each_named(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        with_after(data)
        data["rules"]["rotation_months"] = 12

    text = problems_text(bent(tmp_path, bend))
    assert "rotation_months (12) is shorter than min_duration_months (36)" in text
    text = problems_text(bent(tmp_path, lambda data: (with_after(data), bend_posts(data))))
    assert "after_rotation.posts[1].id: duplicate post id: after_rotation.posts[0] has it too" in text
    assert "after_rotation.posts[1].unit: no unit has this id" in text
    assert "after_rotation.posts[2].title: no title has this id" in text


def bend_posts(data: dict[str, Any]) -> None:
    data["after_rotation"]["posts"] += [
        {"id": "p1@2026", "unit": "nowhere", "title": "bi_thu", "open_from": "2026-01-01"},
        {"id": "p2", "unit": data["units"][0]["id"], "title": "no_title", "open_from": "2026-01-01"},
    ]


def test_an_after_is_kept_as_the_file_gives_it() -> None:
    """Either form reads as itself; anything else is kept, for `check` to judge (CONTRACT §6.6)."""
    move = Assignment(cadre="C1", slot="s", start="2023-01-01", after={"post": "p", "start": "2026-01-01"})
    assert after_choice(move.after) == AfterMove(post="p", start="2026-01-01")
    assert after_choice({"stay": True}) == AfterStay(stay=True)
    assert after_choice({"stay": False}) is None and after_choice("home") is None
    assert "after" not in Assignment(cadre="C1", slot="s").model_dump(mode="json")
    assert Assignment(cadre="C1", slot="s", after=[1]).model_dump(mode="json")["after"] == [1]


def test_without_min_duration_months_a_rotation_lasts_its_default(tmp_path: Path) -> None:
    """A `min_duration_months` left out is its default (36) for `min_duration` and for a rotation's
    length alike, so a scenario reads the same after a round trip that drops defaults."""

    def bend(data: dict[str, Any]) -> None:
        del data["rules"]["min_duration_months"]

    assert load_scenario(bent(tmp_path, bend)).rules.rotation_length == 36
    longer = load_scenario(
        bent(tmp_path, lambda data: (bend(data), data["rules"].update(rotation_months=48)))
    )
    assert longer.rules.rotation_length == 48


def test_only_true_is_a_stay() -> None:
    assert after_choice({"stay": 1}) is None and after_choice({"stay": "true"}) is None
