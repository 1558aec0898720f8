"""Resource bombs at the input edge (issue 11, "Bad input never crashes, never hangs"): YAML aliases,
nesting, huge documents and number literals, plan JSON nested or numbered past reason, workbooks that
claim or hold more than a table, are all bad input naming the file and the field path (or table row),
refused at once, with no traceback, no `RecursionError`, no `MemoryError`.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

import models.loading
import models.table_files
import models.tables
from models.errors import InputError
from models.limits import MAX_DEPTH, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_YAML_VALUES
from models.loading import load_plan, load_scenario
from models.safe_yaml import parse_value
from tests.models.test_loading import EXAMPLE, example_data, tabled_example, write_csv, write_yaml

#: A bomb is refused long before it could do harm; this only catches a loader that expands it.
QUICK_SECONDS = 5.0


def laughs(levels: int = 9, anchor: str = "l") -> str:
    """YAML flow text of `levels` nested aliases, each standing for 9 of the one before: 9^levels values."""
    lines = [f"&{anchor}0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        uses = ", ".join([f"*{anchor}{level - 1}"] * 9)
        lines.append(f"&{anchor}{level} [{uses}]")
    return lines


def refused(path: Path, loader=load_scenario) -> list[str]:
    """The problem lines of loading `path`, which must be refused quickly."""
    began = time.monotonic()
    with pytest.raises(InputError) as raised:
        loader(path)
    assert time.monotonic() - began < QUICK_SECONDS
    return [str(problem) for problem in raised.value.problems]


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


# --- YAML aliases ------------------------------------------------------------------------------------


def test_billion_laughs_at_the_top_level(tmp_path: Path) -> None:
    entries = laughs()
    text = example_text() + "laughs:\n" + "".join(f"  - {entry}\n" for entry in entries)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    [line] = refused(path)
    assert str(path) in line and "laughs[" in line
    assert f"more than {MAX_YAML_VALUES:,} values" in line and "alias" in line


def test_billion_laughs_inside_a_variant_set(tmp_path: Path) -> None:
    """The value of a variant's override: validated, dumped and hashed many times, so it must never
    be expanded (today: past 90 s at 6 GB)."""
    entries = laughs(anchor="v")
    text = (
        example_text()
        + "variants:\n  - name: boom\n    set:\n"
        + "".join(f"      other{index}: {entry}\n" for index, entry in enumerate(entries[:-1]))
        + f"      rules.mandatory_rotation: {entries[-1]}\n"
    )
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    [line] = refused(path)
    assert "variants[0].set." in line and "alias" in line


def test_an_alias_inside_the_value_it_names_is_a_loop(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(example_text() + "loop: &a [1, *a]\n", encoding="utf-8")
    [line] = refused(path)
    assert "loop[1]" in line and "loop" in line


def test_a_few_small_aliases_still_load(tmp_path: Path) -> None:
    """Aliases are YAML: a planner may reuse a waiver or a list; only an explosion is refused."""
    text = example_text().replace("local_to: [ninh_kieu]", "local_to: &home [ninh_kieu]", 1)
    text = text.replace("local_to: [ninh_kieu]", "local_to: *home")
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.cadres[4].local_to == ("ninh_kieu",)


# --- nesting -----------------------------------------------------------------------------------------


DEEP = "[" * 20_000 + "]" * 20_000


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("objective:", f"deep: {DEEP}\nobjective:", "deep[0][0]"),
        ("local_to: [ninh_kieu]", f"local_to: {DEEP}", "cadres[0].local_to[0][0]"),
        (
            "forbids:",
            f"variants:\n  - {{name: d, set: {{rules.quota.max: {DEEP}}}}}\nforbids:",
            "variants[0].set.",
        ),
    ],
)
def test_yaml_nested_20000_levels_deep(tmp_path: Path, old: str, new: str, path: str) -> None:
    """The composer recurses once per level (today: `RecursionError`)."""
    text = example_text()
    assert old in text
    file = tmp_path / "scenario.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    [line] = refused(file)
    assert f": {path}" in line and f"nested more than {MAX_DEPTH} levels deep" in line


def test_yaml_nested_deep_in_block_style(tmp_path: Path) -> None:
    block = "".join("  " * (depth + 1) + f"k{depth}:\n" for depth in range(3_000))
    path = tmp_path / "scenario.yaml"
    path.write_text(example_text() + "deep:\n" + block, encoding="utf-8")
    [line] = refused(path)
    assert ": deep.k0.k1" in line and "levels deep" in line


def test_plan_json_nested_20000_levels_deep(tmp_path: Path) -> None:
    """Past Python's own recursion limit: refused with the line and column where it goes too deep."""
    path = tmp_path / "plan.json"
    path.write_text('{"assignments": [], "extra": ' + "[" * 20_000 + "]" * 20_000 + "}", encoding="utf-8")
    [line] = refused(path, load_plan)
    assert str(path) in line and f"nested more than {MAX_DEPTH} levels deep" in line and "column" in line


