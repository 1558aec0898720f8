"""Every path a user gives a writing command (issue 28), as the shell runs it, on a throwaway folder.

`-o -` is standard output (the summary then goes to standard error) and a scenario `-` standard input; a
FIFO and a character device are written into, never replaced; a link is followed; a folder or a missing
folder is exit 2; a full disk is one message and exit 2, never a traceback, in every format; a workspace's
database is never an output. No test here touches `/dev/null` (the autouse check in tests/conftest.py
holds after each), and none needs root but the two marked so.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import EXAMPLE, ROOT
from tests.support.processes import run_planner

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def solve(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return run_planner("solve", *args, "--workers", "1", "--time-limit", "10", **kwargs)


def no_traceback(done: subprocess.CompletedProcess) -> None:
    text = done.stderr if isinstance(done.stderr, str) else done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "Exception ignored" not in text, text


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "plan.json"
    assert solve(EXAMPLE, "-o", out).returncode == EXIT_OK
    return out


def test_dash_writes_the_plan_to_standard_output_and_the_summary_to_standard_error() -> None:
    done = solve(EXAMPLE, "-o", "-")
    assert done.returncode == EXIT_OK, done.stderr
    plan = json.loads(done.stdout)  # stdout is the plan and nothing else: `| jq .objective` works
    assert plan["objective"] is not None and plan["assignments"]
    assert "standard output" in done.stderr
    assert not (ROOT / "-").exists()


def test_a_scenario_dash_is_read_from_standard_input() -> None:
    done = solve("-", "-o", "-", input=EXAMPLE.read_text(encoding="utf-8"))
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["assignments"]


def test_a_scenario_from_standard_input_finds_its_table_from_the_current_folder(tmp_path: Path) -> None:
    scenario = ROOT / "scenarios" / "can-tho-2025-2030.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's planner, run from another folder
    done = run_planner(
        "validate", "-", cwd=scenario.parent, env=env, input=scenario.read_text(encoding="utf-8")
    )
    assert done.returncode == EXIT_OK, done.stderr


def test_dash_is_refused_where_several_files_would_be_written(tmp_path: Path) -> None:
    done = solve(EXAMPLE, "-o", "-", "--alternatives", "2")
    assert done.returncode == EXIT_BAD_INPUT and done.stdout == ""
    assert "several files" in done.stderr
    for command in (("generate", "-o", "-"), ("sweep", EXAMPLE, "-o", "-")):
        done = run_planner(*command, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == EXIT_BAD_INPUT and "folder" in done.stderr
        assert not (tmp_path / "-").exists()


def test_a_fifo_gets_the_plan_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = solve(EXAMPLE, "-o", fifo)
    reader.join(30)
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(got[0])["assignments"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@contextlib.contextmanager
def terminal() -> Iterator[tuple[int, Path]]:
    """A pseudo-terminal: its master end, and the path of its device (a character device any user has)."""
    master, slave = os.openpty()
    try:
        yield master, Path(os.ttyname(slave))
    finally:
        os.close(slave)
        os.close(master)


def _drain(master: int, into: list[bytes]) -> None:
    with contextlib.suppress(OSError):
        while chunk := os.read(master, 65536):
            into.append(chunk)


def test_a_character_device_is_written_into_never_replaced() -> None:
    with terminal() as (master, device):
        got: list[bytes] = []
        threading.Thread(target=_drain, args=(master, got), daemon=True).start()
        done = solve(EXAMPLE, "-o", device)
        assert done.returncode == EXIT_OK, done.stderr
        assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_null_device_in_a_folder_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert solve(EXAMPLE, "-o", null).returncode == EXIT_OK
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    assert solve(EXAMPLE, "-o", link).returncode == EXIT_OK
    assert link.is_symlink()
    assert json.loads((tmp_path / "real.json").read_text(encoding="utf-8"))["assignments"]


@pytest.mark.parametrize(
    ("where", "said"),
    [("folder", "a folder"), ("missing/plan.json", "does not exist")],
)
def test_a_folder_or_a_missing_folder_is_exit_2(tmp_path: Path, where: str, said: str) -> None:
    (tmp_path / "folder").mkdir()
    done = solve(EXAMPLE, "-o", tmp_path / where)
    assert done.returncode == EXIT_BAD_INPUT
    assert said in " ".join(done.stderr.split()) and "nothing written" in " ".join(done.stderr.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_an_sqlite_database_is_never_an_output(tmp_path: Path) -> None:
    database = tmp_path / "workspace.db"
    sqlite3.connect(database).execute("create table t (x)").connection.close()
    before = database.read_bytes()
    done = solve(EXAMPLE, "-o", database)
    assert done.returncode == EXIT_BAD_INPUT and "SQLite" in done.stderr
    assert database.read_bytes() == before


def test_ws_export_into_the_database_folder_never_replaces_the_database(tmp_path: Path) -> None:
    database = tmp_path / "decisions.json"  # a name the export writes
    db = ("--db", str(database))
    assert run_planner("ws", "init", *db, "--admin", "lan").returncode == EXIT_OK
    done = run_planner("ws", "export", "-o", tmp_path, *db)
    assert done.returncode == EXIT_BAD_INPUT and "workspace owns" in " ".join(done.stderr.split())
    assert database.read_bytes().startswith(b"SQLite format 3\x00")
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["decisions.json", "decisions.json.audit-key"], "nothing but what ws init made"


def test_ws_export_never_replaces_the_audit_key_wherever_it_is(tmp_path: Path) -> None:
    """The key file `PLANNER_AUDIT_KEY_FILE` names is the workspace's too, even in another folder."""
    out = tmp_path / "out"
    out.mkdir()
    key = out / "decisions.json"  # a name the export writes
    env = {**os.environ, "PLANNER_AUDIT_KEY_FILE": str(key)}
    db = ("--db", str(tmp_path / "ws.db"))
    assert run_planner("ws", "init", *db, "--admin", "lan", env=env).returncode == EXIT_OK
    before = key.read_bytes()
    done = run_planner("ws", "export", "-o", out, *db, env=env)
    assert done.returncode == EXIT_BAD_INPUT and "workspace owns" in " ".join(done.stderr.split())
    assert key.read_bytes() == before and sorted(p.name for p in out.iterdir()) == ["decisions.json"]
    assert run_planner("ws", "history", *db).returncode == EXIT_OK


