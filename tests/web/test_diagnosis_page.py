"""An infeasible plan's page says what the diagnosis proved, in words and labelled numbers (issue 21,
item 1): no raw `[]` for a conflict's rules, each search's state, and "objective 385 → None" is gone
from the differences (a missing objective reads "none (no plan)")."""

from __future__ import annotations

import html
import re

import pytest

from tests.web.conftest import infeasible_what_if, log_in


@pytest.mark.slow
def test_an_infeasible_plan_page_words_its_diagnosis(app, client, sqlite_url):
    plan_id = infeasible_what_if(sqlite_url)
    log_in(client, "minh")
    page = html.unescape(client.get(f"/plans/{plan_id}").text)
    assert 'id="diagnosis"' in page
    assert "Tập mâu thuẫn / Conflict: đã tìm được tập quy định mâu thuẫn tối thiểu" in page
    assert "Cách khắc phục / Repairs: tìm được" in page
    assert "[]" not in page
    rules = re.search(r"quy định / rules: ([a-z_, ]+)", page)
    assert rules is not None and "pin" in rules[1].strip().split(", ")
    assert "mục tiêu / objective" in page  # each repair's objective is labelled


def test_the_differences_of_an_infeasible_what_if_say_there_is_no_plan(app, client, sqlite_url):
    plan_id = infeasible_what_if(sqlite_url)
    log_in(client, "minh")
    page = html.unescape(client.get(f"/plans/{plan_id}?since=1").text)
    assert "none (no plan)" in page and "→ None" not in page
