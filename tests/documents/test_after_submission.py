"""The submission states the expected placement after each rotation, as Reg. 65-QĐ/TW Art. 7 asks (issue
26 item 5): the rotation's end and what follows it, from the scenario and the plan's `after`; a required
one the plan lacks is a highlighted placeholder; a scenario without the way back gets no such part. By
hand from `tests/support/after_data.py`."""

from __future__ import annotations

from pathlib import Path

import docx

from planner.documents import write_submission
from planner.documents.facts import AFTER_PLACEHOLDER
from planner.documents.submission import AFTER_HEADING
from tests.documents.test_documents import text_of
from tests.support.after_data import after_plan, after_scenario
from tests.support.bench_data import bench_plan, bench_scenario


def lines_after(path: Path) -> list[str]:
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    first = paragraphs.index(AFTER_HEADING) + 1
    return [p for p in paragraphs[first:] if p.startswith("- Đồng chí")][:5]


def test_the_submission_states_each_expected_placement(tmp_path):
    out = tmp_path / "to-trinh.docx"
    write_submission(after_scenario(), after_plan(), out)
    by_cadre = {line.split("(")[1].split(")")[0]: line for line in lines_after(out)}
    assert set(by_cadre) == {"C01", "C02", "C03", "C05", "C06"}
    assert by_cadre["C02"].endswith(
        "kết thúc luân chuyển ngày 01/04/2026; tiếp tục công tác tại vị trí luân chuyển đến "
        "(Bí thư quận ủy, huyện ủy – Quận Ninh Kiều)."
    )
    assert by_cadre["C03"].endswith(
        "kết thúc luân chuyển ngày 01/01/2026; bố trí Phó Giám đốc sở – Sở Nội vụ từ ngày 01/02/2026 (vị trí "
        "dự kiến trống so_noi_vu.pgd@2026, trở về đơn vị công tác trước khi luân chuyển)."
    )
    assert "kết thúc sau mốc 30/04/2026; việc bố trí sau luân chuyển sẽ đề xuất sau" in by_cadre["C01"]


def test_a_missing_after_is_a_highlighted_placeholder(tmp_path):
    out = tmp_path / "to-trinh.docx"
    write_submission(after_scenario(), after_plan({"C02": {"stay": True}}), out)
    document = docx.Document(str(out))
    marked = {run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color is not None}
    assert AFTER_PLACEHOLDER in marked
    assert any(AFTER_PLACEHOLDER in line for line in lines_after(out))


def test_no_after_part_without_the_way_back(tmp_path):
    out = tmp_path / "to-trinh.docx"
    write_submission(bench_scenario(), bench_plan(), out)
    assert AFTER_HEADING not in text_of(docx.Document(str(out)))
