"""YAML read within budgets: no document can make the planner hang, run out of memory or recurse away.

PyYAML's safe loader refuses code, not size. Three things still break it or what comes after it:

- aliases: `a: &a [x, x]`, `b: &b [*a, *a]`, ... is a few lines that stand for a billion values once
  validated, dumped or hashed ("a billion laughs"). The composer below counts every value, and every use
  of an alias as the whole value it stands for, and stops at `MAX_YAML_VALUES`; an alias used inside the
  value it names (a loop) is refused;
- nesting: the composer recurses once per level, so 20,000 `[` end in a `RecursionError`; it stops at
  `MAX_DEPTH` levels;
- numbers: Python refuses to convert a literal of more than 4,300 digits, with a `ValueError` that names no
  field. A literal longer than `MAX_NUMBER_DIGITS` is kept as a `TooLongNumber` and reported at its path.

A file larger than `MAX_YAML_BYTES` is refused before it is read. Dates stay text, for pydantic to parse:
PyYAML turns `1982-13-01` into a bare `ValueError` with no field path, pydantic reports it at
`cadres[3].birth_date` like any other bad date. Keys given twice in one mapping, which YAML silently
merges, are found on the composed document and reported with both lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml

from models.errors import InputError, InputProblem, format_path
from models.limits import (
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_YAML_VALUES,
    TooLongNumber,
    number_digits,
    oversized,
)

if TYPE_CHECKING:
    from yaml._yaml import Mark as CMark  # the C reader's marks: the same line and column

Loc = tuple[str | int, ...]
#: Steps of a path shown for a value nested too deeply: enough to find where the nesting starts.
_SHOWN_STEPS = 8


class _Exceeded(Exception):
    """A budget ran out at `path` (a YAML field path) and `mark` (the place in the text)."""

    def __init__(self, path: str, message: str, mark: yaml.Mark | CMark | None) -> None:
        super().__init__(message)
        self.path, self.message, self.mark = path, message, mark


class _BoundedLoader(yaml.SafeLoader):
    """Safe YAML, composed within the budgets above (see the module docstring)."""

    def __init__(self, text: str, max_entries: int | None = None, too_many: str = "") -> None:
        super().__init__(text)
        #: Entries a top-level list may hold (an events file's events), and what to say past them: the
        #: document stops being read there, not after megabytes more.
        self._max_entries, self._too_many = max_entries, too_many
        self._values = 0
        self._path: list[str | int | None] = []
        self._open_anchors: set[str] = set()
        self._weights: dict[str, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        step = _step(parent, index)
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open_anchors:
                self._exceed(
                    step,
                    f"bí danh *{event.anchor} nằm ngay trong giá trị nó trỏ tới (một vòng lặp) / "
                    f"the alias *{event.anchor} is used inside the value it names (a loop)",
                    event.start_mark,
                )
            self._count(self._weights.get(str(event.anchor), 1), step, event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[arg-type]  # stub: int; a mapping's is its key node
        if len(self._path) >= MAX_DEPTH:
            self._exceed(
                step,
                f"lồng nhau quá {MAX_DEPTH} tầng / nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
            )
        top_entry = len(self._path) == 1
        if (
            top_entry
            and isinstance(step, int)
            and self._max_entries is not None
            and step >= self._max_entries
        ):
            self._exceed(None, self._too_many, event.start_mark)
        anchor = getattr(event, "anchor", None)
        before = self._values
        self._count(1, step, event.start_mark)
        self._path.append(step)
        if anchor is not None:
            self._open_anchors.add(anchor)
        node = super().compose_node(parent, index)  # type: ignore[arg-type]  # stub: int; a mapping's is its key node
        self._path.pop()
        if anchor is not None:
            self._open_anchors.discard(anchor)
            self._weights[anchor] = self._values - before
        return node

    def construct_yaml_int(self, node: yaml.ScalarNode) -> object:  # type: ignore[override]  # or a TooLongNumber
        if number_digits(node.value) > MAX_NUMBER_DIGITS:
            return TooLongNumber(number_digits(node.value))
        return super().construct_yaml_int(node)

    def _count(self, values: int, step: str | int | None, mark: yaml.Mark | CMark | None) -> None:
        self._values += values
        if self._values > MAX_YAML_VALUES:
            self._exceed(
                step,
                f"tài liệu có hơn {MAX_YAML_VALUES:,} giá trị (mỗi lần dùng bí danh tính cả giá trị nó "
                f"trỏ tới) / the document holds more than {MAX_YAML_VALUES:,} values (each use of an "
                "alias counted as the whole value it names)",
                mark,
            )

    def _exceed(self, step: str | int | None, message: str, mark: yaml.Mark | CMark | None) -> None:
        parts = [part for part in (*self._path, step) if part is not None]
        path = format_path(*parts[:_SHOWN_STEPS]) + ("…" if len(parts) > _SHOWN_STEPS else "")
        raise _Exceeded(path, message, mark)


_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def _step(parent: yaml.Node | None, index: object) -> str | int | None:
    """The path step of a node: its list index, or its key's text; None for the root and for keys."""
    if isinstance(parent, yaml.SequenceNode) and isinstance(index, int):
        return index
    if isinstance(parent, yaml.MappingNode) and isinstance(index, yaml.Node):
        return str(index.value) if isinstance(index, yaml.ScalarNode) else "?"
    return None


