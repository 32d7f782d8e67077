"""Vietnam's provinces, and fuzzy matching of OCR'd place names against them."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from patterns.text import fold

# The 63 provincial units from 2008 until the merger of 1 July 2025.
PROVINCES_2008: tuple[str, ...] = (
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên",
    "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh",
    "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên",
    "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
    "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng",
    "Bạc Liêu", "Cà Mau",
)

# The 34 provincial units from 1 July 2025 (Resolution 202/2025/QH15).
PROVINCES_2025: tuple[str, ...] = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)

# Other spellings of the same units; the key is a folded form without spaces.
_ALIASES: dict[str, str] = {
    "hochiminh": "TP. Hồ Chí Minh",
    "tphcm": "TP. Hồ Chí Minh",
    "hcm": "TP. Hồ Chí Minh",
    "thuathienhue": "Thừa Thiên Huế",
    "bariavungtau": "Bà Rịa - Vũng Tàu",
    "hoabinh": "Hòa Bình",
    "thanhhoa": "Thanh Hóa",
    "khanhhoa": "Khánh Hòa",
}

# Administrative prefixes printed before a name: `tỉnh`, `thành phố`, `TP.`.
_PREFIX = re.compile(r"^\s*(?:tinh|thanh pho|tp\.?)\s+")
# English-model OCR turns marked vowels into other letters (`Qudng Ngdi`), so a fairly low
# similarity is accepted when the best name clearly beats the runner-up.
_MIN_SCORE = 70.0
_MIN_MARGIN = 5.0
# Checking a reading against one expected name needs no margin over the others, so it can be looser.
_EXPECTED_MIN_SCORE = 60.0


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name))


@lru_cache(maxsize=1)
def _names_by_key() -> dict[str, str]:
    names = {_key(name): name for name in PROVINCES_2008 + PROVINCES_2025}
    names.update(_ALIASES)
    return names


@lru_cache(maxsize=4096)
def match_province(text: str, fuzzy: bool = True) -> str | None:
    """The province or centrally-run city that `text` names, despite OCR damage unless not `fuzzy`, or None.

    `PONGNAI` -> "Đồng Nai", `Qudng Ngdi` -> "Quảng Ngãi", `tỉnh Quảng Ngãi` -> "Quảng Ngãi",
    `Thành phố Hồ Chí Minh` -> "TP. Hồ Chí Minh".
    """
    key = _key(_PREFIX.sub("", fold(text)))
    if len(key) < 3:
        return None
    names = _names_by_key()
    if key in names or not fuzzy:
        return names.get(key)
    ranked = process.extract(key, names.keys(), scorer=fuzz.ratio, limit=2, score_cutoff=_MIN_SCORE)
    if not ranked:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return names[ranked[0][0]] if ranked[0][1] - runner_up >= _MIN_MARGIN else None


@lru_cache(maxsize=1)
def _province_after_level() -> re.Pattern[str]:
    keys = sorted(_names_by_key(), key=len, reverse=True)
    return re.compile(r"(?:tinh|thanhpho|tp)(" + "|".join(keys) + ")")


def province_after_level(text: str) -> str | None:
    """The province an agency name places itself in (`UBND TỈNH BẮC GIANG`), spelled exactly but
    possibly run together by OCR (`UBNDTINHBACGIANG`), or None."""
    match = _province_after_level().search(_key(text))
    return _names_by_key()[match[1]] if match else None


def could_name(text: str, province: str) -> bool:
    """True when `text` could be an OCR reading of `province` (`Bản Giang` of Bắc Giang)."""
    return fuzz.ratio(_key(_PREFIX.sub("", fold(text))), _key(province)) >= _EXPECTED_MIN_SCORE