def test_plan_json_nested_past_the_bound_names_the_path(tmp_path: Path) -> None:
    deep: object = 1
    for _ in range(MAX_DEPTH + 5):
        deep = {"x": deep}
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps({"assignments": [{"cadre": "C01", "slot": "s", "note": deep}]}), encoding="utf-8"
    )
    [line] = refused(path, load_plan)
    assert "assignments[0].note.x.x" in line and "levels deep" in line


# --- huge documents and files ------------------------------------------------------------------------


def test_yaml_larger_than_the_bound_is_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(models.loading, "MAX_YAML_BYTES", 4096)
    path = tmp_path / "scenario.yaml"
    path.write_text(example_text() + "# " + "x" * 10_000 + "\n", encoding="utf-8")
    [line] = refused(path)
    assert str(path) in line and "larger than" in line


def test_plan_larger_than_the_bound_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(models.loading, "MAX_JSON_BYTES", 100)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"assignments": [{"cadre": "C01", "slot": "x" * 200}]}), encoding="utf-8")
    [line] = refused(path, load_plan)
    assert "larger than" in line


def test_the_bounds_leave_room_for_a_large_real_scenario() -> None:
    """The 6.4 MB generated scenario (20,000 cadres) holds 742,107 values; the bounds are well above."""
    assert MAX_YAML_VALUES >= 2 * 742_107
    assert models.loading.MAX_YAML_BYTES >= 2 * 6_452_004


# --- number literals ---------------------------------------------------------------------------------

BIG = "9" * 5_000


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("quota: {min: 3, max: 5}", f"quota: {{min: 3, max: {BIG}}}", "rules.quota.max"),
        ("max_starts_per_quarter: 2", f"max_starts_per_quarter: -{BIG}", "rules.max_starts_per_quarter"),
        ("head_terms: 1}", f"head_terms: {BIG}}}", "cadres[1].current.head_terms"),
        ("priority: 2}", f"priority: 0x{'f' * 5_000}}}", "slots[0].priority"),
        ("- id: C01\n", f"- id: {BIG}\n", "cadres[0].id"),
    ],
)
def test_a_5000_digit_integer_is_named_at_its_field(tmp_path: Path, old: str, new: str, path: str) -> None:
    """Python refuses to convert a literal of more than 4,300 digits (a `ValueError` naming no field)."""
    text = example_text()
    assert old in text
    file = tmp_path / "scenario.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    [line] = refused(file)
    assert f": {path}: " in line and "5000 digits" in line


def test_a_5000_digit_integer_in_a_variant_set(tmp_path: Path) -> None:
    data = example_data()
    data["variants"] = [{"name": "big", "set": {"rules.quota.max": 7}}]
    file = write_yaml(tmp_path, data)
    file.write_text(file.read_text(encoding="utf-8").replace("rules.quota.max: 7", f"rules.quota.max: {BIG}"))
    [line] = refused(file)
    assert "variants[0].set.rules.quota.max" in line and "5000 digits" in line


