"""`planner ws ...`: the workspace's commands (issue 12 section 2). Parse, call `Workspace`, print.

Every write names its user (`--user` or `PLANNER_USER`) and its database (`--db` or `PLANNER_DB`, by
default `workspace.db` here). Roles and transactions are the library's (`planner.workspace`): this module
only turns its refusals into messages and exit codes: 2 bad input, unknown id or refused role, 4 internal
error, 5 a concurrent change refused (nothing written; run the command again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.markup import escape

from planner.cli.console import (
    EXIT_BAD_INPUT,
    EXIT_BY_STATUS,
    EXIT_INTERNAL,
    ChangeCostOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    console,
    errors,
    fail_on_bad_input,
    fail_on_rejected,
    fail_on_unwritable,
    refuse_standard_output,
)
from planner.cli.credentials import (
    SESSION_SECONDS,
    ask_password,
    new_secret,
    prove,
    read_password_line,
    read_session,
    session_file,
    write_session,
)

if TYPE_CHECKING:
    from planner.workspace import AuditKey, Workspace, WorkspaceError

EXIT_CONCURRENT_CHANGE = 5
#: `ws solve` exits as `planner solve` does, by the status of the scenario's best plan.
#: The decisions `ws decide` takes (`planner.workspace.DECISION_KINDS`, kept equal by a test), written out
#: so that `--help` costs no database library.
DECISION_KINDS_HELP = "propose|approve|reject|defer|decided|comment"

ws_app = typer.Typer(
    no_args_is_help=True,
    help="Không gian làm việc / workspace: versions, plans, decisions, events, audit (SQLite or PostgreSQL)",
)
user_app = typer.Typer(no_args_is_help=True, help="Người dùng / users")
event_app = typer.Typer(no_args_is_help=True, help="Sự kiện / dated fact changes")
audit_app = typer.Typer(no_args_is_help=True, help="Sổ nhật ký / the audit log")
ws_app.add_typer(user_app, name="user")
ws_app.add_typer(event_app, name="event")
ws_app.add_typer(audit_app, name="audit")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PLANNER_DB",
        show_envvar=True,
        help="Cơ sở dữ liệu / database URL or SQLite file (default workspace.db)",
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user", envvar="PLANNER_USER", show_envvar=True, help="Người thực hiện / the user who writes"
    ),
]
PlanArg = Annotated[str, typer.Argument(help="Phương án / plan id (3 or plan:3)")]
PasswordStdinOption = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Đặt mật khẩu từ một dòng của đầu vào chuẩn / set the password from one line of standard input",
    ),
]
#: The acting user's own password (`credentials.py`), on every command that writes as a user.
ProofOption = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Mật khẩu của người thực hiện, một dòng của đầu vào chuẩn / the acting user's password, one line "
        "of standard input (or `ws login`, or asked at a terminal)",
    ),
]

T = TypeVar("T")

#: The workspace's field names (`planner.workspace.errors`) as these commands' flags and arguments name
#: them; a name not here (a flag the command line itself checks) is shown as it is.
FLAGS = {
    "kind": "DECISION",
    "reason": "--reason",
    "ref": "--ref",
    "decided_on": "--date",
    "scope": "--scope",
    "until": "--until",
    "cadre_id": "CADRE",
    "plan_id": "PLAN",
    "version_id": "--version",
    "user": "--user",
    "name": "NAME",
    "password": "PASSWORD",
    "role": "--role",
    "admin": "--admin",
    "a": "A",
    "b": "B",
    "database": "--db",
    "head": "--head",
}


def flag_of(field: str | None, flags: Mapping[str, str] | None = None) -> str | None:
    """The command line's name for the workspace's `field` (`flags` first: a command's own names)."""
    if field is None:
        return None
    return (flags or {}).get(field) or FLAGS.get(field, field)


@contextmanager
def _refusals(flags: Mapping[str, str] | None = None) -> Iterator[None]:
    """The library's refusals as one message each, naming the command's flags, and their exit codes;
    never a traceback. `flags`: the command's own names for fields, before `FLAGS`."""
    from sqlalchemy.exc import OperationalError

    from planner import InputError
    from planner.workspace import ConcurrentChange, PermissionDenied, WorkspaceError

    try:
        yield
    except PermissionDenied as error:
        errors.print(
            f"[red]Không được phép / Permission denied:[/red] {escape(_said(error, flags))}", highlight=False
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except ConcurrentChange as error:
        errors.print(
            f"[red]Xung đột ghi đồng thời / Concurrent change:[/red] {escape(_said(error, flags))}",
            highlight=False,
        )
        raise typer.Exit(EXIT_CONCURRENT_CHANGE) from None
    except WorkspaceError as error:
        errors.print(
            f"[red]Dữ liệu đầu vào không hợp lệ / Bad input:[/red] {escape(_said(error, flags))}",
            highlight=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except InputError as error:
        raise fail_on_bad_input(error) from None
    except OperationalError as error:
        # The driver's first line (a refused connection, a locked file), never SQLAlchemy's text, which
        # quotes the statement and its parameters.
        reason = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
        errors.print(
            f"[red]--db: Không mở được cơ sở dữ liệu / cannot use the database:[/red] {escape(reason)}",
            highlight=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _said(error: WorkspaceError, flags: Mapping[str, str] | None) -> str:
    return error.message_naming(flag_of(error.field, flags))


def _with_workspace(
    db: str | None, work: Callable[[Workspace], T], flags: Mapping[str, str] | None = None
) -> T:
    from planner.workspace import Workspace

    with _refusals(flags):
        workspace = Workspace.open(db)
        try:
            return work(workspace)
        finally:
            workspace.dispose()


def _as_user(db: str | None, user: str | None, password_stdin: bool, work: Callable[[Workspace], T]) -> T:
    """`work` on the workspace once the acting user proved who they are (`credentials.prove`)."""

    def proved(workspace: Workspace) -> T:
        prove(workspace, user, password_stdin)
        return work(workspace)

    return _with_workspace(db, proved)


def _stdin_password() -> str:
    """One line of standard input, its line ending cut (spaces are the password's); checked, so that a
    refused password is refused before anything is written."""
    from planner.workspace import check_password

    password = read_password_line()
    with _refusals():
        check_password(password)
    return password


def _plan_id(text: str, field: str = "PLAN") -> int:
    digits = text.removeprefix("plan:").removeprefix("p")
    if not digits.isdigit():
        errors.print(
            f"{field}: cần số phương án / a plan id is needed (giá trị / value: {text!r})", markup=False
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    return int(digits)


@ws_app.command("init")
def init_command(
    db: DbOption = None,
    admin: Annotated[
        str | None, typer.Option("--admin", help="Người quản trị đầu tiên / the first admin")
    ] = None,
    password_stdin: PasswordStdinOption = False,
) -> None:
    """Tạo không gian làm việc / create the workspace (or bring its schema up to date)."""
    from planner.workspace import BadInput, Workspace

    password = None
    if password_stdin:
        if not admin:
            with _refusals():
                raise BadInput("--password-stdin cần --admin", "--password-stdin needs --admin", "--admin")
        password = _stdin_password()
    with _refusals():
        workspace, created = Workspace.init(db, admin)
        try:
            if password is not None and admin:
                workspace.set_password(admin.strip(), admin.strip(), password)
        finally:
            workspace.dispose()
    what = "Đã tạo / created" if created else "Đã có, lược đồ đã cập nhật / exists, schema up to date"
    console.print(f"{what}: không gian làm việc / workspace", markup=False, highlight=False)
    if admin:
        console.print(f"Quản trị / admin: {admin}", markup=False, highlight=False)
    if password is not None:
        console.print(f"Đã đặt mật khẩu / password set: {admin}", markup=False, highlight=False)
    _print_key(workspace.audit_key)


def _print_key(key: AuditKey | None) -> None:
    """Where the audit key is (never the key), or that the log is unkeyed and how to key it."""
    from planner.workspace import KEY_FILE_ENV

    if key is None:
        errors.print(
            "Cảnh báo / Warning: sổ nhật ký không có khoá, chỉ phát hiện được sửa đổi vô ý; đặt "
            f"{KEY_FILE_ENV} rồi chạy lại `planner ws init` / the audit log has no key and only detects "
            f"careless edits; set {KEY_FILE_ENV} and run `planner ws init` again",
            markup=False,
            highlight=False,
        )
        return
    console.print(
        f"Khoá nhật ký / audit key: {key.where} (ký từ mục / signs from entry {key.start}; giữ bí mật, "
        "ngoài cơ sở dữ liệu / keep it secret, away from the database)",
        markup=False,
        highlight=False,
    )


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập / user name")],
    role: Annotated[str, typer.Option("--role", help="viewer | planner | approver | admin")],
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: PasswordStdinOption = False,
) -> None:
    """Thêm người dùng (chỉ quản trị) / add a user (admins only), with --password-stdin their password."""
    from planner.cli.workspace_words import role_words

    password = _stdin_password() if password_stdin else None

    def add(ws: Workspace):
        added = ws.add_user(user, name, role)
        if password is not None:
            ws.set_password(user, added.name, password)
        return added

    added = _as_user(db, user, False, add)
    console.print(f"Đã thêm / added: {added.name} ({role_words(added.role)})", markup=False, highlight=False)
    if password is not None:
        console.print(f"Đã đặt mật khẩu / password set: {added.name}", markup=False, highlight=False)


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập / user name")],
    stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            "--stdin",
            help="Đọc một dòng từ đầu vào chuẩn / read one line of standard input",
        ),
    ] = False,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Đặt mật khẩu (của mình, hoặc của bất kỳ ai nếu là quản trị) / set a password (one's own; an
    admin anyone's), asked twice unseen, or with --password-stdin (as every other command names it;
    --stdin too) one line of standard input."""
    if stdin:
        password = _stdin_password()
    else:
        password = typer.prompt(
            "Mật khẩu mới / new password",
            hide_input=True,
            confirmation_prompt="Nhập lại / repeat",
        )
    _as_user(db, user, False, lambda ws: ws.set_password(user, name, password))
    console.print(f"Đã đặt mật khẩu / password set: {name.strip()}", markup=False, highlight=False)


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """Người dùng và vai trò / users and their roles."""
    for shown in _with_workspace(db, lambda ws: ws.users()):
        console.print(f"{shown.name}\t{shown.role}", markup=False, highlight=False)


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập / user name")],
    role: Annotated[str, typer.Option("--role", help="viewer | planner | approver | admin")],
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: ProofOption = False,
) -> None:
    """Đổi vai trò (chỉ quản trị); các phiên đăng nhập của người đó kết thúc / change a user's role (admins
    only); the user's open sessions end."""
    from planner.cli.workspace_words import role_words

    _as_user(db, user, password_stdin, lambda ws: ws.set_role(user, name, role))
    console.print(
        f"Đã đổi vai trò / role changed: {name.strip()} ({role_words(role)})", markup=False, highlight=False
    )


@ws_app.command("login")
def login_command(
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: ProofOption = False,
) -> None:
    """Đăng nhập cho các lệnh ghi trong một giờ / log in for the writing commands, for an hour: a session
    file readable by its owner only; `ws logout`, a password reset or a role change ends it."""
    from planner.workspace import BadInput

    name = (user or "").strip()
    if not name:
        with _refusals():
            raise BadInput("cần --user", "--user is needed", "--user")
    password = read_password_line() if password_stdin else ask_password(name)
    secret = new_secret()

    def log_in(ws: Workspace):
        if ws.log_in(name, password, secret, SESSION_SECONDS) is None:
            raise BadInput(
                "sai tên đăng nhập hoặc mật khẩu (hoặc người dùng chưa có mật khẩu)",
                "wrong user name or password (or the user has no password)",
                "--user",
                name,
            )
        path = session_file(ws, name)
        try:
            write_session(path, secret)
        except OSError:
            ws.log_out(secret)
            raise BadInput(
                "không ghi được tệp phiên đăng nhập", "cannot write the session file", "--user", name
            ) from None
        return path

    path = _with_workspace(db, log_in)
    console.print(
        f"Đã đăng nhập / logged in: {name}, {SESSION_SECONDS // 60} phút / minutes ({path})",
        markup=False,
        highlight=False,
    )


@ws_app.command("logout")
def logout_command(user: UserOption = None, db: DbOption = None) -> None:
    """Đăng xuất: kết thúc phiên của `ws login` / log out: end the session of `ws login`."""
    name = (user or "").strip()

    def log_out(ws: Workspace) -> bool:
        path = session_file(ws, name)
        secret = read_session(path)
        if secret is not None:
            ws.log_out(secret)
        path.unlink(missing_ok=True)
        return secret is not None

    ended = _with_workspace(db, log_out)
    said = "Đã đăng xuất / logged out" if ended else "Không có phiên đăng nhập / no session"
    console.print(f"{said}: {name}", markup=False, highlight=False)


@ws_app.command("import")
def import_command(
    scenario: Annotated[Path, typer.Argument(help="Tệp kịch bản YAML / scenario YAML file")],
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: ProofOption = False,
) -> None:
    """Nhập kịch bản thành phiên bản mới / import a scenario file as a new version."""
    version = _as_user(db, user, password_stdin, lambda ws: ws.import_scenario(user, scenario))
    if version is None:
        console.print(
            "Không đổi so với phiên bản hiện tại / unchanged from the current version", markup=False
        )
        return
    console.print(
        f"Đã nhập / imported: version:{version.id} (hash {version.content_hash[:12]})",
        markup=False,
        highlight=False,
    )


@ws_app.command("solve")
def solve_command(
    user: UserOption = None,
    db: DbOption = None,
    version: Annotated[
        int | None, typer.Option("--version", help="Phiên bản / version (default: current)")
    ] = None,
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    alternatives: Annotated[int, typer.Option("--alternatives", min=1, help="Số phương án / plans")] = 1,
    min_diff: Annotated[int, typer.Option("--min-diff", min=1, help="Khác ít nhất / differ in >= D")] = 1,
    variant_names: Annotated[
        list[str] | None,
        typer.Option("--variant", metavar="NAME", help="Biến thể / variant (all: every one)"),
    ] = None,
    set_options: Annotated[
        list[str] | None, typer.Option("--set", metavar="PATH=VALUE", help="Ghi đè / override")
    ] = None,
    password_stdin: ProofOption = False,
) -> None:
    """Lập phương án cho một phiên bản và lưu / solve a version and store every plan."""
    from planner import PlanRejected, SolveOptions
    from planner.analysis import parse_set_options

    with _refusals():
        overrides = parse_set_options(set_options or [])
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)

    def run(ws: Workspace):
        try:
            return ws.solve(
                user,
                options,
                version_id=version,
                alternatives=alternatives,
                min_diff=min_diff,
                variants=variant_names or [],
                overrides=overrides,
            )
        except PlanRejected as error:
            errors.print(
                f"Lỗi nội bộ: bộ kiểm tra độc lập bác bỏ phương án / internal error: {error}", markup=False
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    from planner.wording import number_text, plan_kind_words, status_label

    stored = _as_user(db, user, password_stdin, run)
    for plan in stored:
        console.print(
            f"plan:{plan.id} · {plan_kind_words(plan.kind)} · {plan.label} · {status_label(plan.status)} · "
            f"mục tiêu / objective {number_text(plan.objective)} (version:{plan.scenario_version_id})",
            markup=False,
            highlight=False,
        )
    raise typer.Exit(max(EXIT_BY_STATUS[plan.status] for plan in stored if plan.kind in ("solve", "variant")))


@ws_app.command("replan")
def replan_command(
    plan: PlanArg,
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of", metavar="DATE", help="Ngày bắt đầu của giai đoạn / a start date of the period"
        ),
    ],
    change_cost: ChangeCostOption = None,
    user: UserOption = None,
    db: DbOption = None,
    time_limit: TimeLimitOption = 60.0,
    workers: WorkersOption = 2,
    seed: SeedOption = 0,
    password_stdin: ProofOption = False,
) -> None:
    """Lập lại phương án từ một ngày, giữ quyết định / re-plan a stored plan as of a date: its history kept,
    decided placements pinned, rejected ones forbidden, approved ones kept where the rules allow."""
    from planner import PlanRejected, SolveOptions
    from planner.cli.replan import print_replan

    plan_id = _plan_id(plan)
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)

    def run(ws: Workspace):
        try:
            return ws.replan(user, plan_id, as_of, options, change_cost)
        except PlanRejected as error:
            raise fail_on_rejected(error.violations, "phương án", "the re-planned plan") from None

    record, result = _as_user(db, user, password_stdin, run)
    print_replan(console, result, f"plan:{plan_id}")
    if record is None:
        errors.print(
            "Không tìm được phương án trong thời hạn: không ghi gì / no plan within the limit: nothing stored",
            markup=False,
        )
    else:
        console.print(
            f"Đã lưu / stored: plan:{record.id} lập lại / re-plan (từ / parent plan:{plan_id}, "
            f"version:{record.scenario_version_id})",
            markup=False,
            highlight=False,
        )
    raise typer.Exit(EXIT_BY_STATUS[result.plan.status])


