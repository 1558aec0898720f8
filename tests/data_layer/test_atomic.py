"""Several output files are written all or none: a failure at any file leaves no new file behind, puts back
the files that were there before, and names the file that failed (tests run as root, so a directory standing
at a file's path stands in for an unwritable file)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from planner.data.atomic import write_all_atomically, write_files_atomically
from planner.data.generate import TABLE_ABOVE, generate, write_scenario


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_file_that_cannot_be_renamed_into_place_leaves_no_file(tmp_path: Path) -> None:
    (tmp_path / "plan.alt3.json").mkdir()
    texts = {tmp_path / name: name for name in ("plan.json", "plan.alt2.json", "plan.alt3.json")}
    with pytest.raises(OSError) as raised:
        write_all_atomically(texts)
    assert raised.value.filename == str(tmp_path / "plan.alt3.json")
    assert _listing(tmp_path) == {}, "neither the renamed files nor a temporary file stay"


def test_files_that_were_there_before_are_put_back(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("old plan", encoding="utf-8")
    (tmp_path / "plan.alt2.json").write_text("old alternative", encoding="utf-8")
    (tmp_path / "plan.alt3.json").mkdir()
    texts = {tmp_path / name: "new" for name in ("plan.json", "plan.alt2.json", "plan.alt3.json")}
    with pytest.raises(OSError):
        write_all_atomically(texts)
    assert _listing(tmp_path) == {"plan.json": "old plan", "plan.alt2.json": "old alternative"}


def test_a_writer_that_fails_leaves_no_file_and_is_named(tmp_path: Path) -> None:
    def full_disk(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device", str(temporary))

    writers = {
        tmp_path / "a.json": lambda p: p.write_text("a", encoding="utf-8"),
        tmp_path / "b.xlsx": full_disk,
    }
    with pytest.raises(OSError) as raised:
        write_files_atomically(writers)
    assert raised.value.filename == str(tmp_path / "b.xlsx") and raised.value.errno == 28
    assert _listing(tmp_path) == {}


def test_a_missing_folder_is_named_by_its_target(tmp_path: Path) -> None:
    texts = {tmp_path / "a.json": "a", tmp_path / "missing" / "b.json": "b"}
    with pytest.raises(OSError) as raised:
        write_all_atomically(texts)
    assert raised.value.filename == str(tmp_path / "missing" / "b.json")
    assert raised.value.errno == errno.ENOENT and "missing" in raised.value.strerror
    assert _listing(tmp_path) == {}


def test_all_files_are_written_and_replace_older_ones(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old", encoding="utf-8")
    write_all_atomically({tmp_path / "a.json": "new a", tmp_path / "b.json": "new b"})
    assert _listing(tmp_path) == {"a.json": "new a", "b.json": "new b"}


def test_generate_leaves_no_table_when_its_yaml_cannot_be_written(tmp_path: Path) -> None:
    scenario = generate(TABLE_ABOVE + 1, 20, seed=1)
    (tmp_path / f"{scenario['name']}.yaml").mkdir()
    with pytest.raises(OSError) as raised:
        write_scenario(scenario, tmp_path)
    assert raised.value.filename == str(tmp_path / f"{scenario['name']}.yaml")
    assert _listing(tmp_path) == {}, "no CSV without its YAML"
