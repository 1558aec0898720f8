"""The words for how a cadre table was read (`planner validate`) and for the template workbook
(`planner template`): which header became which field, and the labels of the template's sheets."""

from __future__ import annotations

Words = tuple[str, str]

#: How a header was read (`models.table_headers`: FIELD_NAME, USUAL_WORD, MAPPED, SKIPPED).
HOW_READ_WORDS: dict[str, Words] = {
    "field_name": ("tên trường", "field name"),
    "usual_word": ("tiêu đề quen dùng", "usual header"),
    "mapped": ("bảng cột", "column map"),
    "skipped": ("bỏ qua", "skipped"),
}

#: The template's sheets and the explanation sheet's columns.
TEMPLATE_WORDS: dict[str, Words] = {
    "list_sheet": ("Danh sách cán bộ", "Cadres"),
    "notes_sheet": ("Giải thích", "Columns"),
    "header": ("Tiêu đề cột", "Column header"),
    "field": ("Trường", "Field"),
    "required": ("Bắt buộc", "Required"),
    "what": ("Ghi gì", "What to write"),
    "allowed": ("Giá trị cho phép", "Allowed values"),
    "also_read": ("Tiêu đề khác cũng đọc được", "Other headers read as it"),
}
