"""Issue 11 on the command line: each class of defect the trials found, tested as a class.

Explanations that agree with the plan and word every rule whole; grouped verdicts; JSON for `explain`,
`check` and `validate`; consoles no scenario text can hijack; words Vietnamese first; option bounds; and
outputs that never overwrite an input.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from models import AddPin
from planner import Progress, SolveOptions, load_scenario, solve
from planner.analysis import PlanDiff
from planner.analysis.why_not import WaiverGain, WaiverSearch
from planner.cli import app as cli_app
from planner.cli import console as cli_console
from planner.cli.explain_output import print_waiver_gains
from planner.cli.output import plan_table, print_plan_summary, print_scenario_summary, print_what_if
from planner.eligibility import Eligibility
from planner.rules import RULES
from tests.cli.test_cli import CAN_THO, EXAMPLE, EXIT_BAD_INPUT, EXIT_OK, one_line, planner

CONTROL = ("\x1b", "\x07", "\x9b")


@pytest.fixture(scope="module")
def can_tho_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("can-tho") / "plan.json"
    done = planner("solve", CAN_THO, "-o", out, "--workers", "1", "--seed", "0", "--time-limit", "30")
    assert done.returncode == EXIT_OK, done.stderr
    return out


def _explain_json(*args: str | Path) -> dict:
    done = planner("explain", *args, "--json")
    assert done.returncode == EXIT_OK, done.stderr
    assert "\x1b" not in done.stdout
    return json.loads(done.stdout)


# --- explanations agree with the plan ------------------------------------------------------------------


@pytest.mark.slow
def test_explain_scores_every_placement_as_the_plan_does(can_tho_plan: Path) -> None:
    """For each placed cadre, the post the plan chose is scored at the plan's start, with the plan's
    number, and its parts add up to it; the console says the same number."""
    plan = json.loads(can_tho_plan.read_text(encoding="utf-8"))
    for a in plan["assignments"][:3]:
        data = _explain_json(CAN_THO, "--cadre", a["cadre"], "--plan", can_tho_plan, "--no-why-not")
        post = next(p for p in data["cadre"]["posts"] if p["slot"] == a["slot"])
        assert post["scored_at"] == a["start"]
        assert post["score"] == pytest.approx(a["score"])
        assert sum(post["score_parts"].values()) == pytest.approx(a["score"])
        text = one_line(
            planner("explain", CAN_THO, "--cadre", a["cadre"], "--plan", can_tho_plan, "--no-why-not").stdout
        )
        assert f"{a['score']:g} (tại / at {a['start']})" in text


@pytest.mark.slow
def test_explain_names_the_plan_wide_rules_that_may_keep_an_eligible_post_out() -> None:
    """A young cadre's eligible head post names the youth cap and when it no longer bears, in the JSON
    and on the console."""
    scenario = load_scenario(CAN_THO)
    eligibility = Eligibility(scenario)
    young = next(
        c.id
        for i, c in enumerate(scenario.cadres)
        if eligibility.young_at(i, 0) and eligibility.facts[i].candidate
    )
    data = _explain_json(CAN_THO, "--cadre", young, "--no-why-not")
    limited = [
        p
        for p in data["cadre"]["posts"]
        if p["eligible"] and any(lim["rule"] == "youth_heads" for lim in p["limited_by"])
    ]
    if not limited:
        pytest.skip("no young candidate with an eligible head post in the reference scenario")
    text = one_line(planner("explain", CAN_THO, "--cadre", young, "--no-why-not").stdout)
    assert "[youth_heads]" in text
    free = next(lim for lim in limited[0]["limited_by"] if lim["rule"] == "youth_heads")["free_from"]
    assert (f"free from {free}" if free else "bears at every start") in text


# --- rule texts whole, with the scenario's numbers -------------------------------------------------------


@pytest.mark.slow
def test_every_rule_named_by_explain_is_worded_whole_with_the_scenarios_numbers(can_tho_plan: Path) -> None:
    scenario = load_scenario(CAN_THO)
    plan = json.loads(can_tho_plan.read_text(encoding="utf-8"))
    cadre = plan["assignments"][0]["cadre"]
    done = planner("explain", CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not", "--all")
    text = one_line(done.stdout.replace("│", " "))  # a table cell's wrapped lines, read as one
    data = _explain_json(CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not")
    named = {r for p in data["cadre"]["posts"] for r in p.get("excluded_by", [])}
    named |= {r for h in data["cadre"]["horizon"] for r in h["closed_by"]}
    assert named
    for rule in named:
        vi, en = RULES[rule].text(scenario.rules)
        assert "{" not in vi + en
        assert one_line(vi) in text and one_line(en) in text, rule
        assert data["rules"][rule] == {"vi": vi, "en": en}
    assert f"({RULES['remaining_service'].vi.split('{')[0].strip()})" not in text  # never cut at "{"


def test_english_plurals_are_right() -> None:
    text = one_line(planner("explain", EXAMPLE, "--slot", "phong_dien.chu_tich", "--no-why-not").stdout)
    assert " 1 posts" not in text and " 1 cadres" not in text and "1 such cases" not in text


# --- posts grouped by verdict, all with --all --------------------------------------------------------------


@pytest.mark.slow
def test_explain_cadre_groups_excluded_posts_and_lists_each_with_all(can_tho_plan: Path) -> None:
    plan = json.loads(can_tho_plan.read_text(encoding="utf-8"))
    cadre = plan["assignments"][0]["cadre"]
    grouped = planner("explain", CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not").stdout
    every = planner(
        "explain", CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not", "--all"
    ).stdout
    data = _explain_json(CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not")
    groups = data["cadre"]["excluded_groups"]
    excluded = [p["slot"] for p in data["cadre"]["posts"] if not p["eligible"]]
    assert sum(g["count"] for g in groups) == len(excluded)
    biggest = groups[0]
    vi = one_line(RULES[biggest["excluded_by"][0]].text(load_scenario(CAN_THO).rules)[0])
    if biggest["count"] > 1:
        assert one_line(grouped).count(vi) < biggest["count"]  # one line per group, not per post
        assert f"{biggest['count']} vị trí / {biggest['count']} posts" in one_line(grouped)
    assert len(grouped.splitlines()) < len(every.splitlines())
    for slot in excluded:
        assert slot in grouped.replace("\n", "") or slot in one_line(grouped).replace(" ", "")
        assert slot in every


# --- JSON for explain, check, validate ---------------------------------------------------------------------


def test_validate_json_is_one_document_and_bad_input_says_so(tmp_path: Path) -> None:
    done = planner("validate", EXAMPLE, "--json")
    assert done.returncode == EXIT_OK
    data = json.loads(done.stdout)
    assert data["valid"] is True and data["scenario"] == "example-mini" and data["slots"] == 7
    bad = tmp_path / "bad.yaml"
    scenario = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    scenario["rules"]["quota"]["max"] = "many"
    bad.write_text(yaml.safe_dump(scenario, allow_unicode=True), encoding="utf-8")
    done = planner("validate", bad, "--json")
    assert done.returncode == EXIT_BAD_INPUT
    data = json.loads(done.stdout)
    assert data["valid"] is False and any("rules.quota.max" in p["path"] for p in data["problems"])


def test_explain_json_holds_cadre_slot_and_waivers() -> None:
    data = _explain_json(
        EXAMPLE, "--cadre", "C01", "--slot", "phong_dien.chu_tich", "--waivers", "--time-limit", "5"
    )
    assert data["schema"] == "planner.explain"
    assert data["cadre"]["id"] == "C01" and data["slot"]["id"] == "phong_dien.chu_tich"
    assert {"ledger", "search", "restoring"} <= set(data["waivers"])
    assert data["cadre"]["why_not"] is not None


def test_check_json_keeps_the_contract_shape(tmp_path: Path) -> None:
    plan = tmp_path / "p.json"
    plan.write_text(json.dumps({"assignments": []}), encoding="utf-8")
    done = planner("check", EXAMPLE, plan, "--json")
    data = json.loads(done.stdout)
    assert isinstance(data["valid"], bool)
    for v in data["violations"]:
        assert set(v) == {"rule", "cadre", "slot", "message"}


# --- consoles cannot be hijacked --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def colon_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The contract example with a unit id, unit name and title holding rich's emoji codes."""
    folder = tmp_path_factory.mktemp("colons")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8").replace("o_mon", "mars:x:base"))
    data["title"] = "Kế hoạch :x: thử"
    data["units"][1]["name"] = "Quận :smile: [bold]Ô Môn[/bold]"
    path = folder / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow
def test_values_show_as_written_never_as_emoji_or_markup(colon_scenario: Path, tmp_path: Path) -> None:
    plan = tmp_path / "p.json"
    outputs = [
        planner("validate", colon_scenario),
        planner("solve", colon_scenario, "-o", plan, "--workers", "1"),
        planner("explain", colon_scenario, "--slot", "mars:x:base.bi_thu", "--no-why-not"),
        planner("check", colon_scenario, plan),
    ]
    text = one_line("".join(done.stdout + done.stderr for done in outputs))
    assert "mars:x:base" in text and "Kế hoạch :x: thử" in text and ":smile:" in text
    assert "[bold]Ô Môn[/bold]" in text
    assert "❌" not in text and "😄" not in text


@pytest.mark.slow
def test_control_characters_from_outside_never_reach_the_console(
    tmp_path: Path, colon_scenario: Path
) -> None:
    """A plan file's ids reach `check`'s messages; a scenario's texts reach every table (the loader
    refuses control characters, so the tables are fed an unchecked copy): none of it acts on a terminal."""
    plan = tmp_path / "p.json"
    evil = "C0\x1b[2J\x1b]8;;http://evil\x07\x9b31m1"
    plan.write_text(
        json.dumps({"assignments": [{"cadre": evil, "slot": "o_mon.bi_thu", "start": "2023-01-01"}]})
    )
    for args in (
        ("check", EXAMPLE, plan),
        ("check", EXAMPLE, plan, "--json"),
        ("explain", EXAMPLE, "--cadre", evil),
    ):
        done = planner(*args)
        assert not any(c in done.stdout + done.stderr for c in CONTROL), args
    scenario = load_scenario(EXAMPLE)
    units = [
        u.model_copy(update={"name": "Quận \x1b]8;;http://evil\x07Ô Môn\x1b[2J"}) for u in scenario.units
    ]
    tainted = scenario.model_copy(update={"title": "T\x1b[2J\x9b", "name": "x\x07", "units": units})
    buffer = io.StringIO()
    shown = cli_console.SafeConsole(file=buffer, width=200, force_terminal=True, color_system=None)
    print_scenario_summary(shown, Eligibility(tainted))
    from planner import solve

    shown.print(plan_table(tainted, solve(scenario)))
    out = buffer.getvalue()
    assert not any(c in out for c in CONTROL)
    assert "\\x1b[2J" in out  # shown as written, escaped


