"""The words of the why and why-not pages that are made in code: the why-not-the-better-post job's state
and progress, why it is not offered, and the "and N more" of a long group.

Plain text, as the rest of `planner.wording`; the package's `__init__` re-exports these names, so this
module imports nothing from it (no circle).
"""

from __future__ import annotations

#: Vietnamese and English words for one thing (`planner.wording.Words`).
Words = tuple[str, str]

#: The why-not job's state (`planner.web.why_not.WhyNotJob.state`) in words.
WHY_NOT_STATE_WORDS: dict[str, Words] = {
    "queued": ("đang chờ lượt", "waiting its turn"),
    "running": ("đang tính", "working"),
    "done": ("đã xong", "done"),
    "failed": ("không tính được", "failed"),
}

#: Why a plan's page does not offer the why-not: the plan it would be compared with is missing or apart.
WHY_NOT_UNOFFERED_WORDS: dict[str, Words] = {
    "no_objective": (
        "phương án không có giá trị mục tiêu để so sánh",
        "the plan has no objective to compare with",
    ),
    "replan": (
        "phương án lập lại giữ cố định phần đã diễn ra; hãy hỏi ở phương án được lập lại",
        "a re-plan holds its past fixed; ask on the plan it re-plans",
    ),
}


def why_not_progress(state: str, done: int, total: int | None, step: str | None, elapsed: float) -> str:
    """`đang tính · vị trí 2/5: Bí thư · Phường Ninh Kiều · 12 s / working · post 2 of 5: ...`: which
    re-solve runs, of how many, and for how long (`step`: the post being forced, as the page names it)."""
    vi_state, en_state = WHY_NOT_STATE_WORDS.get(state, (state, state))
    vi, en = [vi_state], [en_state]
    if total is not None and state == "running" and done < total:
        vi.append(f"buộc vị trí {done + 1}/{total}" + (f": {step}" if step else ""))
        en.append(f"forcing post {done + 1} of {total}")
    elif total is not None:
        vi.append(f"{done}/{total} vị trí đã thử")
        en.append(f"{done} of {total} posts tried")
    seconds = f"{elapsed:.0f} s"
    return f"{' · '.join(vi)} · {seconds} / {' · '.join(en)}"


def more_words(count: int, vi_noun: str, en_noun: str) -> str:
    """`và 12 vị trí khác / and 12 more posts`: the rest of a long group, a click away."""
    return f"và {count} {vi_noun} khác / and {count} more {en_noun}{'' if count == 1 else 's'}"
