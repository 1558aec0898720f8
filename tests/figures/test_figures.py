"""Figures are pure functions of the scenario and plans, and draw exactly the data they are given."""

from __future__ import annotations

import json
import math
from datetime import date

import plotly.graph_objects as go

from models.plan import Plan
from planner.eligibility.scoring import Scoring
from planner.eligibility.table import Eligibility
from planner.figures import (
    KPI_LABELS,
    cadre_labels,
    diff_figure,
    flow_sankey,
    kpi_figure,
    plan_diff_table,
    plan_kpis,
    rotation_timeline,
    score_matrix,
    starts_per_quarter,
)
from planner.figures.diff import POST_DIFFERS, SAME, START_DIFFERS, STATUS
from planner.figures.kpis import computed_objective, mandatory_total
from planner.figures.naming import cadre_posts
from tests.support.report_data import NAMES, TINY_ROWS, moved_plan, tiny, tiny_plan


def _all_figures(redact: bool = False) -> list[go.Figure]:
    scenario, plan = tiny(), tiny_plan()
    labels = cadre_labels(scenario, redact)
    kpis = plan_kpis(scenario, {"A": plan, "B": moved_plan()})
    return [
        flow_sankey(scenario, plan, labels),
        flow_sankey(scenario, plan, labels, level="kind"),
        rotation_timeline(scenario, plan, labels),
        kpi_figure(kpis),
        diff_figure(plan_diff_table({"A": plan, "B": moved_plan()}, labels)),
        score_matrix(Eligibility(scenario), plan, labels),
    ]


def test_figures_are_pure_and_deterministic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = [f.to_json() for f in _all_figures()]
    assert first == [f.to_json() for f in _all_figures()]
    assert all(isinstance(f, go.Figure) for f in _all_figures())
    assert list(tmp_path.iterdir()) == []


def test_kpis_match_the_hand_count():
    kpis = plan_kpis(tiny(), {"A": tiny_plan()})["A"]
    expected = {
        "objective": 10,
        "rotations": 4,
        "heads": 1,
        "deputies": 3,
        "young_deputies": 1,
        "women": 1,
        "non_local_key_posts": 1,
        "priority_posts": 1,
        "mandatory_rotated": 1,
        "allowance_cost": 1,
    }
    assert {key: kpis[label] for key, label in KPI_LABELS.items()} == expected
    assert mandatory_total(tiny()) == 1


def test_objective_is_the_plans_own_when_it_carries_one():
    carried = tiny_plan().model_copy(update={"objective": 99})
    assert plan_kpis(tiny(), {"A": carried})["A"][KPI_LABELS["objective"]] == 99
    assert computed_objective(Scoring(Eligibility(tiny())), carried) == 10


def test_kpi_figure_draws_one_bar_chart_per_kpi_the_plans_differ_on_with_a_bar_per_plan():
    table = plan_kpis(tiny(), {"A": tiny_plan(), "B": moved_plan()})
    figure = kpi_figure(table)
    assert figure is not None
    bars = [t for t in figure.data if t.type == "bar"]
    differing = [label for label in table.index if len(set(table.loc[label])) > 1]
    assert [b.name for b in bars] == differing and 0 < len(differing) < len(KPI_LABELS)
    rotations = bars[differing.index(KPI_LABELS["rotations"])]
    assert list(rotations.x) == ["A", "B"] and list(rotations.y) == [4, 3]
    # a panel of equal bars is not drawn
    assert KPI_LABELS["heads"] not in differing and list(table.loc[KPI_LABELS["heads"]]) == [1, 1]


def test_kpi_figure_is_left_out_when_the_plans_share_every_key_figure():
    table = plan_kpis(tiny(), {"A": tiny_plan(), "B": tiny_plan()})
    assert kpi_figure(table) is None


def test_sankey_links_current_units_to_destinations():
    scenario = tiny()
    sankey = flow_sankey(scenario, tiny_plan(), cadre_labels(scenario, False)).data[0]
    labels = list(sankey.node.label)
    links = {
        (labels[s], labels[t]): v
        for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)
    }
    assert links == {("Sở Một", "Quận Một"): 2, ("Sở Một", "Quận Hai"): 1, ("Sở Một", "Sở Hai"): 1}
    by_kind = flow_sankey(scenario, tiny_plan(), {}, level="kind").data[0]
    assert sorted(by_kind.link.value) == [1, 3]


def test_timeline_spans_last_min_duration_and_pace_counts_starts_per_quarter():
    scenario = tiny()
    figure = rotation_timeline(scenario, tiny_plan(), cadre_labels(scenario, True))
    spans = figure.data[0]
    assert list(spans.x[:3]) == ["2023-01-01", "2026-01-01", None]
    retirement = figure.data[1]
    assert len(retirement.x) == 4
    pace = next(t for t in figure.data if t.type == "bar")
    counts = dict(zip(pace.x, pace.y, strict=True))
    assert counts["2023-01-01"] == 2 and counts["2023-04-01"] == 2 and sum(pace.y) == 4
    quarters = starts_per_quarter(scenario, tiny_plan())
    assert len(quarters) == 12 and quarters[date(2023, 7, 1)] == 0