def test_the_cli_consoles_are_the_safe_ones() -> None:
    assert isinstance(cli_console.console, cli_console.SafeConsole)
    assert isinstance(cli_console.errors, cli_console.SafeConsole)


def test_explain_never_prints_a_name(can_tho_plan: Path) -> None:
    scenario = load_scenario(CAN_THO)
    cadre = json.loads(can_tho_plan.read_text(encoding="utf-8"))["assignments"][0]["cadre"]
    name = next(c.name for c in scenario.cadres if c.id == cadre)
    for extra in ((), ("--json",)):
        done = planner("explain", CAN_THO, "--cadre", cadre, "--plan", can_tho_plan, "--no-why-not", *extra)
        assert name not in done.stdout + done.stderr


# --- words: progress, file names, waivers ------------------------------------------------------------------


def test_the_progress_line_says_in_words_that_there_is_no_plan_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.StringIO()
    monkeypatch.setattr(cli_app, "errors", cli_console.SafeConsole(file=buffer, width=200))
    show = cli_app._progress_printer()
    show(Progress(objective=math.nan, bound=math.inf, elapsed=2.0))
    out = buffer.getvalue()
    assert "nan" not in out and "inf" not in out
    assert "chưa có phương án / no plan yet" in out


def test_the_plans_written_table_never_cuts_a_file_name(tmp_path: Path) -> None:
    out = tmp_path / ("phuong-an-luan-chuyen-can-bo-giai-doan-2023-2025-ban-de-xuat-lan-thu-nhat" + ".json")
    done = planner("solve", EXAMPLE, "-o", out, "--alternatives", "2", "--workers", "1")
    assert done.returncode in (0, 1), done.stderr
    flat = done.stdout.replace("│", "").replace("\n", "").replace(" ", "")
    for written in tmp_path.glob("*.json"):
        assert written.name in flat
    assert "…" not in done.stdout


