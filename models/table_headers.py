"""The header row of a cadre table: which column holds which field (CONTRACT §1, cadre tables).

An office keeps its cadre list with Vietnamese headers (`Mã`, `Họ và tên`, `Ngày sinh`), not with the
schema's field names. A header is read as a field when it is the field's name (`birth_date`), one of
the usual header words below (compared without case, diacritics, spacing, punctuation or a bracketed
note such as `(dd/mm/yyyy)`), or a header the scenario's column map names (`cadre_columns: MAP.yaml`,
or `planner validate --columns MAP.yaml`). Columns an office list always has but the planner does not
use (`STT`, `Ghi chú`) are skipped, and a map may skip others (`Dân tộc: null`). Every other header is
still refused: a misspelt field must not be dropped silently.

The words here are part of the input format, so they live with it; `planner template` writes the first
word of each field as the header of an empty list, and `COLUMN_NOTES` as the sheet explaining them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

#: The usual header words for each table column, the first being the one `planner template` writes.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("Mã cán bộ", "Mã", "Mã CB", "Mã số", "Mã số cán bộ", "Số hiệu cán bộ"),
    "name": ("Họ và tên", "Họ tên", "Tên cán bộ"),
    "gender": ("Giới tính", "Giới", "Nam/Nữ"),
    "birth_date": ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày"),
    "retirement_date": ("Ngày nghỉ hưu", "Thời điểm nghỉ hưu"),
    "local_to": ("Người địa phương của", "Người địa phương", "Là người địa phương của"),
    "planning": ("Quy hoạch", "Chức danh quy hoạch", "Diện quy hoạch"),
    "district_experience": ("Đã qua cấp huyện", "Kinh nghiệm cấp huyện", "Đã công tác cấp huyện"),
    "health_ok": ("Đủ sức khỏe", "Sức khỏe"),
    "available_from": ("Sẵn sàng từ ngày", "Sẵn sàng từ", "Có thể điều động từ"),
    "must_rotate": ("Bắt buộc luân chuyển", "Phải luân chuyển"),
    "current_unit": ("Đơn vị hiện tại", "Đơn vị công tác", "Đơn vị đang công tác", "Đơn vị"),
    "current_title": ("Chức vụ hiện tại", "Chức vụ", "Chức danh hiện tại"),
    "head_terms": ("Số nhiệm kỳ đứng đầu", "Số nhiệm kỳ", "Số nhiệm kỳ liên tiếp"),
    "head_since": ("Đứng đầu từ ngày", "Giữ chức từ ngày", "Giữ chức từ"),
    "qualifications": ("Trình độ", "Văn bằng chứng chỉ", "Trình độ chuyên môn và lý luận chính trị"),
    "experience": ("Kinh nghiệm", "Kinh nghiệm đã có", "Kinh nghiệm công tác"),
    "disciplined_until": ("Kỷ luật đến ngày", "Thời hạn kỷ luật", "Đang chịu kỷ luật đến"),
}

#: Headers an office list has that the planner does not read: the row number and free notes.
SKIPPED_WORDS = ("STT", "Số TT", "Số thứ tự", "TT", "Ghi chú")

#: Headers that look like a field but cannot be read as it, with what to give instead.
REFUSED_WORDS: dict[str, str] = {
    "Năm sinh": (
        "năm sinh không đủ: tuổi nghỉ hưu tính theo tháng; hãy ghi cột 'Ngày sinh' dạng dd/mm/yyyy / "
        "a year of birth is not enough: retirement is counted in months; give a 'Ngày sinh' column, "
        "dd/mm/yyyy"
    ),
}

#: What each column holds, (Vietnamese, English), for the template's explanation sheet and the docs.
COLUMN_NOTES: dict[str, tuple[str, str]] = {
    "id": ("Mã riêng của cán bộ, không trùng (ví dụ C001)", "the cadre's own id, unique (e.g. C001)"),
    "name": ("Họ và tên", "full name"),
    "gender": ("Nam hoặc Nữ", "Nam (male) or Nữ (female)"),
    "birth_date": ("Ngày sinh, dd/mm/yyyy hoặc ô ngày", "birth date, dd/mm/yyyy or a date cell"),
    "retirement_date": (
        "Chỉ ghi khi khác lộ trình nghỉ hưu; để trống: tính theo Nghị định 135/2020",
        "only when it differs from the roadmap; empty: computed (Decree 135/2020)",
    ),
    "local_to": (
        "Mã các đơn vị mà cán bộ là người địa phương, cách nhau bằng ;",
        "ids of the units whose local person the cadre is, separated by ;",
    ),
    "planning": (
        "Mã các chức danh quy hoạch, cách nhau bằng ;",
        "codes of the titles the cadre is planned for, separated by ;",
    ),
    "district_experience": ("Đã giữ chức lãnh đạo cấp huyện: true/false", "has led at district level"),
    "health_ok": ("Đủ sức khỏe: true/false; để trống: true", "fit for the post; empty: true"),
    "available_from": ("Ngày sớm nhất có thể luân chuyển", "the earliest day a rotation may start"),
    "must_rotate": (
        "Ban Thường vụ quyết định phải luân chuyển: true/false",
        "the standing committee decided the cadre must rotate",
    ),
    "current_unit": ("Mã đơn vị đang công tác", "id of the current unit"),
    "current_title": ("Mã chức vụ hiện tại (như trong titles)", "code of the current title (as in titles)"),
    "head_terms": (
        "Số nhiệm kỳ liên tiếp giữ chức đứng đầu tại đây (0, 1, 2...)",
        "consecutive terms as head here (0, 1, 2...)",
    ),
    "head_since": (
        "Người đứng đầu: ngày giữ chức liên tục từ đó",
        "a head: the day from which the post has been held continuously",
    ),
    "qualifications": (
        "Mã văn bằng, chứng chỉ, cách nhau bằng ;; có ngày thì ghi MÃ@dd/mm/yyyy (ví dụ llct_cao_cap@30/06/2024)",
        "qualification codes separated by ;; one held from a day is CODE@DATE (e.g. llct_cao_cap@2024-06-30)",
    ),
    "experience": (
        "Mã kinh nghiệm đã có (như gives của chức danh), cách nhau bằng ;",
        "experience codes already gained (as titles' gives), separated by ;",
    ),
    "disciplined_until": (
        "Đang chịu kỷ luật: ngày hết thời hạn; không luân chuyển trước ngày này",
        "under discipline until this day; no rotation starts on or before it",
    ),
}

_BRACKETED_TAIL = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])\s*$")


def fold(header: str) -> str:
    """A header as compared: lower case, no diacritics (`đ` as `d`), words joined by one space, a
    trailing bracketed note and marks such as `*` or `:` dropped. `Ngày sinh (*)`, `NGAY SINH:` and
    `Ngày  sinh` are one header; so are the two spellings `sức khỏe` and `sức khoẻ`."""
    text = unicodedata.normalize("NFC", header).strip()
    while _BRACKETED_TAIL.search(text):
        text = _BRACKETED_TAIL.sub("", text)
    text = text.casefold().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


#: How a header was read: as the field's own name, one of the usual words, the map, or skipped.
FIELD_NAME, USUAL_WORD, MAPPED, SKIPPED = "field_name", "usual_word", "mapped", "skipped"

_USUAL = {fold(word): field for field, words in HEADER_WORDS.items() for word in words}
_SKIPPED = {fold(word) for word in SKIPPED_WORDS}
_REFUSED = {fold(word): message for word, message in REFUSED_WORDS.items()}


@dataclass(frozen=True)
class ColumnReading:
    """One header cell and what it was read as: `field` None with `how` SKIPPED for a skipped column,
    None with `how` None for a header that is no column (reported as a problem)."""

    position: int
    header: str
    field: str | None
    how: str | None

    @property
    def label(self) -> str:
        """How a problem names the column: the field's name, or the header as written with the field in
        brackets (`Ngày sinh (birth_date)`), so that the person fixing the sheet finds it."""
        if self.field is None or self.header == self.field:
            return self.header
        return f"{self.header} ({self.field})"


def read_header(
    header: str, position: int, fields: tuple[str, ...], column_map: Mapping[str, str | None]
) -> ColumnReading:
    """What the header cell at `position` (1-based) is read as; `column_map` maps folded headers."""
    if header in fields:
        return ColumnReading(position, header, header, FIELD_NAME)
    folded = fold(header)
    if folded in column_map:
        field = column_map[folded]
        return ColumnReading(position, header, field, MAPPED if field else SKIPPED)
    if folded in _USUAL:
        return ColumnReading(position, header, _USUAL[folded], USUAL_WORD)
    if folded in _SKIPPED:
        return ColumnReading(position, header, None, SKIPPED)
    return ColumnReading(position, header, None, None)


def refused_header(header: str) -> str | None:
    """Why a known but unusable header (`Năm sinh`) cannot be read, or None."""
    return _REFUSED.get(fold(header))


def known_header_count(
    cells: list[str], fields: tuple[str, ...], column_map: Mapping[str, str | None]
) -> int:
    """How many cells of a row are headers of fields: the header row is the first row with several."""
    return sum(read_header(cell, 0, fields, column_map).field is not None for cell in cells if cell)
