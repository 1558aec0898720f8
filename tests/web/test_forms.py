"""Forms that cannot be filled wrong (issue 23, item 3): the re-plan date chosen among the period's start
dates, plans compared by choosing them, what-ifs from cadre and post choosers, and a refused form drawn
again on the plan page with its message and what was typed (what-if, re-plan, decision), a stale decision
saying who decided what, and when."""

from __future__ import annotations

import html
import math
import re
from datetime import date

import pytest

from models import load_scenario
from planner import SolveHooks, SolveOptions
from planner.analysis import parse_what_if
from planner.hooks import Progress
from planner.web.forms import (
    ChooserRefused,
    chosen_lines,
    compare_choices,
    replan_dates,
    stale_decision,
    what_if_choices,
)
from planner.web.jobs import Job, _number
from planner.wording.steps import STAGE_WORDS
from planner.workspace import DecisionInput, Workspace
from tests.support.paths import EXAMPLE
from tests.web.conftest import SOLVE, log_in


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}">.*?</section>', page, re.S)
    assert found, section_id
    return found.group(0)


def selected(fragment: str, name: str) -> str:
    """The value a select of the page chooses."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', fragment, re.S)
    assert select, name
    chosen = re.findall(r'<option value="([^"]*)" selected>', select.group(1))
    assert len(chosen) <= 1, chosen
    return chosen[0] if chosen else ""


# the re-plan date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "chosen"),
    [
        (date(2022, 6, 1), "2023-01-01"),  # before the period: its first start
        (date(2024, 2, 10), "2024-04-01"),  # inside: the next start
        (date(2024, 4, 1), "2024-04-01"),  # on a start: that one
        (date(2026, 12, 6), "2025-10-01"),  # after the period: the last past start
    ],
)
def test_the_re_plan_date_defaults_to_the_next_start_else_the_last(today, chosen):
    options, default = replan_dates(what_if_choices(load_scenario(EXAMPLE)).starts, today)
    assert default == chosen
    assert options[0] == ("2023-01-01", "01/01/2023") and len(options) == 12  # the period's quarters


def test_the_re_plan_form_offers_the_period_starts_only(client):
    log_in(client, "minh")
    form = section(client.get("/plans/1").text, "replan")
    assert '<input type="date"' not in form
    values = re.findall(r'<option value="([^"]*)"', form)
    assert values == [d for d, _ in what_if_choices(load_scenario(EXAMPLE)).starts]
    assert selected(form, "as_of") == "2025-10-01"  # the example's period is over: its last start
    assert ">01/10/2025<" in form


def test_a_refused_re_plan_comes_back_on_its_form_with_what_was_typed(client):
    csrf = log_in(client, "minh")
    answer = client.post("/plans/1/replan", data={"csrf": csrf, "as_of": "2024-02-01", "change_cost": "12"})
    assert answer.status_code == 422
    form = section(answer.text, "replan")
    assert 'id="replan-error" data-field="as_of"' in form and "01/02/2024" in form
    assert 'value="12"' in form  # the cost typed is kept
    answer = client.post(
        "/plans/1/replan", data={"csrf": csrf, "as_of": "2024-01-01", "change_cost": "nhiều"}
    )
    form = section(answer.text, "replan")
    assert answer.status_code == 422 and 'data-field="change_cost"' in form
    assert "Chi phí mỗi thay đổi / Cost of a change" in form and "change_cost:" not in form
    assert selected(form, "as_of") == "2024-01-01" and 'value="nhiều"' in form
    assert "Lỗi / Error" not in answer.text and 'id="placements"' in answer.text  # the plan page itself


# what-ifs from choosers -------------------------------------------------------------------------------


def test_the_choosers_name_cadres_posts_units_and_rules_in_words():
    choices = what_if_choices(load_scenario(EXAMPLE))
    assert ("C01", "Lê Hoàng Phúc (C01)") in choices.cadres
    assert ("ninh_kieu.bi_thu", "Bí thư quận ủy, huyện ủy · Quận Ninh Kiều") in choices.posts
    assert ("so_noi_vu", "Sở Nội vụ") in choices.units
    assert [rule for rule, _ in choices.rules] == [
        "remaining_service",
        "min_duration",
        "youth_heads",
        "non_locality",
        "equivalent_rank",
    ]
    assert all(" / " in words for _, words in choices.rules)


@pytest.mark.parametrize(
    ("values", "lines"),
    [
        ({}, ([], [], [])),
        ({"change": "pin", "cadre": "C01", "post": "s", "start": ""}, (["C01=s"], [], [])),
        (
            {"change": "pin", "cadre": "C01", "post": "s", "start": "2024-01-01"},
            (["C01=s@2024-01-01"], [], []),
        ),
        ({"change": "forbid", "cadre": "C01", "post": "s", "unit": "u"}, ([], ["C01=s"], [])),
        ({"change": "forbid_unit", "cadre": "C01", "post": "s", "unit": "u"}, ([], ["C01=u"], [])),
        ({"change": "waive", "cadre": "C01", "rule": "min_duration"}, ([], [], ["C01=min_duration"])),
    ],
)
def test_a_chosen_what_if_reads_only_the_choosers_of_its_kind(values, lines):
    assert chosen_lines(values) == lines


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"change": "pin", "post": "s"}, "cadre"),
        ({"change": "forbid_unit", "cadre": "C01", "post": "s"}, "unit"),
        ({"change": "waive", "cadre": "C01"}, "rule"),
        ({"change": "move", "cadre": "C01"}, "change"),
    ],
)
def test_a_chooser_left_empty_is_named(values, field):
    with pytest.raises(ChooserRefused) as refused:
        chosen_lines(values)
    assert refused.value.field == field and " / " in str(refused.value)


def test_the_what_if_form_has_choosers_and_keeps_what_was_typed_when_refused(client):
    csrf = log_in(client, "minh")
    form = section(client.get("/plans/1").text, "whatif")
    for name in ("change", "cadre", "post", "unit", "rule", "start"):
        assert f'<select name="{name}"' in form
    assert ">Lê Hoàng Phúc (C01)<" in form and ">Bí thư quận ủy, huyện ủy · Quận Ninh Kiều<" in form
    sent = {"csrf": csrf, "change": "pin", "cadre": "C03", "post": "", "pins": "C01=o_mon.bi_thu\nNOBODY=x"}
    answer = client.post("/plans/1/whatif", data=sent)
    assert answer.status_code == 422
    form = section(answer.text, "whatif")
    assert 'id="whatif-error" data-field="post"' in form and "Vị trí / Post" in form
    assert selected(form, "change") == "pin" and selected(form, "cadre") == "C03"
    assert "C01=o_mon.bi_thu\nNOBODY=x</textarea>" in form and 'id="whatif-more" open' in form
    answer = client.post("/plans/1/whatif", data={**sent, "post": "o_mon.bi_thu"})
    form = html.unescape(section(answer.text, "whatif"))
    assert answer.status_code == 422 and "NOBODY" in form
    assert "không có cán bộ này / unknown cadre" in form and "--pin" not in form
    assert selected(section(answer.text, "whatif"), "post") == "o_mon.bi_thu"


def test_a_chosen_forbid_re_solves_under_it(app, client):
    csrf = log_in(client, "minh")
    first = client.get("/api/plans/1").json()["plan"]["assignments"][0]
    sent = {"csrf": csrf, "change": "forbid", "cadre": first["cadre"], "post": first["slot"]}
    answer = client.post("/plans/1/whatif", data=sent, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    job = app.state.web.jobs.get(int(answer.headers["location"].rsplit("/", 1)[1]))
    assert app.state.web.jobs.wait(job, 120) and job.state == "done", job.message
    made = client.get(f"/api/plans/{job.made[0]}").json()["plan"]
    assert [(c["kind"], c["cadre"], c["slot"]) for c in made["what_if"]] == [
        ("add_forbid", first["cadre"], first["slot"])
    ]


# decisions --------------------------------------------------------------------------------------------


def decide_form(page: str, cadre: str) -> str:
    found = re.search(rf'<details id="decide-{cadre}".*?</details>', page, re.S)
    assert found
    return found.group(0)


def seen_of(page: str, cadre: str) -> str:
    found = re.search(r'name="seen" value="(\d+)"', decide_form(page, cadre))
    assert found
    return found.group(1)


def test_a_refused_decision_comes_back_in_its_placement_form(client):
    csrf = log_in(client, "hoa")
    cadre = client.get("/api/plans/1").json()["plan"]["assignments"][0]["cadre"]
    sent = {"csrf": csrf, "cadre": cadre, "decision": "decided", "reason": " ", "ref": "123-QĐ/TU"}
    answer = client.post("/plans/1/decisions", data=sent)
    assert answer.status_code == 422
    form = decide_form(answer.text, cadre)
    assert f'<details id="decide-{cadre}" open>' in form
    assert f'id="decide-error-{cadre}" data-field="reason"' in form and "Lý do / Reason" in form
    assert 'value="123-QĐ/TU"' in form


def test_a_stale_decision_says_who_decided_what_and_when(client, sqlite_url):
    csrf = log_in(client, "hoa")
    cadre = client.get("/api/plans/1").json()["plan"]["assignments"][0]["cadre"]
    seen = seen_of(client.get("/plans/1").text, cadre)
    workspace = Workspace.open(sqlite_url)
    try:  # another approver decides meanwhile
        workspace.decide("thu", 1, cadre, DecisionInput("approve", "đúng quy hoạch"))
    finally:
        workspace.dispose()
    sent = {"csrf": csrf, "cadre": cadre, "decision": "reject", "reason": "chưa đủ", "seen": seen}
    answer = client.post("/plans/1/decisions", data=sent)
    assert answer.status_code == 409
    form = html.unescape(decide_form(answer.text, cadre))
    error = re.search(rf'id="decide-error-{cadre}">(.*?)</p>', form, re.S)
    assert error, form
    assert "thu (người phê duyệt) đã duyệt lúc " in error[1] and "“đúng quy hoạch”" in error[1]
    assert re.search(r"lúc \d\d/\d\d/\d{4} \d\d:\d\d", error[1]) and "thu (approver) approved" in error[1]
    assert "chưa đủ</textarea>" in form  # what hoa typed
    workspace = Workspace.open(sqlite_url)
    try:  # and nothing of it was recorded
        (placement,) = (p for p in workspace.placements(1) if p.cadre == cadre)
        assert [(d.kind, d.author) for d in placement.decisions] == [("approve", "thu")]
    finally:
        workspace.dispose()


def test_the_stale_message_without_a_decision_still_says_what_to_do():
    assert "read it again" in stale_decision(None)[1]


def test_the_api_says_who_decided_a_stale_decision(client, sqlite_url):
    csrf = log_in(client, "hoa")
    placement = client.get("/api/plans/1").json()["placements"][0]
    workspace = Workspace.open(sqlite_url)
    try:
        workspace.decide("thu", 1, placement["cadre"], DecisionInput("comment", "xem lại hồ sơ"))
    finally:
        workspace.dispose()
    body = {
        "cadre": placement["cadre"],
        "decision": "approve",
        "reason": "đồng ý",
        "seen": placement["version"],
    }
    answer = client.post("/api/plans/1/decisions", json=body, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 409
    assert "thu (người phê duyệt) nhận xét lúc " in answer.json()["detail"]
    assert "thu (approver) commented at " in answer.json()["detail"]


# comparing plans --------------------------------------------------------------------------------------


def test_plans_are_compared_by_choosing_them_and_named_by_what_they_are(client, sqlite_url):
    workspace = Workspace.open(sqlite_url)
    try:
        workspace.solve("minh", SolveOptions(**SOLVE), alternatives=2)
    finally:
        workspace.dispose()
    log_in(client, "tuan")
    page = client.get("/versions").text
    form = re.search(r'<form method="get" action="/diff".*?</form>', page, re.S)
    assert form and '<input name="a"' not in form[0]
    newest = max(p["id"] for p in client.get("/api/plans").json())
    assert selected(form[0], "b") == f"plan:{newest}"
    assert selected(form[0], "a") == f"plan:{newest - 1}"  # the alternative's parent, the run's best
    assert ">Phương án 1 · " in form[0]
    answer = client.get("/diff", params={"a": selected(form[0], "a"), "b": selected(form[0], "b")})
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", answer.text, re.S)
    assert answer.status_code == 200 and heading
    assert "plan:" not in heading[1] and f"Phương án {newest} · " in heading[1]


def test_the_default_comparison_is_the_newest_plan_against_its_parent():
    class Summary:
        def __init__(self, id, parent_id):
            self.id, self.parent_id, self.label, self.as_of, self.what_if = (
                id,
                parent_id,
                "gốc / base",
                None,
                (),
            )

    chosen = compare_choices([Summary(1, None), Summary(2, None), Summary(3, 1)])
    assert (chosen.first, chosen.second) == ("plan:1", "plan:3")
    chosen = compare_choices([Summary(1, None), Summary(2, None)])
    assert (chosen.first, chosen.second) == ("plan:1", "plan:2")


# the job's progress line ------------------------------------------------------------------------------


def _watched(sqlite_url, run) -> tuple[list[str], list[Progress]]:
    """The stages and progress a workspace search tells its hooks (`run(workspace, hooks)`)."""
    stages: list[str] = []
    progress: list[Progress] = []
    hooks = SolveHooks(
        on_progress=progress.append, on_stage=lambda s: stages.append(f"{s.step_vi} / {s.step_en}")
    )
    workspace = Workspace.open(sqlite_url)
    try:
        run(workspace, hooks)
    finally:
        workspace.dispose()
    return stages, progress


def words(key: str) -> str:
    return " / ".join(STAGE_WORDS[key])


def test_a_what_if_re_solve_tells_its_stages_and_numbers(sqlite_url):
    first = load_scenario(EXAMPLE).cadres[0].id
    (change,) = parse_what_if(load_scenario(EXAMPLE), [], [f"{first}=so_noi_vu"], [])
    stages, progress = _watched(
        sqlite_url,
        lambda ws, hooks: ws.solve(
            "minh", SolveOptions(**SOLVE), what_if=(change,), from_plan=1, hooks=hooks
        ),
    )
    order = [words(k) for k in ("eligibility", "build", "search", "check", "compare", "store")]
    assert [s for s in stages if s in order] == order, stages
    assert progress and all(math.isfinite(p.bound) for p in progress)
    assert any(math.isfinite(p.objective) for p in progress)


def test_a_re_plan_tells_its_stages_and_numbers(sqlite_url):
    stages, progress = _watched(
        sqlite_url, lambda ws, hooks: ws.replan("minh", 1, "2024-01-01", SolveOptions(**SOLVE), hooks=hooks)
    )
    assert stages[:3] == [words("events"), words("build"), words("fewest")], stages
    assert stages[-1] == words("store")
    best = [p.objective for p in progress if math.isfinite(p.objective)]
    assert best, "a re-plan's search told no objective"  # before: the re-plan told none at all


def test_the_job_page_shows_the_stage_best_and_bound(app, client):
    log_in(client, "minh")
    running = Job(99, "whatif", "minh", 1, state="running", best=385.0, bound=390.5, step=words("build"))
    app.state.web.jobs._jobs[99] = running
    line = re.search(r'<p id="progress"[^>]*>(.*?)</p>', client.get("/jobs/99").text)
    assert line and html.unescape(line[1]).startswith(
        "đang giải / running · dựng mô hình / building the model · tốt nhất / best 385 · cận / bound 390.5 · "
    )
    running.best = running.bound = None  # no figures yet: none shown, rather than "best — · bound —"
    line = re.search(r'<p id="progress"[^>]*>(.*?)</p>', client.get("/jobs/99").text)
    assert line and re.fullmatch(
        r"đang giải / running · dựng mô hình / building the model · [\d.]+ s", line[1]
    )
    assert client.get("/api/jobs/99").json()["step"] == words("build")
    running.state = "done"
    assert client.get("/api/jobs/99").json()["step"] == ""  # a finished job is in no stage


def test_a_bound_before_any_solution_shows_no_best():
    assert _number(float("nan")) is None and _number(None) is None and _number(3.5) == 3.5


def test_a_job_refused_while_another_runs_comes_back_on_its_form(app, client):
    csrf = log_in(client, "minh")
    running = client.post("/plans/1/whatif", data={"csrf": csrf}, follow_redirects=False)
    assert running.status_code == 303
    try:
        sent = {"csrf": csrf, "as_of": "2024-01-01", "change_cost": "7"}
        answer = client.post("/plans/1/replan", data=sent)
        assert answer.status_code == 409
        form = section(answer.text, "replan")
        assert "another solve is running" in form and 'value="7"' in form
        assert selected(form, "as_of") == "2024-01-01"
    finally:
        jobs = app.state.web.jobs
        job = jobs.get(int(running.headers["location"].rsplit("/", 1)[1]))
        jobs.cancel(job)
        assert jobs.wait(job, 120)
