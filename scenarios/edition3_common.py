"""What the two reference generators (`make_can_tho.py`, `make_can_tho_2025.py`) share: the edition-3 draw of
each cadre's qualifications and experience (CONTRACT §6.1, §6.3), the pool and relations with their checks,
the way back after the rotations (§6.4), and the YAML layout of the files they write.

Each script passes its own catalogue and codes; the random draws happen here in the order each script made
them before this module existed, so the scenarios they write are byte for byte what they were. Only the
standard library and PyYAML are used, as in the scripts: run them from anywhere (their folder is on
`sys.path`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from datetime import date

import yaml


def draw_fit(
    cadres: list[dict],
    rng: random.Random,
    *,
    fit: Mapping[str, dict],
    titles: Mapping[str, dict],
    theory: Callable[[str], tuple[float, float]],
    course_ends: list[date],
    master_share: float,
    local_units: Collection[str],
    local_codes: tuple[str, str],
) -> None:
    """Give each cadre `qualifications` and `experience` (CONTRACT §6.1, §6.3), drawn from `rng`.

    Everyone holds a degree, a master's with `master_share`; holders of a post that requires the advanced
    political theory course hold it, others with the shares `theory(title)` gives (held, finishing on one
    of `course_ends`), else the intermediate course. Experience: what the current title gives, the local
    level's code (`local_codes[0]`) for `district_experience`, and its head code (`local_codes[1]`) for
    40% of the heads outside `local_units` who have it (they led a district or commune before)."""
    local, local_head = local_codes
    for c in cadres:
        title = c["current"]["title"]
        qualifications: list = ["dai_hoc"]
        if rng.random() < master_share:
            qualifications.append("thac_si")
        # Holders of a post that requires the course have it; others may finish it during the period.
        held, course = (1.0, 0.0) if "llct_cao_cap" in fit[title]["requires"] else theory(title)
        draw = rng.random()
        if draw < held:
            qualifications.append("llct_cao_cap")
        elif draw < held + course:
            qualifications.append({"code": "llct_cao_cap", "from": rng.choice(course_ends)})
        else:
            qualifications.append("llct_trung_cap")
        c["qualifications"] = qualifications
        experience = set(fit[title]["gives"])
        if c["district_experience"]:
            experience.add(local)
            if (
                titles[title]["level"] == "head"
                and c["current"]["unit"] not in local_units
                and rng.random() < 0.4
            ):
                experience.add(local_head)
        c["experience"] = sorted(experience)


def bench_without_plan(cadres: list[dict], entry: dict) -> tuple[list[str], list[str]]:
    """The cadres planned for a pool title, and those of them ready with no rotation (CONTRACT §6.3)."""
    planned = [c for c in cadres if entry["id"] in c["planning"]]
    ready = [c for c in planned if set(entry["requires_experience"]) <= set(c["experience"])]
    return [c["id"] for c in planned], [c["id"] for c in ready]


def pool_entries(
    cadres: list[dict], pool: list[dict], min_ready: Mapping[str, int], binding: Collection[str]
) -> list[dict]:
    """The `pool` block: each title with its `min_ready`, checked to bind exactly where `binding` says
    (fewer ready without a plan than asked, and enough planned to make up the rest)."""
    entries = [
        {**entry, **({"min_ready": min_ready[entry["id"]]} if entry["id"] in min_ready else {})}
        for entry in pool
    ]
    for entry in entries:
        planned, ready = bench_without_plan(cadres, entry)
        if entry["id"] in binding:
            assert len(ready) < entry["min_ready"] <= len(planned), (entry["id"], len(ready), len(planned))
        else:
            assert entry.get("min_ready", 0) <= len(ready), entry["id"]
    return entries


def relation_entries(relations: list[tuple[tuple[str, str], str]], known: Collection[str]) -> list[dict]:
    """The `relations` block (ids only), every id a cadre of the scenario."""
    entries = [{"cadres": list(pair), "kind": kind} for pair, kind in relations]
    for entry in entries:
        assert all(cadre_id in known for cadre_id in entry["cadres"]), entry
    return entries


def print_edition3(cadres: list[dict], data: dict) -> None:
    """The edition-3 facts at a glance: the pool without the plan, relations, discipline, courses."""
    for entry in data["pool"]:
        planned, ready = bench_without_plan(cadres, entry)
        print(
            f"  pool {entry['id']:27} ready_by {entry['ready_by']} planned {len(planned):2}, ready without a plan"
            f" {len(ready):2}, min_ready {entry.get('min_ready', '-')}"
        )
    for relation in data["relations"]:
        print(f"  relation {relation['kind']:8} {' '.join(relation['cadres'])}")
    disciplined = [f"{c['id']}<={c['disciplined_until']}" for c in cadres if c.get("disciplined_until")]
    courses = sum(any(isinstance(q, dict) for q in c["qualifications"]) for c in cadres)
    print(f"  disciplined_until {' '.join(disciplined)}; {courses} cadres finish a course in the period")


# --- the way back (CONTRACT §6.4) ----------------------------------------------------------------------


def set_after_facts(cadres: list[dict], facts: Mapping[str, dict]) -> None:
    """Update cadres by id with the facts that open posts (a `head_since` in `current`, a
    `retirement_date`), drawn after everything else so that no other datum moves."""
    by_id = {c["id"]: c for c in cadres}
    for cadre_id, fact in facts.items():
        cadre = by_id[cadre_id]
        if "head_since" in fact:
            cadre["current"]["head_since"] = fact["head_since"]
        cadre.update({key: value for key, value in fact.items() if key != "head_since"})


def after_rotation(
    cadres: list[dict],
    slots: list[dict],
    *,
    horizon: date,
    opened: list[tuple[str, date]],
    may_stay: Collection[str],
) -> dict:
    """The `after_rotation` block, and `may_stay` set on the slots named.

    `opened` names, for each post, the holder whose fact opens it and the day it does: the post is the
    holder's current post, with the id `planner vacancies` gives it (`UNIT.TITLE@YYYY-MM`), so that the
    list is what that command projects and nothing else (tests/solving/test_reference_afters.py holds it
    to that)."""
    by_id = {c["id"]: c for c in cadres}
    posts = []
    for cadre_id, day in opened:
        unit, title = by_id[cadre_id]["current"]["unit"], by_id[cadre_id]["current"]["title"]
        posts.append({"id": f"{unit}.{title}@{day:%Y-%m}", "unit": unit, "title": title, "open_from": day})
    assert len({post["id"] for post in posts}) == len(posts)
    slot_ids = {s["id"] for s in slots}
    assert set(may_stay) <= slot_ids, set(may_stay) - slot_ids
    for s in slots:
        if s["id"] in may_stay:
            s["may_stay"] = True
    return {"horizon": horizon, "window_months": 6, "posts": posts}


# --- the YAML layout -----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for the big structures, flow style for small mappings and lists of scalars."""

    def ignore_aliases(self, data: object) -> bool:
        return True  # a list shared by two titles is written twice, never as an anchor


def _is_scalar(value: object) -> bool:
    return not isinstance(value, (dict, list))


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = len(data) <= 8 and all(
        _is_scalar(v) or (isinstance(v, list) and all(map(_is_scalar, v))) for v in data.values()
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=all(map(_is_scalar, data)))


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def scenario_text(header: str, data: dict) -> str:
    """The scenario file: `header` (comment lines), then `data` with a blank line before each top-level
    key."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)
    lines: list[str] = []
    for line in text.splitlines():
        if lines and line[:1].isalpha():
            lines.append("")
        lines.append(line)
    return header + "\n".join(lines) + "\n"
