"""The manual builds as a site with `mkdocs build --strict` (as `.ci/run` builds it), a broken link or
anchor fails that build, and no page sends its reader outside the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.contract import RULES_PAGE, contract_table_or_skip, table_rule_ids
from tests.support.docs import DOCS, links, page_name, pages
from tests.support.paths import ROOT

#: Where a page may point with a URL: the app it tells the reader to start on this machine.
_LOCAL = ("http://127.0.0.1:", "http://localhost:")


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.slow
def test_the_manual_builds_strictly(tmp_path):
    done = build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    built = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html")}
    expected = {p.relative_to(DOCS).with_suffix(".html").as_posix() for p in DOCS.rglob("*.md")}
    assert expected <= built
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Cadre rotation planner" in home and "vi/index.html" in home
    # code in Vietnamese is drawn in a monospace font that has its letters (not DejaVu Sans Mono's marks apart)
    assert "stylesheets/extra.css" in home
    css = (tmp_path / "site" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert re.search(r'--md-code-font:\s*"Liberation Mono"', css)


@pytest.mark.slow
@pytest.mark.parametrize(
    "broken",
    ["[the rules](rule.md)", "[the rules](rules.md#no-such-section)"],
    ids=["page", "anchor"],
)
def test_a_broken_link_fails_the_build(tmp_path, broken):
    copy = tmp_path / "copy"
    shutil.copytree(DOCS, copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    formats = copy / "docs" / "formats.md"
    formats.write_text(formats.read_text(encoding="utf-8") + f"\nSee {broken}.\n", encoding="utf-8")
    done = build(copy / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "formats.md" in done.stderr


def test_ci_builds_the_site_strictly_with_what_the_extras_install():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\.venv/bin/mkdocs build --strict\b", ci, flags=re.M)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    for extra in ("docs", "test"):
        names = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in extras[extra]}
        assert {"mkdocs", "mkdocs-material"} <= names, extra


def test_every_page_is_in_the_sites_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s*([\w/.-]+\.md)\s*$", config, flags=re.M))
    assert listed == {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}


def _inside(page: Path, target: str) -> bool:
    """True for a link to a file of the repository (or a section of one) or to the local app."""
    if target.startswith(_LOCAL):
        return True
    if "://" in target or target.startswith(("/", "mailto:")):
        return False
    path = target.split("#")[0]
    return not path or ((page.parent / path).resolve().is_relative_to(ROOT) and (page.parent / path).exists())


@pytest.mark.parametrize("page", pages(), ids=page_name)
def test_no_link_leaves_the_repository(page):
    outside = [target for target in links(page.read_text(encoding="utf-8")) if not _inside(page, target)]
    assert outside == []


def test_the_link_check_sees_a_link_outside():
    found = links("[full format](../shared/spec/CONTRACT.md), <https://example.org/x>, [r](rules.md#quota)")
    assert found == ["../shared/spec/CONTRACT.md", "rules.md#quota", "https://example.org/x"]
    assert [_inside(DOCS / "formats.md", target) for target in found] == [False, True, False]


def test_the_rules_page_lists_the_contracts_rules():
    """The rules table in the repository is the contract's table, in its order: the tests that compare
    the registry with the contract read it."""
    contract = contract_table_or_skip()
    listed = table_rule_ids(RULES_PAGE)
    assert listed == contract
    assert len(listed) >= 21


def test_the_formats_page_gives_edition_3():
    """Edition 3's fields of sections 6.1-6.4 are written out, the placement after a rotation with them."""
    formats = (DOCS / "formats.md").read_text(encoding="utf-8")
    assert "not implemented yet" not in formats
    for field in (
        "rank:", "requires:", "gives:", "kind: district | commune", "qualifications:", "experience:",
        "disciplined_until:", "relations:", "pool:", "max_rank_step:", "experience_months:", "readiness",
        "CODE@DATE", '"ready_without_plan"', "rotation_months:", "may_stay:", "after_rotation:", "horizon:",
        "window_months:", "open_from:", "after_home", '{"stay": true}', '{"post": ID, "start": DATE}',
        "after_changes", "planner vacancies",
    ):  # fmt: skip
        assert field in formats, field
    for field in ("rules:", "titles:", "units:", "slots:", "cadres:", "scores:", "objective:", "pins:"):
        assert field in formats
    assert '"assignments"' in formats and "replan:" in formats.replace("`replan: {", "replan: {")
