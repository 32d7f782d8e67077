"""Our own training text for the language model: the names reports are full of and the legal corpus
barely has (`Quảng Ngãi`, `Sở Tư pháp`, `KT. CHỦ TỊCH`).

Provinces before and after the 2025 merger (`patterns.places`), issuing bodies, signing positions
and document types (`domain.vocab`), set in the formulas Decree 30/2020/NĐ-CP prescribes for
headers, place-and-date lines and signature blocks; the 60 lunar year names (`Nhâm Dần`), public
holidays and recognised religions (`Tết Nguyên đán`, `Hội thánh Tin lành`). Used at build time only: the language model
counts these lines as if they were corpus text.
"""

from __future__ import annotations

from diacritics.syllable import is_syllable
from domain.vocab import AGENCY_CODES, DOC_TYPES, POSITIONS, SURNAMES
from patterns.places import PROVINCES_2008, PROVINCES_2025

# Provincial units that are centrally governed cities (`thành phố Hà Nội`), not provinces.
_CITIES = frozenset({"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "TP. Hồ Chí Minh"})
_CITY_PREFIX = "TP. "
_DEPARTMENT = "SỞ "
# The header lines every administrative document opens with.
_NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# Closing formulas: recipients, filing, and who signs on whose behalf.
_CLOSING = ("Nơi nhận:", "Lưu: VT.", "Kính gửi:", "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH")
# An example date: numbers are one class for the language model, so any will do.
_DATE = "ngày 05 tháng 9 năm 2025"
# The lunar years are named by the sexagenary cycle (`Nhâm Dần`, `Ất Tỵ`): ten stems and twelve
# branches, paired in step. Documents about Tết and the lunar calendar name them; the corpus
# does not, so `Nhâm Dằn` read by OCR had nothing to be corrected by.
HEAVENLY_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
EARTHLY_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
# The public holidays of the Labour Code (2019, art. 112) and the recognised religions' names,
# feasts and the words their documents address (a closed set, like the provinces).
_OBSERVANCES = (
    "Tết Dương lịch", "Tết Nguyên đán", "Tết Âm lịch", "Giỗ Tổ Hùng Vương", "Ngày Chiến thắng",
    "Ngày Quốc tế Lao động", "Quốc khánh", "Tết Trung thu", "Lễ Phật đản", "Lễ Vu Lan",
    "Lễ Giáng sinh", "Lễ Phục sinh", "Đức Phật", "Đức Chúa Trời", "Thiên Chúa", "Đức Mẹ",
    "Giáo hội Phật giáo Việt Nam", "Giáo hội Công giáo Việt Nam", "Hội thánh Tin lành Việt Nam",
    "Hội thánh Cao Đài", "Phật giáo Hòa Hảo", "Cộng đồng Hồi giáo",
)


def provincial_unit(province: str) -> str:
    """The unit as prose names it: `tỉnh Quảng Ngãi`, `thành phố Hồ Chí Minh`."""
    if province in _CITIES:
        return f"thành phố {province.removeprefix(_CITY_PREFIX)}"
    return f"tỉnh {province}"


def province_lines(province: str) -> list[str]:
    """A province in the header, place-and-date line and prose of a provincial document."""
    unit = provincial_unit(province)
    place = province.removeprefix(_CITY_PREFIX)
    return [
        f"UBND {unit}",
        f"ỦY BAN NHÂN DÂN {unit.upper()}",
        f"Ủy ban nhân dân {unit} báo cáo",
        f"Hội đồng nhân dân {unit}",
        f"{place}, {_DATE}",
    ]


def agency_lines() -> list[str]:
    """Issuing bodies as headers print them, and provincial departments in prose (`Sở Tư pháp
    tỉnh`; the language model does not see case)."""
    names = AGENCY_CODES.values()
    departments = (name for name in names if name.startswith(_DEPARTMENT))
    return [*names, *(f"{name.capitalize()} tỉnh" for name in departments)]


def agency_code_lines() -> list[str]:
    """Issuing bodies' codes where prose cites them, in document symbols (`124/BC-SKHĐT`), so that
    the language model and the known codes have them. Codes that are also syllables (`TU`, `CA`)
    are left out: as codes they would make the words `tu`, `ca` look like misread codes."""
    codes = (code for code in AGENCY_CODES if not is_syllable(code))
    return [f"Theo Báo cáo số 124/BC-{code} ngày 05/9/2025 của cơ quan" for code in codes]


def signature_lines() -> list[str]:
    """Signing positions, alone and signing for the head (`KT. GIÁM ĐỐC` above `PHÓ GIÁM ĐỐC`),
    and the signer's family name under a position (`CHỦ TỊCH` / `Bùi`): OCR that lost a name's
    marks (`Bui`) should not give it the marks of a commoner word (`Buổi`)."""
    lines = []
    for position in POSITIONS:
        lines.extend([position.upper(), f"KT. {position.removeprefix('Phó ').upper()}"])
    lines.extend(f"{position.upper()} {surname}" for position in POSITIONS for surname in SURNAMES)
    return lines


def lunar_years() -> list[str]:
    """The 60 names of the sexagenary cycle, from `Giáp Tý` to `Quý Hợi`."""
    cycle = len(HEAVENLY_STEMS) * len(EARTHLY_BRANCHES) // 2
    return [
        f"{HEAVENLY_STEMS[year % len(HEAVENLY_STEMS)]} {EARTHLY_BRANCHES[year % len(EARTHLY_BRANCHES)]}"
        for year in range(cycle)
    ]


def calendar_lines() -> list[str]:
    """Lunar years as documents name them (`Tết Nguyên đán Nhâm Dần 2022`, `Xuân Ất Tỵ`), and
    the holidays and religious observances."""
    lines = []
    for year in lunar_years():
        lines.extend([f"Tết Nguyên đán {year} 2025", f"Xuân {year}", f"năm {year}"])
    lines.extend(_OBSERVANCES)
    return lines


def gazetteer_lines() -> list[str]:
    """All of the extra training text, one line per formula."""
    provinces = dict.fromkeys(PROVINCES_2008 + PROVINCES_2025)
    lines = [line for province in provinces for line in province_lines(province)]
    lines.extend(agency_lines())
    lines.extend(agency_code_lines())
    lines.extend(signature_lines())
    lines.extend(f"{doc_type} số" for doc_type in DOC_TYPES.values())
    lines.extend(_NATIONAL_MOTTO)
    lines.extend(_CLOSING)
    lines.extend(calendar_lines())
    return lines
