"""Realistic synthetic scenarios for benchmarks and scale tests (`planner generate`).

The shape follows a Vietnamese rotation plan: an area (a city; a merged province or a national plan is
several areas) has departments (sở), districts (quận, huyện) and party committees (đảng ủy khối); district
heads are key posts (`non_local`); cadres serve in an area, are natives of one or two of its districts,
and are planned for a few titles. The committee's judgement (explicit `scores`) rewards the few posts
that match a cadre's planning titles, in the cadre's own area or a neighbouring one, which is what makes
the real problem sparse: a cadre is allowed almost anywhere by the rules but is a good fit for few posts.
Term-limited and local key-post cadres must rotate as heads, some posts open only when their holder
leaves (vacancy chains), some have windows, and a few pins and forbids stand for decisions already made.

Everything is drawn from one `random.Random(seed)`, so a seed gives the same files byte for byte. All
names are invented from common syllables. With `edition3`, the contract's edition-3 facts (ranks,
standards, qualifications, experience, relatives, discipline, a pool) are drawn afterwards from a second
generator (`seed + 1`), so the edition-2 part of the scenario is the same with or without them.
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from models.dates import add_months
from planner.data.atomic import write_all_atomically

#: title code -> (name, level, non_local, unit kind, planning code it prepares for)
TITLES: dict[str, tuple[str, str, bool, str, str]] = {
    "bi_thu": ("Bí thư huyện ủy", "head", True, "district", "bi_thu_huyen"),
    "pho_bi_thu": ("Phó Bí thư huyện ủy", "deputy", False, "district", "bi_thu_huyen"),
    "chu_tich": ("Chủ tịch UBND huyện", "head", True, "district", "chu_tich_huyen"),
    "pho_chu_tich": ("Phó Chủ tịch UBND huyện", "deputy", False, "district", "chu_tich_huyen"),
    "chanh_an": ("Chánh án TAND huyện", "head", True, "district", "chanh_an_huyen"),
    "truong_cong_an": ("Trưởng Công an huyện", "head", True, "district", "truong_cong_an_huyen"),
    "giam_doc": ("Giám đốc sở", "head", False, "department", "giam_doc_so"),
    "pho_giam_doc": ("Phó Giám đốc sở", "deputy", False, "department", "giam_doc_so"),
    "bi_thu_dang_uy": ("Bí thư đảng ủy khối", "head", False, "party_committee", "bi_thu_dang_uy"),
    "pho_bi_thu_dang_uy": ("Phó Bí thư đảng ủy khối", "deputy", False, "party_committee", "bi_thu_dang_uy"),
}
DEPARTMENTS = (
    "noi_vu",
    "tai_chinh",
    "ke_hoach",
    "xay_dung",
    "y_te",
    "giao_duc",
    "nong_nghiep",
    "cong_thuong",
)
DEPARTMENT_NAMES = ("Nội vụ", "Tài chính", "Kế hoạch và Đầu tư", "Xây dựng", "Y tế", "Giáo dục và Đào tạo",
                    "Nông nghiệp", "Công Thương")  # fmt: skip
DISTRICTS_PER_AREA = 8
PARTY_COMMITTEES = (("khoi_cq", "Khối Cơ quan"), ("khoi_dn", "Khối Doanh nghiệp"))
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Ngô")
#: Middle names by gender ("Thị" is a woman's); both the same length, so that a seed's draws, and with
#: them every generated scenario apart from the names, stay what they were.
MIDDLE = {
    "male": ("Văn", "Đức", "Hữu", "Minh", "Thanh", "Công", "Quốc", "Hoàng"),
    "female": ("Thị", "Thị", "Ngọc", "Minh", "Thanh", "Ngọc", "Thu", "Kim"),
}
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Mai", "Nam", "Phúc", "Quang",
         "Sơn", "Tâm", "Uyên", "Vinh", "Yến", "Thảo", "Trung", "Hiếu")  # fmt: skip
PERIOD_START, QUARTERS = date(2026, 1, 1), 16
#: Above this many cadres the cadres go to a CSV table beside the YAML (smaller, faster to load).
TABLE_ABOVE = 500
PRESETS = {"city": (150, 40), "province": (2000, 600), "national": (10000, 3000)}

#: Edition 3 (CONTRACT §6): title code -> (rank, requires, gives). Heads need the advanced political theory
#: course; district posts give district experience, a district's Secretary or Chairman post also that of
#: heading one, department posts that of leading a department.
_HEAD_STANDARDS = ("dai_hoc", "llct_cao_cap")
FIT: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "bi_thu": (6, _HEAD_STANDARDS, ("cap_huyen", "truong_cap_huyen")),
    "pho_bi_thu": (4, ("dai_hoc",), ("cap_huyen",)),
    "chu_tich": (5, _HEAD_STANDARDS, ("cap_huyen", "truong_cap_huyen")),
    "pho_chu_tich": (3, ("dai_hoc",), ("cap_huyen",)),
    "chanh_an": (4, _HEAD_STANDARDS, ("cap_huyen",)),
    "truong_cong_an": (4, _HEAD_STANDARDS, ("cap_huyen",)),
    "giam_doc": (5, _HEAD_STANDARDS, ("quan_ly_nganh",)),
    "pho_giam_doc": (4, ("dai_hoc",), ("quan_ly_nganh",)),
    "bi_thu_dang_uy": (5, _HEAD_STANDARDS, ()),
    "pho_bi_thu_dang_uy": (4, ("dai_hoc",), ()),
}
#: The pool (planning codes of `TITLES` that key posts prepare for): id -> (name, requires_experience).
POOL = {
    "bi_thu_huyen": ("Bí thư huyện ủy", ("truong_cap_huyen",)),
    "giam_doc_so": ("Giám đốc sở", ("cap_huyen", "quan_ly_nganh")),
}
#: The pool's deadline: the next congress, before the period ends.
READY_BY = date(2029, 4, 1)


@dataclass(frozen=True)
class _Post:
    unit: str
    title: str
    area: int


def generate(cadres: int, slots: int, seed: int, edition3: bool = False) -> dict[str, Any]:
    """A scenario dict (contract format) with `cadres` cadres and `slots` slots, the same for a seed;
    with `edition3`, also the edition-3 facts (`add_edition3`)."""
    rng = random.Random(seed)
    areas = max(1, math.ceil(slots / 50))
    units, posts = _units_and_posts(areas)
    chosen = sorted(rng.sample(range(len(posts)), min(slots, len(posts))))
    slot_posts = [posts[i] for i in chosen]
    people = [_cadre(rng, i, units, posts, areas) for i in range(cadres)]
    rules = _rules(slots, people)
    slot_rows = _slots(rng, slot_posts, people)
    scenario = {
        "name": f"gen-{cadres}x{slots}-s{seed}" + ("-e3" if edition3 else ""),
        "title": f"Kịch bản sinh tự động / generated scenario {cadres} x {slots} (seed {seed})",
        "period": {"start": PERIOD_START.isoformat(), "end": "2029-12-31", "granularity": "quarter"},
        "rules": rules,
        "titles": {code: {"name": t[0], "level": t[1], "non_local": t[2]} for code, t in TITLES.items()},
        "units": units,
        "slots": slot_rows,
        "cadres": people,
        "scores": _scores(rng, people, slot_rows, areas),
        **_pins_and_forbids(rng, people, slot_rows),
    }
    if edition3:
        add_edition3(scenario, random.Random(seed + 1))
    return scenario


def add_edition3(scenario: dict[str, Any], rng: random.Random) -> None:
    """Ranks, standards and experience per title; qualifications (some held only from a course's end in
    the period) and experience per cadre; a pair of relatives per 100 cadres (at least 2); one cadre in 200
    under discipline (at least 1); a pool of two key titles. `min_ready` is the number ready without a plan,
    so a generated scenario stays feasible: raise it to make `bench_strength` bind."""
    for code, title in scenario["titles"].items():
        rank, requires, gives = FIT[code]
        title.update(rank=rank, requires=list(requires), gives=list(gives))
    scenario["rules"]["max_rank_step"] = 1
    people = scenario["cadres"]
    for c in people:
        qualifications: list[Any] = ["dai_hoc"]
        draw = rng.random()
        if TITLES[c["current"]["title"]][1] == "head" or draw < 0.7:
            qualifications.append("llct_cao_cap")
        elif draw < 0.9:
            course_end = add_months(PERIOD_START, 3 * rng.randint(1, 12)) - timedelta(days=1)
            qualifications.append({"code": "llct_cao_cap", "from": course_end.isoformat()})
        else:
            qualifications.append("llct_trung_cap")
        c["qualifications"] = qualifications
        gained = set(FIT[c["current"]["title"]][2]) | ({"cap_huyen"} if c["district_experience"] else set())
        c["experience"] = sorted(gained)
    free = [c for c in people if not _mandatory(c)]
    for c in rng.sample(free, min(len(free), max(1, len(people) // 200))):
        c["disciplined_until"] = (
            add_months(PERIOD_START, 3 * rng.randint(1, 6)) - timedelta(days=1)
        ).isoformat()
    relations: list[dict[str, Any]] = []
    pairs: set[frozenset[str]] = set()
    for _ in range(max(2, len(people) // 100) if len(people) > 1 else 0):
        first, second = rng.sample(people, 2)
        if frozenset((first["id"], second["id"])) in pairs:
            continue
        pairs.add(frozenset((first["id"], second["id"])))
        kind = "spouse" if first["gender"] != second["gender"] else rng.choice(("sibling", "in_law"))
        relations.append({"cadres": [first["id"], second["id"]], "kind": kind})
    scenario["relations"] = relations
    scenario["pool"] = []
    for pool_id, (name, needs) in POOL.items():
        planned = [c for c in people if pool_id in c["planning"]]
        ready = sum(set(needs) <= set(c["experience"]) for c in planned)
        scenario["pool"].append({"id": pool_id, "name": name, "requires_experience": list(needs),
                                 "ready_by": READY_BY.isoformat(), "min_ready": ready})  # fmt: skip


def _mandatory(c: dict[str, Any]) -> bool:
    """Term-limited, a native in a key post of the home district, or decided: must rotate."""
    return bool(
        c.get("must_rotate") or c["current"]["head_terms"] >= 2 or c["local_to"] == [c["current"]["unit"]]
    )


def _units_and_posts(areas: int) -> tuple[list[dict[str, str]], list[_Post]]:
    units, posts = [], []
    for a in range(areas):
        prefix = f"a{a:02d}" if areas > 1 else "tp"
        for code, name in zip(DEPARTMENTS, DEPARTMENT_NAMES, strict=True):
            units.append({"id": f"{prefix}_so_{code}", "name": f"Sở {name} ({prefix})", "kind": "department"})
        for d in range(DISTRICTS_PER_AREA):
            units.append(
                {"id": f"{prefix}_huyen_{d}", "name": f"Huyện Số {d + 1} ({prefix})", "kind": "district"}
            )
        for code, name in PARTY_COMMITTEES:
            units.append(
                {"id": f"{prefix}_{code}", "name": f"Đảng ủy {name} ({prefix})", "kind": "party_committee"}
            )
    kind_of = {u["id"]: u["kind"] for u in units}
    for u in units:
        area = int(u["id"][1:3]) if areas > 1 else 0
        for title, spec in TITLES.items():
            if spec[3] == kind_of[u["id"]]:
                posts.append(_Post(u["id"], title, area))
    return units, posts


def _area_of(unit: str) -> int:
    return int(unit[1:3]) if unit.startswith("a") and unit[1:3].isdigit() else 0


def _cadre(
    rng: random.Random, index: int, units: list[dict], posts: list[_Post], areas: int
) -> dict[str, Any]:
    """One cadre: age 32-58, serving somewhere in a home area, planned for one or two titles."""
    area = rng.randrange(areas)
    home = [p for p in posts if p.area == area]
    post = rng.choice(home)
    districts = [u["id"] for u in units if u["kind"] == "district" and _area_of(u["id"]) == area]
    gender = rng.choice(("male", "male", "female"))
    age = rng.randint(32, 58)
    birth = date(PERIOD_START.year - age, rng.randint(1, 12), rng.randint(1, 28))
    head = TITLES[post.title][1] == "head"
    kind = rng.random()
    record: dict[str, Any] = {
        "id": f"C{index + 1:05d}",
        "name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN)}",
        "gender": gender,
        "birth_date": birth.isoformat(),
        "local_to": rng.sample([d for d in districts if d != post.unit], 2 if rng.random() < 0.2 else 1),
        "current": {"unit": post.unit, "title": post.title, "head_terms": 0},
        "planning": sorted({TITLES[rng.choice(list(TITLES))][4] for _ in range(rng.choice((1, 1, 2)))}),
        "district_experience": rng.random() < 0.6,
    }
    # Cadres who must rotate are of an age that leaves the service years the rules ask for.
    if head and kind < 0.06 and 42 <= age <= 46:
        record["current"]["head_terms"] = 2  # term-limited: must rotate, as a head
    elif head and TITLES[post.title][2] and kind < 0.12 and 40 <= age <= 46:
        record["local_to"] = [post.unit]  # a native in a key post of the home district
    elif kind > 0.985 and 40 <= age <= 46:
        record["must_rotate"] = True
    elif kind > 0.85:
        record["planning"] = []  # a serving leader chosen only for lacking district experience
        record["district_experience"] = False
    mandatory = (
        record["current"]["head_terms"] >= 2 or record["local_to"] == [post.unit] or "must_rotate" in record
    )
    if rng.random() < 0.01 and not mandatory:
        record["health_ok"] = False
    if rng.random() < 0.05:
        record["available_from"] = add_months(PERIOD_START, 3 * rng.randint(1, 8)).isoformat()
    return record


def _rules(slots: int, people: list[dict[str, Any]]) -> dict[str, Any]:
    """Quota around a fifth of the posts, paced over the period; room for every mandatory rotation."""
    mandatory = sum(1 for c in people if _mandatory(c))
    top = max(8, round(0.3 * slots), mandatory + 2)
    return {
        "quota": {"min": max(min(6, top), round(0.1 * slots), mandatory), "max": top},
        "min_remaining_service_years": 10,
        "min_duration_months": 36,
        "max_consecutive_head_terms": 2,
        "youth": {"age_below": 40, "max_heads": slots // 100},
        "max_starts_per_quarter": max(3, math.ceil(top / 10)),
        "mandatory_rotation": ["term_limit", "local_key_post"],
    }


def _slots(rng: random.Random, posts: list[_Post], people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Slots with priorities and some windows; posts held by a cadre who must rotate open by a chain."""
    holders: dict[tuple[str, str], dict[str, Any]] = {}
    for c in people:
        holders.setdefault((c["current"]["unit"], c["current"]["title"]), c)
    rows = []
    for post in posts:
        row: dict[str, Any] = {"id": f"{post.unit}.{post.title}", "unit": post.unit, "title": post.title}
        holder = holders.get((post.unit, post.title))
        if holder is not None and rng.random() < 0.08:
            row["vacated_by"] = holder["id"]
        elif rng.random() < 0.15:
            row["open_from"] = add_months(PERIOD_START, 3 * rng.randint(1, 6)).isoformat()
        elif rng.random() < 0.1:
            row["fill_by"] = add_months(PERIOD_START, 3 * rng.randint(8, 15)).isoformat()
        row["priority"] = rng.choice((0, 0, 1, 1, 2, 3))
        rows.append(row)
    return rows


