"""Events at scale and what the console says of them (issue 21 item 7): an events file holds at most
`MAX_EVENTS` events, refused beyond with exit 2 naming the file and the count; applying them takes time
in proportion to what they touch, not the whole scenario's validation each; the console lists a few
and counts the rest; a personal field an event sets is never printed."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.limits import MAX_EVENTS
from planner import InputError, load_events, load_scenario
from planner.replan.events import apply_events
from tests.cli.test_cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, planner
from tests.support.paths import EXAMPLE


def _events(count: int) -> str:
    """`count` events toggling the health of the example's cadres, a day apart."""
    first = date(2023, 1, 1)
    return "".join(
        f'- {{date: {first + timedelta(days=i % 300)}, set: {{"cadres[C0{1 + i % 5}].health_ok": '
        f"{'true' if i % 2 else 'false'}}}, ref: E{i}}}\n"
        for i in range(count)
    )


@pytest.fixture(scope="module")
def example_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = tmp_path_factory.mktemp("events") / "example.json"
    done = planner("solve", EXAMPLE, "-o", plan, "--workers", "1")
    assert done.returncode == EXIT_OK, done.stderr
    return plan


@pytest.mark.slow
def test_more_events_than_the_bound_are_refused_naming_the_file_and_count(
    example_plan: Path, tmp_path: Path
) -> None:
    events = tmp_path / "many.yaml"
    events.write_text(_events(MAX_EVENTS + 1), encoding="utf-8")
    out = tmp_path / "new.json"
    done = planner(
        "replan", EXAMPLE, "--from", example_plan, "--as-of", "2024-01-01", "--events", events, "-o", out
    )
    assert done.returncode == EXIT_BAD_INPUT, done.stdout + done.stderr
    told = " ".join(done.stderr.split())
    assert str(events) in told and f"more than {MAX_EVENTS} events (at most {MAX_EVENTS})" in told
    assert not out.exists()


@pytest.mark.slow
def test_applying_the_bound_of_events_takes_seconds(tmp_path: Path) -> None:
    """Each event used to dump and validate the whole scenario twice (6 ms each on the 6-cadre example:
    2,000 events 25 s, 20,000 events minutes and then memory); now only what it touches is validated."""
    events_file = tmp_path / "bound.yaml"
    events_file.write_text(_events(MAX_EVENTS), encoding="utf-8")
    events = load_events(events_file)
    scenario = load_scenario(EXAMPLE)
    began = time.perf_counter()
    steps = apply_events(scenario, events, date(2024, 1, 1), str(events_file))
    took = time.perf_counter() - began
    assert len(steps) == MAX_EVENTS and took < 10.0, f"{took:.1f} s"
    last = {f"cadres[C0{1 + i % 5}].health_ok": bool(i % 2) for i in range(MAX_EVENTS)}
    after = {f"cadres[{c.id}].health_ok": c.health_ok for c in steps[-1].scenario.cadres}
    assert all(after[path] == value for path, value in last.items())


def test_a_bad_event_among_many_is_still_named(tmp_path: Path) -> None:
    """The quick path gives way to the full one where an event does not apply: the problem names it."""
    events_file = tmp_path / "bad.yaml"
    events_file.write_text(_events(50) + '- {date: 2023-05-01, set: {"rules.quota.max": -1}}\n')
    with pytest.raises(InputError) as raised:
        apply_events(load_scenario(EXAMPLE), load_events(events_file), date(2024, 1, 1), str(events_file))
    assert [p.path for p in raised.value.problems] == ["[50].set.rules.quota.max"]


@pytest.mark.slow
def test_the_console_lists_a_few_events_and_counts_the_rest(example_plan: Path, tmp_path: Path) -> None:
    events = tmp_path / "some.yaml"
    events.write_text(_events(300), encoding="utf-8")
    out = tmp_path / "new.json"
    done = planner(
        "replan", EXAMPLE, "--from", example_plan, "--as-of", "2024-01-01", "--events", events, "-o", out
    )
    assert done.returncode in (EXIT_OK, EXIT_VIOLATIONS), done.stderr
    assert done.stdout.count("sự kiện / event ") == 10
    assert "and 290 more events" in " ".join(done.stdout.split())
    assert len(done.stdout) < 20_000


@pytest.mark.slow
def test_personal_fields_an_event_sets_are_not_printed(example_plan: Path, tmp_path: Path) -> None:
    events = tmp_path / "personal.yaml"
    events.write_text(
        '- {date: 2023-06-01, set: {"cadres[C01].name": "Trần Thị Bí Mật", '
        '"cadres[C01].birth_date": 1976-05-05, "cadres[C02].health_ok": false}, ref: QĐ 7}\n',
        encoding="utf-8",
    )
    out = tmp_path / "new.json"
    done = planner(
        "replan", EXAMPLE, "--from", example_plan, "--as-of", "2024-01-01", "--events", events, "-o", out
    )
    assert done.returncode in (EXIT_OK, EXIT_VIOLATIONS), done.stderr
    shown = done.stdout + done.stderr
    assert "Bí Mật" not in shown and "1976" not in shown
    assert "cadres[C01].name=" in shown and "cadres[C01].birth_date=" in shown
    assert "cadres[C02].health_ok=" in shown and "health_ok=false" not in shown  # health is personal too
