"""The stages of a long search as the person waiting for it reads them: the job page's progress line says
which one is running ("dựng mô hình / building the model") beside the best objective and bound so far.

Plain `(vi, en)` pairs, as the rest of `planner.wording`; the searches tell them through
`SolveHooks.on_stage` (`planner.hooks`), which the command line does not set.
"""

from __future__ import annotations

#: Vietnamese and English words for one thing (`planner.wording.Words`).
Words = tuple[str, str]

STAGE_WORDS: dict[str, Words] = {
    "eligibility": ("xét điều kiện từng cặp cán bộ, vị trí", "checking each cadre and post"),
    "relaxation": ("giải bài toán nới lỏng (LP)", "solving the LP relaxation"),
    "build": ("dựng mô hình", "building the model"),
    "search": ("tìm phương án tốt nhất", "searching for the best plan"),
    "confirm": ("xác nhận không có phương án", "confirming there is no plan"),
    "earliest": ("chọn ngày bắt đầu sớm nhất", "choosing the earliest starts"),
    "alternative": ("tìm phương án thay thế", "searching for an alternative"),
    "check": ("kiểm tra độc lập", "independent check"),
    "compare": ("giải phương án gốc để so sánh", "solving the base plan to compare"),
    "events": ("áp dụng sự kiện và tách lịch sử", "applying the events and splitting the history"),
    "fewest": ("tìm số thay đổi ít nhất", "searching for the fewest changes"),
    "best_with_fewest": ("tìm phương án tốt nhất với số thay đổi đó", "best plan with that many changes"),
    "weighted": ("cân đối mục tiêu và số thay đổi", "weighing the objective against the changes"),
    "diagnosis": ("chẩn đoán vì sao không có phương án", "diagnosing why there is no plan"),
    "store": ("kiểm tra lại và lưu", "checking again and storing"),
}

#: The console's line as each plan of a plan set starts (`SolveHooks.on_plan`): which plan of how many.
PLAN_WORDS: dict[str, Words] = {
    "plan": ("phương án", "plan"),
    "best": ("tốt nhất", "best"),
    "alternative": ("thay thế", "alternative"),
    "base": ("kịch bản gốc", "base scenario"),
    "variant": ("biến thể", "variant"),
}

#: The steps of an explanation that re-solves (`planner.explaining`), told through `SolveHooks.on_step`.
WHY_NOT_WORDS: dict[str, Words] = {
    "heading": ("vì sao không", "why not"),
    "base": ("giải phương án gốc", "solving the base plan"),
    "post": ("buộc vào vị trí {k}/{n} ({slot})", "forcing post {k}/{n} ({slot})"),
    "waiver": ("thử miễn trừ {k}/{n}", "trying waiver {k}/{n}"),
}