def _scores(rng: random.Random, people: list[dict], slots: list[dict], areas: int) -> list[dict[str, Any]]:
    """Committee scores for the few posts matching a cadre's planning titles, in or next to its area."""
    by_plan_area: dict[tuple[str, int], list[str]] = {}
    for s in slots:
        by_plan_area.setdefault((TITLES[s["title"]][4], _area_of(s["unit"])), []).append(s["id"])
    scores = []
    for c in people:
        area = _area_of(c["current"]["unit"])
        near = {area, (area + 1) % areas}
        fits = sorted(
            {sid for plan in c["planning"] for a in near for sid in by_plan_area.get((plan, a), ())}
        )
        for sid in rng.sample(fits, min(len(fits), 6)):
            scores.append({"cadre": c["id"], "slot": sid, "score": rng.randint(5, 40)})
    return scores


def _pins_and_forbids(rng: random.Random, people: list[dict], slots: list[dict]) -> dict[str, Any]:
    """A few decisions already made: pins of planned cadres to deputy posts elsewhere, and forbids."""
    free = [
        s for s in slots if TITLES[s["title"]][1] == "deputy" and "vacated_by" not in s and "fill_by" not in s
    ]
    fit = [c for c in people if c["planning"] and 41 <= PERIOD_START.year - int(c["birth_date"][:4]) <= 48
           and not c.get("available_from") and c.get("health_ok", True) and c["current"]["head_terms"] < 2
           and c["local_to"] != [c["current"]["unit"]]]  # fmt: skip
    pins, used = [], set()
    for c in rng.sample(fit, min(len(fit), 3)):
        options = [s for s in free if s["unit"] != c["current"]["unit"] and s["id"] not in used]
        if options:
            s = rng.choice(options)
            used.add(s["id"])
            pins.append({"cadre": c["id"], "slot": s["id"]})
    pinned = {p["cadre"] for p in pins}
    others = [c for c in people if c["id"] not in pinned]
    forbids = [
        {"cadre": c["id"], "slot": rng.choice(slots)["id"]} for c in rng.sample(others, min(4, len(others)))
    ]
    forbids += [
        {"cadre": c["id"], "unit": rng.choice(slots)["unit"]} for c in rng.sample(others, min(2, len(others)))
    ]
    return {"pins": pins, "forbids": forbids}


