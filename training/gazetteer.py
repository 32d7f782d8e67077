"""Our own training text for the language model: the names reports are full of and the legal corpus
barely has (`Quảng Ngãi`, `Sở Tư pháp`, `KT. CHỦ TỊCH`).

Provinces before and after the 2025 merger (`patterns.places`), issuing bodies, signing positions
and document types (`domain.vocab`), set in the formulas Decree 30/2020/NĐ-CP prescribes for
headers, place-and-date lines and signature blocks. Used at build time only: the language model
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
    return lines
