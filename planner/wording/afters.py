"""The words for each rotation's end and what follows it (CONTRACT §6.4, §6.5): the plan table's and the
"rotations by end date" section's headers, a plan's `after` in words, why a projected post is closed to a
cadre, and on which ground staying is allowed.

`explain` (console, JSON, web), the reports, `compare`, the plan page, the workspace's diff and export
and the submission document say the way back with these words. Dates are dd/mm/yyyy (`date_text`); only
ids and codes appear, never a person's name. Reg. 65-QĐ/TW Art. 7 calls it "dự kiến bố trí sau luân
chuyển", the expected placement after the rotation.
"""

from __future__ import annotations

from datetime import date

from models.categories import CATEGORY_LABELS, LOCAL_KEY_POST, TERM_LIMIT
from planner.wording.basic import Words, both
from planner.wording.workspace import date_text

#: The columns of the way back (the plan table adds END and AFTER; the section has them all).
AFTER_HEADERS: dict[str, str] = {
    "cadre": "Mã cán bộ / Cadre id",
    "slot": "Mã vị trí / Slot id",
    "start": "Bắt đầu / Start",
    "end": "Kết thúc / End",
    "needed": "Phải bố trí sau / After required",
    "after": "Dự kiến bố trí sau luân chuyển / Placement after the rotation",
    "post": "Mã vị trí sau / After post id",
    "unit": "Đơn vị / Unit",
    "title": "Chức danh / Title",
    "after_start": "Nhận từ / From",
    "home": "Về đơn vị cũ / Back home",
}
AFTERS_TITLE: Words = ("Luân chuyển theo ngày kết thúc", "Rotations by end date")
AFTERS_NOTE = (
    "Ngày kết thúc tính lại từ kịch bản (bắt đầu + rotation_months), không lấy từ tệp phương án; bố trí sau "
    "luân chuyển như phương án ghi / the end is recomputed from the scenario (start + rotation_months), never "
    "read from the plan file; the placement after it is the plan's own"
)
#: A plan's `after` in words, by `planner.analysis.afters.AfterState`.
AFTER_STATE_WORDS: dict[str, Words] = {
    "stay": ("ở lại vị trí luân chuyển", "stays at the rotated post"),
    "post": ("nhận vị trí", "takes post"),
    "not_needed": ("không cần (kết thúc sau mốc)", "not needed (ends after the horizon)"),
    "missing": ("CHƯA CÓ — bắt buộc, kết thúc trước mốc", "MISSING — required, it ends by the horizon"),
    "unreadable": ("không đúng dạng stay hoặc post", "neither the stay nor the post form"),
    "unknown_post": ("mã vị trí sau không có trong kịch bản", "an after post id the scenario does not have"),
}
#: The timeline's trace of what follows each rotation.
AFTER_TRACE: Words = ("Bố trí sau luân chuyển (★ ở lại)", "Placement after the rotation (★ stays)")
#: `explain --slot` of a slot with `may_stay`.
MAY_STAY_SLOT: Words = (
    "Vị trí cho phép ở lại sau luân chuyển (may_stay)",
    "a cadre rotated here may be kept here after the rotation (may_stay)",
)
#: Before the plan's own `after` in an explanation.
PLAN_AFTER: Words = ("Phương án chọn", "The plan's after")
NO_WAY_BACK = (
    "không có đường về nào: không được ở lại và không vị trí dự kiến nào mở / no way back: it may not stay "
    "and no projected post is open to it"
)
NO_AFTER_ROTATION: Words = ("kịch bản không có after_rotation", "the scenario has no after_rotation")
#: The grounds on which staying is allowed (CONTRACT §6.4, §6.6).
STAY_GROUND_WORDS: dict[str, Words] = {
    "may_stay": ("vị trí cho phép ở lại (may_stay)", "the slot has may_stay"),
    TERM_LIMIT: CATEGORY_LABELS[TERM_LIMIT],
    LOCAL_KEY_POST: CATEGORY_LABELS[LOCAL_KEY_POST],
}
#: Why a projected post is closed to a cadre: `planner.rules.afterwards.post_refusal`'s tags, each with
#: the scenario's numbers (`refusal_line`'s fields).
REFUSAL_WORDS: dict[str, Words] = {
    "window": (
        "mở ngày {open_from}, ngoài khoảng {low} – {high} (±{window} tháng quanh ngày kết thúc)",
        "opens {open_from}, outside {low} – {high} (±{window} months of the end)",
    ),
    "rank_lower": (
        "cấp {post_rank} thấp hơn cấp hiện tại {rank}",
        "rank {post_rank} is below the current rank {rank}",
    ),
    "rank_higher": (
        "cấp {post_rank} cao hơn cấp hiện tại {rank} quá {step} bậc",
        "rank {post_rank} is more than {step} step(s) above the current rank {rank}",
    ),
    "non_local": (
        "chức danh không bố trí người địa phương, cán bộ là người địa phương của {unit}",
        "a non-local title in {unit}, where the cadre is local",
    ),
    "standards": (
        "chưa có {codes} vào ngày nhận {start}",
        "does not hold {codes} on its start {start}",
    ),
    "retirement": (
        "ngày nhận {start} không trước ngày nghỉ hưu {retirement}",
        "its start {start} is not before the retirement date {retirement}",
    ),
}