def test_xlsx_to_standard_output(plan_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "report", EXAMPLE, plan_file, "-o", "-", "--format", "xlsx"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    no_traceback(done)
    assert done.returncode == EXIT_OK and done.stdout.startswith(b"PK")


def test_xlsx_is_refused_on_a_terminal(plan_file: Path) -> None:
    with terminal() as (master, device), device.open("wb") as screen:
        threading.Thread(target=_drain, args=(master, []), daemon=True).start()
        done = subprocess.run(
            [sys.executable, "-m", "planner", "report", EXAMPLE, plan_file, "-o", "-", "--format", "xlsx"],
            cwd=ROOT,
            stdout=screen,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    no_traceback(done)
    assert done.returncode == EXIT_BAD_INPUT and b"binary" in done.stderr


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted on `folder` (root only: mounting needs it), unmounted after."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", folder], check=True)


@pytest.mark.parametrize("name", ["r.xlsx", "plan.json"])
def test_a_read_only_folder_is_one_message_and_no_traceback(
    tmp_path: Path, plan_file: Path, name: str
) -> None:
    with tmpfs(tmp_path / "ro", "size=64k,ro") as folder:
        if name == "plan.json":
            done = solve(EXAMPLE, "-o", folder / name)
        else:
            done = run_planner("report", EXAMPLE, plan_file, "-o", folder / name)
        no_traceback(done)
        assert done.returncode == EXIT_BAD_INPUT and "Read-only" in done.stderr


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a tmpfs with no room left (root only: mounting needs it)."""
    with tmpfs(tmp_path / "full", "size=64k") as folder:
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield folder


@pytest.mark.parametrize("name", ["r.xlsx", "r.html", "plan.json"])
def test_a_full_disk_is_one_message_and_no_traceback(full_disk: Path, plan_file: Path, name: str) -> None:
    target = full_disk / name
    if name == "plan.json":
        done = solve(EXAMPLE, "-o", target)
    else:
        done = run_planner("report", EXAMPLE, plan_file, "-o", target)
    no_traceback(done)
    assert done.returncode == EXIT_BAD_INPUT
    assert "No space left" in done.stderr and "nothing written" in " ".join(done.stderr.split())
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("form", ["xlsx", "html"])
def test_a_full_device_is_one_message_and_no_traceback(tmp_path: Path, plan_file: Path, form: str) -> None:
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # as /dev/full: every write is ENOSPC
    done = run_planner("report", EXAMPLE, plan_file, "-o", full, "--format", form)
    no_traceback(done)
    assert done.returncode == EXIT_BAD_INPUT and "No space left" in done.stderr
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_replan_dash_writes_the_new_plan_to_standard_output(plan_file: Path) -> None:
    done = run_planner("replan", EXAMPLE, "--from", plan_file, "--as-of", "2024-01-01", "-o", "-")
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["replan"]["as_of"] == "2024-01-01"
    assert "standard output" in done.stderr


def test_a_reader_that_goes_away_is_one_message_and_no_traceback(plan_file: Path) -> None:
    """`planner report ... -o - | head -c 10`: the pipe breaks part-way; said so, exit 2, no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "report", EXAMPLE, plan_file, "-o", "-"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(10) == b"<!DOCTYPE "
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(120) == EXIT_BAD_INPUT
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert "cannot write all of" in " ".join(stderr.split())


def test_format_never_contradicts_the_suffix(plan_file: Path, tmp_path: Path) -> None:
    done = run_planner("report", EXAMPLE, plan_file, "-o", tmp_path / "r.html", "--format", "xlsx")
    assert done.returncode == EXIT_BAD_INPUT and "disagrees" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_sweep_refuses_a_plan_file_it_cannot_write_before_solving(tmp_path: Path) -> None:
    (tmp_path / "contract-example.plan.json").mkdir()
    done = run_planner("sweep", EXAMPLE, "-o", tmp_path)
    assert done.returncode == EXIT_BAD_INPUT and "a folder" in done.stderr
    assert "OPTIMAL" not in done.stdout, "refused before any solve"
