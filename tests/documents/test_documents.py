"""The submission and the draft decisions, opened with python-docx: the Party heading, the list (one row per
placement with its ids and posts), the checker's verdict, waivers with their authority, the closing block,
and the placeholders a person must fill in; names from the scenario; a file that holds no plan refused."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from models.errors import InputError
from models.plan import Plan
from planner.documents import PLACEHOLDERS, write_decisions, write_submission
from tests.support.report_data import NAMES, TINY_ROWS, tiny, tiny_plan

WAIVER = {"rule": "non_locality", "by": "Ban Thường vụ Thành ủy", "ref": "Kết luận số 99-KL/TU"}


def waived_plan() -> Plan:
    """The tiny plan with C01's placement relying on a waiver of non-locality."""
    plan = tiny_plan()
    first = plan.assignments[0].with_changes(waivers=["non_locality"], waiver_details=[WAIVER])
    return plan.with_changes(assignments=[first, *plan.assignments[1:]])


def text_of(document) -> str:
    """Every paragraph of the body and of every table cell, one a line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@pytest.fixture
def submission(tmp_path: Path):
    out = tmp_path / "to-trinh.docx"
    write_submission(tiny(), waived_plan(), out)
    return docx.Document(str(out))


def test_the_submission_has_the_party_heading_and_the_closing(submission) -> None:
    heading, _, closing = submission.tables
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert left.splitlines() == ["THÀNH ỦY CẦN THƠ", "BAN TỔ CHỨC", "*", "Số [số]-TTr/BTCTU"]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.splitlines()[1] == "Cần Thơ, ngày [ngày] tháng [tháng] năm [năm]"
    title_run = heading.rows[0].cells[1].paragraphs[0].runs[0]
    assert title_run.underline and title_run.bold
    body = [p.text for p in submission.paragraphs]
    assert "TỜ TRÌNH" in body and "Kính gửi: Ban Thường vụ Thành ủy Cần Thơ" in body
    for section in ("I. MỤC ĐÍCH, YÊU CẦU", "II. CĂN CỨ", "III. DANH SÁCH ĐỀ XUẤT LUÂN CHUYỂN", "V. ĐỀ NGHỊ"):
        assert section in body
    assert any("Quy định số 65-QĐ/TW" in line for line in body)
    receivers, signature = (cell.text.splitlines() for cell in closing.rows[0].cells)
    assert receivers[0] == "Nơi nhận:" and receivers[-1] == "- Lưu Ban Tổ chức Thành ủy."
    assert signature[0] == "TRƯỞNG BAN" and signature[-1] == "[họ tên người ký]"


def test_the_list_has_one_row_per_placement_with_ids_names_and_posts(submission) -> None:
    rows = submission.tables[1].rows
    assert rows[0].cells[1].text == "Họ và tên (mã cán bộ)"
    body = rows[1:]
    assert len(body) == len(TINY_ROWS)
    scenario = tiny()
    for row, (cadre, slot, start) in zip(body, TINY_ROWS, strict=True):
        cells = [cell.text for cell in row.cells]
        assert cells[1] == f"{NAMES[cadre]} ({cadre})"  # the name from the scenario, as written
        placed = next(s for s in scenario.slots if s.id == slot)
        title = scenario.titles[placed.title].name
        unit = next(u.name for u in scenario.units if u.id == placed.unit)
        assert cells[3] == f"{title} – {unit} ({slot})"
        year, month, day = start.split("-")
        assert cells[4] == f"{day}/{month}/{year}"
    current = next(row for row in body if "C04" in row.cells[1].text).cells[2].text
    assert current.startswith(scenario.titles["giam_doc"].name)


def test_the_submission_states_the_verdict_and_the_waivers_with_their_authority(submission) -> None:
    body = text_of(submission)
    assert "Kết quả kiểm tra: phương án đáp ứng đầy đủ các quy định nêu trên." in body
    assert f"Đồng chí {NAMES['C01']} (C01): Miễn áp dụng quy định" in body
    assert "(Ban Thường vụ Thành ủy, Kết luận số 99-KL/TU)" in body


def test_a_broken_rule_is_stated_in_the_submission(tmp_path: Path) -> None:
    plan = tiny_plan()
    twice = plan.with_changes(
        assignments=[*plan.assignments, plan.assignments[0].with_changes(slot="d2.pho_bi_thu")]
    )
    write_submission(tiny(), twice, tmp_path / "x.docx")
    body = text_of(docx.Document(str(tmp_path / "x.docx")))
    assert "Kết quả kiểm tra: phương án vi phạm" in body and "đáp ứng đầy đủ" not in body


def test_placeholders_are_highlighted_so_that_no_one_files_them_unfilled(submission) -> None:
    marked = {
        run.text
        for table in submission.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
        if run.font.highlight_color is not None
    }
    assert set(PLACEHOLDERS) <= marked


def test_the_page_is_a4_in_times_new_roman_with_the_guides_margins(submission) -> None:
    section = submission.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert submission.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= submission.styles["Normal"].font.size.pt <= 14


def test_one_draft_decision_per_placement_each_on_its_own_page(tmp_path: Path) -> None:
    out = tmp_path / "quyet-dinh.docx"
    assert write_decisions(tiny(), waived_plan(), out) == len(TINY_ROWS)
    document = docx.Document(str(out))
    body = [p.text for p in document.paragraphs]
    assert body.count("QUYẾT ĐỊNH") == 2 * len(TINY_ROWS)  # the type, and the word before the articles
    assert body.count("DỰ THẢO") == len(TINY_ROWS)
    breaks = document.element.body.xml.count('w:type="page"')
    assert breaks == len(TINY_ROWS) - 1
    articles = [line for line in body if line.startswith("Điều 1.")]
    for (cadre, _slot, _), article in zip(TINY_ROWS, articles, strict=True):
        assert f"đồng chí {NAMES[cadre]} (mã cán bộ {cadre})" in article
    assert any("(Ban Thường vụ Thành ủy, Kết luận số 99-KL/TU)" in line for line in body)
    headings = document.tables[0::2]
    closings = document.tables[1::2]
    assert len(headings) == len(closings) == len(TINY_ROWS)
    assert headings[0].rows[0].cells[0].text.splitlines()[1:] == ["BAN THƯỜNG VỤ", "*", "Số [số]-QĐ/TU"]
    signature = closings[0].rows[0].cells[1].text.splitlines()
    assert signature[:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"] and signature[-1] == "[họ tên người ký]"
    assert "- Lưu Văn phòng Thành ủy." in closings[0].rows[0].cells[0].text


def test_only_the_chosen_placements_get_a_decision_and_none_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "qd.docx"
    assert write_decisions(tiny(), tiny_plan(), out, only={("C02", "d1.pho_bi_thu")}) == 1
    assert NAMES["C01"] not in text_of(docx.Document(str(out)))
    with pytest.raises(InputError, match="approved"):
        write_decisions(tiny(), tiny_plan(), tmp_path / "none.docx", only=set())
    assert not (tmp_path / "none.docx").exists()


@pytest.mark.parametrize("status", ["INFEASIBLE", "UNKNOWN"])
def test_a_file_that_holds_no_plan_is_refused_and_nothing_is_written(tmp_path: Path, status: str) -> None:
    empty = Plan.model_validate({"status": status})
    for write in (write_submission, write_decisions):
        with pytest.raises(InputError, match="no plan"):
            write(tiny(), empty, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
