"""The smallest words: a `(vi, en)` pair, how it reads as one line, and a plan's status.

Kept apart from the package's face so that the modules the face loads on first use (`rules.py`,
`audit.py`) import them without importing the face itself.
"""

from __future__ import annotations

#: Vietnamese and English words for one thing.
Words = tuple[str, str]


def both(words: Words) -> str:
    """`Đã ghi / written`: the pair as one line, Vietnamese first."""
    return " / ".join(words)


def count_words(number: int, vi: str, en: str) -> Words:
    """`3 vị trí`, `3 posts`; `1 post`: English needs its plural, Vietnamese does not."""
    return f"{number} {vi}", f"{number} {en}{'' if number == 1 else 's'}"


#: A plan's status (the solver's word) in words.
STATUS_WORDS: dict[str, Words] = {
    "OPTIMAL": ("Tối ưu", "Optimal"),
    "FEASIBLE": ("Khả thi", "Feasible"),
    "INFEASIBLE": ("Không khả thi", "Infeasible"),
    "UNKNOWN": ("Chưa có lời giải", "Unknown"),
}
#: What a status leaves unproved, said with it: a feasible plan is not proven the best.
STATUS_CAVEATS: dict[str, Words] = {"FEASIBLE": ("chưa chứng minh tối ưu", "not proven optimal")}