def test_a_5000_digit_integer_in_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(
        '{"assignments": [{"cadre": "C01", "slot": "s", "score": ' + BIG + "}]}", encoding="utf-8"
    )
    [line] = refused(path, load_plan)
    assert "assignments[0].score" in line and "5000 digits" in line


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (BIG, "--set: rules.quota.max:"),
        ("[" * 20_000, "--set: rules.quota.max[0][0]"),
        ("[" + ", ".join(laughs(anchor="s")) + "]", "--set: rules.quota.max["),
    ],
)
def test_set_values_are_read_within_the_same_budgets(text: str, where: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_value(text, "--set", "rules.quota.max")
    assert where in str(raised.value)


# --- cadre tables ------------------------------------------------------------------------------------


def _patched_sheet(source: Path, target: Path, patch) -> Path:
    """`source` with its first sheet's XML changed by `patch`."""
    with zipfile.ZipFile(source) as packed, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in packed.infolist():
            data = packed.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = patch(data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    return target


def _tabled_xlsx(folder: Path, patch) -> tuple[Path, Path]:
    scenario, rows = tabled_example(folder, "cadres.xlsx")
    plain = folder / "plain.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    header = list(models.tables.COLUMNS)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    workbook.save(plain)
    return scenario, _patched_sheet(plain, folder / "cadres.xlsx", patch)


def test_an_xlsx_claiming_every_row_and_column_loads_what_it_holds(tmp_path: Path) -> None:
    """The declared dimension A1:XFD1048576 (2^34 cells) is not trusted: only the rows written are read
    (today: `MemoryError` after 34 s)."""
    scenario, _ = _tabled_xlsx(
        tmp_path, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)
    )
    began = time.monotonic()
    loaded = load_scenario(scenario)
    assert time.monotonic() - began < QUICK_SECONDS
    assert len(loaded.cadres) == len(example_data()["cadres"])


def test_an_xlsx_with_a_cell_in_the_last_row_and_column_is_too_large(tmp_path: Path) -> None:
    cell = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    scenario, table = _tabled_xlsx(tmp_path, lambda xml: xml.replace("</sheetData>", cell + "</sheetData>"))
    [line] = refused(scenario)
    assert f"{table} dòng/row {MAX_TABLE_ROWS + 1}" in line and "too large" in line


def test_an_xlsx_with_a_value_past_the_last_column_read_is_too_wide(tmp_path: Path) -> None:
    column = openpyxl.utils.get_column_letter(MAX_TABLE_COLUMNS + 1)
    cell = f'<row r="20"><c r="{column}20" t="inlineStr"><is><t>x</t></is></c></row>'
    scenario, table = _tabled_xlsx(tmp_path, lambda xml: xml.replace("</sheetData>", cell + "</sheetData>"))
    [line] = refused(scenario)
    assert f"{table} dòng/row 20" in line and "too wide" in line


def test_an_xlsx_that_unpacks_past_the_bound_is_refused_unopened(tmp_path: Path, monkeypatch) -> None:
    scenario, table = _tabled_xlsx(tmp_path, lambda xml: xml)
    monkeypatch.setattr(models.table_files, "MAX_TABLE_BYTES", 2_000)
    [line] = refused(scenario)
    assert str(table) in line and "larger than" in line


def test_a_csv_with_too_many_rows_or_columns(tmp_path: Path, monkeypatch) -> None:
    scenario, rows = tabled_example(tmp_path, "cadres.csv")
    write_csv(tmp_path / "cadres.csv", rows)
    monkeypatch.setattr(models.table_files, "MAX_TABLE_ROWS", 3)
    [line] = refused(scenario)
    assert "dòng/row 4" in line and "too large" in line
    monkeypatch.setattr(models.table_files, "MAX_TABLE_ROWS", 1000)
    with (tmp_path / "cadres.csv").open("a", encoding="utf-8") as stream:
        stream.write("," * (MAX_TABLE_COLUMNS + 5) + "x\n")
    [line] = refused(scenario)
    assert "too wide" in line


def test_a_yaml_file_that_is_not_a_file(tmp_path: Path) -> None:
    [line] = refused(tmp_path)
    assert str(tmp_path) in line
