"""The edition-3 scenario fields (CONTRACT §1, §6): each loads as written, and each bad value is named
by its field path, with personal values described rather than printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from models.loading import load_scenario
from tests.models.test_loading import bent, problems_text, tabled_example, write_csv


def edition3(data: dict[str, Any]) -> None:
    """The contract example with one of each edition-3 field."""
    data["rules"] |= {"max_rank_step": 1, "experience_months": 18}
    data["titles"]["bi_thu"] |= {"rank": 4, "requires": ["llct_cao_cap"], "gives": ["cap_huyen", "truong"]}
    data["titles"]["pho_bi_thu"] |= {"rank": 3, "gives": ["cap_huyen"]}
    data["units"][0]["kind"] = "commune"
    data["cadres"][0] |= {
        "qualifications": ["dai_hoc", {"code": "llct_cao_cap", "from": "2024-06-30"}],
        "experience": ["cap_huyen"],
        "disciplined_until": "2023-06-30",
    }
    data["relations"] = [{"cadres": ["C01", "C02"], "kind": "spouse"}]
    data["pool"] = [
        {
            "id": "pct_tp",
            "name": "Phó Chủ tịch UBND thành phố",
            "requires_experience": ["truong"],
            "ready_by": "2026-03-01",
            "min_ready": 1,
        }
    ]
    data["cadres"][0]["waivers"] = [{"rule": "equivalent_rank", "by": "Ban Thường vụ Thành ủy"}]


def test_every_edition3_field_loads(tmp_path: Path) -> None:
    scenario = load_scenario(bent(tmp_path, edition3))
    c01 = scenario.cadres[0]
    assert scenario.rules.max_rank_step == 1 and scenario.rules.experience_months == 18
    assert scenario.titles["bi_thu"].rank == 4 and scenario.titles["bi_thu"].gives == ("cap_huyen", "truong")
    assert [(q.code, q.held_from) for q in c01.qualifications] == [
        ("dai_hoc", None),
        ("llct_cao_cap", date(2024, 6, 30)),
    ]
    assert c01.qualifications[1].held_on(date(2024, 6, 30)) and not c01.qualifications[1].held_on(
        date(2024, 6, 29)
    )
    assert c01.disciplined_until == date(2023, 6, 30) and c01.waives("equivalent_rank")
    assert scenario.relations[0].cadres == ("C01", "C02") and scenario.pool[0].min_ready == 1
    assert scenario.objective.weights.readiness == 10


def test_bad_edition3_values_are_each_named(tmp_path: Path) -> None:
    def bend(data: dict[str, Any]) -> None:
        edition3(data)
        data["cadres"][1]["experience"] = ["cap_huyn"]
        data["relations"] += [
            {"cadres": ["C01", "C99"], "kind": "parent"},
            {"cadres": ["C03", "C03"], "kind": "sibling"},
            {"cadres": ["C02", "C01"], "kind": "in_law"},
        ]
        data["pool"].append({"id": "pct_tp", "name": "x", "requires_experience": ["khong_co"]})

    text = problems_text(bent(tmp_path, bend))
    assert "cadres[1].experience[0] (C02): no experience code has this id; did you mean 'cap_huyen'?" in text
    assert "relations[1].cadres[1]: no cadre has this id" in text
    assert "relations[2].cadres: a relation names two different cadres, not one cadre twice" in text
    assert "relations[3].cadres: relations[0] relates the same two cadres" in text
    assert "pool[1].id: duplicate pool id: pool[0] has it too" in text
    assert "pool[1].requires_experience[0]: no title gives this experience" in text


def test_a_rank_outside_1_to_9_is_named(tmp_path: Path) -> None:
    text = problems_text(bent(tmp_path, lambda data: data["titles"]["bi_thu"].update(rank=10)))
    assert "titles.bi_thu.rank: Input should be less than or equal to 9 (giá trị / value: 10)" in text


def test_an_edition2_scenario_keeps_its_hash(tmp_path: Path) -> None:
    """Defaults of the new fields are the fields left out: the hash of an edition-2 scenario is kept."""
    from models.loading import scenario_hash

    plain = load_scenario(bent(tmp_path, lambda data: None))
    (tmp_path / "x").mkdir()
    data_path = bent(tmp_path / "x", lambda data: data["rules"].update(max_rank_step=0, experience_months=24))
    assert scenario_hash(plain) == scenario_hash(load_scenario(data_path))


def test_a_table_reads_dated_qualifications_and_discipline(tmp_path: Path) -> None:
    path, rows = tabled_example(tmp_path, "cadres.csv")
    rows[0] |= {"qualifications": "dai_hoc; llct_cao_cap@30/06/2024", "disciplined_until": "01/07/2023"}
    columns = [*rows[0].keys()]
    write_csv(tmp_path / "cadres.csv", rows, columns)
    c01 = load_scenario(path).cadres[0]
    assert [(q.code, q.held_from) for q in c01.qualifications] == [
        ("dai_hoc", None),
        ("llct_cao_cap", date(2024, 6, 30)),
    ]
    assert c01.disciplined_until == date(2023, 7, 1)

    rows[0]["qualifications"] = "llct_cao_cap@30/13/2024"
    write_csv(tmp_path / "cadres.csv", rows, columns)
    text = problems_text(path)
    assert "row 2, column qualifications" in text and "30/13/2024" not in text
