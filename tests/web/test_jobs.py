"""Re-solves, repairs and re-plans from the page: each runs as a background job in a process of its own,
reports progress, can be cancelled (storing nothing), and opens the new plan with its differences."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import infeasible_what_if, log_in

WAIT = 120  # seconds a job of the contract's example may take, process start included


def start(client, path: str, csrf: str, **fields: str) -> int:
    answer = client.post(path, data={"csrf": csrf, **fields}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return int(re.fullmatch(r"/jobs/(\d+)", answer.headers["location"])[1])


def finished(app, job_id: int) -> dict:
    jobs = app.state.web.jobs
    assert jobs.wait(jobs.get(job_id), WAIT)
    return jobs.get(job_id).as_json()


def test_forbidding_a_placement_re_solves_and_opens_the_new_plan_with_its_differences(app, client):
    csrf = log_in(client, "minh")
    first = client.get("/api/plans/1").json()["plan"]["assignments"][0]
    forbid = f"{first['cadre']}={first['slot']}"
    job = start(client, "/plans/1/whatif", csrf, forbids=forbid)
    assert client.get(f"/jobs/{job}").status_code == 200
    done = finished(app, job)
    assert done["state"] == "done" and done["best"] is not None, done
    (new,) = done["made"]
    assert client.get(f"/api/jobs/{job}").json()["made"] == [new]
    made = client.get(f"/api/plans/{new}").json()["plan"]
    assert (first["cadre"], first["slot"]) not in {(a["cadre"], a["slot"]) for a in made["assignments"]}
    assert [c["kind"] for c in made["what_if"]] == ["add_forbid"]
    listed = {p["id"]: p for p in client.get("/api/plans").json()}
    assert listed[new]["parent"] == 1 and listed[new]["what_if"]
    page = client.get(f"/plans/{new}", params={"since": 1}).text
    assert 'id="differences"' in page and 'class="changed' in page
    assert f"{first['cadre']}:" in page
    # the side-by-side diff takes every spelling of a plan's id the command line takes
    for a, b in (("plan:1", f"plan:{new}"), ("p1", f"plan{new}")):
        side = client.get("/diff", params={"a": a, "b": b})
        assert side.status_code == 200 and 'id="side-by-side"' in side.text and 'class="changed"' in side.text
        rows = side.text.split('id="side-by-side"')[1].split("<tbody>")[1]
        # cadres by name and id, posts by title and unit: no post's code in the table's rows
        assert f"({first['cadre']})</td>" in rows and first["slot"] not in rows


def test_a_cancelled_job_stores_nothing(app, client):
    csrf = log_in(client, "minh")
    plans = len(client.get("/api/plans").json())
    job = start(client, "/plans/1/whatif", csrf)
    assert client.post(f"/jobs/{job}/cancel", data={"csrf": csrf}).status_code == 200
    assert finished(app, job)["state"] == "cancelled"
    assert len(client.get("/api/plans").json()) == plans


def test_one_job_at_a_time(app, client):
    csrf = log_in(client, "minh")
    job = start(client, "/plans/1/whatif", csrf)
    refused = client.post("/plans/1/whatif", data={"csrf": csrf})
    assert refused.status_code == 409 and "another solve is running" in refused.text
    finished(app, job)


def test_a_re_plan_as_of_a_date_is_stored_as_the_plans_child(app, client):
    csrf = log_in(client, "minh")
    job = start(client, "/plans/1/replan", csrf, as_of="2024-01-01")
    done = finished(app, job)
    assert done["state"] == "done", done["message"]
    listed = {p["id"]: p for p in client.get("/api/plans").json()}
    (new,) = done["made"]
    assert listed[new]["kind"] == "replan" and listed[new]["as_of"] == "2024-01-01"
    assert listed[new]["parent"] == 1
    page = client.get(f"/plans/{new}").text
    assert 'id="replan-changes"' in page and "Giữ nguyên / kept:" in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"as_of": "2024-13-01"}, "as_of"),
        ({"as_of": "2024-02-01"}, "as_of"),  # not the first day of a quarter of the period
        ({"as_of": "2024-01-01", "change_cost": "-1"}, "change_cost"),
    ],
)
def test_a_bad_re_plan_is_refused_before_any_job(client, fields, field):
    csrf = log_in(client, "minh")
    answer = client.post("/plans/1/replan", data={"csrf": csrf, **fields})
    assert answer.status_code == 422 and field in answer.text


def test_a_bad_what_if_is_refused_with_its_value(client):
    csrf = log_in(client, "minh")
    answer = client.post("/plans/1/whatif", data={"csrf": csrf, "pins": "NOBODY=somewhere"})
    assert answer.status_code == 422 and "NOBODY" in answer.text


def test_an_infeasible_plan_shows_its_repairs_and_one_click_tries_one(app, client, sqlite_url):
    infeasible_id = infeasible_what_if(sqlite_url)
    csrf = log_in(client, "minh")
    page = client.get(f"/plans/{infeasible_id}").text
    assert 'id="conflicts"' in page and 'id="repair-0"' in page
    job = start(client, f"/plans/{infeasible_id}/repairs/0", csrf)
    done = finished(app, job)
    assert done["state"] == "done", done
    repaired = client.get(f"/api/plans/{done['made'][0]}").json()["plan"]
    assert repaired["status"] in ("OPTIMAL", "FEASIBLE")
    assert len(repaired["what_if"]) == 2  # the pin it was asked under, and the repair
