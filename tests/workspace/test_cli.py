"""`planner ws` as a user meets it: the walk-through of docs/workspace.md as written, messages, exit codes, privacy.

The commands run in this process (typer's runner over the same `planner` app the entry point runs), so
that the walk-through's two dozen commands cost no process start-up each; `test_faults.py` and
`test_audit.py` run the real entry point in processes of their own.
"""

from __future__ import annotations

import json
import re
import shlex

import pytest
from typer.testing import CliRunner

from planner.cli.app import app
from tests.support.paths import EXAMPLE, ROOT
from tests.workspace.conftest import table_counts

runner = CliRunner()


def planner(*args: str, env: dict[str, str]):
    """`planner ARGS` run in this process with `env`; an exception escaping the app fails the test."""
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def walkthrough() -> list[str]:
    page = (ROOT / "docs" / "workspace.md").read_text(encoding="utf-8")
    section = page[: page.index("\n## ")]
    (block,) = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_workspace_walkthrough_works_as_written(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    env = {"PLANNER_DB": db_url, "PLANNER_USER": ""}
    outputs = []
    for line in walkthrough():
        words = shlex.split(line)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            env[name] = value
            continue
        assert words[0] == ".venv/bin/planner", line
        result = planner(*words[1:], env=env)
        assert result.exit_code == 0, (line, result.output)
        outputs.append((words[1:3], result.stdout))
    diffs = "".join(out for args, out in outputs if args[:2] == ["ws", "diff"])
    assert "cadres[C056].disciplined_until: đã đổi (thông tin cá nhân, không hiện)" in diffs
    assert (
        "C056: phong_dien.chu_tich từ / from 2024-04-01 → phong_dien.chu_tich từ / from 2024-10-01" in diffs
    )
    replanned = "".join(out for args, out in outputs if args[:2] == ["ws", "replan"])
    assert "timing (NQ 2012-NQ/TU, 2023-12-20)" in replanned
    assert "plan:2 lập lại / re-plan (từ / parent plan:1, version:4)" in replanned
    # C098's change names the decision that forced it (who, why), beside the rule id
    assert "quyết định / decision" in replanned
    replan = json.loads((tmp_path / "exported" / "plan-2.json").read_text(encoding="utf-8"))["replan"]
    (c098,) = [c for c in replan["changes"] if c["cadre"] == "C098"]
    (decision,) = [d for r in c098["reasons"] for d in r.get("decisions", [])]
    assert (decision["kind"], decision["scope"], decision["by"], decision["plan"]) == (
        "reject",
        "post",
        "hoa",
        1,
    )
    assert decision["reason"] == "Cần người có kinh nghiệm quản lý đô thị" and c098["after"] is not None
    shown = [out for args, out in outputs if args == ["ws", "show"]][-1]  # the re-plan's: decisions kept
    # statuses, decisions and roles in words, times in Vietnam's (no `[approved]`, `approve`, `until=`)
    assert "C042  vinh_thanh.chu_tich  2023-01-01  [đã có quyết định / decided]" in shown
    assert "C029  vinh_thanh.pho_bi_thu  2023-04-01  [đã duyệt / approved]" in shown
    # each one's parent status
    assert "[đã duyệt / approved]  (trong phương án gốc: đã duyệt / in the parent: approved)" in shown
    assert (
        "(người lập kế hoạch / planner) hoãn / deferred đến / until 2024-10-01: Chờ kiện toàn lãnh đạo Sở"
        in shown
    )
    assert "ghi quyết định đã ban hành / recorded the issued decision" in shown and "QĐ 1234-QĐ/TU" in shown
    assert not re.search(r"\[(open|approved|decided)\]|\d{4}-\d\d-\d\dT| (approve|defer|decided)[ :]", shown)
    solved = next(out for args, out in outputs if args == ["ws", "solve"])
    assert "plan:1 · lời giải / solve · gốc / base · Tối ưu / Optimal · mục tiêu / objective" in solved
    decided = "".join(out for args, out in outputs if args == ["ws", "decide"])
    assert "Đã ghi / recorded: plan:1 C042 đã duyệt / approved" in decided
    assert "intact" in outputs[-1][1]
    assert {p.name for p in (tmp_path / "exported").iterdir()} >= {
        "version-4.yaml",
        "plan-2.json",
        "events.yaml",
    }
    counts = table_counts(db_url)
    # versions: the import, two events, the re-plan's facts; decisions: eight, and the five carried
    # over to the five history placements the re-plan kept (C042 has three: propose, approve, decided;
    # C029 and C133 one each), and C057's deferral on the re-plan
    assert (counts["scenario_versions"], counts["events"], counts["plans"], counts["decisions"]) == (
        4,
        2,
        2,
        8 + 5 + 1,
    )


@pytest.fixture
def env(workspace, db_url):
    return {"PLANNER_DB": db_url, "PLANNER_USER": "minh"}


def test_refusals_are_vietnamese_first_with_field_and_value_and_exit_2(env, db_url):
    before = table_counts(db_url)
    cases = [
        (["ws", "import", str(EXAMPLE), "--user", "tuan"], "Không được phép / Permission denied"),
        (
            ["ws", "decide", "7", "C01", "approve", "--reason", "x", "--user", "hoa"],
            "PLAN: không có phương án",
        ),
        (
            ["ws", "event", "add", "--date", "2023-09-01", "--set", "cadres[C999].health_ok=false"],
            "cadres[C999]",
        ),
        (["ws", "user", "add", "x", "--role", "boss", "--user", "lan"], "--role: vai trò không có"),
        (["ws", "diff", "plan:1", "version:1"], "cần hai phương án"),
        (["ws", "import", str(EXAMPLE), "--user", "ghost"], "--user: không có người dùng"),
    ]
    for args, words in cases:
        result = planner(*args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert table_counts(db_url) == before


def test_no_workspace_yet_is_exit_2_and_says_run_init(tmp_path):
    result = planner("ws", "history", env={"PLANNER_DB": str(tmp_path / "none.db")})
    assert result.exit_code == 2 and "planner ws init" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_init_creates_workspace_db_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANNER_DB", raising=False)
    result = planner("ws", "init", "--admin", "lan", env={})
    assert result.exit_code == 0 and (tmp_path / "workspace.db").exists()


def test_outputs_never_show_a_personal_field(env, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    name = re.search(r'name: "?([^"\n]+ [^"\n]+)"?\n', text[text.index("cadres:") :]).group(1)
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(text.replace(name, "Người Khác Hẳn"), encoding="utf-8")
    assert planner("ws", "import", str(renamed), env=env).exit_code == 0
    shown = "".join(
        planner(*args, env=env).output for args in (["ws", "history"], ["ws", "diff", "v1", "v2"])
    )
    assert "personal, not shown" in shown
    set_name = ["ws", "event", "add", "--date", "2023-09-01", "--set", "cadres[C01].name=Tên Bí Mật"]
    assert planner(*set_name, env=env).exit_code == 0
    shown += planner("ws", "history", env=env).output
    assert "cadres[C01].name=…" in shown and "Bí Mật" not in shown
    assert name not in shown and "Người Khác Hẳn" not in shown


def test_export_writes_files_that_the_planner_checks(env, tmp_path):
    assert planner("ws", "solve", "--time-limit", "10", "--workers", "1", env=env).exit_code == 0
    out = tmp_path / "out"
    assert planner("ws", "export", "-o", str(out), "--plan", "plan:1", env=env).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["decisions.json", "plan-1.json", "version-1.yaml"]
    checked = planner("check", str(out / "version-1.yaml"), str(out / "plan-1.json"), env=env)
    assert checked.exit_code == 0, checked.output


def test_export_of_an_unknown_plan_writes_nothing(env, tmp_path):
    out = tmp_path / "out"
    result = planner("ws", "export", "-o", str(out), "--plan", "9", env=env)
    assert result.exit_code == 2 and "--plan" in result.stderr and not out.exists()


def test_events_from_a_file_are_all_or_none(env, db_url, tmp_path):
    events = tmp_path / "events.yaml"
    events.write_text(
        "- {date: 2023-09-01, set: {rules.quota.max: 4}, ref: QĐ 1}\n"
        "- {date: 2023-10-01, set: {'cadres[NOPE].health_ok': false}}\n",
        encoding="utf-8",
    )
    before = table_counts(db_url)
    result = planner("ws", "event", "add", "--file", str(events), env=env)
    assert result.exit_code == 2 and "[1].set.cadres[NOPE].health_ok" in result.stderr
    assert table_counts(db_url) == before
    events.write_text("- {date: 2023-09-01, set: {rules.quota.max: 4}, ref: QĐ 1}\n", encoding="utf-8")
    assert (
        planner("ws", "event", "add", "--file", str(events), "--source", "Kết luận", env=env).exit_code == 0
    )
