"""The output rule (issue 28, `planner.data.targets`): what each kind of path gets, on a throwaway folder.

Regular files are staged and renamed; a FIFO, a character device (a pty here, so that the tests hold for
any user) and a socket are written into and stay what they were; a link is followed and stays; a folder,
a missing folder, a workspace's file and an SQLite database are refused with nothing written.
"""

from __future__ import annotations

import errno
import os
import socket
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from planner.data.atomic import write_all_atomically, write_atomically, write_files_atomically
from planner.data.targets import Kind, OutputRefused, target_of


def _read_in_thread(open_reader) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def read() -> None:
        with open_reader() as stream:
            got.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, got = _read_in_thread(lambda: fifo.open("rb"))
    write_atomically(fifo, "plan text")
    thread.join(10)
    assert got == [b"plan text"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"], "no temporary file is left"


def test_a_character_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    master, slave = os.openpty()
    try:
        device = Path(os.ttyname(slave))
        assert target_of(device).kind is Kind.STREAM
        write_atomically(device, "to the terminal")
        assert stat.S_ISCHR(os.lstat(device).st_mode)
        assert b"to the terminal" in os.read(master, 1000)
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_null_device_made_in_a_folder_is_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    write_all_atomically({null: "a plan", tmp_path / "other.json": "other"})
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert (tmp_path / "other.json").read_text(encoding="utf-8") == "other"


def test_a_socket_is_written_into(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            chunks = []
            while chunk := connection.recv(4096):
                chunks.append(chunk)
            got.append(b"".join(chunks))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    write_atomically(path, "over a socket")
    thread.join(10)
    server.close()
    assert got == [b"over a socket"]
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_link_is_followed_and_stays(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    write_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640, "the file keeps its permission bits"


def test_a_dangling_link_writes_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    write_atomically(link, "made")
    assert link.is_symlink() and (tmp_path / "made.json").read_text(encoding="utf-8") == "made"


def test_an_existing_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    before = os.umask(0o077)
    try:
        write_all_atomically({kept: "new", tmp_path / "new.json": "new"})
    finally:
        os.umask(before)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda folder: folder / "sub", errno.EISDIR),
        (lambda folder: folder / "missing" / "plan.json", errno.ENOENT),
        (lambda folder: folder / "file.txt" / "plan.json", errno.ENOTDIR),
    ],
    ids=["folder", "missing-folder", "file-as-folder"],
)
def test_a_folder_or_a_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path, make, code) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    bad = make(tmp_path)
    with pytest.raises(OutputRefused) as raised:
        write_all_atomically({tmp_path / "first.json": "first", bad: "second"})
    assert raised.value.errno == code and raised.value.filename == str(bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "sub"]


def test_an_sqlite_database_is_never_replaced(tmp_path: Path) -> None:
    database = tmp_path / "plan.json"
    sqlite3.connect(database).execute("create table t (x)").connection.close()
    content = database.read_bytes()
    with pytest.raises(OutputRefused, match="SQLite"):
        write_atomically(database, "{}")
    assert database.read_bytes() == content


def test_a_file_the_workspace_owns_is_refused_by_its_identity(tmp_path: Path) -> None:
    key = tmp_path / "workspace.db.audit-key"
    key.write_text("secret", encoding="utf-8")
    other_name = tmp_path / "events.yaml"
    os.link(key, other_name)  # the same file under the name an export writes
    for target in (key, other_name):
        with pytest.raises(OutputRefused, match="workspace owns"):
            write_all_atomically({target: "exported"}, owned=[key])
    assert key.read_text(encoding="utf-8") == "secret"


def test_two_outputs_leading_to_one_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to("plan.json")
    with pytest.raises(OutputRefused, match="same file"):
        write_all_atomically({tmp_path / "plan.json": "a", tmp_path / "link.json": "b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json"]


def test_a_staged_file_that_vanishes_is_named_by_its_target_and_nothing_stays(tmp_path: Path) -> None:
    def vanishing(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        temporary.unlink()  # another program cleaning the folder mid-write

    with pytest.raises(OSError) as raised:
        write_files_atomically(
            {tmp_path / "a.json": lambda p: p.write_text("a"), tmp_path / "b.json": vanishing}
        )
    assert raised.value.filename == str(tmp_path / "b.json")
    assert list(tmp_path.iterdir()) == []