@ws_app.command("decide")
def decide_command(
    plan: PlanArg,
    cadre: Annotated[str, typer.Argument(help="Mã cán bộ / cadre id")],
    decision: Annotated[str, typer.Argument(help=DECISION_KINDS_HELP)],
    reason: Annotated[str, typer.Option("--reason", help="Lý do / reason")],
    ref: Annotated[str | None, typer.Option("--ref", help="Số hiệu văn bản / reference number")] = None,
    decided_on: Annotated[str | None, typer.Option("--date", help="Ngày ban hành / date issued")] = None,
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            help="reject: post (vị trí này / this post, mặc định / default) | cadre (cả cán bộ / the cadre)",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="defer: không bắt đầu trước / no start before DATE"),
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: ProofOption = False,
) -> None:
    """Quyết định về một vị trí / decide on a placement: propose, approve, reject, defer, decided, comment."""
    from planner.wording import decision_words
    from planner.workspace import DecisionInput

    plan_id = _plan_id(plan)
    taken = DecisionInput(decision, reason, ref, decided_on, scope, until)
    _as_user(db, user, password_stdin, lambda ws: ws.decide(user, plan_id, cadre, taken))
    console.print(
        f"Đã ghi / recorded: plan:{plan_id} {cadre} {decision_words(decision)}", markup=False, highlight=False
    )