def after_line(
    state: str,
    *,
    post: str | None = None,
    unit: str | None = None,
    title: str | None = None,
    start: date | str | None = None,
    home: bool = False,
) -> str:
    """A plan's `after` in one bilingual line: `ở lại vị trí luân chuyển / stays at the rotated post`,
    `nhận vị trí / takes post so_noi_vu.pgd@2026 (so_noi_vu, pho_giam_doc) từ / from 01/02/2026 · về đơn
    vị cũ / back home`, or what is wrong with it."""
    vi, en = AFTER_STATE_WORDS.get(state, (state, state))
    if state == "post":
        where = f" {post} ({unit}, {title})"
        when = date_text(start) if isinstance(start, date) else date_text(start or "")
        vi, en = f"{vi}{where} từ {when}", f"{en}{where} from {when}"
    if state == "unknown_post" and post:
        vi, en = f"{vi}: {post}", f"{en}: {post}"
    if home and state in ("post", "stay"):
        vi, en = f"{vi} · về đơn vị cũ", f"{en} · back home"
    return f"{vi} / {en}"


def bad_start_line(written: str | None, computed: date) -> str:
    """A `post` form whose start is not the computed one (CONTRACT §6.6)."""
    return (
        f"ngày nhận ghi {written or '—'} khác ngày tính được {date_text(computed)} / the start written, "
        f"{written or '—'}, is not the computed {date_text(computed)}"
    )


def end_line(end: date, horizon: date | None, needed: bool) -> str:
    """`kết thúc / ends 01/01/2026 (mốc / horizon 30/04/2026: phải bố trí sau / an after is required)`."""
    head = f"kết thúc / ends {date_text(end)}"
    if horizon is None:
        return f"{head} ({both(NO_AFTER_ROTATION)})"
    need = (
        "phải bố trí sau / an after is required" if needed else "sau mốc, không cần / after it, none needed"
    )
    return f"{head} (mốc / horizon {date_text(horizon)}: {need})"


def stay_line(grounds: tuple[str, ...]) -> str:
    """Whether staying is allowed, naming each ground."""
    if not grounds:
        return (
            "không được ở lại (vị trí không có may_stay, cán bộ không thuộc diện hết nhiệm kỳ hay giữ chức "
            "vụ chủ chốt tại địa phương) / may not stay (no may_stay on the slot, neither term-limited nor "
            "a local key-post holder)"
        )
    vi = "; ".join(STAY_GROUND_WORDS.get(g, (g, g))[0] for g in grounds)
    en = "; ".join(STAY_GROUND_WORDS.get(g, (g, g))[1] for g in grounds)
    return f"được ở lại: {vi} / may stay: {en}"


def refusal_line(tag: str, facts: dict[str, str]) -> str:
    """Why a projected post is closed, with the scenario's numbers (`facts` fills `REFUSAL_WORDS`)."""
    vi, en = REFUSAL_WORDS.get(tag, (tag, tag))
    return f"{vi.format(**facts)} / {en.format(**facts)}"


def post_option_line(
    post: str,
    unit: str,
    title: str,
    start: date,
    home: bool,
    refusal: str | None,
    taken_by: tuple[str, ...] = (),
) -> str:
    """One projected post for a rotation: open (with its start, home or not) or closed and why, and the
    other cadres the plan gives it to."""
    head = f"{post} ({unit}, {title})"
    taken = f" · phương án dành cho / the plan gives it to {', '.join(taken_by)}" if taken_by else ""
    if refusal is not None:
        return f"{head}: đóng / closed — {refusal}{taken}"
    back = " · về đơn vị cũ / back home" if home else ""
    return f"{head}: mở / open, nhận từ / from {date_text(start)}{back}{taken}"
