"""The categories of cadres the Plan names (clause II.1.1), as ids and in its official words.

Vocabulary, not rules: which cadre falls in which category is decided twice, by the model side
(`planner.rules.categories`) and by the checker (`planner.checker.facts`); both word it with these labels
(docs/glossary.md), Vietnamese first.
"""

from __future__ import annotations

PLANNING = "planning"
NO_DISTRICT_EXPERIENCE = "no_district_experience"
TERM_LIMIT = "term_limit"
LOCAL_KEY_POST = "local_key_post"
MUST_ROTATE = "must_rotate"

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    PLANNING: ("trong quy hoạch", "in the planning pool"),
    NO_DISTRICT_EXPERIENCE: ("chưa qua cấp huyện", "no district experience"),
    TERM_LIMIT: (
        "giữ chức vụ cấp trưởng hai nhiệm kỳ liên tiếp (hoặc đủ thời hạn)",
        "head for two consecutive terms (or the tenure limit)",
    ),
    LOCAL_KEY_POST: ("người địa phương giữ chức chủ chốt", "native in a key local post"),
    MUST_ROTATE: ("Ban Thường vụ quyết định luân chuyển", "rotation decided by the standing committee"),
}