@ws_app.command("show")
def show_command(plan: PlanArg, db: DbOption = None) -> None:
    """Các vị trí của phương án và quyết định / a plan's placements and their decisions."""
    from planner.cli.workspace_words import decision_line, placement_line

    plan_id = _plan_id(plan)
    for placement in _with_workspace(db, lambda ws: ws.placements(plan_id)):
        console.print(placement_line(placement), markup=False, highlight=False)
        for d in placement.decisions:
            console.print(f"    {decision_line(d)}", markup=False, highlight=False)


@event_app.command("add")
def event_add(
    when: Annotated[str | None, typer.Option("--date", help="Ngày / date YYYY-MM-DD")] = None,
    set_options: Annotated[
        list[str] | None,
        typer.Option(
            "--set", metavar="PATH=VALUE", help="Thay đổi / change, e.g. cadres[C042].health_ok=false"
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
    ref: Annotated[str | None, typer.Option("--ref", help="Số hiệu văn bản / reference")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Văn bản nguồn / source document")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Tệp sự kiện YAML / events file")] = None,
    user: UserOption = None,
    db: DbOption = None,
    password_stdin: ProofOption = False,
) -> None:
    """Ghi sự kiện thay đổi dữ kiện / record dated fact changes (each makes a new version)."""
    from planner import load_events
    from planner.analysis import parse_set_options
    from planner.replan import event_of
    from planner.workspace import BadInput

    with _refusals():
        if file is not None:
            if when or set_options:
                raise BadInput(
                    "--file hoặc --date/--set, không cả hai",
                    "--file or --date/--set, not both",
                    "--file",
                    str(file),
                )
            events = load_events(file)
            if source:
                events = [e if e.source else e.model_copy(update={"source": source}) for e in events]
            origin = str(file)
        else:
            fields = {
                "date": when,
                "set": parse_set_options(set_options or []) or None,
                "note": note,
                "ref": ref,
                "source": source,
            }
            events = [event_of({k: v for k, v in fields.items() if v is not None}, "event add", "event")]
            origin = "event add"
    made = _as_user(db, user, password_stdin, lambda ws: ws.add_events(user, events, origin))
    for version in made:
        console.print(
            f"Phiên bản mới / new version: version:{version.id} (parent version:{version.parent_id})",
            markup=False,
            highlight=False,
        )


@ws_app.command("history")
def history_command(db: DbOption = None) -> None:
    """Lịch sử: các phiên bản dạng cây / history: versions as a tree, with their events and plans."""

    def show(nodes, indent: str) -> None:
        for position, node in enumerate(nodes):
            last = position == len(nodes) - 1
            console.print(
                f"{indent}{'└── ' if last else '├── '}{node.ref}  {node.text}", markup=False, highlight=False
            )
            show(node.children, indent + ("    " if last else "│   "))

    show(_with_workspace(db, lambda ws: ws.history()), "")


@ws_app.command("diff")
def diff_command(
    first: Annotated[str, typer.Argument(help="plan:N hoặc / or version:N")],
    second: Annotated[str, typer.Argument(help="plan:N hoặc / or version:N")],
    db: DbOption = None,
) -> None:
    """Khác biệt bằng lời / differences in words: who moves, which rules and facts changed."""
    from planner.workspace import Workspace, parse_pair

    titles = {
        "placements": "Bố trí / placements",
        "afters": "Sau luân chuyển / after the rotation",
        "rules": "Quy định / rules",
        "facts": "Dữ kiện / facts",
    }
    with _refusals():
        a, b = parse_pair(first, second)
    differences = Workspace.diff_plans if a.kind == "plan" else Workspace.diff_versions
    lines = _with_workspace(db, lambda ws: differences(ws, a.id, b.id))
    for section, title in titles.items():
        chosen = [line.text for line in lines if line.section == section]
        if chosen:
            console.print(f"{title}:", markup=False, highlight=False)
            for text in chosen:
                console.print(f"  • {text}", markup=False, highlight=False)


@audit_app.command("verify")
def audit_verify(
    db: DbOption = None,
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="Đầu sổ đã ghi lại (SỐ:MÃ_BĂM của `ws audit head`) phải còn trong sổ / the head written "
            "down (SEQ:HASH from `ws audit head`) must still be in the log",
        ),
    ] = None,
) -> None:
    """Kiểm tra sổ nhật ký và các dòng nó ghi / verify the audit log and the rows it records (exit 1 if not)."""
    report = _with_workspace(db, lambda ws: ws.verify_audit(head))
    for note in report.notes:
        errors.print(f"Lưu ý / Note: {note.vi} / {note.en}", markup=False, highlight=False)
    if report.intact:
        signed = (
            f"chữ ký đã kiểm tra bằng khoá / signatures checked with the key {report.key_where}"
            if report.key_where
            else "không có khoá / no key"
        )
        console.print(
            f"Sổ nhật ký nguyên vẹn / audit log intact: {report.entries} mục / entries; {signed}; các dòng "
            "khớp với sổ / every row agrees with the log",
            markup=False,
            highlight=False,
        )
        return
    errors.print(
        f"[red]Sổ nhật ký bị can thiệp / audit log tampered with:[/red] "
        f"{len(report.breaks) + len(report.rows)}",
        highlight=False,
    )
    for found in report.breaks:
        errors.print(f"  • mục / entry {found.seq}: {found.vi} / {found.en}", markup=False, highlight=False)
    for row in report.rows:
        shown = row.id if row.id is not None else "?"
        errors.print(
            f"  • dòng / row {row.table} {shown} {row.field}: {row.vi} / {row.en}",
            markup=False,
            highlight=False,
        )
    raise typer.Exit(1)


