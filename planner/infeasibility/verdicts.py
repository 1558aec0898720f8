"""What each search of a diagnosis proved, in words: found, none exists, or not decided in time.

"None exists" is said only when every candidate was decided; a search a limit (or a stop) ended first
says so, with the limit it had and one to try next. The words go into the plan file
(`DiagnosisRecord`), so the console, the web app and reports all say the same.
"""

from __future__ import annotations

from models.plan import SearchRecord
from planner.infeasibility.budget import DiagnosisBudget


def _not_decided(budget: DiagnosisBudget) -> tuple[str, str]:
    """Why a search ended undecided, and what to do about it."""
    if budget.hooks.stopped:
        return "đã dừng theo yêu cầu", "stopped on request"
    if budget.limit is None:
        return "giới hạn thời gian thực đã hết", "the wall-clock cap ran out"
    more = budget.suggested_limit()
    return (
        f"chưa xong trong {budget.limit:g} s: chạy lại với --time-limit {more:g}",
        f"not decided within {budget.limit:g} s: run again with --time-limit {more:g}",
    )


def _record(state: str, vi: str, en: str, seconds: float, **counts: int) -> SearchRecord:
    return SearchRecord(
        state=state, message=f"{vi} / {en}", message_en=en, seconds=round(seconds, 3), **counts
    )


def conflict_record(
    budget: DiagnosisBudget, narrowed: bool, irreducible: bool, seconds: float
) -> SearchRecord:
    """The first conflict's search: found when narrowed to an irreducible set."""
    if narrowed and irreducible:
        return _record(
            "found",
            "đã tìm được tập quy định mâu thuẫn tối thiểu",
            "an irreducible conflicting set of rules was found",
            seconds,
        )
    why_vi, why_en = _not_decided(budget)
    if narrowed:
        vi = f"đã tìm được một tập mâu thuẫn, chưa chứng minh được là tối thiểu: {why_vi}"
        en = f"a conflicting set was found but not shown irreducible: {why_en}"
    else:
        vi = f"chưa thu hẹp được mâu thuẫn, chỉ biết toàn bộ quy định không cùng thỏa mãn: {why_vi}"
        en = (
            f"the conflict was not narrowed: only all the rules together are known to admit no plan: {why_en}"
        )
    return _record("not_decided", vi, en, seconds)


def others_record(
    budget: DiagnosisBudget, found: int, members: int, undecided: int, seconds: float, unsought: int = 0
) -> SearchRecord:
    """Conflicts beyond the first: none exists when, for every member of the first, a plan keeps every
    other rule instance (so every conflict contains the whole first set, hence is that set). `unsought`
    members were left once enough conflicts were found: there may be more, and time is not why."""
    counts = {"candidates": members, "undecided": undecided + unsought}
    if found:
        vi = f"tìm được {found} mâu thuẫn khác"
        en = f"{found} other conflict{'s' if found > 1 else ''} found"
        reasons = []
        if unsought:
            reasons.append((f"chỉ tìm tối đa {found} mâu thuẫn khác", f"at most {found} others are sought"))
        if undecided:
            reasons.append(_not_decided(budget))
        if reasons:
            why_vi, why_en = "; ".join(r[0] for r in reasons), "; ".join(r[1] for r in reasons)
            vi, en = f"{vi}; có thể còn nữa ({why_vi})", f"{en}; there may be more ({why_en})"
        return _record("found", vi, en, seconds, **counts)
    if not undecided:
        return _record(
            "none_exists",
            "không có mâu thuẫn nào khác: mọi mâu thuẫn đều chứa toàn bộ tập trên",
            "no other conflict exists: every conflict contains the whole set above",
            seconds,
            **counts,
        )
    why_vi, why_en = _not_decided(budget)
    return _record(
        "not_decided",
        f"chưa biết có mâu thuẫn khác hay không: {why_vi}",
        f"whether other conflicts exist is not known: {why_en}",
        seconds,
        **counts,
    )


def repairs_record(
    budget: DiagnosisBudget, found: int, candidates: int, undecided: int, seconds: float
) -> SearchRecord:
    """The single-change repairs: none exists only when every candidate was proved infeasible."""
    counts = {"candidates": candidates, "undecided": undecided}
    if found:
        vi = f"tìm được {found} cách khắc phục một thay đổi"
        en = f"{found} single-change repair{'s' if found > 1 else ''} found"
        if undecided:
            why_vi, why_en = _not_decided(budget)
            vi = f"{vi}; {undecided} trong {candidates} phương án thay đổi chưa xét xong ({why_vi})"
            en = f"{en}; {undecided} of {candidates} candidates undecided ({why_en})"
        return _record("found", vi, en, seconds, **counts)
    if not undecided:
        if candidates:
            vi = f"đã chứng minh cho cả {candidates} phương án thay đổi"
            en = f"every candidate ({candidates}) proved infeasible"
        else:
            vi = "không quy định nào của mâu thuẫn là điều có thể thay đổi bằng một thay đổi như vậy"
            en = "no rule of the conflict is one such a change can relax"
        return _record(
            "none_exists",
            "Không có thay đổi đơn lẻ nào (miễn trừ, hạn mức, hạn bố trí, bỏ cấm hoặc bỏ chỉ định) khôi phục "
            f"được tính khả thi: {vi}",
            f"no single change (waiver, quota, fill-by date, dropped forbid or pin) restores feasibility: {en}",
            seconds,
            **counts,
        )
    why_vi, why_en = _not_decided(budget)
    return _record(
        "not_decided",
        f"chưa tìm được cách khắc phục nào; {undecided} trong {candidates} phương án thay đổi chưa xét xong: "
        f"{why_vi}",
        f"no repair found yet; {undecided} of {candidates} candidates undecided: {why_en}",
        seconds,
        **counts,
    )