def parse_yaml(
    text: str, file: str, max_entries: int | None = None, too_many: str = ""
) -> tuple[object, list[InputProblem]]:
    """The YAML document in `text` (read from `file`), and the keys given twice in it.

    Raises `InputError` for a syntax error, a budget exceeded or a number too long; None for an empty
    document. With `max_entries`, a top-level list of more entries is refused with `too_many` as soon
    as the reader meets the first entry past them.
    """
    try:
        loader = _BoundedLoader(
            text, max_entries, too_many
        )  # refuses a character YAML does not allow (NUL, most controls)
    except yaml.reader.ReaderError as error:
        raise InputError([_reader_problem(error, text, file)]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        duplicates = list(_duplicate_keys(node, file))  # before merge keys (`<<`) are folded in
        data = loader.construct_document(node)
    except _Exceeded as error:
        raise InputError([InputProblem(file, error.path, error.message + _at(error.mark))]) from None
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(error, file, text)]) from None
    except (yaml.YAMLError, ValueError) as error:
        message = f"không đọc được YAML / YAML error: {error}"
        raise InputError([InputProblem(file, "", message)]) from None
    except RecursionError:  # merge keys (`<<: *a`) chained beyond Python's stack, past the budgets
        message = "bí danh lồng nhau quá sâu / aliases nested too deeply"
        raise InputError([InputProblem(file, "", message)]) from None
    finally:
        loader.dispose()
    too_long = [
        InputProblem(file, format_path(*loc), number.problem_text()) for loc, number in oversized(data)
    ]
    if too_long:
        raise InputError(too_long)
    return data, duplicates


def parse_value(text: str, source: str, path: str) -> object:
    """One value written in YAML (`--set PATH=VALUE`), within the same budgets; raises `InputError`
    naming `source` and `path`."""
    try:
        data, _ = parse_yaml(text, source)
    except InputError as error:
        raise InputError([_under(path, problem) for problem in error.problems]) from None
    return data


def _under(path: str, problem: InputProblem) -> InputProblem:
    """A problem of a value parsed alone, placed at the `path` the value is given for."""
    inner = problem.path
    joined = path + inner if inner.startswith("[") else ".".join(part for part in (path, inner) if part)
    return InputProblem(problem.file, joined, problem.message, problem.value, problem.row)


def _reader_problem(error: yaml.reader.ReaderError, text: str, file: str) -> InputProblem:
    line = text.count("\n", 0, error.position) + 1
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
    return InputProblem(
        file,
        "",
        f"ký tự {code} không được phép trong YAML (dòng {line}); hãy xóa ký tự đó / "
        f"the character {code} is not allowed in YAML (line {line}); delete it",
    )


def _at(mark: yaml.Mark | CMark | None) -> str:
    return f" (dòng / line {mark.line + 1}, cột / column {mark.column + 1})" if mark else ""


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> InputProblem:
    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    where_vi = f" ở dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
    what = "; ".join(part for part in (error.context, error.problem) if part)
    hint_vi, hint_en = _bracket_hint(error, text)
    return InputProblem(
        file, "", f"lỗi cú pháp YAML{where_vi}{hint_vi} / YAML syntax error{where}: {what}{hint_en}"
    )


def _bracket_hint(error: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """What to write instead, for a path with brackets inside `{...}` (`set: {cadres[C002].health_ok:
    false}`): in flow style a `[` starts a list, so the key must be quoted or written in block style."""
    mark = error.problem_mark
    if mark is None or "flow mapping" not in (error.context or "") or "'['" not in (error.problem or ""):
        return "", ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    start = max(line.rfind("{", 0, mark.column), line.rfind(",", 0, mark.column)) + 1
    end = line.find(":", mark.column)
    key = line[start:end].strip() if end > mark.column else ""
    example = key if key and len(key) <= 80 and key.isprintable() else "cadres[C002].health_ok"
    return (
        f": trong {{...}} dấu [ mở một danh sách; hãy đặt đường dẫn trong dấu nháy {{'{example}': ...}} "
        "hoặc viết dạng khối (mỗi đường dẫn một dòng dưới set:)",
        f"; inside {{...}} a [ starts a list: quote the path, {{'{example}': ...}}, or use block style "
        "(each path on its own line under set:)",
    )


def _duplicate_keys(root: yaml.Node, file: str) -> Iterator[InputProblem]:
    """Keys given twice in one mapping: YAML silently keeps the last, losing a title or a field. Walked
    without recursion; a value reached through an alias is walked once, at its anchor."""
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    visited: set[int] = set()
    while stack:
        node, loc = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, index)) for index, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            children = []
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                line = key.start_mark.line + 1
                if name in first_lines:
                    message = (
                        f"khóa được viết hai lần (dòng {first_lines[name]} và {line}); chỉ lần sau được tính / "
                        f"key given twice (lines {first_lines[name]} and {line}); only the last would count"
                    )
                    yield InputProblem(file, format_path(*loc, name), message)
                first_lines.setdefault(name, line)
                children.append((value, (*loc, name)))
            stack.extend(reversed(children))