def test_timeline_draws_the_pace_cap_when_the_rules_set_one():
    uncapped = rotation_timeline(tiny(), tiny_plan(), {})
    rules = tiny().rules.model_copy(update={"max_starts_per_quarter": 1})
    capped = rotation_timeline(tiny().model_copy(update={"rules": rules}), tiny_plan(), {})

    def cap_lines(figure: go.Figure) -> list:
        return [t for t in figure.data if t.type == "scatter" and t.line.dash == "dash"]

    assert cap_lines(uncapped) == []
    assert [set(t.y) for t in cap_lines(capped)] == [{1}]


def test_diff_orders_and_marks_differences():
    table = plan_diff_table({"A": tiny_plan(), "B": moved_plan()}, {})
    assert dict(table[STATUS]) == {
        "C02": POST_DIFFERS,
        "C04": POST_DIFFERS,
        "C03": START_DIFFERS,
        "C01": SAME,
    }
    assert list(table.index) == ["C02", "C04", "C03", "C01"]
    assert table.loc["C04", "B"] == "—"
    colours = diff_figure(table).data[0].cells.fill.color[0]
    assert colours[0] != colours[3]


def test_score_matrix_holds_scoring_values_and_marks_the_chosen_cells():
    scenario = tiny()
    labels = cadre_labels(scenario, True)
    figure = score_matrix(Eligibility(scenario), tiny_plan(), labels)
    heatmap, chosen = figure.data
    row = list(heatmap.y).index(labels["C01"])
    column = list(heatmap.x).index("d1.bi_thu")
    assert heatmap.z[row][column] == 7
    assert math.isnan(heatmap.z[row][list(heatmap.x).index("dep.giam_doc")])  # C01 serves in `dep`
    expected = [(s, labels[c]) for c, s, _ in TINY_ROWS]
    assert sorted(zip(chosen.x, chosen.y, strict=True)) == sorted(expected)


def test_figures_escape_markup_and_redacted_figures_hold_no_names():
    text = json.dumps(
        [f.to_plotly_json() for f in _all_figures(redact=False)], ensure_ascii=False, default=str
    )
    assert "<script>" not in text and "&lt;script&gt;" in text
    redacted = json.dumps(
        [f.to_plotly_json() for f in _all_figures(redact=True)], ensure_ascii=False, default=str
    )
    for name in NAMES.values():
        full_name = " ".join(name.split()[-3:])
        assert full_name in text and full_name not in redacted


def test_figures_draw_what_they_can_of_a_plan_naming_unknown_things():
    plan = Plan.model_validate(
        {
            "assignments": [
                {"cadre": "X9", "slot": "nowhere", "start": "soon"},
                *tiny_plan().model_dump()["assignments"],
            ]
        }
    )
    scenario = tiny()
    assert sum(flow_sankey(scenario, plan, {}).data[0].link.value) == 4
    assert len(rotation_timeline(scenario, plan, {}).data[1].x) == 4
    assert plan_kpis(scenario, {"A": plan})["A"][KPI_LABELS["rotations"]] == 5


def test_redacted_labels_are_ids_and_posts_are_level_and_kind():
    """Issue 21.6: not even initials, and the current post as its title level and unit kind only."""
    scenario = tiny()
    assert cadre_labels(scenario, True)["C04"] == "C04"
    cadre = next(c for c in scenario.cadres if c.current is not None)
    title, unit = (
        scenario.titles[cadre.current.title],
        next(u for u in scenario.units if u.id == cadre.current.unit),
    )
    redacted = cadre_posts(scenario, True)[cadre.id]
    assert title.name not in redacted and unit.name not in redacted
    assert {"head": "Head", "deputy": "Deputy"}[title.level] in redacted


def test_diff_table_takes_any_plan_name_even_its_own_column_names():
    """Plan names come from file names: `cadre.json` or `_order.json` must not overwrite the cadre ids."""
    table = plan_diff_table({"cadre": tiny_plan(), "_order": moved_plan()}, {})
    assert list(table.columns) == ["Cán bộ / Cadre", "cadre", "_order", STATUS]
    assert list(table.index) == ["C02", "C04", "C03", "C01"]
    assert table.loc["C04", "cadre"] == "dep2.pho_giam_doc (2023-04-01)"


def test_sankey_hover_counts_cadres_vietnamese_first_in_the_right_number():
    sankey = flow_sankey(tiny(), tiny_plan(), cadre_labels(tiny(), True)).data[0]
    texts = sorted(text.split("<br>")[0] for text in sankey.link.customdata)
    assert texts == ["1 cán bộ / 1 cadre", "1 cán bộ / 1 cadre", "2 cán bộ / 2 cadres"]
