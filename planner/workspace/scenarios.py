"""Scenario versions: a scenario's content as self-contained YAML text, its hash, its place in the tree.

A version's text is the loaded scenario written back as YAML with its cadres inline (a CSV or XLSX cadre
table is read in), so that a version is one text that `planner validate` accepts and that loads back to
the same content: its `scenario_hash` (models.loading) is the hash of what was imported.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from models.loading import load_scenario, scenario_hash
from models.scenario import Scenario
from planner.workspace.errors import BadInput, UnknownId
from planner.workspace.ids import storable
from planner.workspace.schema import ScenarioVersion, WorkspaceState

_LOADED: dict[str, Scenario] = {}


def scenario_text(scenario: Scenario) -> str:
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def load_text(text: str) -> Scenario:
    """The scenario of a stored version's text (trusted: the workspace wrote it), loaded once a process."""
    if text not in _LOADED:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "version.yaml")
            path.write_text(text, encoding="utf-8")
            _LOADED[text] = load_scenario(path)
    return _LOADED[text]


def version_scenario(version: ScenarioVersion) -> Scenario:
    return load_text(version.content)


def new_version(
    scenario: Scenario, parent: ScenarioVersion | None, origin: str, source: str | None, at: str, user_id: int
) -> ScenarioVersion:
    text = scenario_text(scenario)
    _LOADED[text] = scenario
    return ScenarioVersion(
        parent_id=parent.id if parent else None,
        content=text,
        content_hash=scenario_hash(scenario),
        origin=origin,
        source=source,
        created_at=at,
        created_by=user_id,
    )


def head_version(session: Session) -> ScenarioVersion | None:
    state = session.get(WorkspaceState, 1)
    return session.get(ScenarioVersion, state.head_version_id) if state and state.head_version_id else None


def get_version(session: Session, version_id: int, field: str = "version_id") -> ScenarioVersion:
    version = session.get(ScenarioVersion, version_id) if storable(version_id) else None
    if version is None:
        raise UnknownId("không có phiên bản kịch bản này", "no such scenario version", field, version_id)
    return version


def require_head(session: Session) -> ScenarioVersion:
    head = head_version(session)
    if head is None:
        raise BadInput(
            "chưa có kịch bản, chạy `planner ws import SCENARIO` trước",
            "no scenario yet, run `planner ws import SCENARIO` first",
        )
    return head
