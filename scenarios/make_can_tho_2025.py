"""Generate the reference scenario `can-tho-2025-2030.yaml` and its cadre table `can-tho-2025-2030-cadres.csv`
(luân chuyển cán bộ, the merged Cần Thơ city, 2025 - 2030).

Run from the repository root:

    python scenarios/make_can_tho_2025.py

The output is deterministic (`random.Random(2025)`); the committed YAML and CSV are exactly this script's
output, so edit the script, never the generated files. Only the standard library and PyYAML are used.

What is real and what is invented:
* real: the structure of the merged city from 1 July 2025 (Resolution 1668/NQ-UBTVQH15): the 103 wards
  (phường) and communes (xã) with their former province (the table `COMMUNES_CSV` below is
  `shared/spec/data/can-tho-2025-communes.csv`, from the public dataset thanglequoc/vietnamese-provinces-database);
  the 14 specialised agencies of the City People's Committee; the commune-level titles (Bí thư, Phó Bí thư
  Đảng ủy, Chủ tịch, Phó Chủ tịch UBND, Phó Chủ tịch HĐND); the rules of Regulation 65-QĐ/TW, Decree
  170/2025/NĐ-CP (36 months), Directive 45-CT/TW and Conclusion 201-KL/TW that the rules and variants encode;
* assumed (no public figure exists): the quota, the pace, the slot priorities, the number of posts per
  commune and agency (3 or 2 Phó Chủ tịch UBND, 4 Phó Giám đốc, 8 division heads in the pool), which
  posts stand vacant, and the two Party committees under the City Committee (the 2025 model);
* invented: every person (names, birth dates, home communes, posts, tenures, planning entries, health), the
  vacancies (slots) with their windows and chains, the explicit scores, the pin, the forbids and the waivers.

Cadre groups (the internal `group` tag is not written out):
* ``term_limit_terms``   current head for two consecutive terms (`head_terms: 2`, head since 2014-2016);
* ``term_limit_tenure``  current head since 2016-2022 (`head_terms: 1`): term-limited only through
  `head_since` + 8 years <= 2030-12-31, some already at the period start, some during the period;
* ``local_key_post``     current Chủ tịch UBND of their home commune, or the native Chánh Thanh tra;
* ``native_secretary``   current Bí thư of their home commune: mandatory only in the variant `chi-thi-45`;
* ``must_rotate``        rotation decided by the Standing Committee;
* ``planning``           in the planning pool (quy hoạch), some with special features (tags);
* ``no_district``        serving agency leaders without commune-level experience, not in the planning pool;
* ``not_candidate``      commune-level experience, no planning entry, not term-limited, not a native head.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
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

SEED = 2025
OUT = Path(__file__).with_name("can-tho-2025-2030.yaml")
OUT_CSV = Path(__file__).with_name("can-tho-2025-2030-cadres.csv")
PERIOD_START = date(2025, 10, 1)
PERIOD_END = date(2030, 12, 31)
LAST_START = date(2030, 10, 1)
MERGER = date(2025, 7, 1)  # the two-level local government and the merged city start
TERM_LIMIT_YEARS = 8
MIN_SERVICE_YEARS = 10
MIN_DURATION_MONTHS = 36
YOUTH_AGE = 40

# --------------------------------------------------------------------------------------------------
# The 103 wards and communes (Resolution 1668/NQ-UBTVQH15), verbatim from shared/spec/data.
# --------------------------------------------------------------------------------------------------
COMMUNES_CSV = """\
code,name,kind,former_province,merged_from
31120,Cái Khế,phường,Cần Thơ,"Phường An Hòa, Phường Cái Khế, Phường Bùi Hữu Nghĩa"
31135,Ninh Kiều,phường,Cần Thơ,"Phường Tân An, Phường Thới Bình, Phường Xuân Khánh"
31147,Tân An,phường,Cần Thơ,"Phường An Khánh, Phường Hưng Lợi"
31150,An Bình,phường,Cần Thơ,"Phường An Bình, Xã Mỹ Khánh, Phường Long Tuyền"
31153,Ô Môn,phường,Cần Thơ,"Phường Châu Văn Liêm, Phường Thới Hòa, Phường Thới An, Xã Thới Thạnh"
31157,Thới Long,phường,Cần Thơ,"Phường Long Hưng, Phường Tân Hưng, Phường Thới Long"
31162,Phước Thới,phường,Cần Thơ,"Phường Trường Lạc, Phường Phước Thới"
31168,Bình Thủy,phường,Cần Thơ,"Phường An Thới, Phường Bình Thủy, Phường Bùi Hữu Nghĩa (phần còn lại sau khi sáp nhập vào phường Cái Khế)"
31174,Thới An Đông,phường,Cần Thơ,"Phường Trà An, Phường Trà Nóc, Phường Thới An Đông"
31183,Long Tuyền,phường,Cần Thơ,"Phường Long Hòa, Phường Long Tuyền (phần còn lại sau khi sáp nhập vào phường An Bình)"
31186,Cái Răng,phường,Cần Thơ,"Phường Lê Bình, Phường Thường Thạnh, Phường Ba Láng, Phường Hưng Thạnh"
31201,Hưng Phú,phường,Cần Thơ,"Phường Tân Phú, Phường Phú Thứ, Phường Hưng Phú"
31207,Thốt Nốt,phường,Cần Thơ,"Phường Thuận An (quận Thốt Nốt), Phường Thới Thuận, Phường Thốt Nốt (phần còn lại sau khi sáp nhập vào phường Thuận Hưng)"
31213,Tân Lộc,phường,Cần Thơ,giữ nguyên
31217,Trung Nhứt,phường,Cần Thơ,"Phường Thạnh Hòa, Phường Trung Nhứt, Xã Trung An"
31228,Thuận Hưng,phường,Cần Thơ,"Phường Trung Kiên, Phường Thuận Hưng, Phường Thốt Nốt"
31231,Thạnh An,xã,Cần Thơ,"Thị trấn Thạnh An, Xã Thạnh Lợi, Xã Thạnh Thắng"
31232,Vĩnh Thạnh,xã,Cần Thơ,"Thị trấn Vĩnh Thạnh, Xã Thạnh Lộc, Xã Thạnh Mỹ"
31237,Vĩnh Trinh,xã,Cần Thơ,"Xã Vĩnh Bình, Xã Vĩnh Trinh"
31246,Thạnh Quới,xã,Cần Thơ,"Xã Thạnh Tiến, Xã Thạnh An, Xã Thạnh Quới"
31249,Thạnh Phú,xã,Cần Thơ,giữ nguyên
31255,Trung Hưng,xã,Cần Thơ,"Xã Trung Thạnh, Xã Trung Hưng"
31258,Thới Lai,xã,Cần Thơ,"Thị trấn Thới Lai, Xã Thới Tân, Xã Trường Thắng"
31261,Cờ Đỏ,xã,Cần Thơ,"Thị trấn Cờ Đỏ, Xã Thới Đông, Xã Thới Xuân"
31264,Thới Hưng,xã,Cần Thơ,giữ nguyên
31273,Đông Hiệp,xã,Cần Thơ,"Xã Đông Thắng, Xã Xuân Thắng, Xã Đông Hiệp"
31282,Đông Thuận,xã,Cần Thơ,"Xã Đông Bình, Xã Đông Thuận"
31288,Trường Thành,xã,Cần Thơ,"Xã Tân Thạnh, Xã Định Môn, Xã Trường Thành"
31294,Trường Xuân,xã,Cần Thơ,"Xã Trường Xuân A, Xã Trường Xuân B, Xã Trường Xuân"
31299,Phong Điền,xã,Cần Thơ,"Thị trấn Phong Điền, Xã Tân Thới, Xã Giai Xuân"
31309,Trường Long,xã,Cần Thơ,giữ nguyên
31315,Nhơn Ái,xã,Cần Thơ,"Xã Nhơn Nghĩa, Xã Nhơn Ái"
31321,Vị Thanh,phường,Hậu Giang,"Phường I, Phường III, Phường VII"
31333,Vị Tân,phường,Hậu Giang,"Phường IV, Phường V, Xã Vị Tân"
31338,Hỏa Lựu,xã,Hậu Giang,"Xã Tân Tiến, Xã Hỏa Tiến, Xã Hỏa Lựu"
31340,Ngã Bảy,phường,Hậu Giang,"Phường Lái Hiếu, Phường Hiệp Thành, Phường Ngã Bảy"
31342,Tân Hòa,xã,Hậu Giang,"Thị trấn Một Ngàn, Thị trấn Bảy Ngàn, Xã Nhơn Nghĩa A, Xã Tân Hòa"
31348,Trường Long Tây,xã,Hậu Giang,"Xã Trường Long A, Xã Trường Long Tây"
31360,Thạnh Xuân,xã,Hậu Giang,"Thị trấn Rạch Gòi, Xã Tân Phú Thạnh, Xã Thạnh Xuân"
31366,Châu Thành,xã,Hậu Giang,"Thị trấn Mái Dầm, Thị trấn Ngã Sáu, Xã Đông Phú"
31369,Đông Phước,xã,Hậu Giang,"Thị trấn Cái Tắc, Xã Đông Thạnh, Xã Đông Phước A"
31378,Phú Hữu,xã,Hậu Giang,"Xã Phú Tân, Xã Đông Phước, Xã Phú Hữu"
31393,Hòa An,xã,Hậu Giang,"Thị trấn Kinh Cùng, Xã Hòa An"
31396,Hiệp Hưng,xã,Hậu Giang,"Thị trấn Cây Dương, Xã Hiệp Hưng"
31399,Tân Bình,xã,Hậu Giang,"Xã Bình Thành, Xã Tân Bình"
31408,Thạnh Hòa,xã,Hậu Giang,"Xã Long Thạnh, Xã Tân Long, Xã Thạnh Hòa"
31411,Đại Thành,phường,Hậu Giang,"Phường Hiệp Lợi, Xã Tân Thành, Xã Đại Thành"
31420,Phụng Hiệp,xã,Hậu Giang,"Xã Hòa Mỹ, Xã Phụng Hiệp"
31426,Phương Bình,xã,Hậu Giang,"Xã Phương Phú, Xã Phương Bình"
31432,Tân Phước Hưng,xã,Hậu Giang,"Thị trấn Búng Tàu, Xã Tân Phước Hưng"
31441,Vị Thủy,xã,Hậu Giang,"Thị trấn Nàng Mau, Xã Vị Thắng, Xã Vị Trung"
31453,Vĩnh Thuận Đông,xã,Hậu Giang,"Xã Vĩnh Thuận Tây, Xã Vị Thủy, Xã Vĩnh Thuận Đông"
31459,Vĩnh Tường,xã,Hậu Giang,"Xã Vĩnh Trung, Xã Vĩnh Tường"
31465,Vị Thanh 1,xã,Hậu Giang,"Xã Vị Đông, Xã Vị Bình, Xã Vị Thanh"
31471,Long Mỹ,phường,Hậu Giang,"Phường Thuận An (thị xã Long Mỹ), Xã Long Trị, Xã Long Trị A"
31473,Long Bình,phường,Hậu Giang,"Phường Bình Thạnh, Phường Vĩnh Tường, Xã Long Bình"
31480,Long Phú 1,phường,Hậu Giang,"Phường Trà Lồng, Xã Tân Phú, Xã Long Phú"
31489,Vĩnh Viễn,xã,Hậu Giang,"Thị trấn Vĩnh Viễn, Xã Vĩnh Viễn A"
31492,Lương Tâm,xã,Hậu Giang,"Xã Lương Nghĩa, Xã Lương Tâm"
31495,Xà Phiên,xã,Hậu Giang,"Xã Thuận Hòa (huyện Long Mỹ), Xã Thuận Hưng, Xã Xà Phiên"
31507,Sóc Trăng,phường,Sóc Trăng,"Phường 5, Phường 6, Phường 7, Phường 8"
31510,Phú Lợi,phường,Sóc Trăng,"Phường 1 (thành phố Sóc Trăng), Phường 2 (thành phố Sóc Trăng), Phường 3 (thành phố Sóc Trăng), Phường 4"
31528,Kế Sách,xã,Sóc Trăng,"Thị trấn Kế Sách, Xã Kế An, Xã Kế Thành"
31531,An Lạc Thôn,xã,Sóc Trăng,"Thị trấn An Lạc Thôn, Xã Xuân Hòa, Xã Trinh Phú"
31537,Phong Nẫm,xã,Sóc Trăng,giữ nguyên
31540,Thới An Hội,xã,Sóc Trăng,"Xã An Lạc Tây, Xã Thới An Hội"
31552,Nhơn Mỹ,xã,Sóc Trăng,"Xã An Mỹ, Xã Song Phụng, Xã Nhơn Mỹ"
31561,Đại Hải,xã,Sóc Trăng,"Xã Ba Trinh, Xã Đại Hải"
31567,Mỹ Tú,xã,Sóc Trăng,"Thị trấn Huỳnh Hữu Nghĩa, Xã Mỹ Thuận, Xã Mỹ Tú"
31569,Phú Tâm,xã,Sóc Trăng,"Thị trấn Châu Thành, Xã Phú Tâm"
31570,Hồ Đắc Kiện,xã,Sóc Trăng,"Xã Thiện Mỹ, Xã Hồ Đắc Kiện"
31579,Long Hưng,xã,Sóc Trăng,"Xã Hưng Phú, Xã Long Hưng"
31582,Thuận Hòa,xã,Sóc Trăng,"Xã Thuận Hòa (huyện Châu Thành), Xã Phú Tân"
31591,Mỹ Hương,xã,Sóc Trăng,"Xã Thuận Hưng, Xã Phú Mỹ, Xã Mỹ Hương"
31594,An Ninh,xã,Sóc Trăng,"Xã An Hiệp, Xã An Ninh"
31603,Mỹ Phước,xã,Sóc Trăng,giữ nguyên
31615,An Thạnh,xã,Sóc Trăng,"Thị trấn Cù Lao Dung, Xã An Thạnh 1, Xã An Thạnh Tây, Xã An Thạnh Đông"
31633,Cù Lao Dung,xã,Sóc Trăng,"Xã An Thạnh 2, Xã Đại Ân 1, Xã An Thạnh 3, Xã An Thạnh Nam"
31639,Long Phú,xã,Sóc Trăng,"Thị trấn Long Phú, Xã Long Phú"
31645,Đại Ngãi,xã,Sóc Trăng,"Thị trấn Đại Ngãi, Xã Long Đức"
31654,Trường Khánh,xã,Sóc Trăng,"Xã Hậu Thạnh, Xã Phú Hữu, Xã Trường Khánh"
31666,Tân Thạnh,xã,Sóc Trăng,"Xã Tân Hưng, Xã Châu Khánh, Xã Tân Thạnh"
31673,Trần Đề,xã,Sóc Trăng,"Thị trấn Trần Đề, Xã Đại Ân 2, Xã Trung Bình"
31675,Liêu Tú,xã,Sóc Trăng,"Xã Viên Bình, Xã Liêu Tú"
31679,Lịch Hội Thượng,xã,Sóc Trăng,"Thị trấn Lịch Hội Thượng, Xã Lịch Hội Thượng"
31684,Mỹ Xuyên,phường,Sóc Trăng,"Phường 10, Thị trấn Mỹ Xuyên, Xã Đại Tâm"
31687,Tài Văn,xã,Sóc Trăng,"Xã Viên An, Xã Tài Văn"
31699,Thạnh Thới An,xã,Sóc Trăng,"Xã Thạnh Thới Thuận, Xã Thạnh Thới An"
31708,Nhu Gia,xã,Sóc Trăng,"Xã Thạnh Phú, Xã Gia Hòa 1"
31717,Hòa Tú,xã,Sóc Trăng,"Xã Hòa Tú 1, Xã Hòa Tú 2"
31723,Ngọc Tố,xã,Sóc Trăng,"Xã Tham Đôn, Xã Ngọc Đông, Xã Ngọc Tố"
31726,Gia Hòa,xã,Sóc Trăng,"Xã Thạnh Quới, Xã Gia Hòa 2"
31732,Ngã Năm,phường,Sóc Trăng,"Phường 1 (thị xã Ngã Năm), Phường 2 (thị xã Ngã Năm), Xã Vĩnh Quới"
31741,Tân Long,xã,Sóc Trăng,"Xã Thạnh Tân, Xã Long Bình, Xã Tân Long"
31753,Mỹ Quới,phường,Sóc Trăng,"Phường 3 (thị xã Ngã Năm), Xã Mỹ Bình, Xã Mỹ Quới"
31756,Phú Lộc,xã,Sóc Trăng,"Thị trấn Hưng Lợi, Thị trấn Phú Lộc, Xã Thạnh Trị"
31759,Lâm Tân,xã,Sóc Trăng,"Xã Tuân Tức, Xã Lâm Kiết, Xã Lâm Tân"
31777,Vĩnh Lợi,xã,Sóc Trăng,"Xã Châu Hưng, Xã Vĩnh Thành, Xã Vĩnh Lợi"
31783,Vĩnh Châu,phường,Sóc Trăng,"Phường 1 (thị xã Vĩnh Châu), Phường 2 (thị xã Vĩnh Châu), Xã Lạc Hòa"
31789,Khánh Hòa,phường,Sóc Trăng,"Phường Khánh Hòa, Xã Vĩnh Hiệp, Xã Hòa Đông"
31795,Vĩnh Hải,xã,Sóc Trăng,giữ nguyên
31804,Vĩnh Phước,phường,Sóc Trăng,"Phường Vĩnh Phước, Xã Vĩnh Tân"
31810,Lai Hòa,xã,Sóc Trăng,giữ nguyên
"""


def ascii_id(name: str) -> str:
    """`Vĩnh Thuận Đông` -> `vinh_thuan_dong`: no diacritics, lower case, words joined by `_`."""
    plain = name.replace("Đ", "D").replace("đ", "d")
    plain = "".join(ch for ch in unicodedata.normalize("NFD", plain) if not unicodedata.combining(ch))
    return "_".join(plain.lower().replace("-", " ").split())


def _merged_count(merged_from: str) -> int:
    """How many former units a ward or commune was formed from (`giữ nguyên` = unchanged = 1)."""
    if merged_from == "giữ nguyên":
        return 1
    parts = [p.strip() for p in merged_from.split(", ")]
    return sum(1 for p in parts if p.startswith(("Phường", "Xã", "Thị trấn")))


#: (id, name, kind 'phường'|'xã', former province, number of former units merged into it)
COMMUNES = [
    (ascii_id(r["name"]), r["name"], r["kind"], r["former_province"], _merged_count(r["merged_from"]))
    for r in csv.DictReader(io.StringIO(COMMUNES_CSV))
]
COMMUNE_IDS = [c[0] for c in COMMUNES]
COMMUNE = {c[0]: c for c in COMMUNES}
PROVINCES = ("Cần Thơ", "Sóc Trăng", "Hậu Giang")
COMMUNES_OF = {p: [c[0] for c in COMMUNES if c[3] == p] for p in PROVINCES}

#: Communes given priority 3 (our choice, see the README): the islet and coastal communes of the former
#: Sóc Trăng districts Cù Lao Dung and Trần Đề and of the former town Vĩnh Châu, and the communes of the
#: former Long Mỹ district of Hậu Giang on the border with Kiên Giang and Bạc Liêu: the farthest from the
#: new city centre and the thinnest in cadres.
REMOTE = {
    "cu_lao_dung", "an_thanh", "tran_de", "lich_hoi_thuong", "lieu_tu", "tai_van", "vinh_hai", "lai_hoa",
    "vinh_vien", "luong_tam", "xa_phien",
}  # fmt: skip


def commune_priority(commune_id: str) -> int:
    """3 remote; 2 other communes (xã) of the former Sóc Trăng and Hậu Giang; 1 their wards and the former
    Cần Thơ's communes; 0 the former Cần Thơ's wards (the urban core, where cadres are plentiful)."""
    _, _, kind, province, _ = COMMUNE[commune_id]
    if commune_id in REMOTE:
        return 3
    if province != "Cần Thơ":
        return 2 if kind == "xã" else 1
    return 1 if kind == "xã" else 0


# --------------------------------------------------------------------------------------------------
# Catalogue: titles (chức danh). `bi_thu_xa` is not `non_local` here: Directive 45-CT/TW sets the aim of
# non-local commune secretaries, and the variant `chi-thi-45` makes it a rule for every commune.
# --------------------------------------------------------------------------------------------------
TITLES = {
    "bi_thu_xa": {"name": "Bí thư Đảng ủy xã, phường", "level": "head", "non_local": False},
    "pho_bi_thu_xa": {"name": "Phó Bí thư Đảng ủy xã, phường", "level": "deputy"},
    "chu_tich_xa": {"name": "Chủ tịch UBND xã, phường", "level": "head", "non_local": True},
    "pho_chu_tich_xa": {"name": "Phó Chủ tịch UBND xã, phường", "level": "deputy"},
    "giam_doc": {"name": "Giám đốc sở", "level": "head"},
    "pho_giam_doc": {"name": "Phó Giám đốc sở", "level": "deputy"},
    # Conclusion 201-KL/TW: the provincial chief inspector is non-local (city natives list `thanh_tra_tp`).
    "chanh_thanh_tra": {"name": "Chánh Thanh tra thành phố", "level": "head", "non_local": True},
    "pho_chanh_thanh_tra": {"name": "Phó Chánh Thanh tra thành phố", "level": "deputy"},
    "chanh_van_phong": {"name": "Chánh Văn phòng UBND thành phố", "level": "head"},
    "pho_chanh_van_phong": {"name": "Phó Chánh Văn phòng UBND thành phố", "level": "deputy"},
    "bi_thu_dang_uy": {"name": "Bí thư đảng ủy trực thuộc Thành ủy", "level": "head"},
    "pho_bi_thu_dang_uy": {"name": "Phó Bí thư đảng ủy trực thuộc Thành ủy", "level": "deputy"},
    # Used for current posts only (no slot has them); neither is the unit's head, hence `deputy`.
    "pho_chu_tich_hdnd_xa": {"name": "Phó Chủ tịch HĐND xã, phường", "level": "deputy"},
    "truong_phong": {"name": "Trưởng phòng và tương đương thuộc sở, ngành thành phố", "level": "deputy"},
}
COMMUNE_TITLES = ("bi_thu_xa", "chu_tich_xa", "pho_bi_thu_xa", "pho_chu_tich_xa", "pho_chu_tich_hdnd_xa")

#: (id, name, head title, deputy title): the 14 specialised agencies of the City People's Committee
#: from 1 July 2025 (DOMAIN.md; Decree 150/2025/NĐ-CP caps a province at 14).
DEPARTMENTS = [
    ("so_noi_vu", "Sở Nội vụ", "giam_doc", "pho_giam_doc"),
    ("so_tu_phap", "Sở Tư pháp", "giam_doc", "pho_giam_doc"),
    ("so_tai_chinh", "Sở Tài chính", "giam_doc", "pho_giam_doc"),
    ("so_cong_thuong", "Sở Công Thương", "giam_doc", "pho_giam_doc"),
    ("so_nong_nghiep_moi_truong", "Sở Nông nghiệp và Môi trường", "giam_doc", "pho_giam_doc"),
    ("so_xay_dung", "Sở Xây dựng", "giam_doc", "pho_giam_doc"),
    ("so_khoa_hoc_cong_nghe", "Sở Khoa học và Công nghệ", "giam_doc", "pho_giam_doc"),
    ("so_giao_duc_dao_tao", "Sở Giáo dục và Đào tạo", "giam_doc", "pho_giam_doc"),
    ("so_y_te", "Sở Y tế", "giam_doc", "pho_giam_doc"),
    ("so_van_hoa_the_thao_du_lich", "Sở Văn hóa, Thể thao và Du lịch", "giam_doc", "pho_giam_doc"),
    ("so_dan_toc_ton_giao", "Sở Dân tộc và Tôn giáo", "giam_doc", "pho_giam_doc"),
    ("so_ngoai_vu", "Sở Ngoại vụ", "giam_doc", "pho_giam_doc"),
    ("van_phong_ubnd", "Văn phòng UBND thành phố", "chanh_van_phong", "pho_chanh_van_phong"),
    ("thanh_tra_tp", "Thanh tra thành phố", "chanh_thanh_tra", "pho_chanh_thanh_tra"),
]
DEPARTMENT_IDS = [d[0] for d in DEPARTMENTS]
SO_IDS = DEPARTMENT_IDS[:12]  # the twelve sở proper (Giám đốc / Phó Giám đốc)

#: Party committees under the City Party Committee in the 2025 model (one for the Party agencies, one for
#: the People's Committee and its agencies, in place of the former bloc committees).
PARTY_COMMITTEES = [
    ("dang_uy_cac_co_quan_dang", "Đảng ủy các cơ quan Đảng thành phố"),
    ("dang_uy_ubnd", "Đảng ủy Ủy ban nhân dân thành phố"),
]
PARTY_IDS = [p[0] for p in PARTY_COMMITTEES]
UNIT_KIND = (
    {c: "commune" for c in COMMUNE_IDS}
    | {d: "department" for d in DEPARTMENT_IDS}
    | {p: "party_committee" for p in PARTY_IDS}
)

# --------------------------------------------------------------------------------------------------
# Posts (how many holders a unit has of a title) and vacancies (slots)
# --------------------------------------------------------------------------------------------------
#: Per commune; Phó Chủ tịch UBND: 3 where three or more former units were merged, else 2 (2.6 on
#: average, close to Decree 300/2025/NĐ-CP's province-wide 2.5).
COMMUNE_POSTS = {"bi_thu_xa": 1, "pho_bi_thu_xa": 2, "chu_tich_xa": 1, "pho_chu_tich_hdnd_xa": 1}
DEPARTMENT_DEPUTIES = 4  # assumed: the 2025 mergers left the merged agencies with extra deputies
DIVISION_HEADS_IN_POOL = 8
PARTY_POSTS = {"bi_thu_dang_uy": 1, "pho_bi_thu_dang_uy": 2}

#: How many commune slots of each title, drawn by weight (remote and former Sóc Trăng / Hậu Giang
#: communes more often: they are the places short of cadres).
COMMUNE_SLOT_COUNTS = {"bi_thu_xa": 28, "chu_tich_xa": 28, "pho_bi_thu_xa": 36, "pho_chu_tich_xa": 96}
SLOT_WEIGHT_BY_PRIORITY = {0: 1.0, 1: 1.6, 2: 2.6, 3: 3.5}

#: Department and Party committee vacancies: (unit, title, priority, extra fields).
AGENCY_SLOTS = [
    ("so_nong_nghiep_moi_truong", "giam_doc", 1, {}),
    ("so_dan_toc_ton_giao", "giam_doc", 1, {"open_from": date(2026, 4, 1)}),
    ("so_khoa_hoc_cong_nghe", "giam_doc", 0, {}),
    ("dang_uy_cac_co_quan_dang", "pho_bi_thu_dang_uy", 1, {}),
    ("dang_uy_ubnd", "pho_bi_thu_dang_uy", 1, {}),
    ("thanh_tra_tp", "pho_chanh_thanh_tra", 0, {}),
    ("thanh_tra_tp", "pho_chanh_thanh_tra", 0, {"open_from": date(2027, 1, 1)}),
    ("van_phong_ubnd", "pho_chanh_van_phong", 0, {}),
    ("van_phong_ubnd", "pho_chanh_van_phong", 0, {"fill_by": date(2027, 12, 31)}),
]
#: Phó Giám đốc sở vacancies: two in each sở listed, one in the others (a merged sở has fewer).
PHO_GIAM_DOC_SLOTS = {
    "so_noi_vu": 2, "so_tai_chinh": 2, "so_nong_nghiep_moi_truong": 2, "so_xay_dung": 2, "so_y_te": 2,
    "so_giao_duc_dao_tao": 2, "so_dan_toc_ton_giao": 2, "so_tu_phap": 1, "so_cong_thuong": 1,
    "so_khoa_hoc_cong_nghe": 1, "so_van_hoa_the_thao_du_lich": 1, "so_ngoai_vu": 1,
}  # fmt: skip
AGENCY_PRIORITY = {"so_noi_vu": 1, "so_nong_nghiep_moi_truong": 1, "so_dan_toc_ton_giao": 1}

# --------------------------------------------------------------------------------------------------
# Edition 3 (CONTRACT §6): fit for the post and what a rotation prepares. Invented, plausible.
# Ranks: commune deputies and division heads < Phó Bí thư and Chủ tịch of a commune < Bí thư of a commune ~
# Phó Giám đốc sở < Giám đốc sở (after 2025 many a Phó Giám đốc went to head a commune's Party committee);
# `rules.max_rank_step: 1`. Heads require a degree and the advanced political theory course, deputies a
# degree. Experience: `cap_xa` (a commune leadership post, or one in a former district), `truong_cap_xa`
# (a commune's Secretary or Chairman), `quan_ly_nganh` (leading a city agency).
# --------------------------------------------------------------------------------------------------
_HEAD = ["dai_hoc", "llct_cao_cap"]
FIT = {
    "bi_thu_xa": {"rank": 5, "requires": _HEAD, "gives": ["cap_xa", "truong_cap_xa"]},
    "pho_bi_thu_xa": {"rank": 4, "requires": ["dai_hoc"], "gives": ["cap_xa"]},
    "chu_tich_xa": {"rank": 4, "requires": _HEAD, "gives": ["cap_xa", "truong_cap_xa"]},
    "pho_chu_tich_xa": {"rank": 3, "requires": ["dai_hoc"], "gives": ["cap_xa"]},
    "giam_doc": {"rank": 6, "requires": _HEAD, "gives": ["quan_ly_nganh"]},
    "pho_giam_doc": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "chanh_thanh_tra": {"rank": 6, "requires": _HEAD, "gives": ["quan_ly_nganh"]},
    "pho_chanh_thanh_tra": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "chanh_van_phong": {"rank": 6, "requires": _HEAD, "gives": ["quan_ly_nganh"]},
    "pho_chanh_van_phong": {"rank": 5, "requires": ["dai_hoc"], "gives": ["quan_ly_nganh"]},
    "bi_thu_dang_uy": {"rank": 6, "requires": _HEAD, "gives": []},
    "pho_bi_thu_dang_uy": {"rank": 5, "requires": ["dai_hoc"], "gives": []},
    "pho_chu_tich_hdnd_xa": {"rank": 3, "requires": ["dai_hoc"], "gives": ["cap_xa"]},
    "truong_phong": {"rank": 3, "requires": ["dai_hoc"], "gives": []},
}
#: The merged city's pool aims at the next congress (2030-2035, October 2030) and the next councils
#: (2031-2036, elected in March 2031): the 2025-2030 congress and the 2026-2031 councils fall at the
#: period's start, too early for any rotation of it to prepare a cadre.
CONGRESS = date(2030, 10, 1)
COUNCILS = date(2031, 3, 15)
POOL = [
    {
        "id": "uy_vien_ban_thuong_vu",
        "name": "Ủy viên Ban Thường vụ Thành ủy",
        "requires_experience": ["truong_cap_xa"],
        "ready_by": CONGRESS,
    },
    {
        "id": "thanh_uy_vien",
        "name": "Ủy viên Ban Chấp hành Đảng bộ thành phố",
        "requires_experience": ["cap_xa"],
        "ready_by": CONGRESS,
    },
    {
        "id": "pho_chu_tich_ubnd_thanh_pho",
        "name": "Phó Chủ tịch UBND thành phố",
        "requires_experience": ["truong_cap_xa", "quan_ly_nganh"],
        "ready_by": COUNCILS,
    },
    {
        "id": "giam_doc_so",
        "name": "Giám đốc sở",
        "requires_experience": ["cap_xa", "quan_ly_nganh"],
        "ready_by": COUNCILS,
    },
]
#: Where a post does not require the advanced course: the share of its holders who hold it, and who
#: finish it in the period (the rest hold the intermediate course, trung cấp).
THEORY_DRAW = {"truong_phong": (0.4, 0.3), "pho_chu_tich_xa": (0.45, 0.3), "pho_chu_tich_hdnd_xa": (0.5, 0.2)}
THEORY_DRAW_DEPUTY = (0.7, 0.2)
#: Dates on which an advanced political theory course ends (Học viện Chính trị khu vực IV, in Cần Thơ).
COURSE_ENDS = [date(2026, 3, 31), date(2026, 9, 30), date(2027, 6, 30), date(2028, 3, 31)]

# Planning codes (mã quy hoạch): the city-level titles a cadre is in the planning pool for (2025-2030 and
# 2030-2035 terms).
PLANNING_BY_TITLE = {
    "bi_thu_xa": [["uy_vien_ban_thuong_vu"], ["thanh_uy_vien"], ["thanh_uy_vien", "giam_doc_so"]],
    "chu_tich_xa": [["bi_thu_xa"], ["thanh_uy_vien"], ["giam_doc_so"], ["bi_thu_xa", "thanh_uy_vien"]],
    "pho_bi_thu_xa": [["bi_thu_xa"], ["chu_tich_xa"], ["bi_thu_xa", "chu_tich_xa"]],
    "pho_chu_tich_xa": [["chu_tich_xa"], ["pho_bi_thu_xa"], ["pho_giam_doc_so"]],
    "pho_chu_tich_hdnd_xa": [["pho_bi_thu_xa"], ["chu_tich_xa"]],
    "giam_doc": [
        ["uy_vien_ban_thuong_vu"],
        ["pho_chu_tich_ubnd_thanh_pho"],
        ["thanh_uy_vien", "pho_chu_tich_ubnd_thanh_pho"],
    ],
    "chanh_thanh_tra": [["uy_vien_ban_thuong_vu"]],
    "chanh_van_phong": [["pho_chu_tich_ubnd_thanh_pho"], ["thanh_uy_vien"]],
    "bi_thu_dang_uy": [["uy_vien_ban_thuong_vu"]],
    "pho_giam_doc": [["giam_doc_so"], ["giam_doc_so", "thanh_uy_vien"], ["bi_thu_xa"], ["chu_tich_xa"]],
    "pho_chanh_thanh_tra": [["chanh_thanh_tra"], ["giam_doc_so"]],
    "pho_chanh_van_phong": [["chanh_van_phong"], ["giam_doc_so"], ["chu_tich_xa"]],
    "pho_bi_thu_dang_uy": [["bi_thu_xa"], ["giam_doc_so"]],
    "truong_phong": [["pho_giam_doc_so"], ["pho_chu_tich_xa"], ["pho_giam_doc_so", "pho_bi_thu_xa"]],
}
#: Chance of a planning entry for a cadre born 1976 or later (older cadres: a third of it).
PLANNING_SHARE = {
    "bi_thu_xa": 0.45, "chu_tich_xa": 0.45, "pho_bi_thu_xa": 0.45, "pho_chu_tich_xa": 0.4,
    "pho_chu_tich_hdnd_xa": 0.15, "giam_doc": 0.45, "chanh_van_phong": 0.5, "chanh_thanh_tra": 0.5,
    "pho_giam_doc": 0.45, "pho_chanh_thanh_tra": 0.45, "pho_chanh_van_phong": 0.45, "truong_phong": 0.35,
    "bi_thu_dang_uy": 0.5, "pho_bi_thu_dang_uy": 0.5,
}  # fmt: skip
#: Birth years of the ordinary holders of each title (men; women are born 1971 or later, or they would
#: have retired before the period: the women's retirement age is still rising).
BORN = {
    "bi_thu_xa": (1968, 1982), "chu_tich_xa": (1969, 1984), "pho_bi_thu_xa": (1970, 1987),
    "pho_chu_tich_xa": (1971, 1990), "pho_chu_tich_hdnd_xa": (1967, 1985), "giam_doc": (1967, 1978),
    "chanh_van_phong": (1968, 1978), "chanh_thanh_tra": (1968, 1978), "pho_giam_doc": (1968, 1984),
    "pho_chanh_thanh_tra": (1970, 1984), "pho_chanh_van_phong": (1970, 1984), "truong_phong": (1972, 1989),
    "bi_thu_dang_uy": (1968, 1975), "pho_bi_thu_dang_uy": (1970, 1982),
}  # fmt: skip
FEMALE_SHARE = {"bi_thu_xa": 0.15, "chu_tich_xa": 0.15}  # others 0.3
#: Where the agencies' people come from (roughly the three former provinces' shares of the population).
PROVINCE_WEIGHTS = {"Cần Thơ": 0.40, "Sóc Trăng": 0.37, "Hậu Giang": 0.23}

# --------------------------------------------------------------------------------------------------
# Names (họ, tên đệm, tên): invented, Southern flavour; Thạch, Sơn, Kim, Lâm more frequent in the former
# Sóc Trăng, where many Khmer families carry them.
# --------------------------------------------------------------------------------------------------
FAMILY = (
    ["Nguyễn"] * 30 + ["Trần"] * 12 + ["Lê"] * 10 + ["Phạm"] * 6 + ["Huỳnh"] * 6 + ["Võ"] * 5
    + ["Phan"] * 4 + ["Trương"] * 3 + ["Bùi"] * 2 + ["Đặng"] * 2 + ["Đỗ"] * 2 + ["Ngô"] * 2 + ["Hồ"] * 2
    + ["Dương"] * 2 + ["Lý"] * 2 + ["Lâm"] * 2
    + ["Châu", "Đinh", "Tô", "Lưu", "Mai", "Quách", "Thái", "Trịnh", "Diệp", "Lương", "Tạ", "Đoàn", "Cao"]
)  # fmt: skip
SOC_TRANG_FAMILY = FAMILY + ["Thạch"] * 4 + ["Sơn"] * 3 + ["Kim"] * 2 + ["Lâm"] * 2 + ["Danh", "Triệu"]
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


# --------------------------------------------------------------------------------------------------
# Dates: the retirement roadmap and the month counts of CONTRACT.md §2 (used here only to keep the
# special cases what they claim to be; the planner computes them itself).
# --------------------------------------------------------------------------------------------------
def months(d: date) -> int:
    return d.year * 12 + d.month - 1


def from_months(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def retirement(gender: str, born: date) -> date:
    """Labour Code 2019 art. 169 with Decree 135/2020's roadmap (DOMAIN.md): the first day of the month
    after the first month in which the age reached is at least the age required in that month's year."""

    def required(year: int) -> int:
        if gender == "male":
            return min(60 * 12 + 3 + 3 * max(0, year - 2021), 62 * 12)
        return min(55 * 12 + 4 + 4 * max(0, year - 2021), 60 * 12)

    m = months(born) + 55 * 12
    while m - months(born) < required(m // 12):
        m += 1
    return from_months(m + 1)


def age_at(born: date, when: date) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


STARTS = [from_months(m) for m in range(months(PERIOD_START), months(LAST_START) + 1, 3)]


def eight_years_after(d: date) -> date:
    return date(d.year + TERM_LIMIT_YEARS, d.month, d.day)


def first_of_quarter(rng: random.Random, first: date, last: date) -> date:
    """A random first day of a quarter between `first` and `last` (both quarter starts)."""
    return rng.choice([from_months(m) for m in range(months(first), months(last) + 1, 3)])


def first_of_month(rng: random.Random, first: date, last: date) -> date:
    return from_months(rng.randint(months(first), months(last)))


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.slots = self._slots()
        self.free_posts = self._posts()

    # ---------------------------------------------------------------- slots
    def _weighted_sample(self, items: list[str], k: int, weight) -> list[str]:
        """k of `items` without replacement, each drawn with chance growing with `weight(item)`."""
        keyed = sorted(items, key=lambda item: -(self.rng.random() ** (1.0 / weight(item))))
        return keyed[:k]

    def _slots(self) -> list[dict]:
        def weight(commune_id: str) -> float:
            return SLOT_WEIGHT_BY_PRIORITY[commune_priority(commune_id)]

        slots: list[dict] = []
        bi_thu = self._weighted_sample(COMMUNE_IDS, COMMUNE_SLOT_COUNTS["bi_thu_xa"], weight)
        others = [c for c in COMMUNE_IDS if c not in bi_thu]  # no commune loses both heads at once
        chu_tich = self._weighted_sample(others, COMMUNE_SLOT_COUNTS["chu_tich_xa"], weight)
        chosen = {"bi_thu_xa": bi_thu, "chu_tich_xa": chu_tich}
        chosen["pho_bi_thu_xa"] = self._weighted_sample(
            COMMUNE_IDS, COMMUNE_SLOT_COUNTS["pho_bi_thu_xa"], weight
        )
        # Phó Chủ tịch: two vacancies in each remote commune, at most one elsewhere
        rest = [c for c in COMMUNE_IDS if c not in REMOTE]
        pho = self._weighted_sample(rest, COMMUNE_SLOT_COUNTS["pho_chu_tich_xa"] - 2 * len(REMOTE), weight)
        chosen["pho_chu_tich_xa"] = pho + 2 * sorted(REMOTE)
        for title in ("bi_thu_xa", "chu_tich_xa", "pho_bi_thu_xa", "pho_chu_tich_xa"):
            ids = chosen[title]
            for commune_id in COMMUNE_IDS:  # in the table's order
                for n in range(ids.count(commune_id)):
                    suffix = f"_{n + 1}" if title == "pho_chu_tich_xa" and commune_id in REMOTE else ""
                    slots.append(
                        {
                            "id": f"{commune_id}.{title}{suffix}",
                            "unit": commune_id,
                            "title": title,
                            "priority": commune_priority(commune_id),
                        }
                    )
        for unit in SO_IDS:
            for n in range(PHO_GIAM_DOC_SLOTS[unit]):
                suffix = f"_{n + 1}" if PHO_GIAM_DOC_SLOTS[unit] > 1 else ""
                slots.append(
                    {
                        "id": f"{unit}.pho_giam_doc{suffix}",
                        "unit": unit,
                        "title": "pho_giam_doc",
                        "priority": AGENCY_PRIORITY.get(unit, 0),
                    }
                )
        seen: dict[tuple[str, str], int] = {}
        for unit, title, _, _ in AGENCY_SLOTS:
            seen[unit, title] = seen.get((unit, title), 0) + 1
        counter: dict[tuple[str, str], int] = {}
        for unit, title, priority, extra in AGENCY_SLOTS:
            counter[unit, title] = counter.get((unit, title), 0) + 1
            suffix = f"_{counter[unit, title]}" if seen[unit, title] > 1 else ""
            slots.append(
                {"id": f"{unit}.{title}{suffix}", "unit": unit, "title": title, "priority": priority, **extra}
            )

        # windows (assumptions): Chủ tịch UBND posts to fill before the 2026-2031 councils' first sessions;
        # some Bí thư posts before the 2030-2035 commune congresses; posts whose holder retires later.
        by_title: dict[str, list[dict]] = {}
        for s in slots:
            by_title.setdefault(s["title"], []).append(s)
        for s in self.rng.sample(by_title["chu_tich_xa"], 6):
            s["fill_by"] = date(2026, 6, 30)
        for s in self.rng.sample(by_title["bi_thu_xa"], 4):
            s["fill_by"] = date(2030, 3, 31)
        plain = [s for s in slots if UNIT_KIND[s["unit"]] == "commune" and "fill_by" not in s]
        for s in self.rng.sample(plain, 12):
            s["open_from"] = first_of_quarter(self.rng, date(2026, 4, 1), date(2029, 1, 1))
        for s in self.rng.sample([s for s in plain if "open_from" not in s and s["title"] != "bi_thu_xa"], 2):
            s["open_from"] = date(2027, 1, 1)
            s["fill_by"] = date(2028, 12, 31)
        return slots

    def _posts(self) -> dict[tuple[str, str], int]:
        posts: dict[tuple[str, str], int] = {}
        for commune_id, _, _, _, merged in COMMUNES:
            for title, n in COMMUNE_POSTS.items():
                posts[commune_id, title] = n
            posts[commune_id, "pho_chu_tich_xa"] = 3 if merged >= 3 else 2
        for unit, _, head, deputy in DEPARTMENTS:
            posts[unit, head] = 1
            posts[unit, deputy] = DEPARTMENT_DEPUTIES
            posts[unit, "truong_phong"] = DIVISION_HEADS_IN_POOL
        for p in PARTY_IDS:
            for title, n in PARTY_POSTS.items():
                posts[p, title] = n
        for s in self.slots:
            if (s["unit"], s["title"]) in posts:
                posts[s["unit"], s["title"]] -= 1
                assert posts[s["unit"], s["title"]] >= 0, s
        return posts

    def take(self, unit: str, title: str) -> dict:
        assert self.free_posts.get((unit, title), 0) > 0, (unit, title)
        self.free_posts[unit, title] -= 1
        return {"unit": unit, "title": title}

    def take_any(self, titles: list[str], units: list[str]) -> dict:
        choices = [(u, t) for u in units for t in titles if self.free_posts.get((u, t), 0) > 0]
        assert choices, (titles, units)
        unit, title = self.rng.choice(choices)
        return self.take(unit, title)

    # ---------------------------------------------------------------- people
    def name(self, gender: str, province: str | None) -> str:
        families = SOC_TRANG_FAMILY if province == "Sóc Trăng" else FAMILY
        while True:
            family = self.rng.choice(families)
            if gender == "male":
                full = f"{family} {self.rng.choice(MALE_MIDDLE)} {self.rng.choice(MALE_GIVEN)}"
            else:
                full = f"{family} {self.rng.choice(FEMALE_MIDDLE)} {self.rng.choice(FEMALE_GIVEN)}"
            if full not in self.names:
                self.names.add(full)
                return full

    def birth(self, first_year: int, last_year: int) -> date:
        return date(self.rng.randint(first_year, last_year), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def province_of(self, unit: str) -> str:
        if unit in COMMUNE:
            return COMMUNE[unit][3]
        return self.rng.choices(list(PROVINCE_WEIGHTS), weights=list(PROVINCE_WEIGHTS.values()))[0]

    def home(self, post: dict, native: bool | None) -> str:
        """Home commune. `native` True: the post's own commune; False: never it (a non-local head); None:
        the post's commune for about half the commune deputies, else another commune of the province."""
        unit = post["unit"]
        province = self.province_of(unit)
        if unit in COMMUNE and (native or (native is None and self.rng.random() < 0.5)):
            return unit
        return self.rng.choice([c for c in COMMUNES_OF[province] if c != unit])

    def cadre(self, group: str, post: dict, born: tuple[int, int] | None = None, **fields) -> dict:
        title = post["title"]
        gender = fields.pop("gender", None) or (
            "female" if self.rng.random() < FEMALE_SHARE.get(title, 0.3) else "male"
        )
        first, last = born or BORN[title]
        if gender == "female":
            first = max(first, 1971)
            last = max(last, first)
        birth_date = fields.pop("birth_date", None) or self.birth(first, last)
        outsider = fields.pop("outsider", False)
        if outsider:
            local_to: list[str] = []
        else:
            local_to = [fields.pop("home", None) or self.home(post, fields.pop("native", None))]
            local_to.append("thanh_tra_tp")  # a native of the city (Conclusion 201)
        fields.pop("native", None)
        head = TITLES[title]["level"] == "head"
        head_since = fields.pop("head_since", None)
        head_terms = fields.pop("head_terms", None)
        if head and head_since is None:  # an ordinary head: appointed or elected since 2023, not term-limited
            head_since = (
                MERGER
                if self.rng.random() < 0.6
                else first_of_month(self.rng, date(2023, 1, 1), date(2025, 4, 1))
            )
        if head_terms is None:
            head_terms = 0 if (not head or head_since >= MERGER) else 1
        in_commune = post["unit"] in COMMUNE
        c = {
            "group": group,
            "tag": fields.pop("tag", None),
            "name": self.name(gender, None if outsider else COMMUNE[local_to[0]][3]),
            "gender": gender,
            "birth_date": birth_date,
            "retirement_date": fields.pop("retirement_date", None),
            "local_to": local_to,
            "current": {**post, "head_terms": head_terms},
            "head_since": head_since if head else None,
            "planning": fields.pop("planning", []),
            "district_experience": fields.pop("district_experience", in_commune),
            "health_ok": fields.pop("health_ok", True),
            "available_from": fields.pop("available_from", None),
            "must_rotate": fields.pop("must_rotate", False),
        }
        assert not fields, fields
        assert retirement(gender, birth_date) > date(2026, 1, 1), c
        return c

    def planning_for(self, title: str) -> list[str]:
        return list(self.rng.choice(PLANNING_BY_TITLE[title]))


# --------------------------------------------------------------------------------------------------
# What the rules allow: a conservative copy of docs/rules.md, used to keep the special cases true and
# to choose explicit scores that name usable pairs. The planner and its checker decide, not this.
# --------------------------------------------------------------------------------------------------
def term_limited(c: dict) -> bool:
    if c["current"]["head_terms"] >= 2:
        return True
    return c["head_since"] is not None and eight_years_after(c["head_since"]) <= PERIOD_END


def local_key_post(c: dict, secretaries_non_local: bool = False) -> bool:
    title = c["current"]["title"]
    non_local = TITLES[title].get("non_local") or (title == "bi_thu_xa" and secretaries_non_local)
    return bool(non_local) and c["current"]["unit"] in c["local_to"]


def categories(c: dict, secretaries_non_local: bool = False) -> set[str]:
    found = set()
    if c["planning"]:
        found.add("planning")
    if c["must_rotate"]:
        found.add("must_rotate")
    if not c["district_experience"]:
        found.add("no_district_experience")
    if term_limited(c):
        found.add("term_limit")
    if local_key_post(c, secretaries_non_local):
        found.add("local_key_post")
    return found


def mandatory(c: dict, secretaries_non_local: bool = False) -> bool:
    return bool(categories(c, secretaries_non_local) & {"term_limit", "local_key_post", "must_rotate"})


def head_bound(c: dict, secretaries_non_local: bool = False) -> bool:
    return bool(categories(c, secretaries_non_local) & {"term_limit", "local_key_post"})


def deadline(c: dict) -> date | None:
    """The latest start of a cadre who reaches 8 years as head during the period, if a start that late exists."""
    if c["head_since"] is None or not term_limited(c):
        return None
    due = eight_years_after(c["head_since"])
    if due <= PERIOD_START:
        return None
    return next((t for t in STARTS if t >= due), None)


def eligible_starts(
    c: dict,
    s: dict,
    waivers: set[tuple[str, str]],
    secretaries_non_local: bool = False,
    min_service_years: int = MIN_SERVICE_YEARS,
) -> list[date]:
    """Starts at which cadre `c` could take slot `s` (young heads counted as not allowed: conservative)."""
    cats = categories(c, secretaries_non_local)
    title = TITLES[s["title"]]
    non_local = title.get("non_local") or (s["title"] == "bi_thu_xa" and secretaries_non_local)
    if not cats or not c["health_ok"] or s["unit"] == c["current"]["unit"]:
        return []
    if cats == {"no_district_experience"} and UNIT_KIND[s["unit"]] != "commune":
        return []
    if non_local and s["unit"] in c["local_to"] and (c["id"], "non_locality") not in waivers:
        return []
    if head_bound(c, secretaries_non_local) and title["level"] != "head":
        return []
    if s.get("vacated_by") == c["id"]:
        return []
    retire = c["retirement_date"] or retirement(c["gender"], c["birth_date"])
    last = deadline(c) if "term_limit" in cats else None
    out = []
    for t in STARTS:
        if t < s.get("open_from", PERIOD_START) or t > s.get("fill_by", PERIOD_END):
            continue
        if c["available_from"] and t < c["available_from"]:
            continue
        if last and t > last:
            continue
        service_left = months(retire) - 1 - months(t)  # whole months, start month to last month of work
        if (c["id"], "remaining_service") not in waivers and service_left < 12 * min_service_years:
            continue
        if (c["id"], "min_duration") not in waivers and months(t) + MIN_DURATION_MONTHS > months(retire):
            continue
        if (
            title["level"] == "head"
            and age_at(c["birth_date"], t) < YOUTH_AGE
            and (c["id"], "youth_heads") not in waivers
        ):
            continue
        out.append(t)
    return out


def max_matching(options: dict[str, list[str]]) -> dict[str, str]:
    """A maximum matching of cadres to slots (Kuhn's augmenting paths), cadre -> slot."""
    owner: dict[str, str] = {}

    def augment(cadre: str, seen: set[str]) -> bool:
        for slot in options[cadre]:
            if slot in seen:
                continue
            seen.add(slot)
            if slot not in owner or augment(owner[slot], seen):
                owner[slot] = cadre
                return True
        return False

    for cadre in sorted(options, key=lambda c: len(options[c])):
        augment(cadre, set())
    return {cadre: slot for slot, cadre in owner.items()}


def build() -> dict:
    g = Generator(SEED)
    rng = g.rng
    cadres: list[dict] = []

    def add(group: str, post: dict, born: tuple[int, int] | None = None, **fields) -> dict:
        c = g.cadre(group, post, born, **fields)
        cadres.append(c)
        return c

    def maybe_planning(title: str, share: float = 0.5) -> list[str]:
        return g.planning_for(title) if rng.random() < share else []

    # ---- mandatory: term limit by terms (head_terms 2: two consecutive terms as head) --------------
    for title, n, since in (
        ("bi_thu_xa", 6, (date(2014, 1, 1), date(2016, 3, 1))),
        ("chu_tich_xa", 4, (date(2015, 6, 1), date(2016, 9, 1))),
        ("giam_doc", 3, (date(2015, 1, 1), date(2016, 12, 1))),
        ("chanh_van_phong", 1, (date(2016, 1, 1), date(2016, 1, 1))),
    ):
        for k in range(n):
            units = (
                SO_IDS
                if title == "giam_doc"
                else ["van_phong_ubnd"]
                if title == "chanh_van_phong"
                else COMMUNE_IDS
            )
            post = g.take_any([title], units)
            tag = None
            born = (1975, 1980)
            if title == "giam_doc" and k == 0:
                tag, born = "W_SERVICE", (1971, 1971)  # too old for 10 years: a waiver (below)
            elif title == "giam_doc" and k == 1:
                tag = "CHAIN_GD"
            add(
                "term_limit_terms",
                post,
                born,
                tag=tag,
                gender="male" if tag else None,
                native=False,
                head_terms=2,
                head_since=first_of_month(rng, *since),
                planning=maybe_planning(title),
                district_experience=title in COMMUNE_TITLES or rng.random() < 0.5,
            )

    # ---- mandatory: term limit by tenure only (head since 2016-2022, head_terms 1) ------------------
    for title, n in (("bi_thu_xa", 3), ("chu_tich_xa", 2), ("giam_doc", 1)):
        for _ in range(n):
            post = g.take_any([title], SO_IDS if title == "giam_doc" else COMMUNE_IDS)
            add(
                "term_limit_tenure",
                post,
                (1975, 1981),
                native=False,
                head_terms=1,
                head_since=first_of_month(rng, date(2016, 10, 1), date(2017, 9, 1)),
                planning=maybe_planning(title),
            )
    mid_since = [
        date(2018, 4, 1), date(2018, 10, 1), date(2019, 4, 1), date(2019, 10, 1), date(2020, 7, 1),
        date(2021, 1, 1), date(2021, 6, 1), date(2021, 10, 1), date(2022, 1, 1), date(2022, 7, 1),
        date(2022, 12, 1),
    ]  # fmt: skip
    rng.shuffle(mid_since)
    for title, n in (("bi_thu_xa", 5), ("chu_tich_xa", 4), ("giam_doc", 2)):
        for k in range(n):
            post = g.take_any([title], SO_IDS if title == "giam_doc" else COMMUNE_IDS)
            since = mid_since.pop()
            tag = None
            if title == "bi_thu_xa" and k == 0:
                tag = "CHAIN_BT"
            add(
                "term_limit_tenure",
                post,
                (1976, 1982),
                tag=tag,
                native=False,
                head_terms=1,
                head_since=since,
                planning=maybe_planning(title),
            )
    add(
        "term_limit_tenure",
        g.take("dang_uy_cac_co_quan_dang", "bi_thu_dang_uy"),
        (1976, 1976),
        tag="CHAIN_DU",
        gender="male",
        head_terms=1,
        head_since=date(2020, 10, 1),
        planning=["uy_vien_ban_thuong_vu"],
        district_experience=True,
    )
    assert not mid_since

    # ---- mandatory: local key posts (Chủ tịch UBND of the home commune; the native Chánh Thanh tra) ----
    for k in range(7):
        post = g.take_any(["chu_tich_xa"], COMMUNE_IDS)
        tag = ("CHAIN_CT", "CHAIN_CT", "FORBID_UNIT")[k] if k < 3 else None
        since = MERGER if k % 2 else first_of_month(rng, date(2023, 1, 1), date(2025, 4, 1))
        add(
            "local_key_post",
            post,
            (1976, 1984),
            tag=tag,
            native=True,
            head_since=since,
            planning=maybe_planning("chu_tich_xa"),
        )
    add(
        "local_key_post",
        g.take("thanh_tra_tp", "chanh_thanh_tra"),
        (1977, 1977),
        tag="CHAIN_TT",
        gender="male",
        head_since=MERGER,
        district_experience=True,
        planning=["uy_vien_ban_thuong_vu"],
    )

    # ---- native Party secretaries: mandatory only under Directive 45 (variant chi-thi-45) -------------
    for k in range(6):
        post = g.take_any(["bi_thu_xa"], COMMUNE_IDS)
        add(
            "native_secretary",
            post,
            (1977, 1984),
            tag="NATIVE_BT",
            native=True,
            head_since=MERGER,
            planning=g.planning_for("bi_thu_xa") if k < 3 else [],
        )

    # ---- rotation decided by the Standing Committee ----------------------------------------------------
    add(
        "must_rotate",
        g.take_any(["pho_giam_doc"], SO_IDS),
        (1981, 1981),
        tag="MUST",
        must_rotate=True,
        district_experience=False,
    )
    add("must_rotate", g.take_any(["pho_bi_thu_xa"], COMMUNE_IDS), (1983, 1983), tag="MUST", must_rotate=True)

    # ---- natives of other provinces (no home commune in the city): the only possible Chánh Thanh tra ----
    for k in range(12):
        if k < 2:  # Phó Giám đốc of another agency: a promotion inside the Inspectorate is no rotation
            post = g.take_any(["pho_giam_doc"], SO_IDS)
            add(
                "planning",
                post,
                (1979, 1981),
                tag="OUTSIDER_TT",
                gender="male",
                outsider=True,
                planning=["chanh_thanh_tra"],
                district_experience=True,
            )
            continue
        post = g.take_any(["pho_giam_doc", "truong_phong"], SO_IDS)
        group = "planning" if k < 6 else "no_district"
        add(
            group,
            post,
            tag="OUTSIDER",
            outsider=True,
            planning=g.planning_for(post["title"]) if group == "planning" else [],
            district_experience=group == "planning" and rng.random() < 0.4,
        )

    # ---- planning pool: special cases ----------------------------------------------------------------
    add(
        "planning",
        g.take_any(["pho_bi_thu_xa"], COMMUNE_IDS),
        (1987, 1987),
        tag="W_YOUTH",
        planning=["bi_thu_xa"],
    )
    add(
        "planning",
        g.take_any(["pho_giam_doc"], SO_IDS),
        (1969, 1969),
        tag="OLD",
        gender="male",
        planning=["giam_doc_so"],
        district_experience=True,
    )
    add(
        "planning",
        g.take_any(["pho_bi_thu_xa"], COMMUNE_IDS),
        (1973, 1973),
        tag="OLD",
        gender="female",
        planning=["bi_thu_xa"],
    )
    add(
        "planning",
        g.take_any(["chu_tich_xa"], COMMUNE_IDS),
        (1972, 1972),
        tag="OLD",
        gender="male",
        native=False,
        planning=["bi_thu_xa"],
    )
    add(
        "planning",
        g.take_any(["pho_giam_doc"], SO_IDS),
        (1977, 1980),
        tag="HEALTH",
        health_ok=False,
        planning=["giam_doc_so"],
        district_experience=True,
    )
    add(
        "planning",
        g.take_any(["pho_chu_tich_xa"], COMMUNE_IDS),
        (1979, 1983),
        tag="HEALTH",
        health_ok=False,
        planning=["chu_tich_xa"],
    )
    add(
        "planning",
        g.take_any(["truong_phong"], SO_IDS),
        (1980, 1984),
        tag="HEALTH",
        health_ok=False,
        planning=["pho_giam_doc_so"],
        district_experience=False,
    )
    add(
        "planning",
        g.take_any(["pho_giam_doc"], SO_IDS),
        (1979, 1982),
        tag="LATER",
        gender="female",
        available_from=date(2026, 7, 1),
        planning=["giam_doc_so"],
        district_experience=False,
    )
    add(
        "planning",
        g.take_any(["pho_chu_tich_xa"], COMMUNE_IDS),
        (1980, 1984),
        tag="LATER",
        available_from=date(2027, 1, 1),
        planning=["chu_tich_xa"],
    )
    add(
        "planning",
        g.take_any(["truong_phong"], SO_IDS),
        (1982, 1986),
        tag="LATER",
        available_from=date(2026, 4, 1),
        planning=["pho_chu_tich_xa"],
        district_experience=False,
    )
    add(
        "planning",
        g.take_any(["pho_giam_doc"], SO_IDS),
        (1975, 1975),
        tag="EARLY_RETIRE",
        gender="male",
        retirement_date=date(2027, 1, 1),
        planning=["giam_doc_so"],
        district_experience=True,
    )
    add(
        "not_candidate",
        g.take_any(["pho_chu_tich_hdnd_xa"], COMMUNE_IDS),
        (1970, 1970),
        tag="EARLY_RETIRE",
        gender="male",
        retirement_date=date(2026, 7, 1),
    )
    add(
        "planning",
        g.take_any(["chu_tich_xa"], COMMUNE_IDS),
        (1979, 1979),
        tag="FORBID_SLOT",
        gender="male",
        native=False,
        head_since=MERGER,
        planning=["bi_thu_xa", "thanh_uy_vien"],
    )

    # ---- everyone else in a post: planning pool, agency leaders without commune experience, others ----
    order = [(u, t) for (u, t), n in g.free_posts.items() for _ in range(n)]
    for unit, title in order:
        post = g.take(unit, title)
        in_commune = unit in COMMUNE
        c = g.cadre("not_candidate", post, native=False if title in ("bi_thu_xa", "chu_tich_xa") else None)
        young = c["birth_date"].year >= 1976
        share = PLANNING_SHARE[title] * (1 if young else 1 / 3)
        if rng.random() < share:
            c["group"], c["planning"] = "planning", g.planning_for(title)
        if not in_commune:
            c["district_experience"] = rng.random() < (0.3 if title == "truong_phong" else 0.45)
            if c["group"] == "not_candidate" and not c["district_experience"]:
                c["group"] = "no_district"
        cadres.append(c)
    assert not any(g.free_posts.values())

    # ---- ids: shuffled so that ids do not reveal the groups ------------------------------------------
    rng.shuffle(cadres)
    for i, c in enumerate(cadres, start=1):
        c["id"] = f"C{i:03d}"
    by_tag: dict[str, list[str]] = {}
    for c in cadres:
        if c["tag"]:
            by_tag.setdefault(c["tag"], []).append(c["id"])
    cadre_by_id = {c["id"]: c for c in cadres}

    # ---- vacancy chains: the post of a cadre who must leave opens when, and only if, the cadre leaves ---
    slots = g.slots
    for tag in ("CHAIN_BT", "CHAIN_CT", "CHAIN_GD", "CHAIN_DU", "CHAIN_TT"):
        for cadre_id in by_tag[tag]:
            c = cadre_by_id[cadre_id]
            unit, title = c["current"]["unit"], c["current"]["title"]
            priority = commune_priority(unit) if unit in COMMUNE else 1
            extra = {"fill_by": date(2026, 6, 30)} if tag == "CHAIN_TT" else {}  # Conclusion 201: soon
            slots.append(
                {
                    "id": f"{unit}.{title}",
                    "unit": unit,
                    "title": title,
                    **extra,
                    "vacated_by": cadre_id,
                    "priority": priority,
                }
            )
    slot_ids = [s["id"] for s in slots]
    assert len(set(slot_ids)) == len(slot_ids)
    slot_by_id = {s["id"]: s for s in slots}
    for s in slots:  # a fixed key order in the YAML
        ordered = {
            k: s[k]
            for k in ("id", "unit", "title", "open_from", "fill_by", "vacated_by", "priority")
            if k in s
        }
        s.clear()
        s.update(ordered)

    # ---- waivers (top level: the cadres are in a table) --------------------------------------------------
    waivers = [
        {
            "cadre": by_tag["W_SERVICE"][0],
            "rule": "remaining_service",
            "by": "Ban Thường vụ Thành ủy",
            "ref": "QĐ 2107-QĐ/TU (giả định)",
            "reason": "Giám đốc sở hai nhiệm kỳ, phải luân chuyển; còn dưới 10 năm công tác, đủ 36 tháng",
        },
        {
            "cadre": by_tag["W_YOUTH"][0],
            "rule": "youth_heads",
            "by": "Ban Thường vụ Thành ủy",
            "ref": "QĐ 2215-QĐ/TU (giả định)",
            "reason": "Cán bộ trẻ trong quy hoạch, thử thách ở cương vị cấp trưởng tại xã khó khăn",
        },
    ]
    waived = {(w["cadre"], w["rule"]) for w in waivers}

    def options(c: dict, secretaries_non_local: bool = False, heads_only: bool = False) -> list[str]:
        return [
            s["id"]
            for s in slots
            if (not heads_only or TITLES[s["title"]]["level"] == "head")
            and eligible_starts(c, s, waived, secretaries_non_local)
        ]

    # ---- pin and forbids -------------------------------------------------------------------------------
    # Conclusion 201-KL/TW: a non-local Chánh Thanh tra from the first start after 15/12/2025. The pin on
    # the chain's slot makes the native holder leave by then (`vacancy_chain`).
    pin_cadre = cadre_by_id[by_tag["OUTSIDER_TT"][0]]
    pin_slot = next(s for s in slots if s.get("vacated_by") in by_tag["CHAIN_TT"])
    pin_start = date(2026, 1, 1)
    assert pin_start in eligible_starts(pin_cadre, pin_slot, waived)
    pins = [{"cadre": pin_cadre["id"], "slot": pin_slot["id"], "start": pin_start}]

    forbid_slot_cadre = cadre_by_id[by_tag["FORBID_SLOT"][0]]
    forbid_slot = next(
        s for s in slots
        if s["title"] == "bi_thu_xa" and "vacated_by" not in s
        and COMMUNE[s["unit"]][3] == COMMUNE[forbid_slot_cadre["local_to"][0]][3]
        and eligible_starts(forbid_slot_cadre, s, waived)
    )  # fmt: skip
    forbid_unit_cadre = cadre_by_id[by_tag["FORBID_UNIT"][0]]
    home = forbid_unit_cadre["local_to"][0]
    forbid_unit = next(
        s["unit"] for s in slots
        if s["unit"] in COMMUNE and s["unit"] != home and COMMUNE[s["unit"]][3] == COMMUNE[home][3]
        and TITLES[s["title"]]["level"] == "head" and eligible_starts(forbid_unit_cadre, s, waived)
    )  # fmt: skip
    forbids = [
        {"cadre": forbid_slot_cadre["id"], "slot": forbid_slot["id"]},
        {"cadre": forbid_unit_cadre["id"], "unit": forbid_unit},
    ]
    forbidden = {(f["cadre"], f.get("slot") or f.get("unit")) for f in forbids}

    def allowed(cadre_id: str, slot_id: str) -> bool:
        return (cadre_id, slot_id) not in forbidden and (
            cadre_id,
            slot_by_id[slot_id]["unit"],
        ) not in forbidden

    # ---- feasibility of the mandatory rotations: a distinct usable head slot for each head-bound cadre ----
    report: dict[str, object] = {}
    for label, secretaries in (("base", False), ("chi-thi-45", True)):
        bound = [c for c in cadres if head_bound(c, secretaries)]
        opts = {
            c["id"]: [s for s in options(c, secretaries, heads_only=True) if allowed(c["id"], s)]
            for c in bound
        }
        matching = max_matching(opts)
        assert len(matching) == len(bound), (label, [c for c in opts if c not in matching])
        report[label] = (len(bound), min(len(o) for o in opts.values()))
    for c in cadres:
        if c["must_rotate"]:
            assert options(c), c["id"]

    # ---- explicit scores: the committee's view on a sparse set of usable pairs ---------------------------
    scores: dict[tuple[str, str], int] = {}
    youth = cadre_by_id[by_tag["W_YOUTH"][0]]
    youth_slot = next(
        s
        for s in slots
        if s["title"] == "bi_thu_xa" and s["priority"] == 3 and eligible_starts(youth, s, waived)
    )
    scores[youth["id"], youth_slot["id"]] = 8
    for cadre_id in by_tag["OUTSIDER_TT"]:
        scores[cadre_id, pin_slot["id"]] = rng.randint(6, 9)
    # the committee's proposed successors for agency posts (16-24) and for the posts of the vacancy chains
    # (10-14): without them the priorities (0-1 in the agencies) would leave every agency post empty
    proposed = {
        "giam_doc": {"giam_doc_so"},
        "pho_giam_doc": {"giam_doc_so", "pho_giam_doc_so"},
        "pho_chanh_thanh_tra": {"chanh_thanh_tra", "giam_doc_so", "pho_giam_doc_so"},
        "pho_chanh_van_phong": {"chanh_van_phong", "giam_doc_so", "pho_giam_doc_so"},
        "pho_bi_thu_dang_uy": {"giam_doc_so", "thanh_uy_vien"},
        "bi_thu_dang_uy": {"uy_vien_ban_thuong_vu"},
        "bi_thu_xa": {"bi_thu_xa"},
        "chu_tich_xa": {"chu_tich_xa"},
    }
    planners = [c for c in cadres if c["planning"] and not mandatory(c) and not c["tag"]]
    for s in slots:
        if (UNIT_KIND[s["unit"]] == "commune" and "vacated_by" not in s) or s["id"] == pin_slot["id"]:
            continue
        fit = [
            c
            for c in planners
            if set(c["planning"]) & proposed[s["title"]]
            and allowed(c["id"], s["id"])
            and (c["id"], s["id"]) not in scores
            and eligible_starts(c, s, waived)
        ]
        for c in rng.sample(fit, min(len(fit), 1 if "vacated_by" in s else 2)):
            scores[c["id"], s["id"]] = rng.randint(10, 14) if s["unit"] in COMMUNE else rng.randint(16, 24)
    heads = [c for c in cadres if head_bound(c)]
    for c in rng.sample(heads, len(heads) // 2):
        usable = [s for s in options(c, heads_only=True) if allowed(c["id"], s)]
        other_province = (
            [
                s
                for s in usable
                if slot_by_id[s]["unit"] in COMMUNE
                and COMMUNE[slot_by_id[s]["unit"]][3] != COMMUNE[c["local_to"][0]][3]
            ]
            if c["local_to"]
            else []
        )
        pick = rng.choice(other_province if other_province and rng.random() < 0.5 else usable)
        scores[c["id"], pick] = rng.randint(5, 9)
    # experienced cadres the committee would send as non-local Chủ tịch, were 5 years of service enough
    # (variant min-service-5); under the 10-year rule these pairs are not eligible
    for cadre_id in by_tag["OLD"]:
        c = cadre_by_id[cadre_id]
        usable = [
            s["id"]
            for s in slots
            if "vacated_by" not in s
            and allowed(c["id"], s["id"])
            and eligible_starts(c, s, waived, min_service_years=5)
        ]
        assert usable and not any(eligible_starts(c, slot_by_id[s], waived) for s in usable)
        heads = [s for s in usable if slot_by_id[s]["title"] == "chu_tich_xa"]
        scores[cadre_id, rng.choice(heads or usable)] = rng.randint(12, 16)
    pool = [c for c in cadres if c["group"] == "planning" and not c["tag"]]
    added = 0
    for c in rng.sample(pool, len(pool)):
        if added == 24:
            break
        usable = [s for s in options(c) if allowed(c["id"], s) and "vacated_by" not in slot_by_id[s]]
        if usable:
            scores[c["id"], rng.choice(usable)] = rng.randint(3, 9)
            added += 1
    assert all(allowed(c, s) for c, s in scores)

    relations, pool = edition3(cadres)
    set_after_facts(cadres, AFTER_FACTS)
    after = after_rotation(
        cadres, slots, horizon=AFTER_HORIZON, opened=after_opened(cadres), may_stay=MAY_STAY
    )

    units = (
        [
            {"id": i, "name": f"{'Phường' if kind == 'phường' else 'Xã'} {n}", "kind": "commune"}
            for i, n, kind, _, _ in COMMUNES
        ]
        + [{"id": i, "name": n, "kind": "department"} for i, n, _, _ in DEPARTMENTS]
        + [{"id": i, "name": n, "kind": "party_committee"} for i, n in PARTY_COMMITTEES]
    )
    return {
        "name": "can-tho-2025-2030",
        "title": "Kế hoạch luân chuyển cán bộ lãnh đạo, quản lý thành phố Cần Thơ (sau sắp xếp, hợp nhất)"
        " giai đoạn 2025 - 2030 (dữ liệu giả định)",
        "period": {"start": PERIOD_START, "end": PERIOD_END, "granularity": "quarter"},
        "rules": {
            "quota": {"min": 45, "max": 80},
            "min_remaining_service_years": MIN_SERVICE_YEARS,
            "min_duration_months": MIN_DURATION_MONTHS,
            "max_consecutive_head_terms": 2,
            "term_limit_years": TERM_LIMIT_YEARS,
            "youth": {"age_below": YOUTH_AGE, "max_heads": 2},
            "max_starts_per_quarter": 6,
            "mandatory_rotation": ["term_limit", "local_key_post"],
            "max_rank_step": 1,
            "experience_months": 24,
        },
        "titles": {code: {**title, **FIT[code]} for code, title in TITLES.items()},
        "units": units,
        "slots": slots,
        "cadres": OUT_CSV.name,
        "waivers": waivers,
        "relations": relations,
        "pool": pool,
        "after_rotation": after,
        "scores": [{"cadre": c, "slot": s, "score": v} for (c, s), v in scores.items()],
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
        "_cadres": cadres,
        "_tags": by_tag,
        "_report": report,
    }


def edition3(cadres: list[dict]) -> tuple[list[dict], list[dict]]:
    """Add the edition-3 facts (CONTRACT §6) to the cadres and return the relations and the pool.

    Drawn from a generator of their own (seed `SEED + 1`), after everything else, so that the edition-2
    scenario (every id, name and post) is exactly what it was; the special cases are set by id below."""
    rng = random.Random(SEED + 1)
    draw_fit(
        cadres,
        rng,
        fit=FIT,
        titles=TITLES,
        theory=lambda title: THEORY_DRAW.get(title, THEORY_DRAW_DEPUTY),
        course_ends=COURSE_ENDS,
        master_share=0.3,
        local_units=COMMUNE,
        local_codes=("cap_xa", "truong_cap_xa"),  # an agency head who led a district or commune before
    )
    for c in cadres:
        c["disciplined_until"] = None  # a column of the cadre table
    by_id = {c["id"]: c for c in cadres}
    for cadre_id, special in SPECIAL_FIT.items():
        by_id[cadre_id].update(special)
    # the special cases are what the comments above them say
    post = {cadre_id: (c["current"]["unit"], c["current"]["title"]) for cadre_id, c in by_id.items()}
    assert post["C681"] == ("my_phuoc", "bi_thu_xa") and "giam_doc_so" in by_id["C681"]["planning"]
    assert post["C007"] == ("thoi_an_hoi", "bi_thu_xa") and post["C369"] == ("so_noi_vu", "pho_giam_doc")
    assert post["C630"][0] == post["C735"][0] == "dong_thuan"
    assert by_id["C148"]["local_to"][0] == by_id["C474"]["local_to"][0] == "vinh_tuong"
    relations = relation_entries(RELATIONS, by_id)
    pool = pool_entries(cadres, POOL, MIN_READY, BINDING)
    return relations, pool


#: The pool titles whose `min_ready` binds: the plan must make some planned cadres ready.
BINDING = ("uy_vien_ban_thuong_vu", "giam_doc_so")


#: Cadres whose edition-3 facts are set by hand (after the draw above).
SPECIAL_FIT: dict[str, dict] = {
    # discipline: the Bí thư of Mỹ Phước, in the pool for Giám đốc sở, reprimanded (khiển trách) in 2025:
    # no rotation starts before 01/07/2026.
    "C681": {"disciplined_until": date(2026, 6, 30)},
}
#: Family relations (Reg. 114-QĐ/TW), ids only.
RELATIONS = [
    # the Bí thư of Thới An Hội (in the pool for Giám đốc sở, so short of agency experience) and her
    # husband, Phó Giám đốc of Sở Nội vụ: she may not join Sở Nội vụ while he is there.
    (("C007", "C369"), "spouse"),
    # brothers from Vĩnh Tường, division heads of Sở Y tế and Sở Nội vụ.
    (("C148", "C474"), "sibling"),
    # in-laws who already serve together in Đông Thuận: never a violation while the plan does not move them.
    (("C630", "C735"), "in_law"),
]
#: `min_ready` per pool title (`pho_chu_tich_ubnd_thanh_pho` has one planned cadre: shown, not bound).
MIN_READY = {"uy_vien_ban_thuong_vu": 10, "thanh_uy_vien": 36, "giam_doc_so": 9}


# --------------------------------------------------------------------------------------------------
# The way back (CONTRACT §6.4). A rotation starting by 01/10/2026 ends by 01/10/2029 (36 months) and needs
# an after. Invented facts, added after everything else, none touching a candidate for rotation: the
# posts are the retirements of commune and agency leaders who are no candidates, as `planner vacancies`
# projects them, with five early retirements (Decree 178/2024/NĐ-CP, up to five years early, as many
# leaders chose in the 2025 reorganisation) that open the only posts of rank 5 in the window.
# --------------------------------------------------------------------------------------------------
AFTER_HORIZON = date(2029, 12, 31)
#: The window of the posts: six months around the first and the last end.
AFTER_WINDOW = (date(2028, 4, 1), date(2030, 4, 1))
AFTER_FACTS: dict[str, dict] = {
    "C126": {"retirement_date": date(2028, 10, 1)},  # Bí thư Long Mỹ
    "C666": {"retirement_date": date(2029, 4, 1)},  # Phó Giám đốc Sở Khoa học và Công nghệ
    "C512": {"retirement_date": date(2029, 4, 1)},  # Bí thư Ô Môn
    "C436": {"retirement_date": date(2029, 7, 1)},  # Bí thư Thốt Nốt
    "C424": {"retirement_date": date(2029, 10, 1)},  # Bí thư Long Phú 1
}
#: The chief inspector's post (the pin: the non-local chief inspector of Conclusion 201 is kept) and
#: the Party secretaries of three islet and coastal communes, where a rotated cadre may be kept.
MAY_STAY = [
    "thanh_tra_tp.chanh_thanh_tra",
    "cu_lao_dung.bi_thu_xa",
    "lich_hoi_thuong.bi_thu_xa",
    "lai_hoa.bi_thu_xa",
]


def after_opened(cadres: list[dict]) -> list[tuple[str, date]]:
    """Each post a retirement opens inside `AFTER_WINDOW`, of the cadres who are no candidates for
    rotation (a candidate's post opens when the plan rotates it, which no scenario can say), by day and
    id: the holder and its retirement day."""
    opened = []
    for c in cadres:
        day = c["retirement_date"] or retirement(c["gender"], c["birth_date"])
        if not categories(c) and AFTER_WINDOW[0] <= day <= AFTER_WINDOW[1]:
            opened.append((day, c["current"]["unit"], c["current"]["title"], c["id"]))
    return [(cadre_id, day) for day, _, _, cadre_id in sorted(opened)]


#: Rule variants solved beside the scenario's own rules (`planner solve --variant NAME`).
VARIANTS = [
    {
        "name": "chi-thi-45",
        "description": "Chỉ thị 45-CT/TW: bí thư đảng ủy mọi xã, phường không phải người địa phương"
        " / Directive 45: every commune Party secretary is non-local",
        "set": {"titles.bi_thu_xa.non_local": True},
    },
    {
        "name": "min-service-5",
        "description": "Còn ít nhất 5 năm công tác, như khi luân chuyển để bố trí cán bộ không phải người địa"
        " phương / at least 5 years of service left, as for non-locality rotations",
        "set": {"rules.min_remaining_service_years": 5},
    },
]

CSV_COLUMNS = [
    "id", "name", "gender", "birth_date", "retirement_date", "local_to", "current_unit", "current_title",
    "head_terms", "head_since", "planning", "district_experience", "health_ok", "available_from", "must_rotate",
    "qualifications", "experience", "disciplined_until",
]  # fmt: skip


def csv_row(c: dict) -> list[str]:
    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(value)
        return str(value)

    values = {
        **c,
        "current_unit": c["current"]["unit"],
        "current_title": c["current"]["title"],
        "head_terms": c["current"]["head_terms"],
        # a dated qualification is `CODE@DATE` in a table (CONTRACT §1)
        "qualifications": [
            q if isinstance(q, str) else f"{q['code']}@{q['from']}" for q in c["qualifications"]
        ],
    }
    return [text(values[column]) for column in CSV_COLUMNS]


HEADER = """\
# Reference scenario: rotating leading and managing cadres in the merged Cần Thơ city, 2025 - 2030
# (Kế hoạch luân chuyển cán bộ lãnh đạo, quản lý thành phố Cần Thơ giai đoạn 2025 - 2030).
# GENERATED by scenarios/make_can_tho_2025.py (seed 2025): edit the script, not this file or the CSV.
# Units are real (103 wards and communes of Resolution 1668/NQ-UBTVQH15, the 14 city agencies); quota, pace
# and priorities are assumptions; every person, vacancy, score, pin, forbid and waiver is invented.
"""


def main() -> None:
    data = build()
    cadres, tags, report = data.pop("_cadres"), data.pop("_tags"), data.pop("_report")
    OUT.write_text(scenario_text(HEADER, data), encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in cadres:
        writer.writerow(csv_row(c))
    OUT_CSV.write_text(buffer.getvalue(), encoding="utf-8")

    heads = sum(TITLES[s["title"]]["level"] == "head" for s in data["slots"])
    print(f"wrote {OUT} ({len(data['units'])} units, {len(data['slots'])} slots of which {heads} heads,")
    print(f"      {len(data['scores'])} scores) and {OUT_CSV} ({len(cadres)} cadres)")
    groups: dict[str, list[str]] = {}
    for c in cadres:
        groups.setdefault(c["group"], []).append(c["id"])
    for group, ids in groups.items():
        print(f"  {group:18} {len(ids):3}  {' '.join(ids) if len(ids) <= 14 else ''}")
    by_terms = [c["id"] for c in cadres if c["current"]["head_terms"] >= 2]
    by_tenure = [c["id"] for c in cadres if term_limited(c) and c["current"]["head_terms"] < 2]
    with_deadline = [f"{c['id']}<={deadline(c)}" for c in cadres if deadline(c)]
    print(
        f"  term-limited by head_terms {len(by_terms)}, by head_since only {len(by_tenure)}: {' '.join(by_tenure)}"
    )
    print(f"  deadlines (term_limit_deadline): {' '.join(with_deadline)}")
    for variant, secretaries in (("base", False), ("chi-thi-45", True)):
        n_mandatory = sum(mandatory(c, secretaries) for c in cadres)
        bound, fewest = report[variant]
        print(f"  {variant}: {n_mandatory} mandatory, {bound} head-bound, fewest usable head slots {fewest}")
    for tag, ids in sorted(tags.items()):
        print(f"  tag {tag:13} {' '.join(ids)}")
    print_edition3(cadres, data)


if __name__ == "__main__":
    main()