def test_waivers_that_gain_nothing_are_left_out_and_the_search_is_told_in_words() -> None:
    nothing = WaiverGain("C01", "non_locality", "OPTIMAL", 10.0, 0.0, ["o_mon.bi_thu"])
    buffer = io.StringIO()
    shown = cli_console.SafeConsole(file=buffer, width=200)
    print_waiver_gains(shown, WaiverSearch([nothing], 106, "limit", 100, 60.0), 10.0)
    out = one_line(buffer.getvalue())
    assert "+0" not in out
    assert "Không miễn trừ đơn lẻ nào làm tăng mục tiêu / no single waiver raises the objective" in out
    assert "1 trong 106" in out and "giới hạn 100" in out and "limit of 100 tries" in out
    helps = WaiverGain("C02", "remaining_service", "OPTIMAL", 12.0, 2.0, ["o_mon.bi_thu"])
    buffer.seek(0), buffer.truncate()
    print_waiver_gains(shown, WaiverSearch([helps, nothing], 2, "all", 100, 60.0), 10.0)
    out = one_line(buffer.getvalue())
    assert "+2" in out and "+0" not in out
    assert "đã thử hết" in out and "all were tried" in out


# --- option bounds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("--seed", str(2**40)), ("--workers", str(2**40)), ("--workers", "0"), ("--seed", "-1")],
)
def test_seed_and_workers_out_of_bounds_are_bad_input_naming_them(
    tmp_path: Path, option: str, value: str
) -> None:
    done = planner("solve", EXAMPLE, "-o", tmp_path / "p.json", option, value)
    assert done.returncode == EXIT_BAD_INPUT
    assert option in done.stderr and value in done.stderr
    assert not (tmp_path / "p.json").exists()


# --- an output is never an input ---------------------------------------------------------------------


@pytest.mark.slow
def test_an_output_that_is_an_input_is_refused_and_nothing_written(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = scenario.read_bytes()
    done = planner("solve", scenario, "-o", scenario)
    assert done.returncode == EXIT_BAD_INPUT and scenario.read_bytes() == before
    done = planner("solve", scenario, "-o", tmp_path / "." / "s.yaml")  # another spelling of it
    assert done.returncode == EXIT_BAD_INPUT and scenario.read_bytes() == before
    plan = tmp_path / "p.html"  # a plan file whose name a report could take
    assert planner("solve", scenario, "-o", plan, "--workers", "1").returncode == EXIT_OK
    plan_before = plan.read_bytes()
    done = planner("report", scenario, plan, "-o", plan)
    assert done.returncode == EXIT_BAD_INPUT and plan.read_bytes() == plan_before
    other = tmp_path / "q.html"
    other.write_bytes(plan_before)
    done = planner("compare", scenario, plan, other, "-o", other)
    assert done.returncode == EXIT_BAD_INPUT and other.read_bytes() == plan_before
    assert "trùng với tệp đầu vào" in done.stderr


def test_an_unwritable_file_of_several_is_named_and_none_is_written(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    (tmp_path / "plan.alt2.json").mkdir()  # the second file cannot be written
    done = planner("solve", EXAMPLE, "-o", out, "--alternatives", "2", "--workers", "1")
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    assert "plan.alt2.json" in done.stderr
    assert not out.exists()


def _printed(write) -> str:
    buffer = io.StringIO()
    write(Console(file=buffer, width=200))
    return " ".join(buffer.getvalue().split())


def test_a_what_if_without_a_plan_prints_no_moves() -> None:
    diff = PlanDiff([], 385.0, None, "INFEASIBLE", [])
    text = _printed(lambda console: print_what_if(console, [AddPin(cadre="C08", slot="o_mon.bi_thu")], diff))
    assert "no plan under these changes" in text
    assert "not rotated" not in text and "nobody moves" not in text


def test_a_plan_the_wall_clock_cut_says_it_may_not_be_reproduced() -> None:
    scenario = load_scenario(EXAMPLE)
    plan = solve(scenario, SolveOptions(time_limit=10, workers=1, seed=0))
    assert "may not be reproduced" not in _printed(
        lambda console: print_plan_summary(console, scenario, plan)
    )
    cut = plan.model_copy(
        update={
            "solver": plan.solver.model_copy(update={"limit_reached": "wall_clock", "reproducible": False})
        }
    )
    text = _printed(lambda console: print_plan_summary(console, scenario, cut))
    assert "this plan may not be reproduced" in text
