"""Generate the reference scenario `can-tho-2022-2025.yaml` (luân chuyển cán bộ, Cần Thơ 2022 - 2025).

Run from the repository root:

    python scenarios/make_can_tho.py

The output is deterministic (`random.Random(2022)`); the committed YAML is exactly this script's output,
so edit the script, never the YAML. Only the standard library and PyYAML are used.

What is real and what is invented:
* real: the Plan's rules (quota 6-8, 10 years of remaining service, 36 months, two-term limit,
  non-locality of key district posts), the names of the nine district-level units, the city departments
  and the two Party committees of the blocs (khối) under the City Party Committee;
* invented: every person (names, birth dates, home districts, posts, planning entries), the vacancies
  (slots) with their priorities and windows, the explicit scores, the pin, the forbids and the waiver.

Cadre groups (the internal `group` tag is not written to the YAML):
* ``term_limit``     current Director (Giám đốc) of a department for two consecutive terms;
* ``local_key_post`` current Secretary / Chairman of the district they are native to;
* ``planning``       in the planning pool (quy hoạch), some with special features (see SPECIALS);
* ``no_district``    serving leaders without district-level experience, not in the planning pool;
* ``not_candidate``  serving leaders with district experience, no planning entry, under the term limit.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from edition3_common import (
    after_rotation,
    draw_fit,
    pool_entries,
    print_edition3,
    relation_entries,
    scenario_text,
    set_after_facts,
)

SEED = 2022
OUT = Path(__file__).with_name("can-tho-2022-2025.yaml")
PERIOD_START = date(2022, 10, 1)
PERIOD_END = date(2025, 12, 31)
LAST_START = date(2025, 10, 1)

# --------------------------------------------------------------------------------------------------
# Catalogue: titles (chức danh) and units (đơn vị). Unit names are the real ones of Cần Thơ in 2022.
# --------------------------------------------------------------------------------------------------
TITLES = {
    "bi_thu": {"name": "Bí thư quận ủy, huyện ủy", "level": "head", "non_local": True},
    "pho_bi_thu": {"name": "Phó Bí thư quận ủy, huyện ủy", "level": "deputy"},
    "chu_tich": {"name": "Chủ tịch UBND quận, huyện", "level": "head", "non_local": True},
    "pho_chu_tich": {"name": "Phó Chủ tịch UBND quận, huyện", "level": "deputy"},
    "chanh_an": {"name": "Chánh án TAND quận, huyện", "level": "head", "non_local": True},
    "vien_truong": {"name": "Viện trưởng VKSND quận, huyện", "level": "head", "non_local": True},
    "truong_cong_an": {"name": "Trưởng Công an quận, huyện", "level": "head", "non_local": True},
    "giam_doc": {"name": "Giám đốc sở", "level": "head"},
    "pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy"},
    "chanh_thanh_tra": {"name": "Chánh Thanh tra thành phố", "level": "head"},
    "pho_chanh_thanh_tra": {"name": "Phó Chánh Thanh tra thành phố", "level": "deputy"},
    "chanh_van_phong": {"name": "Chánh Văn phòng UBND thành phố", "level": "head"},
    "pho_chanh_van_phong": {"name": "Phó Chánh Văn phòng UBND thành phố", "level": "deputy"},
    "bi_thu_dang_uy": {"name": "Bí thư đảng ủy trực thuộc Thành ủy", "level": "head"},
    "pho_bi_thu_dang_uy": {"name": "Phó Bí thư đảng ủy trực thuộc Thành ủy", "level": "deputy"},
    # Used for current posts only (no slot has it): division heads inside a department are the usual
    # planning pool for Phó Giám đốc sở. Not the unit's head, hence `deputy`.
    "truong_phong": {"name": "Trưởng phòng và tương đương thuộc sở, ngành thành phố", "level": "deputy"},
}

#: (id, name, rural) - rural districts (huyện) are the places "short of cadres" and weigh more.
DISTRICTS = [
    ("ninh_kieu", "Quận Ninh Kiều", False),
    ("binh_thuy", "Quận Bình Thủy", False),
    ("cai_rang", "Quận Cái Răng", False),
    ("o_mon", "Quận Ô Môn", False),
    ("thot_not", "Quận Thốt Nốt", False),
    ("phong_dien", "Huyện Phong Điền", True),
    ("co_do", "Huyện Cờ Đỏ", True),
    ("vinh_thanh", "Huyện Vĩnh Thạnh", True),
    ("thoi_lai", "Huyện Thới Lai", True),
]
DISTRICT_IDS = [d[0] for d in DISTRICTS]

#: (id, name, head title, deputy title)
DEPARTMENTS = [
    ("so_noi_vu", "Sở Nội vụ", "giam_doc", "pho_giam_doc"),
    ("so_tu_phap", "Sở Tư pháp", "giam_doc", "pho_giam_doc"),
    ("so_ke_hoach_dau_tu", "Sở Kế hoạch và Đầu tư", "giam_doc", "pho_giam_doc"),
    ("so_tai_chinh", "Sở Tài chính", "giam_doc", "pho_giam_doc"),
    ("so_cong_thuong", "Sở Công Thương", "giam_doc", "pho_giam_doc"),
    ("so_nong_nghiep_ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "giam_doc", "pho_giam_doc"),
    ("so_giao_thong_van_tai", "Sở Giao thông vận tải", "giam_doc", "pho_giam_doc"),
    ("so_xay_dung", "Sở Xây dựng", "giam_doc", "pho_giam_doc"),
    ("so_tai_nguyen_moi_truong", "Sở Tài nguyên và Môi trường", "giam_doc", "pho_giam_doc"),
    ("so_thong_tin_truyen_thong", "Sở Thông tin và Truyền thông", "giam_doc", "pho_giam_doc"),
    ("so_lao_dong_tbxh", "Sở Lao động - Thương binh và Xã hội", "giam_doc", "pho_giam_doc"),
    ("so_van_hoa_the_thao_du_lich", "Sở Văn hóa, Thể thao và Du lịch", "giam_doc", "pho_giam_doc"),
    ("so_khoa_hoc_cong_nghe", "Sở Khoa học và Công nghệ", "giam_doc", "pho_giam_doc"),
    ("so_giao_duc_dao_tao", "Sở Giáo dục và Đào tạo", "giam_doc", "pho_giam_doc"),
    ("so_y_te", "Sở Y tế", "giam_doc", "pho_giam_doc"),
    ("thanh_tra_tp", "Thanh tra thành phố", "chanh_thanh_tra", "pho_chanh_thanh_tra"),
    ("van_phong_ubnd", "Văn phòng UBND thành phố", "chanh_van_phong", "pho_chanh_van_phong"),
]
DEPARTMENT_IDS = [d[0] for d in DEPARTMENTS]
DEPUTY_OF = {d[0]: d[3] for d in DEPARTMENTS}
HEAD_OF = {d[0]: d[2] for d in DEPARTMENTS}

#: The Party committees of the blocs under the City Party Committee (đảng ủy khối trực thuộc Thành ủy).
PARTY_COMMITTEES = [
    ("dang_uy_khoi_cq_dcd", "Đảng ủy Khối Cơ quan Dân Chính Đảng thành phố"),
    ("dang_uy_khoi_dn", "Đảng ủy Khối Doanh nghiệp thành phố"),
]
PARTY_IDS = [p[0] for p in PARTY_COMMITTEES]

# --------------------------------------------------------------------------------------------------
# Slots (vị trí cần bố trí): hand-chosen vacancies. (unit, title, priority, extra fields)
# Priorities: rural districts short of cadres 2-3, other districts 1-2, departments 0-1.
# --------------------------------------------------------------------------------------------------
SLOTS = [
    # district heads (non-local titles): where the mandatory cadres go
    ("co_do", "bi_thu", 3, {"open_from": date(2023, 1, 1)}),
    ("thoi_lai", "bi_thu", 3, {}),
    ("binh_thuy", "bi_thu", 1, {"fill_by": date(2024, 12, 31)}),
    ("vinh_thanh", "chu_tich", 3, {}),
    ("phong_dien", "chu_tich", 2, {"open_from": date(2023, 7, 1)}),
    ("cai_rang", "chu_tich", 1, {"open_from": date(2024, 1, 1)}),
    ("o_mon", "chu_tich", 2, {"vacated_by": "LKP_O_MON"}),  # the vacancy chain (resolved to an id)
    # department and Party committee heads
    ("so_nong_nghiep_ptnt", "giam_doc", 1, {}),
    ("so_giao_thong_van_tai", "giam_doc", 0, {}),
    ("so_khoa_hoc_cong_nghe", "giam_doc", 0, {"open_from": date(2024, 1, 1)}),
    ("so_lao_dong_tbxh", "giam_doc", 1, {"fill_by": date(2025, 6, 30)}),
    ("so_tu_phap", "giam_doc", 0, {}),
    ("dang_uy_khoi_dn", "bi_thu_dang_uy", 1, {}),
    # district deputies
    ("co_do", "pho_bi_thu", 3, {}),
    ("vinh_thanh", "pho_bi_thu", 3, {}),
    ("thoi_lai", "pho_bi_thu", 3, {}),
    ("phong_dien", "pho_bi_thu", 2, {}),
    ("o_mon", "pho_bi_thu", 1, {}),
    ("thot_not", "pho_bi_thu", 1, {"open_from": date(2023, 4, 1)}),
    ("cai_rang", "pho_bi_thu", 1, {}),
    ("co_do", "pho_chu_tich", 3, {}),
    ("vinh_thanh", "pho_chu_tich", 2, {}),
    ("thoi_lai", "pho_chu_tich", 3, {}),
    ("phong_dien", "pho_chu_tich", 3, {}),
    ("ninh_kieu", "pho_chu_tich", 0, {"fill_by": date(2023, 12, 31)}),
    ("binh_thuy", "pho_chu_tich", 1, {}),
    ("thot_not", "pho_chu_tich", 1, {}),
    ("o_mon", "pho_chu_tich", 1, {}),
    ("cai_rang", "pho_chu_tich", 0, {}),
    # department deputies
    ("so_ke_hoach_dau_tu", "pho_giam_doc", 1, {}),
    ("so_tai_chinh", "pho_giam_doc", 0, {}),
    ("so_noi_vu", "pho_giam_doc", 1, {}),
    ("so_xay_dung", "pho_giam_doc", 0, {}),
    ("so_tai_nguyen_moi_truong", "pho_giam_doc", 1, {}),
    ("so_cong_thuong", "pho_giam_doc", 0, {}),
    ("so_y_te", "pho_giam_doc", 1, {"open_from": date(2024, 4, 1), "fill_by": date(2025, 6, 30)}),
    ("so_giao_duc_dao_tao", "pho_giam_doc", 0, {}),
    ("thanh_tra_tp", "pho_chanh_thanh_tra", 0, {}),
    ("van_phong_ubnd", "pho_chanh_van_phong", 0, {}),
    # Party committee deputies
    ("dang_uy_khoi_cq_dcd", "pho_bi_thu_dang_uy", 1, {}),
    ("dang_uy_khoi_dn", "pho_bi_thu_dang_uy", 1, {}),
]

# --------------------------------------------------------------------------------------------------
# Posts (current positions). How many holders of a (unit, title) a real unit has; a slot at that
# (unit, title) is one of these posts standing vacant, so it is not held by anyone in the pool
# (except the vacancy chain's slot, whose holder is the cadre who will leave it).
# --------------------------------------------------------------------------------------------------
DISTRICT_POSTS = {
    "bi_thu": 1,
    "chu_tich": 1,
    "chanh_an": 1,
    "vien_truong": 1,
    "truong_cong_an": 1,
    "pho_bi_thu": 2,
    "pho_chu_tich": 3,
}
DEPARTMENT_DEPUTIES = 4
DIVISION_HEADS_IN_POOL = 3
PARTY_POSTS = {"bi_thu_dang_uy": 1, "pho_bi_thu_dang_uy": 2}

# --------------------------------------------------------------------------------------------------
# Edition 3 (CONTRACT §6): fit for the post and what a rotation prepares. Invented, plausible.
# Ranks follow the order of the leadership allowances loosely (Trưởng phòng sở < Phó Chủ tịch UBND huyện <
# Phó Giám đốc sở ~ Phó Bí thư huyện ủy < Chủ tịch UBND huyện < Giám đốc sở < Bí thư quận ủy, huyện ủy);
# `rules.max_rank_step: 1` lets a pool cadre go one rank up, as rotation "combined with appointment" does.
# Every title requires a degree; district posts and heads also the advanced political theory course (cao
# cấp lý luận chính trị), which many department deputies and division heads are still taking. Experience:
# `cap_huyen` (a district leadership post), `truong_cap_huyen` (a district Secretary or Chairman),
# `quan_ly_nganh` (leading a department).
# --------------------------------------------------------------------------------------------------
_THEORY = ["dai_hoc", "llct_cao_cap"]
FIT = {
    "bi_thu": {"rank": 8, "requires": _THEORY, "gives": ["cap_huyen", "truong_cap_huyen"]},
    "pho_bi_thu": {"rank": 5, "requires": _THEORY, "gives": ["cap_huyen"]},
    "chu_tich": {"rank": 6, "requires": _THEORY, "gives": ["cap_huyen", "truong_cap_huyen"]},
    "pho_chu_tich": {"rank": 4, "requires": _THEORY, "gives": ["cap_huyen"]},
    "chanh_an": {"rank": 4, "requires": _THEORY, "gives": ["cap_huyen"]},
    "vien_truong": {"rank": 4, "requires": _THEORY, "gives": ["cap_huyen"]},
    "truong_cong_an": {"rank": 4, "requires": _THEORY, "gives": ["cap_huyen"]},
    "giam_doc": {"rank": 7, "requires": _THEORY, "gives": ["quan_ly_nganh"]},
    "pho_giam_doc": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "chanh_thanh_tra": {"rank": 7, "requires": _THEORY, "gives": ["quan_ly_nganh"]},
    "pho_chanh_thanh_tra": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "chanh_van_phong": {"rank": 7, "requires": _THEORY, "gives": ["quan_ly_nganh"]},
    "pho_chanh_van_phong": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "bi_thu_dang_uy": {"rank": 7, "requires": _THEORY, "gives": []},
    "pho_bi_thu_dang_uy": {"rank": 5, "requires": ["dai_hoc"], "gives": []},
    "truong_phong": {"rank": 3, "requires": ["dai_hoc"], "gives": []},
}
#: The day of the 2025-2030 city Party congress and of the 2026-2031 People's Council elections (the
#: congress in October 2025, the election on 15 March 2026), by which the pool titles want people ready.
CONGRESS = date(2025, 10, 1)
COUNCILS = date(2026, 3, 15)
#: The key city titles the planning pool is built for (CONTRACT §6.3); their ids are planning codes.
POOL = [
    {
        "id": "uy_vien_ban_thuong_vu",
        "name": "Ủy viên Ban Thường vụ Thành ủy",
        "requires_experience": ["truong_cap_huyen"],
        "ready_by": CONGRESS,
    },
    {
        "id": "thanh_uy_vien",
        "name": "Ủy viên Ban Chấp hành Đảng bộ thành phố",
        "requires_experience": ["cap_huyen"],
        "ready_by": CONGRESS,
    },
    {
        "id": "pho_chu_tich_thanh_pho",
        "name": "Phó Chủ tịch UBND thành phố",
        "requires_experience": ["truong_cap_huyen"],
        "ready_by": COUNCILS,
    },
    {
        "id": "giam_doc_so",
        "name": "Giám đốc sở",
        "requires_experience": ["cap_huyen", "quan_ly_nganh"],
        "ready_by": COUNCILS,
    },
]
#: Where a post does not require the course: the share of its holders who hold it, and who finish it in
#: the period (the rest hold the intermediate course, trung cấp).
THEORY_DRAW = {
    "truong_phong": (0.45, 0.30),
    "pho_giam_doc": (0.70, 0.20),
    "pho_chanh_thanh_tra": (0.70, 0.20),
    "pho_chanh_van_phong": (0.70, 0.20),
    "pho_bi_thu_dang_uy": (0.70, 0.20),
}
#: Dates on which an advanced political theory course ends (Học viện Chính trị khu vực IV, in Cần Thơ).
COURSE_ENDS = [date(2023, 3, 31), date(2023, 9, 30), date(2024, 6, 30), date(2025, 3, 31)]

# Planning codes (mã quy hoạch): the city-level titles a cadre is in the planning pool for.
PLANNING_BY_TITLE = {
    "giam_doc": [
        ["uy_vien_ban_thuong_vu"],
        ["pho_chu_tich_thanh_pho"],
        ["thanh_uy_vien", "pho_chu_tich_thanh_pho"],
    ],
    "chanh_thanh_tra": [["uy_vien_ban_thuong_vu"], ["thanh_uy_vien"]],
    "chanh_van_phong": [["pho_chu_tich_thanh_pho"], ["thanh_uy_vien"]],
    "bi_thu_dang_uy": [["uy_vien_ban_thuong_vu"]],
    "pho_giam_doc": [["giam_doc_so"], ["giam_doc_so", "thanh_uy_vien"], ["chu_tich_ubnd_quan_huyen"]],
    "pho_chanh_thanh_tra": [["giam_doc_so"]],
    "pho_chanh_van_phong": [["giam_doc_so"], ["chu_tich_ubnd_quan_huyen"]],
    "pho_bi_thu_dang_uy": [["bi_thu_quan_huyen"], ["giam_doc_so"]],
    "truong_phong": [["pho_giam_doc_so"]],
    "bi_thu": [["uy_vien_ban_thuong_vu"], ["pho_bi_thu_thanh_uy", "uy_vien_ban_thuong_vu"]],
    "chu_tich": [["bi_thu_quan_huyen", "thanh_uy_vien"], ["pho_chu_tich_thanh_pho"]],
    "pho_bi_thu": [["bi_thu_quan_huyen"], ["chu_tich_ubnd_quan_huyen"]],
    "pho_chu_tich": [["chu_tich_ubnd_quan_huyen"], ["giam_doc_so"]],
}

# --------------------------------------------------------------------------------------------------
# Names (họ, tên đệm, tên): invented, Southern flavour (Huỳnh, Võ frequent).
# --------------------------------------------------------------------------------------------------
FAMILY = (
    ["Nguyễn"] * 30 + ["Trần"] * 12 + ["Lê"] * 10 + ["Phạm"] * 6 + ["Huỳnh"] * 6 + ["Võ"] * 5
    + ["Phan"] * 4 + ["Trương"] * 3 + ["Bùi"] * 2 + ["Đặng"] * 2 + ["Đỗ"] * 2 + ["Ngô"] * 2 + ["Hồ"] * 2
    + ["Dương"] * 2 + ["Lý"] * 2 + ["Lâm"] * 2
    + ["Châu", "Đinh", "Tô", "Lưu", "Mai", "Quách", "Thái", "Trịnh", "Diệp", "Lương", "Tạ", "Đoàn", "Cao"]
)  # fmt: skip
MALE_MIDDLE = ["Văn"] * 8 + [
    "Hữu", "Minh", "Quốc", "Thanh", "Hoàng", "Công", "Đức", "Tấn", "Thành", "Ngọc", "Trung", "Việt",
    "Phước", "Chí", "Hoài", "Duy", "Trọng", "Hồng", "Nhật", "Văn Minh", "Hoàng Anh",
]  # fmt: skip
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Hải", "Phong", "Long", "Nam", "Sơn", "Thắng", "Tâm", "Trí", "Hiếu", "Khải",
    "Lộc", "Phúc", "Thịnh", "Toàn", "Vinh", "Bình", "Cường", "Đạt", "Hòa", "Khoa", "Nghĩa", "Quang", "Tài",
    "Thuận", "Tín", "Trung", "Tú", "Hưng", "Huy", "Kiên", "Luân", "Nhân", "Phát", "Sang", "Tùng", "Vũ",
    "Khánh", "Hậu", "Triều", "Thạch", "Danh", "Em", "Hiển", "Khang", "Lực", "Nhựt", "Phương", "Thông",
]  # fmt: skip
FEMALE_MIDDLE = ["Thị"] * 8 + [
    "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Mỹ", "Thị Bích", "Thị Hồng", "Thị Thanh", "Thị Phương",
    "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích", "Hồng", "Phương", "Diệu", "Thúy", "Cẩm",
]  # fmt: skip
FEMALE_GIVEN = [
    "Hà", "Lan", "Mai", "Hương", "Trang", "Thảo", "Linh", "Nga", "Hằng", "Hạnh", "Vân", "Yến", "Nhung",
    "Oanh", "Phượng", "Loan", "Thủy", "Tuyết", "Dung", "Hoa", "Ngân", "Nhi", "Trinh", "Diễm", "Xuân",
    "Thư", "Uyên", "Liên", "Hiền", "Châu", "Quyên", "Duyên", "Giang", "Huyền", "Tâm", "Vy",
]  # fmt: skip


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.free_posts = self._posts()

    # ---------------------------------------------------------------- people
    def name(self, gender: str) -> str:
        while True:
            family = self.rng.choice(FAMILY)
            if gender == "male":
                full = f"{family} {self.rng.choice(MALE_MIDDLE)} {self.rng.choice(MALE_GIVEN)}"
            else:
                full = f"{family} {self.rng.choice(FEMALE_MIDDLE)} {self.rng.choice(FEMALE_GIVEN)}"
            if full not in self.names:
                self.names.add(full)
                return full

    def gender(self, p_female: float = 0.25) -> str:
        return "female" if self.rng.random() < p_female else "male"

    def birth(self, first_year: int, last_year: int) -> date:
        return date(self.rng.randint(first_year, last_year), self.rng.randint(1, 12), self.rng.randint(1, 28))

    # ---------------------------------------------------------------- posts
    def _posts(self) -> dict[tuple[str, str], int]:
        posts: dict[tuple[str, str], int] = {}
        for d in DISTRICT_IDS:
            for title, n in DISTRICT_POSTS.items():
                posts[d, title] = n
        for unit, _, head, deputy in DEPARTMENTS:
            posts[unit, head] = 1
            posts[unit, deputy] = DEPARTMENT_DEPUTIES
            posts[unit, "truong_phong"] = DIVISION_HEADS_IN_POOL
        for p in PARTY_IDS:
            for title, n in PARTY_POSTS.items():
                posts[p, title] = n
        for unit, title, _, extra in SLOTS:
            if "vacated_by" not in extra:  # a vacant post; the chain's post is still held
                posts[unit, title] -= 1
        return posts

    def take(self, unit: str, title: str) -> dict:
        assert self.free_posts[unit, title] > 0, (unit, title)
        self.free_posts[unit, title] -= 1
        return {"unit": unit, "title": title}

    def take_any(self, titles: list[str], units: list[str]) -> dict:
        choices = [(u, t) for u in units for t in titles if self.free_posts.get((u, t), 0) > 0]
        assert choices, (titles, units)
        unit, title = self.rng.choice(choices)
        return self.take(unit, title)

    def home(self, post: dict, native_ok: bool) -> str:
        """Home district (local_to). Holders of a non-local title are never natives of their district
        (that would make them local key-post holders); district deputies are often natives."""
        unit, title = post["unit"], post["title"]
        if unit in DISTRICT_IDS and TITLES[title].get("non_local"):
            return self.rng.choice([d for d in DISTRICT_IDS if d != unit])
        if unit in DISTRICT_IDS and native_ok and self.rng.random() < 0.5:
            return unit
        return self.rng.choice(DISTRICT_IDS)

    def planning_for(self, title: str) -> list[str]:
        return list(self.rng.choice(PLANNING_BY_TITLE[title]))

    def cadre(self, group: str, post: dict, born: tuple[int, int], **fields) -> dict:
        gender = fields.pop("gender", None) or self.gender()
        head_terms = fields.pop("head_terms", None)
        if head_terms is None:
            head_terms = self.rng.choice([0, 1]) if TITLES[post["title"]]["level"] == "head" else 0
        local_to = fields.pop("local_to", None) or [self.home(post, native_ok=True)]
        in_district = post["unit"] in DISTRICT_IDS
        c = {
            "group": group,
            "tag": fields.pop("tag", None),
            "name": self.name(gender),
            "gender": gender,
            "birth_date": fields.pop("birth_date", None) or self.birth(*born),
            "local_to": local_to,
            "current": {**post, "head_terms": head_terms},
            "planning": fields.pop("planning", []),
            "district_experience": fields.pop("district_experience", in_district),
        }
        c.update(fields)
        return c


def build() -> dict:
    g = Generator(SEED)
    cadres: list[dict] = []

    # ---- mandatory: term limit (two consecutive terms as Director) ---------------------------------
    cadres.append(
        g.cadre(
            "term_limit",
            g.take("so_tai_chinh", "giam_doc"),
            (1975, 1975),
            tag="TL_TAI_CHINH",
            gender="male",
            head_terms=2,
            local_to=["ninh_kieu"],
            district_experience=False,
            planning=["pho_chu_tich_thanh_pho"],
        )
    )
    cadres.append(
        g.cadre(
            "term_limit",
            g.take("so_cong_thuong", "giam_doc"),
            (1977, 1977),
            tag="TL_CONG_THUONG",
            gender="female",
            head_terms=2,
            local_to=["phong_dien"],
            district_experience=True,
        )
    )
    cadres.append(
        g.cadre(
            "term_limit",
            g.take("so_van_hoa_the_thao_du_lich", "giam_doc"),
            (1974, 1974),
            tag="TL_VHTTDL",
            gender="male",
            head_terms=2,
            local_to=["co_do"],
            district_experience=True,
        )
    )

    # ---- mandatory: local key posts (Secretary / Chairman of their home district) -------------------
    cadres.append(
        g.cadre(
            "local_key_post",
            g.take("o_mon", "chu_tich"),
            (1975, 1975),
            tag="LKP_O_MON",
            gender="male",
            head_terms=1,
            local_to=["o_mon"],
            planning=["bi_thu_quan_huyen"],
        )
    )
    cadres.append(
        g.cadre(
            "local_key_post",
            g.take("thot_not", "bi_thu"),
            (1976, 1976),
            tag="LKP_THOT_NOT",
            gender="female",
            head_terms=1,
            local_to=["thot_not"],
        )
    )

    # ---- planning pool: special cases ---------------------------------------------------------------
    def planning_cadre(
        tag: str, titles: list[str], units: list[str], born: tuple[int, int], **fields
    ) -> dict:
        post = g.take_any(titles, units)
        fields.setdefault("planning", g.planning_for(post["title"]))
        return g.cadre("planning", post, born, tag=tag, **fields)

    depts = [d for d in DEPARTMENT_IDS if d not in ("thanh_tra_tp", "van_phong_ubnd")]
    cadres.append(
        planning_cadre(
            "PIN",
            ["pho_giam_doc"],
            ["so_ke_hoach_dau_tu"],
            (1980, 1981),
            gender="male",
            local_to=["binh_thuy"],
            district_experience=False,
            planning=["giam_doc_so"],
        )
    )
    cadres.append(
        planning_cadre(
            "WAIVER",
            ["pho_bi_thu"],
            ["ninh_kieu"],
            (1968, 1968),
            gender="male",
            local_to=["cai_rang"],
            planning=["uy_vien_ban_thuong_vu"],
            waivers=[
                {
                    "rule": "remaining_service",
                    "by": "Ban Thường vụ Thành ủy",
                    "ref": "QĐ 1021-QĐ/TU (giả định)",
                    "reason": "Cán bộ có kinh nghiệm quản lý đô thị, cần cho huyện khó khăn",
                }
            ],
        )
    )
    cadres.append(planning_cadre("OLD", ["pho_giam_doc"], depts, (1967, 1967), gender="male"))
    cadres.append(planning_cadre("OLD", ["pho_chu_tich"], DISTRICT_IDS, (1971, 1971), gender="female"))
    cadres.append(planning_cadre("HEALTH", ["pho_giam_doc"], depts, (1976, 1979), health_ok=False))
    cadres.append(planning_cadre("HEALTH", ["pho_bi_thu"], DISTRICT_IDS, (1975, 1978), health_ok=False))
    cadres.append(
        planning_cadre(
            "LATER", ["pho_giam_doc"], depts, (1978, 1980), gender="female", available_from=date(2024, 1, 1)
        )
    )
    cadres.append(
        planning_cadre(
            "LATER",
            ["pho_chu_tich"],
            DISTRICT_IDS,
            (1977, 1979),
            gender="male",
            available_from=date(2024, 7, 1),
        )
    )
    for gender in ("female", "male", "male"):
        cadres.append(
            planning_cadre(
                "YOUNG", ["truong_phong"], depts, (1986, 1987), gender=gender, district_experience=False
            )
        )
    cadres.append(
        planning_cadre(
            "FORBID",
            ["chu_tich"],
            ["binh_thuy"],
            (1975, 1977),
            gender="male",
            head_terms=1,
            local_to=["thot_not"],
        )
    )

    # ---- planning pool: the rest --------------------------------------------------------------------
    mix = (
        [(["truong_phong"], depts, (1976, 1983))] * 31
        + [(["pho_giam_doc"], depts, (1972, 1982))] * 26
        + [(["pho_chanh_thanh_tra"], ["thanh_tra_tp"], (1972, 1982))] * 2
        + [(["pho_chanh_van_phong"], ["van_phong_ubnd"], (1972, 1982))] * 2
        + [(["giam_doc"], depts, (1972, 1978))] * 4
        + [(["chanh_van_phong"], ["van_phong_ubnd"], (1970, 1976))]
        + [(["pho_bi_thu"], DISTRICT_IDS, (1973, 1982))] * 4
        + [(["pho_chu_tich"], DISTRICT_IDS, (1974, 1982))] * 12
        + [(["bi_thu", "chu_tich"], DISTRICT_IDS, (1972, 1977))] * 3
        + [(["bi_thu_dang_uy"], ["dang_uy_khoi_cq_dcd"], (1972, 1975))]
        + [(["pho_bi_thu_dang_uy"], PARTY_IDS, (1974, 1980))] * 2
    )
    for titles, units, born in mix:
        post = g.take_any(titles, units)
        in_district = post["unit"] in DISTRICT_IDS
        cadres.append(
            g.cadre(
                "planning",
                post,
                born,
                planning=g.planning_for(post["title"]),
                district_experience=in_district or g.rng.random() < 0.45,
            )
        )

    # ---- serving leaders without district experience, not in the planning pool ----------------------
    for titles in [["giam_doc"]] * 2 + [["pho_giam_doc", "pho_giam_doc", "pho_chanh_van_phong"]] * 13:
        post = g.take_any(titles, [*depts, "van_phong_ubnd"])
        cadres.append(g.cadre("no_district", post, (1970, 1982), district_experience=False))

    # ---- not candidates: district experience, no planning entry, under the term limit ---------------
    mix = (
        [(["chanh_an", "vien_truong", "truong_cong_an"], DISTRICT_IDS, (1966, 1978))] * 10
        + [(["bi_thu", "chu_tich"], DISTRICT_IDS, (1966, 1972))] * 3
        + [(["pho_bi_thu", "pho_chu_tich"], DISTRICT_IDS, (1966, 1980))] * 6
        + [(["pho_giam_doc", "pho_chanh_thanh_tra"], [*depts, "thanh_tra_tp"], (1966, 1978))] * 5
        + [(["truong_phong"], depts, (1968, 1980))] * 5
        + [(["giam_doc", "chanh_thanh_tra"], [*depts, "thanh_tra_tp"], (1966, 1972))]
    )
    for titles, units, born in mix:
        post = g.take_any(titles, units)
        cadres.append(g.cadre("not_candidate", post, born, district_experience=True, head_terms=None))

    assert len(cadres) == 150, len(cadres)

    # ---- ids: shuffled so that ids do not reveal the groups ------------------------------------------
    g.rng.shuffle(cadres)
    for i, c in enumerate(cadres, start=1):
        c["id"] = f"C{i:03d}"
    by_tag: dict[str, list[str]] = {}
    for c in cadres:
        if c["tag"]:
            by_tag.setdefault(c["tag"], []).append(c["id"])
    group_ids: dict[str, list[str]] = {}
    for c in cadres:
        group_ids.setdefault(c["group"], []).append(c["id"])

    # ---- slots ---------------------------------------------------------------------------------------
    slots = []
    for unit, title, priority, extra in SLOTS:
        s = {"id": f"{unit}.{title}", "unit": unit, "title": title}
        for key in ("open_from", "fill_by"):
            if key in extra:
                s[key] = extra[key]
        if "vacated_by" in extra:
            s["vacated_by"] = by_tag[extra["vacated_by"]][0]
        s["priority"] = priority
        slots.append(s)
    slot_by_id = {s["id"]: s for s in slots}
    cadre_by_id = {c["id"]: c for c in cadres}

    # ---- pin and forbids -----------------------------------------------------------------------------
    pins = [{"cadre": by_tag["PIN"][0], "slot": "vinh_thanh.pho_bi_thu", "start": date(2023, 4, 1)}]
    forbids = [
        {"cadre": by_tag["FORBID"][0], "slot": "thoi_lai.bi_thu"},
        {"cadre": by_tag["LKP_THOT_NOT"][0], "unit": "o_mon"},
    ]

    # ---- explicit scores -----------------------------------------------------------------------------
    scores = [
        (by_tag["LKP_O_MON"][0], "co_do.bi_thu", 9),
        (by_tag["LKP_O_MON"][0], "vinh_thanh.chu_tich", 8),
        (by_tag["LKP_O_MON"][0], "so_nong_nghiep_ptnt.giam_doc", 6),
        (by_tag["LKP_THOT_NOT"][0], "thoi_lai.bi_thu", 9),
        (by_tag["LKP_THOT_NOT"][0], "phong_dien.chu_tich", 7),
        (by_tag["TL_TAI_CHINH"][0], "cai_rang.chu_tich", 8),
        (by_tag["TL_TAI_CHINH"][0], "binh_thuy.bi_thu", 7),
        (by_tag["TL_TAI_CHINH"][0], "dang_uy_khoi_dn.bi_thu_dang_uy", 6),
        (by_tag["TL_CONG_THUONG"][0], "o_mon.chu_tich", 8),
        (by_tag["TL_CONG_THUONG"][0], "so_lao_dong_tbxh.giam_doc", 5),
        (by_tag["TL_VHTTDL"][0], "vinh_thanh.chu_tich", 7),
        (by_tag["TL_VHTTDL"][0], "thoi_lai.bi_thu", 6),
        (by_tag["PIN"][0], "vinh_thanh.pho_bi_thu", 8),
        (by_tag["WAIVER"][0], "co_do.pho_bi_thu", 6),
    ]
    seen = {(c, s) for c, s, _ in scores}
    forbidden = {(f["cadre"], f.get("slot")) for f in forbids} | {
        (f["cadre"], f.get("unit")) for f in forbids
    }
    pool = [
        (c["id"], s["id"])
        for c in cadres
        if c["group"] == "planning" and not c["tag"]
        for s in slots
        if "vacated_by" not in s
        and (c["id"], s["id"]) not in forbidden
        and (c["id"], s["unit"]) not in forbidden
        and plausible(c, s)
    ]
    for cadre_id, slot_id in g.rng.sample(sorted(pool), 26):
        if (cadre_id, slot_id) not in seen:
            seen.add((cadre_id, slot_id))
            scores.append((cadre_id, slot_id, g.rng.randint(4, 9)))
    for cadre_id, slot_id, _ in scores:
        assert slot_id in slot_by_id and cadre_id in cadre_by_id

    relations, pool = edition3(cadres)
    set_after_facts(cadres, AFTER_FACTS)
    after = after_rotation(cadres, slots, horizon=AFTER_HORIZON, opened=AFTER_OPENED, may_stay=MAY_STAY)

    units = (
        [{"id": i, "name": n, "kind": "district"} for i, n, _ in DISTRICTS]
        + [{"id": i, "name": n, "kind": "department"} for i, n, _, _ in DEPARTMENTS]
        + [{"id": i, "name": n, "kind": "party_committee"} for i, n in PARTY_COMMITTEES]
    )
    return {
        "name": "can-tho-2022-2025",
        "title": "Kế hoạch luân chuyển cán bộ lãnh đạo, quản lý thành phố Cần Thơ giai đoạn 2022 - 2025"
        " (dữ liệu giả định)",
        "period": {"start": PERIOD_START, "end": PERIOD_END, "granularity": "quarter"},
        "rules": {
            "quota": {"min": 6, "max": 8},
            "min_remaining_service_years": 10,
            "min_duration_months": 36,
            "max_consecutive_head_terms": 2,
            "youth": {"age_below": 40, "max_heads": 0},
            "max_starts_per_quarter": 3,
            "mandatory_rotation": ["term_limit", "local_key_post"],
            "max_rank_step": 1,
            "experience_months": 24,
        },
        "titles": {code: {**title, **FIT[code]} for code, title in TITLES.items()},
        "units": units,
        "slots": slots,
        "cadres": [export_cadre(c) for c in cadres],
        "relations": relations,
        "pool": pool,
        "after_rotation": after,
        "scores": [{"cadre": c, "slot": s, "score": v} for c, s, v in scores],
        "objective": {
            "explicit_scores_only": False,
            "weights": {
                "priority": 10,
                "development": 5,
                "allowance_cost": 3,
                "earlier_start": 1,
                "readiness": 10,
            },
        },
        "pins": pins,
        "forbids": forbids,
        "variants": VARIANTS,
        "_groups": group_ids,
        "_tags": by_tag,
    }


def edition3(cadres: list[dict]) -> tuple[list[dict], list[dict]]:
    """Add the edition-3 facts (CONTRACT §6) to the cadres and return the relations and the pool.

    Drawn from a generator of their own (seed `SEED + 1`), after everything else, so that the edition-2
    scenario (every id, name and post) is exactly what it was. The special cases are chosen by id below:
    each is one that binds in the 2022-2025 reference (scenarios/README.md says how)."""
    rng = random.Random(SEED + 1)
    draw_fit(
        cadres,
        rng,
        fit=FIT,
        titles=TITLES,
        theory=THEORY_DRAW.__getitem__,
        course_ends=COURSE_ENDS,
        master_share=0.35,
        local_units=DISTRICT_IDS,
        local_codes=("cap_huyen", "truong_cap_huyen"),  # a department head who led a district before
    )
    by_id = {c["id"]: c for c in cadres}
    for cadre_id, special in SPECIAL_FIT.items():
        by_id[cadre_id].update(special)
    # the special cases are what the comments above them say
    post = {cadre_id: (c["current"]["unit"], c["current"]["title"]) for cadre_id, c in by_id.items()}
    assert post["C056"] == ("o_mon", "chu_tich") and post["C117"] == ("vinh_thanh", "pho_chu_tich")
    assert post["C121"][0] == "thoi_lai" and by_id["C060"]["local_to"] == by_id["C121"]["local_to"] == [
        "thoi_lai"
    ]
    assert post["C086"][0] == post["C124"][0] == "ninh_kieu"
    assert "pho_chu_tich_thanh_pho" in by_id["C116"]["planning"] and post["C116"][1] == "giam_doc"
    assert all(
        "giam_doc_so" in by_id[i]["planning"] and post[i][1] == "pho_giam_doc" for i in ("C060", "C144")
    )
    relations = relation_entries(RELATIONS, by_id)
    pool = pool_entries(cadres, POOL, MIN_READY, BINDING)
    return relations, pool


#: The pool titles whose `min_ready` binds: the plan must make some planned cadres ready.
BINDING = ("pho_chu_tich_thanh_pho",)


#: Cadres whose edition-3 facts are set by hand (after the draw above), each a case that binds.
SPECIAL_FIT: dict[str, dict] = {
    # title_standards: two Phó Giám đốc in the pool for Giám đốc sở and Thành ủy viên finish the course on
    # 30/09/2023 (C060: a district post from 01/10/2023, the last start that prepares him for the
    # congress) and on 30/06/2024 (C144: too late for the congress and the councils).
    "C060": {"qualifications": ["dai_hoc", "thac_si", {"code": "llct_cao_cap", "from": date(2023, 9, 30)}]},
    "C144": {"qualifications": ["dai_hoc", {"code": "llct_cao_cap", "from": date(2024, 6, 30)}]},
    # discipline: a Director in the pool for Phó Chủ tịch UBND thành phố, reprimanded (khiển trách) in
    # mid-2023: no rotation starts before 01/07/2024, too late to be ready for the 2026 councils.
    "C116": {"disciplined_until": date(2024, 6, 30)},
}
#: Family relations (Reg. 114-QĐ/TW), ids only.
RELATIONS = [
    # kinship: the Ô Môn Chairman (C056, who must rotate) and his wife, Phó Chủ tịch of Vĩnh Thạnh (C117):
    # he may take vinh_thanh.chu_tich only once she has left Vĩnh Thạnh.
    (("C056", "C117"), "spouse"),
    # brothers, both natives of Thới Lai; C121 is Phó Chủ tịch there, so C060 may join Thới Lai only once
    # C121 has left it.
    (("C060", "C121"), "sibling"),
    # in-laws who already serve together in Ninh Kiều: never a violation while the plan does not move them.
    (("C086", "C124"), "in_law"),
]
#: `min_ready` per pool title.
MIN_READY = {"uy_vien_ban_thuong_vu": 1, "thanh_uy_vien": 6, "pho_chu_tich_thanh_pho": 6}


# --------------------------------------------------------------------------------------------------
# The way back (CONTRACT §6.4): where each rotation ending by the horizon may lead. Invented facts, added
# after everything else (the edition-2 data and the other edition-3 data are unchanged, and no fact here
# touches a candidate for rotation: four heads who are no candidates, two cadres kept out of rotation
# by their health). A rotation starting by 01/10/2023 ends by 01/10/2026 (36 months) and needs an after.
# --------------------------------------------------------------------------------------------------
AFTER_HORIZON = date(2026, 12, 31)
#: Facts that open posts in 2026 (the 8-year limit is reached after the period's end, 31/12/2025, so
#: none of the four heads becomes term-limited in it).
AFTER_FACTS: dict[str, dict] = {
    "C045": {"head_since": date(2018, 1, 1)},  # Chánh Thanh tra thành phố, 8 years on 01/01/2026
    "C062": {"head_since": date(2018, 4, 1)},  # Bí thư Vĩnh Thạnh, 8 years on 01/04/2026
    "C030": {"head_since": date(2018, 7, 1)},  # Chủ tịch Thới Lai, 8 years on 01/07/2026
    "C132": {"head_since": date(2018, 10, 1)},  # Bí thư Ô Môn, 8 years on 01/10/2026
    # early retirement on health grounds (health_ok false: never rotated)
    "C046": {"retirement_date": date(2026, 4, 1)},  # Phó Giám đốc Sở Kế hoạch và Đầu tư
    "C100": {"retirement_date": date(2026, 1, 1)},  # Phó Bí thư Cái Răng
}
#: The posts those facts open, and C009's retirement (Phó Chánh Thanh tra, 01/07/2026): what
#: `planner vacancies scenarios/can-tho-2022-2025.yaml --until 2026-12-31` lists from 2026 on (the
#: earlier retirements open posts long before any rotation ends). By rank: 8 (two Bí thư), 7, 6, and
#: three of 5, the only way back for a rotated deputy of rank 4 or 5 who may not stay; none of rank 3.
AFTER_OPENED = [
    ("C045", date(2026, 1, 1)),
    ("C100", date(2026, 1, 1)),
    ("C062", date(2026, 4, 1)),
    ("C046", date(2026, 4, 1)),
    ("C030", date(2026, 7, 1)),
    ("C009", date(2026, 7, 1)),
    ("C132", date(2026, 10, 1)),
]
#: Posts in the rural districts short of cadres where a rotated cadre may be kept (Reg. 65 Art. 10).
MAY_STAY = ["co_do.pho_bi_thu", "thoi_lai.pho_chu_tich", "phong_dien.pho_bi_thu"]


#: Rule variants solved beside the Plan's own rules (`planner solve --variant NAME`): a smaller quota, and
#: a slower pace, the two choices the Plan's "6 to 8 cadres" and "step by step" leave to the committee.
VARIANTS = [
    {
        "name": "quota-7",
        "description": "Tối đa 7 lượt luân chuyển / at most 7 rotations",
        "set": {"rules.quota.max": 7},
    },
    {
        "name": "pace-1",
        "description": "Mỗi quý bắt đầu tối đa 1 lượt (từng bước) / at most one start per quarter (step by step)",
        "set": {"rules.max_starts_per_quarter": 1},
    },
]


def plausible(c: dict, s: dict) -> bool:
    """A conservative test that an explicit score names a pair the rules allow at every start: healthy,
    at least 10 years left even at the last start (men born 1974 on retire at 62, women born 1976 on at
    60), not a native in a non-local post, another unit, heads only for cadres aged 40 at the period start,
    and a sensible step (department people to districts, district people to departments or up)."""
    title = TITLES[s["title"]]
    born = c["birth_date"]
    if not c.get("health_ok", True) or c.get("available_from"):
        return False
    if born < (date(1974, 1, 1) if c["gender"] == "male" else date(1976, 1, 1)):
        return False
    if title.get("non_local") and s["unit"] in c["local_to"]:
        return False
    if s["unit"] == c["current"]["unit"]:
        return False
    if title["level"] == "head" and (born > date(1982, 10, 1) or c["current"]["title"] == "truong_phong"):
        return False
    from_district = c["current"]["unit"] in DISTRICT_IDS
    to_district = s["unit"] in DISTRICT_IDS
    return to_district != from_district or title["level"] == "head"


def export_cadre(c: dict) -> dict:
    out = {key: c[key] for key in ("id", "name", "gender", "birth_date", "local_to", "current", "planning")}
    out["district_experience"] = c["district_experience"]
    for key, default in (
        ("retirement_date", None),
        ("health_ok", True),
        ("available_from", None),
        ("waivers", None),
        ("qualifications", None),
        ("experience", None),
        ("disciplined_until", None),
    ):
        if c.get(key, default) != default:
            out[key] = c[key]
    return out


HEADER = """\
# Reference scenario: the Can Tho City plan for rotating leading and managing cadres, 2022 - 2025
# (Kế hoạch luân chuyển cán bộ lãnh đạo, quản lý thành phố Cần Thơ giai đoạn 2022 - 2025).
# GENERATED by scenarios/make_can_tho.py (seed 2022): edit the script, not this file.
# Unit names are real (Cần Thơ, 2022); every person, vacancy, score, pin, forbid and waiver is invented.
"""


def main() -> None:
    data = build()
    groups, tags = data.pop("_groups"), data.pop("_tags")
    OUT.write_text(scenario_text(HEADER, data), encoding="utf-8")
    print(
        f"wrote {OUT} ({len(data['cadres'])} cadres, {len(data['slots'])} slots, {len(data['scores'])} scores)"
    )
    for group, ids in groups.items():
        print(f"  {group:15} {len(ids):3}  {' '.join(ids) if len(ids) <= 8 else ''}")
    for tag, ids in sorted(tags.items()):
        print(f"  tag {tag:13} {' '.join(ids)}")
    print_edition3(data["cadres"], data)


if __name__ == "__main__":
    main()
