"""The markers `tests/conftest.py` puts on at collection follow what a test reaches: `-m "not process"`
must leave out every test that spawns the command line, and only those."""

from __future__ import annotations

from tests import conftest
from tests.cli import test_cli
from tests.infeasibility import test_honest_diagnosis
from tests.support import browser
from tests.web import conftest as web_conftest
from tests.workspace import test_cli as workspace_test_cli

PROCESS, BROWSER = conftest.REACHES["process"], conftest.REACHES["browser"]


def test_a_helper_that_runs_the_command_line_reaches_a_process() -> None:
    assert conftest._reaches(test_cli.planner, PROCESS, {})  # through run_planner
    assert conftest._reaches(web_conftest.serve, PROCESS, {})  # subprocess.Popen of `planner serve`


def test_an_import_inside_the_test_counts() -> None:
    test = test_honest_diagnosis.test_the_console_and_explain_waivers_say_what_was_proved
    assert conftest._reaches(test, PROCESS, {})


def test_the_command_line_run_in_this_process_reaches_none() -> None:
    assert not conftest._reaches(workspace_test_cli.planner, PROCESS, {})  # typer's CliRunner
    assert not conftest._reaches(test_cli.planner, BROWSER, {})


def test_chromium_is_the_browser() -> None:
    assert conftest._reaches(browser.headless_chromium, BROWSER, {})