@audit_app.command("head")
def audit_head(db: DbOption = None) -> None:
    """In đầu sổ để ghi vào biên bản / print the log's head, to write into the minutes."""
    head = _with_workspace(db, lambda ws: ws.audit_head())
    console.print(
        f"Đầu sổ nhật ký / audit log head: {head.seq}:{head.digest}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@ws_app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục / folder to write into")],
    plans: Annotated[
        list[str] | None, typer.Option("--plan", help="Chỉ phương án này / only this plan")
    ] = None,
    db: DbOption = None,
) -> None:
    """Xuất ra tệp kịch bản và phương án / export the contract's scenario and plan files (all or none)."""
    from planner.data import write_all_atomically
    from planner.workspace import database_url, owned_files

    refuse_standard_output(output, "-o là một thư mục", "-o names a folder")
    plan_ids = [_plan_id(p, "--plan") for p in plans or []]
    files = _with_workspace(db, lambda ws: ws.export(output, plan_ids), {"plan_id": "--plan"})
    try:
        output.mkdir(parents=True, exist_ok=True)
        write_all_atomically(files, owned=owned_files(database_url(db)))
    except OSError as error:
        raise fail_on_unwritable(error, output) from None
    console.print(f"Đã ghi / written: {len(files)} tệp / files in {output}", markup=False, highlight=False)