def write_scenario(scenario: dict[str, Any], directory: Path) -> Path:
    """Write the scenario as `<name>.yaml` in `directory` (cadres in a CSV beside it when many): both
    files or neither (`planner.data.atomic`), so that no YAML names a table that is not there and no
    table is left without its YAML."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    data = dict(scenario)
    texts: dict[Path, str] = {}
    if len(data["cadres"]) > TABLE_ABOVE:
        table = f"{data['name']}.cadres.csv"
        texts[directory / table] = _cadre_csv(data["cadres"])
        data["cadres"] = table
    path = directory / f"{data['name']}.yaml"
    texts[path] = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=200)
    write_all_atomically(texts)
    return path


def _dumper() -> type:
    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _cadre_csv(people: list[dict[str, Any]]) -> str:
    columns = ["id", "name", "gender", "birth_date", "local_to", "current_unit", "current_title", "head_terms",
               "planning", "district_experience", "health_ok", "available_from", "must_rotate"]  # fmt: skip
    if any("qualifications" in c for c in people):  # edition 3
        columns += ["qualifications", "experience", "disciplined_until"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for c in people:
        flat = dict(c, current_unit=c["current"]["unit"], current_title=c["current"]["title"],
                    head_terms=c["current"]["head_terms"])  # fmt: skip
        if "qualifications" in c:  # a dated qualification is CODE@DATE in a table
            flat["qualifications"] = [q if isinstance(q, str) else f"{q['code']}@{q['from']}"
                                      for q in c["qualifications"]]  # fmt: skip
        writer.writerow([_cell(flat.get(col)) for col in columns])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)
