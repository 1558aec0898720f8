"""The fixed words of the submission and the decisions: the legal basis and the purpose, as the Can Tho plan
and Regulation 65-QĐ/TW say them (/work/shared/spec/DOMAIN.md), in the official language only."""

from __future__ import annotations

from models.scenario import Scenario


def period_text(scenario: Scenario) -> str:
    return f"giai đoạn {scenario.period.start.year} - {scenario.period.end.year}"


def legal_basis(scenario: Scenario) -> list[str]:
    """The regulations a rotation rests on, one line each; the plan's own number is a placeholder."""
    return [
        "Quy định số 65-QĐ/TW, ngày 28/4/2022 của Bộ Chính trị về luân chuyển cán bộ;",
        "Quy định số 677-QĐ/TU, ngày 13/7/2022 của Thành ủy Cần Thơ về luân chuyển cán bộ;",
        f"Kế hoạch số [số kế hoạch]-KH/TU của Ban Thường vụ Thành ủy về luân chuyển cán bộ lãnh đạo, quản lý "
        f"thành phố Cần Thơ {period_text(scenario)};",
    ]


#: The purpose of the rotations, from the plan's part I.
PURPOSE = [
    "Chuẩn bị nguồn nhân sự cho đại hội đảng bộ các cấp và cho việc kiện toàn chức danh lãnh đạo, quản lý "
    "nhiệm kỳ tới; kết hợp hợp lý giữa luân chuyển cán bộ với sử dụng cán bộ tại chỗ.",
    "Đào tạo, rèn luyện cán bộ qua thực tiễn; tăng cường cán bộ cho nơi còn thiếu, khắc phục tình trạng "
    "nơi thừa, nơi thiếu cán bộ.",
    "Thực hiện chủ trương không bố trí người địa phương giữ chức danh chủ chốt tại địa phương mình và không để "
    "một người giữ chức vụ cấp trưởng quá hai nhiệm kỳ liên tiếp tại một địa phương, cơ quan, đơn vị.",
    "Việc luân chuyển được thực hiện từng bước, bảo đảm dân chủ, khách quan, công khai, đúng quy trình; cán bộ "
    "luân chuyển được quản lý, theo dõi, đánh giá trong thời gian luân chuyển.",
]

SUBMISSION_RECIPIENTS = (
    "Như trên,",
    "Thường trực Thành ủy,",
    "Lưu Ban Tổ chức Thành ủy.",
)

DECISION_RECIPIENTS = (
    "Ban Tổ chức Trung ương,",
    "Thường trực Thành ủy,",
    "Như Điều 3,",
    "Lưu Văn phòng Thành ủy.",
)
