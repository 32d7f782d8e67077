"""What a synthetic administrative document says: its issuer, header, body and the facts it states.

Every cited document and every statistic in a body is put there by a template of this module, which
records it as it writes it; the filler paragraphs drawn from the held-out corpus carry no digits, so
the recorded lists are complete. Filler comes from the held-out split (`training.corpus`) only,
because the restoration model is trained on the rest: scoring it on its training text would flatter it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from training.corpus import heldout_lines


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "tỉnh" | "thành phố"

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Office:
    """A kind of issuing body, instantiated in any province."""

    name: str  # as a Vietnamese sentence writes it: "Sở Nội vụ"
    code: str  # in document symbols: "SNV"
    head: str
    deputy: str
    desks: tuple[str, ...]  # units that draft letters, the part after the dash in "VP-TTHC"
    spoken: str = "{name}"  # how its own sentences name it; {kind} is "tỉnh" or "thành phố"

    def speaker(self, province: Province) -> str:
        return self.spoken.format(name=self.name, kind=province.kind)


@dataclass(frozen=True)
class Reference:
    ref_type: str  # "Quyết định", "Công văn", ...
    number_symbol: str
    ref_date: date
    issuer: str
    subject: str

    def citation(self) -> str:
        """How a body cites it: `Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh`."""
        return f"{self.ref_type} số {self.number_symbol} ngày {slash_date(self.ref_date)} của {self.issuer}"


@dataclass(frozen=True)
class Statistic:
    value: int | float
    unit: str
    label: str
    measure: str = ""  # from domain.vocab.MEASURES; "" where the vocabulary has no word for it
    subject: str = ""  # from domain.vocab.SUBJECTS; "" for other things counted
    scope: str = ""  # the level it covers ("tỉnh", "huyện", "xã"), PLANNED for a plan's objective; "": the whole unit
    part_of: int | None = None  # index, in the document's statistics, of the total it breaks down


@dataclass(frozen=True)
class Header:
    agency: str
    parent_agency: str | None
    agency_lines: tuple[str, ...]  # the left header column as printed, parent first
    doc_type: str  # "Báo cáo", "Kế hoạch", "Quyết định", "Công văn"
    number: str
    symbol: str
    place: str
    issue_date: date
    title: str  # without the "V/v" of a letter
    signer: str
    signer_title: str
    authority: tuple[str, ...]  # signature lines above the signature: ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    period: tuple[date, date] | None
    recipients: tuple[str, ...]  # "Kính gửi" of a letter; empty for other types

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}"

    def date_line(self) -> str:
        return f"{self.place}, {long_date(self.issue_date)}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str  # "body" | "heading" | "basis" (italic legal basis) | "centred" (bold, centred)


@dataclass(frozen=True)
class Cell:
    """A number a table prints, as its ground truth records it."""

    row: int  # index in the table's rows (the column titles not counted)
    column: int
    value: int | float
    unit: str  # as `Statistic.unit` names it: "hồ sơ", "%", "PAKN"
    measure: str = ""
    subject: str = ""
    scope: str = ""  # the row's sector, or the title of a column counting another period (`Lũy kế`)
    part_of: int | None = None  # index, in the table's cells, of the cell of the row it is a sub-row of


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    cells: tuple[Cell, ...] = ()  # every number of `rows` but the row numbers
    label_column: int | None = None  # set flush left and wrapped to fit; None: every cell centred


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    header: Header
    body: tuple[Block, ...]
    receivers: tuple[str, ...]  # the "Nơi nhận" list
    seal_ring: str  # text around the seal
    references: tuple[Reference, ...]
    statistics: tuple[Statistic, ...]


@dataclass(frozen=True)
class Slot:
    """A number a template states: drawn uniformly from [low, high], rounded to `decimals`."""

    label: str
    unit: str
    low: float
    high: float
    decimals: int = 0
    measure: str = ""  # what the words governing the number say it measures (domain.vocab.MEASURES)
    subject: str = ""  # what it counts, or what a share or an amount is of (domain.vocab.SUBJECTS)
    target: bool = False  # planned (`phấn đấu 95%`, a plan's budget), not a result: stated with scope PLANNED


@dataclass(frozen=True)
class StatementTemplate:
    text: str  # with {0}, {1}, ... where the numbers go
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Part:
    """One part of a breakdown: its words with {0} where its number goes."""

    text: str  # "cấp tỉnh {0} hồ sơ"
    label: str
    scope: str = ""  # the level it covers
    measure: str = ""  # "": the total's


@dataclass(frozen=True)
class BreakdownTemplate:
    """A total and its parts (`tiếp nhận 12.400 hồ sơ, trong đó: cấp tỉnh 5.100 hồ sơ, …`): {total}
    and {parts} in `text`; without {total}, parts stated on their own (`cấp tỉnh …, cấp huyện …`)."""

    text: str
    total: Slot
    parts: tuple[Part, ...]
    joiner: str = ", "
    last_joiner: str = ", "  # before the last part: ", " or " và "


@dataclass(frozen=True)
class Indicator:
    """A row of a report's indicator table, and the rows under it that break it down."""

    labels: tuple[str, ...]  # ways reports word it; one is drawn
    unit: str  # as printed in the unit column
    measure: str
    subject: str
    parts: tuple[Indicator, ...] = ()


PROVINCES = (
    Province("Quảng Ngãi", "tỉnh"),
    Province("Đồng Nai", "tỉnh"),
    Province("Hà Nội", "thành phố"),
    Province("Thừa Thiên Huế", "tỉnh"),
    Province("Đắk Lắk", "tỉnh"),
    Province("Bình Định", "tỉnh"),
    Province("Nghệ An", "tỉnh"),
    Province("Cần Thơ", "thành phố"),
    Province("Lào Cai", "tỉnh"),
    Province("Khánh Hòa", "tỉnh"),
    Province("Hải Phòng", "thành phố"),
    Province("Quảng Ninh", "tỉnh"),
    Province("Kiên Giang", "tỉnh"),
    Province("Thanh Hóa", "tỉnh"),
    Province("Lâm Đồng", "tỉnh"),
    Province("Bắc Giang", "tỉnh"),
)

PEOPLES_COMMITTEE = Office("Ủy ban nhân dân", "UBND", "Chủ tịch", "Phó Chủ tịch", ("TTHC", "KTTH", "NC", "VX"), "UBND {kind}")
DEPARTMENTS = (
    Office("Văn phòng", "VP", "Chánh Văn phòng", "Phó Chánh Văn phòng", ("TTHC", "KSTT", "HCTC"), "Văn phòng UBND {kind}"),
    Office("Sở Nội vụ", "SNV", "Giám đốc", "Phó Giám đốc", ("CCHC", "TCBC", "VTLT")),
    Office("Sở Tư pháp", "STP", "Giám đốc", "Phó Giám đốc", ("VP", "HCTP", "PBGDPL")),
    Office("Sở Tài chính", "STC", "Giám đốc", "Phó Giám đốc", ("QLNS", "TCĐT")),
    Office("Sở Kế hoạch và Đầu tư", "SKHĐT", "Giám đốc", "Phó Giám đốc", ("ĐKKD", "TH")),
    Office("Sở Thông tin và Truyền thông", "STTTT", "Giám đốc", "Phó Giám đốc", ("CNTT", "BCVT")),
)

DOC_TYPES = ("Báo cáo", "Kế hoạch", "Công văn", "Quyết định")
_TYPE_CODES = {"Báo cáo": "BC", "Kế hoạch": "KH", "Quyết định": "QĐ"}

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE_NAMES = ("Văn", "Thị", "Chí", "Minh", "Quốc", "Thanh", "Hữu", "Đức", "Ngọc", "Thành", "Xuân")
_GIVEN_NAMES = ("Phương", "Hùng", "Dũng", "Lan", "Hòa", "Tuấn", "Bình", "Thắng", "Hạnh", "Trung", "Đạt", "Sơn")

# (phrase, first month, last month, month the report is issued in)
_PERIODS = (
    ("6 tháng đầu năm {year}", 1, 6, 6),
    ("năm {year}", 1, 12, 12),
    ("quý I năm {year}", 1, 3, 3),
    ("9 tháng đầu năm {year}", 1, 9, 9),
    ("quý III năm {year}", 7, 9, 9),
)

_ACTIVITIES = (
    "triển khai thực hiện công tác cải cách thủ tục hành chính",
    "thực hiện công tác kiểm soát thủ tục hành chính",
    "triển khai công tác cải cách tư pháp",
    "thực hiện cơ chế một cửa, một cửa liên thông",
    "chuyển đổi số và cung cấp dịch vụ công trực tuyến",
    "thực hiện công tác văn thư, lưu trữ",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
)

_PLAN_TOPICS = (
    "Kiểm soát thủ tục hành chính",
    "Truyền thông về cải cách hành chính",
    "Rà soát, đánh giá thủ tục hành chính",
    "Kiểm tra công tác cải cách hành chính",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Nâng cao chất lượng cung cấp dịch vụ công trực tuyến",
)

_FIELDS = ("đất đai", "hộ tịch", "đăng ký kinh doanh", "xây dựng", "giao thông vận tải", "y tế", "giáo dục")

_SUBJECTS = (
    "rà soát, đánh giá thủ tục hành chính trên địa bàn",
    "kiểm tra hoạt động kiểm soát thủ tục hành chính",
    "truyền thông về hoạt động kiểm soát thủ tục hành chính",
    "công bố danh mục thủ tục hành chính mới ban hành",
    "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "chấn chỉnh tình trạng chậm trễ trong giải quyết hồ sơ",
    "nâng cao chất lượng phục vụ người dân, doanh nghiệp",
    "thực hiện thanh toán trực tuyến nghĩa vụ tài chính",
)

# National documents with their real numbers and dates; cited only when older than the citing one.
_NATIONAL_REFERENCES = (
    Reference("Nghị định", "107/2021/NĐ-CP", date(2021, 8, 6), "Chính phủ",
              "sửa đổi, bổ sung một số điều về thực hiện cơ chế một cửa, một cửa liên thông"),
    Reference("Nghị định", "61/2018/NĐ-CP", date(2018, 4, 23), "Chính phủ",
              "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"),
    Reference("Nghị định", "45/2020/NĐ-CP", date(2020, 4, 8), "Chính phủ",
              "thực hiện thủ tục hành chính trên môi trường điện tử"),
    Reference("Nghị định", "63/2010/NĐ-CP", date(2010, 6, 8), "Chính phủ", "kiểm soát thủ tục hành chính"),
    Reference("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ", "công tác văn thư"),
    Reference("Thông tư", "01/2023/TT-VPCP", date(2023, 4, 5), "Văn phòng Chính phủ",
              "quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    Reference("Quyết định", "06/QĐ-TTg", date(2022, 1, 6), "Thủ tướng Chính phủ",
              "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử"),
    Reference("Nghị quyết", "131/NQ-CP", date(2022, 10, 6), "Chính phủ",
              "đẩy mạnh cải cách thủ tục hành chính và hiện đại hóa phương thức chỉ đạo, điều hành"),
)

# Provincial documents: (type, number-symbol pattern, issuer); {n} number, {y} year, {desk} a desk code.
_LOCAL_REFERENCE_KINDS = (
    ("Quyết định", "{n}/QĐ-UBND", "Chủ tịch UBND {province}"),
    ("Quyết định", "{n}/{y}/QĐ-UBND", "UBND {province}"),
    ("Kế hoạch", "{n}/KH-UBND", "UBND {province}"),
    ("Công văn", "{n}/UBND-{desk}", "UBND {province}"),
    ("Nghị quyết", "{n}/{y}/NQ-HĐND", "HĐND {province}"),
    ("Chỉ thị", "{n}/CT-TTg", "Thủ tướng Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Chương trình", "{nn}-CTr/BCĐ", "Ban Chỉ đạo Cải cách tư pháp"),
    ("Báo cáo", "{n}/BC-UBND", "UBND {province}"),
)

_REPORT_STATEMENTS = (
    StatementTemplate(
        "Trong kỳ báo cáo, toàn {kind} tiếp nhận {0} hồ sơ, đã giải quyết {1} hồ sơ, "
        "tỷ lệ hồ sơ giải quyết đúng hạn đạt {2}%; số hồ sơ đang giải quyết là {3} hồ sơ.",
        (Slot("hồ sơ tiếp nhận", "hồ sơ", 12_000, 80_000, measure="received", subject="hồ sơ"),
         Slot("hồ sơ đã giải quyết", "hồ sơ", 10_000, 75_000, measure="resolved", subject="hồ sơ"),
         Slot("tỷ lệ giải quyết đúng hạn", "%", 90, 99.9, 1, measure="resolved_on_time", subject="hồ sơ"),
         Slot("hồ sơ đang giải quyết", "hồ sơ", 300, 4_000, measure="pending", subject="hồ sơ")),
    ),
    StatementTemplate(
        "Cổng Dịch vụ công của {kind} đã tiếp nhận {0} hồ sơ trực tuyến, chiếm tỷ lệ {1}% tổng số hồ sơ tiếp nhận.",
        (Slot("hồ sơ trực tuyến", "hồ sơ", 5_000, 40_000, measure="online", subject="hồ sơ"),
         Slot("tỷ lệ hồ sơ trực tuyến", "%", 40, 95, 1, measure="online", subject="hồ sơ")),
    ),
    StatementTemplate(
        "Hệ thống thanh toán trực tuyến ghi nhận {0} giao dịch với tổng số tiền {1} tỷ đồng.",
        (Slot("giao dịch thanh toán trực tuyến", "giao dịch", 1_500, 120_000, measure="paid", subject="giao dịch"),
         Slot("số tiền thanh toán trực tuyến", "tỷ đồng", 1.5, 60, 1, measure="paid", subject="giao dịch")),
    ),
    StatementTemplate(
        "Tiếp nhận {0} phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính; "
        "đã xử lý xong {1} phản ánh, kiến nghị.",
        (Slot("phản ánh, kiến nghị tiếp nhận", "phản ánh", 40, 400, measure="received", subject="PAKN"),
         Slot("phản ánh, kiến nghị đã xử lý", "phản ánh", 30, 380, measure="resolved", subject="PAKN")),
    ),
    StatementTemplate(
        "Đã số hóa {0} hồ sơ, kết quả giải quyết thủ tục hành chính, đạt tỷ lệ {1}%.",
        (Slot("hồ sơ đã số hóa", "hồ sơ", 3_000, 30_000, measure="digitised", subject="hồ sơ"),
         Slot("tỷ lệ số hóa", "%", 55, 99, 1, measure="digitised", subject="hồ sơ")),
    ),
    StatementTemplate(
        "Gửi {0} tin nhắn thông báo tình trạng hồ sơ và kết quả giải quyết đến người dân.",
        (Slot("tin nhắn thông báo", "tin nhắn", 8_000, 80_000),),
    ),
    StatementTemplate(
        "Tổ chức {0} lớp tập huấn nghiệp vụ cho {1} lượt cán bộ, công chức làm công tác kiểm soát thủ tục hành chính.",
        (Slot("lớp tập huấn", "lớp", 2, 25), Slot("lượt cán bộ được tập huấn", "lượt", 150, 3_000)),
    ),
    StatementTemplate(
        "Tham mưu công bố {0} TTHC mới ban hành, {1} TTHC sửa đổi, bổ sung và bãi bỏ {2} TTHC.",
        (Slot("TTHC mới ban hành", "TTHC", 5, 90, measure="procedures_new", subject="TTHC"),
         Slot("TTHC sửa đổi, bổ sung", "TTHC", 5, 120, measure="procedures_amended", subject="TTHC"),
         Slot("TTHC bãi bỏ", "TTHC", 2, 60, measure="procedures_abolished", subject="TTHC")),
    ),
    StatementTemplate(
        "Cổng Thông tin điện tử của {kind} đã đăng tải {0} tin, bài tuyên truyền với {1} lượt truy cập.",
        (Slot("tin, bài tuyên truyền", "tin, bài", 20, 400), Slot("lượt truy cập", "lượt", 12_000, 900_000)),
    ),
)

_PLAN_STATEMENTS = (
    StatementTemplate(
        "Phấn đấu {0}% hồ sơ thủ tục hành chính được giải quyết đúng hạn; tỷ lệ hồ sơ trực tuyến toàn trình "
        "đạt tối thiểu {1}% tổng số hồ sơ.",
        (Slot("chỉ tiêu hồ sơ đúng hạn", "%", 95, 100, measure="resolved_on_time", subject="hồ sơ", target=True),
         Slot("chỉ tiêu hồ sơ trực tuyến toàn trình", "%", 40, 80, measure="online", subject="hồ sơ", target=True)),
    ),
    StatementTemplate(
        "Kinh phí thực hiện Kế hoạch dự kiến là {0} triệu đồng, bố trí từ nguồn ngân sách {kind}.",
        (Slot("kinh phí dự kiến", "triệu đồng", 120, 950, target=True),),
    ),
    StatementTemplate(
        "Hoàn thành số hóa {0}% kết quả giải quyết thủ tục hành chính còn hiệu lực; kiểm tra tối thiểu {1} cơ quan, "
        "đơn vị trong năm.",
        (Slot("chỉ tiêu số hóa kết quả", "%", 60, 100, measure="digitised", subject="TTHC", target=True),
         Slot("cơ quan, đơn vị được kiểm tra", "cơ quan", 6, 30, target=True)),
    ),
)

_RECEIVED = Slot("hồ sơ tiếp nhận", "hồ sơ", 12_000, 80_000, measure="received", subject="hồ sơ")
_RESOLVED = Slot("hồ sơ đã giải quyết", "hồ sơ", 10_000, 75_000, measure="resolved", subject="hồ sơ")
_ON_TIME_SHARE = Slot("tỷ lệ giải quyết đúng hạn", "%", 90, 99.9, 1, measure="resolved_on_time", subject="hồ sơ")
_FEEDBACK = Slot("phản ánh, kiến nghị tiếp nhận", "phản ánh", 40, 400, measure="received", subject="PAKN")
_LEVELS = ("tỉnh", "huyện", "xã")
# The scope of a plan's objective: a figure for what is planned, as a table's `Kế hoạch` column.
PLANNED = "kế hoạch"

# Totals and their parts as reports word them: by level, by channel, by timeliness; and parts by
# level with no total stated, which a naive sum adds to the province's own figure.
_BREAKDOWNS = (
    BreakdownTemplate(
        "Trong kỳ, toàn {kind} tiếp nhận {total} hồ sơ thủ tục hành chính, trong đó: {parts}.",
        _RECEIVED, tuple(Part(f"cấp {level} {{0}} hồ sơ", f"hồ sơ tiếp nhận cấp {level}", level) for level in _LEVELS),
    ),
    BreakdownTemplate(
        "Tổng số hồ sơ tiếp nhận trong kỳ là {total} hồ sơ; trong đó {parts}.",
        _RECEIVED,
        (Part("tiếp nhận trực tuyến {0} hồ sơ", "hồ sơ tiếp nhận trực tuyến", measure="online"),
         Part("trực tiếp tại Bộ phận Một cửa {0} hồ sơ", "hồ sơ nộp trực tiếp", measure="in_person"),
         Part("qua dịch vụ bưu chính công ích {0} hồ sơ", "hồ sơ qua bưu chính", measure="postal")),
    ),
    BreakdownTemplate(
        "Đã giải quyết {total} hồ sơ. Trong đó, {parts}.",
        _RESOLVED,
        (Part("giải quyết trước hạn và đúng hạn {0} hồ sơ", "hồ sơ đúng hạn", measure="resolved_on_time"),
         Part("quá hạn {0} hồ sơ", "hồ sơ quá hạn", measure="overdue")),
    ),
    BreakdownTemplate(
        "Số hồ sơ đã giải quyết là {total} hồ sơ, trong đó {parts}.",
        _RESOLVED,
        (Part("cấp tỉnh giải quyết {0} hồ sơ", "hồ sơ đã giải quyết cấp tỉnh", "tỉnh"),
         Part("cấp huyện {0} hồ sơ", "hồ sơ đã giải quyết cấp huyện", "huyện"),
         Part("cấp xã {0} hồ sơ", "hồ sơ đã giải quyết cấp xã", "xã")),
        last_joiner=" và ",
    ),
    BreakdownTemplate(
        "Tỷ lệ hồ sơ giải quyết đúng hạn toàn {kind} đạt {total}%, trong đó {parts}.",
        _ON_TIME_SHARE,
        tuple(Part(f"cấp {level} đạt {{0}}%", f"tỷ lệ đúng hạn cấp {level}", level) for level in _LEVELS),
    ),
    BreakdownTemplate(
        "Tiếp nhận {total} phản ánh, kiến nghị về quy định hành chính, trong đó {parts}.",
        _FEEDBACK,
        (Part("{0} phản ánh qua Hệ thống tiếp nhận trực tuyến", "phản ánh trực tuyến", measure="online"),
         Part("{0} phản ánh gửi trực tiếp hoặc bằng văn bản", "phản ánh trực tiếp", measure="in_person")),
        last_joiner=" và ",
    ),
    BreakdownTemplate(
        "{parts}.",
        _RECEIVED, tuple(Part(f"cấp {level} tiếp nhận {{0}} hồ sơ", f"hồ sơ tiếp nhận cấp {level}", level)
                         for level in _LEVELS),
        joiner="; ", last_joiner="; ",
    ),
)

# Rows of a one-column table of the unit's figures: label and unit cell printed capitalised.
_REPORT_TABLE_ROWS = (
    _RECEIVED,
    _RESOLVED,
    _ON_TIME_SHARE,
    Slot("Hồ sơ tiếp nhận trực tuyến", "hồ sơ", 4_000, 40_000, measure="online", subject="hồ sơ"),
    Slot("Giao dịch thanh toán trực tuyến", "giao dịch", 1_000, 90_000, measure="paid", subject="giao dịch"),
    Slot("Phản ánh, kiến nghị đã xử lý", "phản ánh", 20, 300, measure="resolved", subject="PAKN"),
    Slot("TTHC được công bố", "thủ tục", 10, 200, measure="procedures_published", subject="TTHC"),
)
_TABLE_NOTES = ("", "", "Số liệu từ Hệ thống", "Đạt kế hoạch")

_HO_SO = "hồ sơ"
_INDICATOR_GROUPS: tuple[tuple[str, tuple[Indicator, ...]], ...] = (
    ("Hồ sơ thủ tục hành chính", (
        Indicator(("Tổng số hồ sơ TTHC đã tiếp nhận", "Tổng số hồ sơ đã tiếp nhận (trực tiếp và trực tuyến)",
                   "Số hồ sơ tiếp nhận trong kỳ"), "Hồ sơ", "received", _HO_SO, (
            Indicator(("Tiếp nhận trực tuyến", "Hồ sơ nộp trực tuyến"), "Hồ sơ", "online", _HO_SO),
            Indicator(("Tiếp nhận trực tiếp", "Nộp trực tiếp tại Bộ phận Một cửa"), "Hồ sơ", "in_person", _HO_SO),
            Indicator(("Tiếp nhận qua dịch vụ bưu chính công ích",), "Hồ sơ", "postal", _HO_SO),
        )),
        Indicator(("Số hồ sơ đã giải quyết", "Tổng số hồ sơ TTHC đã giải quyết"), "Hồ sơ", "resolved", _HO_SO, (
            Indicator(("Giải quyết trước hạn và đúng hạn", "Số hồ sơ giải quyết đúng hạn"), "Hồ sơ",
                      "resolved_on_time", _HO_SO),
            Indicator(("Giải quyết quá hạn", "Số hồ sơ giải quyết quá hạn"), "Hồ sơ", "overdue", _HO_SO),
        )),
        Indicator(("Số hồ sơ đang giải quyết",), "Hồ sơ", "pending", _HO_SO),
        Indicator(("Tỷ lệ hồ sơ giải quyết đúng hạn",), "%", "resolved_on_time", _HO_SO),
    )),
    ("Phản ánh, kiến nghị", (
        Indicator(("Tổng số PAKN đã tiếp nhận", "Tổng số PAKN đã tiếp nhận (trực tiếp hoặc qua Hệ thống)"),
                  "PAKN", "received", "PAKN", (
            Indicator(("Tiếp nhận trực tuyến",), "PAKN", "online", "PAKN"),
            Indicator(("Tiếp nhận trực tiếp hoặc bằng văn bản",), "PAKN", "in_person", "PAKN"),
        )),
        Indicator(("Số PAKN đã xử lý xong", "Tổng số PAKN đã xử lý"), "PAKN", "resolved", "PAKN"),
    )),
)
_THIS_PERIOD, _CUMULATIVE, _LAST_YEAR = "Kỳ báo cáo", "Lũy kế từ đầu năm", "Cùng kỳ năm trước"

_SECTION_HEADINGS = (
    "Công tác tuyên truyền, phổ biến",
    "Công tác kiểm tra, đôn đốc",
    "Ứng dụng công nghệ thông tin",
    "Công tác phối hợp",
)


def vn_number(value: int | float, decimals: int = 0) -> str:
    """Vietnamese notation: `55.653`, `99,8`, `1.234,5`."""
    western = f"{value:,.{decimals}f}"
    return western.replace(",", " ").replace(".", ",").replace(" ", ".")


def slash_date(day: date) -> str:
    """`30/01/2023`, `18/5/2023`: two-digit day; months 1 and 2 padded, as Decree 30 writes them."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day.month < 3 else f"{day.day:02d}/{day.month}/{day.year}"


def long_date(day: date) -> str:
    """`ngày 05 tháng 6 năm 2023`, `ngày 30 tháng 01 năm 2023`."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@lru_cache(maxsize=1)
def filler_paragraphs() -> tuple[str, ...]:
    """Held-out corpus paragraphs fit for a report body: prose of 150-550 characters with no digits."""
    chosen = []
    for line in heldout_lines():
        text = re.sub(r"\s+", " ", line).strip()
        if 150 <= len(text) <= 550 and not re.search(r"[\d*#|]|\bX\b", text) and text[0].isupper():
            chosen.append(text if text[-1] in ".;:" else text + ".")
    return tuple(chosen)


Number = int | float
# A figure of the reporting unit: (measure, subject, "count" or the unit of a share or amount, scope).
# Counts of one thing in two units (`phản ánh`, `PAKN`) are one figure.
FigureKey = tuple[str, str, str, str]


def figure_key(measure: str, subject: str, unit: str, scope: str = "") -> FigureKey:
    return measure, subject, unit if unit == "%" or "đồng" in unit else "count", scope


def _whole(value: float, decimals: int) -> Number:
    value = round(value, decimals)
    return int(value) if value == int(value) else value


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` cut into `parts` whole numbers that add up to it, within a factor three of each other."""
    weights = [rng.uniform(1, 3) for _ in range(parts)]
    cut = [round(total * weight / sum(weights)) for weight in weights[:-1]]
    return [*cut, total - sum(cut)]


def _share(part: int, whole: int) -> Number:
    return _whole(100 * part / whole, 1)


def _workload(rng: random.Random) -> dict[FigureKey, Number]:
    """One reporting unit's dossier and feedback figures for its period, drawn together so that every
    sentence and table stating one states the same number, and the parts add up to their totals."""
    received = rng.randint(12_000, 80_000)
    resolved = round(received * rng.uniform(0.85, 0.97))
    overdue = round(resolved * rng.uniform(0.003, 0.05))
    online = round(received * rng.uniform(0.4, 0.9))
    postal = round(received * rng.uniform(0.01, 0.06)) if rng.random() < 0.6 else 0
    feedback = rng.randint(40, 400)
    on_time_share = _share(resolved - overdue, resolved)
    figures = {
        figure_key("received", _HO_SO, _HO_SO): received,
        figure_key("resolved", _HO_SO, _HO_SO): resolved,
        figure_key("resolved_on_time", _HO_SO, _HO_SO): resolved - overdue,
        figure_key("overdue", _HO_SO, _HO_SO): overdue,
        figure_key("pending", _HO_SO, _HO_SO): received - resolved,
        figure_key("resolved_on_time", _HO_SO, "%"): on_time_share,
        figure_key("online", _HO_SO, _HO_SO): online,
        figure_key("online", _HO_SO, "%"): _share(online, received),
        figure_key("in_person", _HO_SO, _HO_SO): received - online - postal,
        figure_key("received", "PAKN", "PAKN"): feedback,
        figure_key("resolved", "PAKN", "PAKN"): rng.randint(int(feedback * 0.8), feedback),
    }
    if postal:
        figures[figure_key("postal", _HO_SO, _HO_SO)] = postal
    by_level = _split(rng, received, len(_LEVELS))
    resolved_by_level = [round(part * resolved / received) for part in by_level[:-1]]
    resolved_by_level.append(resolved - sum(resolved_by_level))
    for level, part, part_resolved in zip(_LEVELS, by_level, resolved_by_level, strict=True):
        figures[figure_key("received", _HO_SO, _HO_SO, level)] = part
        figures[figure_key("resolved", _HO_SO, _HO_SO, level)] = part_resolved
        figures[figure_key("resolved_on_time", _HO_SO, "%", level)] = _whole(
            min(100.0, on_time_share + rng.uniform(-3, 2)), 1)
    return figures


def _template_keys(template: StatementTemplate | BreakdownTemplate) -> set[FigureKey]:
    """The figures a template states."""
    if isinstance(template, StatementTemplate):
        return {figure_key(s.measure, s.subject, s.unit) for s in template.slots if s.measure and not s.target}
    total = template.total
    parts = {figure_key(p.measure or total.measure, total.subject, total.unit, p.scope) for p in template.parts}
    return parts | ({figure_key(total.measure, total.subject, total.unit)} if "{total}" in template.text else set())


@dataclass
class Facts:
    """What a body states, recorded while its sentences are written.

    `figures` holds the reporting unit's figures: a number stated twice (in a sentence and in a
    table, or in two sentences) is the same number, as in a real report."""

    rng: random.Random
    province: Province
    before: date
    figures: dict[FigureKey, Number] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    stated: set[FigureKey] = field(default_factory=set)

    def cite(self, reference: Reference) -> str:
        self.references.append(reference)
        return reference.citation()

    def local_reference(self, kinds: tuple[tuple[str, str, str], ...] = _LOCAL_REFERENCE_KINDS) -> Reference:
        """A provincial or government document issued within the two years before the citing one."""
        ref_type, pattern, issuer = self.rng.choice(kinds)
        issued = self.before - timedelta(days=self.rng.randint(5, 700))
        number_symbol = pattern.format(
            n=self.rng.randint(1, 3200), nn=f"{self.rng.randint(1, 30):02d}", y=issued.year,
            desk=self.rng.choice(PEOPLES_COMMITTEE.desks),
        )
        return Reference(ref_type, number_symbol, issued, issuer.format(province=self.province.kind),
                         self.rng.choice(_SUBJECTS))

    def national_reference(self) -> Reference:
        older = [reference for reference in _NATIONAL_REFERENCES if reference.ref_date < self.before]
        return self.rng.choice(older)

    def value(self, slot: Slot, scope: str = "") -> Number:
        """The figure `slot` states: the one already drawn for it, else a new one, kept for the next
        time unless it is a target or measures nothing the vocabulary names."""
        key = figure_key(slot.measure, slot.subject, slot.unit, scope)
        if slot.target or not slot.measure:
            return _whole(self.rng.uniform(slot.low, slot.high), slot.decimals)
        if key not in self.figures:
            self.figures[key] = _whole(self.rng.uniform(slot.low, slot.high), slot.decimals)
        return self.figures[key]

    def _record(self, slot: Slot, value: Number, scope: str = "", part_of: int | None = None) -> str:
        scope = PLANNED if slot.target else scope
        self.statistics.append(Statistic(value, slot.unit, slot.label, slot.measure, slot.subject, scope, part_of))
        if slot.measure and not slot.target:
            self.stated.add(figure_key(slot.measure, slot.subject, slot.unit, scope))
        return vn_number(value, slot.decimals if isinstance(value, float) else 0)

    def state(self, template: StatementTemplate) -> str:
        numbers = [self._record(slot, self.value(slot)) for slot in template.slots]
        return template.text.format(*numbers, kind=self.province.kind)

    def _parts(self, template: BreakdownTemplate) -> list[tuple[Part, FigureKey]]:
        """The parts stated, with their figures' keys: those of the unit's figures when it has some
        (a channel it has no dossiers by is left out), else all of them."""
        slot = template.total
        keyed = [(part, figure_key(part.measure or slot.measure, slot.subject, slot.unit, part.scope))
                 for part in template.parts]
        return [(part, key) for part, key in keyed if key in self.figures] or keyed

    def break_down(self, template: BreakdownTemplate) -> str:
        """A total and its parts, each part `part_of` the total; without {total} in the text, the
        parts alone. Parts not drawn yet are cut from their total; shares by level are drawn
        around the whole unit's."""
        slot = template.total
        total = self.value(slot)
        total_index = len(self.statistics) if "{total}" in template.text else None
        printed_total = self._record(slot, total) if total_index is not None else ""
        parts = self._parts(template)
        if any(key not in self.figures for _, key in parts):
            if slot.unit == "%":
                values = [_whole(min(100.0, total + self.rng.uniform(-4, 2)), 1) for _ in parts]
            else:
                values = _split(self.rng, int(total), len(parts))
            self.figures.update((key, value) for (_, key), value in zip(parts, values, strict=True))
        printed = [
            part.text.format(self._record(
                Slot(part.label, slot.unit, 0, 0, slot.decimals, part.measure or slot.measure, slot.subject),
                self.figures[key], part.scope, total_index))
            for part, key in parts
        ]
        listed = template.joiner.join(printed[:-1]) + template.last_joiner + printed[-1]
        text = template.text.format(total=printed_total, parts=listed, kind=self.province.kind)
        return text[0].upper() + text[1:]

    def fresh(self, templates: tuple) -> list:
        """The templates that state no figure already stated, so that a body says each once."""
        return [template for template in templates if not _template_keys(template) & self.stated]

    def filler(self) -> str:
        return self.rng.choice(filler_paragraphs())


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE_NAMES)} {rng.choice(_GIVEN_NAMES)}"


def _period(rng: random.Random, year: int) -> tuple[str, date, date, date]:
    """A reporting period: its phrase, first and last day, and an issue date at its end."""
    phrase, first_month, last_month, issue_month = rng.choice(_PERIODS)
    start = date(year, first_month, 1)
    end = (date(year, last_month % 12 + 1, 1) if last_month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    issued = date(year, issue_month, rng.randint(5, 28))
    return phrase.format(year=year), start, end, issued


def _authority(rng: random.Random, office: Office, doc_type: str) -> tuple[tuple[str, ...], str]:
    """Signature lines (printed in capitals) and the signer's title, head or deputy signing."""
    collective = office is PEOPLES_COMMITTEE and doc_type in ("Báo cáo", "Kế hoạch")
    on_behalf = ("TM. ỦY BAN NHÂN DÂN",) if collective else ()
    if office is PEOPLES_COMMITTEE and doc_type == "Công văn" and rng.random() < 0.5:
        return ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "Chánh Văn phòng"
    if rng.random() < 0.6:
        return (*on_behalf, f"KT. {office.head.upper()}", office.deputy.upper()), office.deputy
    return (*on_behalf, office.head.upper()), office.head


def _agency(office: Office, province: Province) -> tuple[str, str | None, tuple[str, ...]]:
    """Agency name, parent agency and the left header column lines."""
    if office is PEOPLES_COMMITTEE:
        return f"Ủy ban nhân dân {province.full_name}", None, ("ỦY BAN NHÂN DÂN", province.full_name.upper())
    parent = f"UBND {province.full_name}"
    return office.name, parent, (parent.upper(), office.name.upper())


@dataclass(frozen=True)
class Commission:
    """What the generator asks for: one document of this type, tier-independent."""

    doc_type: str
    seed: str
    short: bool = False  # fits on one page (for the single-image PNG sample)


@dataclass(frozen=True)
class Setting:
    """What a body writer needs besides the fact recorder."""

    speaker: str  # how the issuer names itself in its sentences: "Sở Nội vụ", "UBND tỉnh"
    period_phrase: str  # "6 tháng đầu năm 2023"
    period: tuple[date, date]
    short: bool


def compose(commission: Commission) -> Document:
    """A complete document of `commission.doc_type`, fully determined by `commission.seed`."""
    rng = random.Random(commission.seed)
    province = rng.choice(PROVINCES)
    doc_type = commission.doc_type
    office = PEOPLES_COMMITTEE if doc_type == "Quyết định" or rng.random() < 0.3 else rng.choice(DEPARTMENTS)
    year = rng.randint(2021, 2025)
    period_phrase, start, end, issued = _period(rng, year)
    facts = Facts(rng, province, issued, _workload(rng))
    agency, parent, agency_lines = _agency(office, province)
    setting = Setting(office.speaker(province), period_phrase, (start, end), commission.short)
    writer = {"Báo cáo": _report, "Kế hoạch": _plan, "Công văn": _letter, "Quyết định": _decision}[doc_type]
    title, body, recipients, period = writer(facts, setting)
    symbol = f"{office.code}-{rng.choice(office.desks)}" if doc_type == "Công văn" else f"{_TYPE_CODES[doc_type]}-{office.code}"
    authority, signer_title = _authority(rng, office, doc_type)
    header = Header(
        agency=agency, parent_agency=parent, agency_lines=agency_lines, doc_type=doc_type,
        number=str(rng.randint(1, 3500)), symbol=symbol, place=province.name, issue_date=issued, title=title,
        signer=person_name(rng), signer_title=signer_title, authority=authority, period=period,
        recipients=recipients,
    )
    return Document(
        header=header, body=body, receivers=_receivers(office, province, doc_type, recipients),
        seal_ring=f"{office.name} {province.full_name}".upper(),
        references=tuple(facts.references), statistics=tuple(facts.statistics),
    )


def _receivers(office: Office, province: Province, doc_type: str, recipients: tuple[str, ...]) -> tuple[str, ...]:
    """The `Nơi nhận` list: addressees first, then the province's leaders, the issuer's, and its archive."""
    if recipients:
        first = "- Như trên;"
    elif doc_type == "Quyết định":
        first = "- Như Điều 3;"
    else:
        first = "- Văn phòng Chính phủ;" if office is PEOPLES_COMMITTEE else f"- UBND {province.kind} (b/c);"
    return (first, f"- Chủ tịch, các PCT UBND {province.kind};", f"- Lãnh đạo {office.code};",
            f"- Lưu: VT, {office.desks[0]}.")


Composed = tuple[str, tuple[Block, ...], tuple[str, ...], tuple[date, date] | None]


def _report(facts: Facts, setting: Setting) -> Composed:
    rng = facts.rng
    activity = rng.choice(_ACTIVITIES)
    request = facts.local_reference((("Công văn", "{n}/UBND-{desk}", "UBND {province}"),
                                     ("Kế hoạch", "{n}/KH-UBND", "UBND {province}")))
    sections = rng.sample(_SECTION_HEADINGS, 2)
    body: list[Block] = [
        Paragraph(f"Thực hiện {facts.cite(request)} về việc {request.subject}, {setting.speaker} báo cáo kết quả "
                  f"{activity} {setting.period_phrase} như sau:", "body"),
        Paragraph(f"I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ {setting.period_phrase.upper()}", "heading"),
        Paragraph("1. Công tác chỉ đạo, điều hành", "heading"),
        Paragraph(_directives(facts), "body"),
        *[Paragraph(facts.filler(), "body") for _ in range(rng.randint(1, 3))],
        Paragraph("2. Kết quả giải quyết thủ tục hành chính", "heading"),
        Paragraph(_results(facts), "body"),
    ]
    if rng.random() < 0.8:
        table = _indicator_table(facts, setting, "2") if rng.random() < 0.6 else _statistics_table(facts)
        body += [Paragraph("Kết quả cụ thể như sau:", "body"), table]
    body += [
        Paragraph(f"3. {sections[0]}", "heading"),
        Paragraph(facts.filler() + " " + facts.state(rng.choice(facts.fresh(_REPORT_STATEMENTS))), "body"),
    ]
    if rng.random() < 0.6:
        body += [Paragraph(f"4. {sections[1]}", "heading"), Paragraph(facts.filler(), "body"),
                 Paragraph("- " + facts.filler(), "body")]
    body += [
        Paragraph("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "heading"),
        *[Paragraph(facts.filler(), "body") for _ in range(rng.randint(2, 4))],
        Paragraph("III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI", "heading"),
        Paragraph(f"- Tiếp tục triển khai thực hiện {facts.cite(facts.national_reference())}.", "body"),
        Paragraph("- " + facts.filler(), "body"),
        Paragraph(f"Trên đây là báo cáo kết quả {activity} {setting.period_phrase} của {setting.speaker}./.", "body"),
    ]
    title = f"Kết quả {activity} {setting.period_phrase}"
    return title, tuple(body), (), setting.period


def _directives(facts: Facts) -> str:
    """The "issued these documents" paragraph every report opens its results with."""
    cited = [facts.local_reference() for _ in range(facts.rng.randint(2, 4))]
    items = "; ".join(f"{facts.cite(reference)} về {reference.subject}" for reference in cited)
    return f"- Tham mưu ban hành kịp thời các văn bản chỉ đạo, điều hành như: {items}."


def _results(facts: Facts) -> str:
    """The results paragraph of a report: most often a total broken down by level, channel or
    timeliness, then statements of other figures; each figure stated once."""
    rng = facts.rng
    sentences = []
    if rng.random() < 0.75:
        for _ in range(rng.randint(1, 2)):
            sentences.append(facts.break_down(rng.choice(facts.fresh(_BREAKDOWNS))))
    for _ in range(2):
        sentences.append(facts.state(rng.choice(facts.fresh(_REPORT_STATEMENTS))))
    return " ".join(sentences)


def _printed_unit(unit: str) -> str:
    """A unit cell as tables print it: `Hồ sơ`; acronyms and `%` as they are."""
    return unit if unit.isupper() or unit == "%" else unit[0].upper() + unit[1:]


def _unit_named(printed: str) -> str:
    """The unit a unit cell prints, as `Statistic.unit` names it: `Hồ sơ` -> hồ sơ."""
    return printed if printed.isupper() or printed == "%" else printed.lower()


def _statistics_table(facts: Facts) -> Table:
    """A table of the reporting unit's figures (one value column), or of dossiers by sector."""
    rng = facts.rng
    if rng.random() < 0.5:
        rows, cells = [], []
        for number, slot in enumerate(rng.sample(_REPORT_TABLE_ROWS, 4), start=1):
            value = facts.value(slot)
            decimals = slot.decimals if isinstance(value, float) else 0
            label = slot.label[0].upper() + slot.label[1:]
            rows.append((str(number), label, _printed_unit(slot.unit), vn_number(value, decimals),
                         rng.choice(_TABLE_NOTES)))
            cells.append(Cell(number - 1, 3, value, slot.unit, slot.measure, slot.subject))
        return Table(("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"), tuple(rows), tuple(cells))
    rows, cells = [], []
    for index, field_name in enumerate(rng.sample(_FIELDS, 4)):
        received = rng.randint(800, 20_000)
        resolved = rng.randint(int(received * 0.85), received)
        sector = field_name.capitalize()
        share = _whole(100 * resolved / received, 1)
        rows.append((sector, vn_number(received), vn_number(resolved), vn_number(share, 1)))
        cells += [Cell(index, 1, received, _HO_SO, "received", _HO_SO, sector),
                  Cell(index, 2, resolved, _HO_SO, "resolved", _HO_SO, sector),
                  Cell(index, 3, share, "%", "resolved", _HO_SO, sector)]
    return Table(("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)"), tuple(rows), tuple(cells))


@dataclass
class _IndicatorRows:
    """An indicator table being written: its rows and cells, and how each value column scales the
    report period's figures (a cumulative column, last year's)."""

    facts: Facts
    columns: tuple[str, ...]  # the value columns' titles, the report period's first
    factors: tuple[float, ...]
    dot: str  # "." after row numbers (`2.1.`) or ""
    rows: list[tuple[str, ...]] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    def group(self, number: str, title: str) -> None:
        self.rows.append((number + self.dot, title, "", *[""] * len(self.columns)))

    def indicator(self, indicator: Indicator, number: str, values: tuple[Number, ...],
                  parents: tuple[int, ...] | None = None) -> None:
        """The indicator's row, then its parts' rows numbered under it, parts `part_of` its cells."""
        rng = self.facts.rng
        unit = _unit_named(indicator.unit)
        printed = [vn_number(value, 1 if unit == "%" else 0) for value in values]
        self.rows.append((number + self.dot, rng.choice(indicator.labels), indicator.unit, *printed))
        row = len(self.rows) - 1
        first = len(self.cells)
        for column, (value, title) in enumerate(zip(values, self.columns, strict=True)):
            self.cells.append(Cell(row, 3 + column, value, unit, indicator.measure, indicator.subject,
                                   "" if column == 0 else title, parents[column] if parents else None))
        own = tuple(range(first, len(self.cells)))
        for index, (part, part_values) in enumerate(self.parts(indicator, values), start=1):
            self.indicator(part, f"{number}.{index}", part_values, own)

    def parts(self, indicator: Indicator, values: tuple[Number, ...]) -> list[tuple[Indicator, tuple[Number, ...]]]:
        """The parts the unit has figures for (all, cut from the total, when it has none), with their
        values in every column; each column's parts add up to its total."""
        facts = self.facts
        if not indicator.parts or facts.rng.random() < 0.3:  # sub-rows are shown seven times in ten
            return []
        keyed = [(part, figure_key(part.measure, part.subject, part.unit)) for part in indicator.parts]
        known = [(part, key) for part, key in keyed if key in facts.figures] or keyed
        if any(key not in facts.figures for _, key in known):
            cut = _split(facts.rng, int(values[0]), len(known))
            facts.figures.update(zip((key for _, key in known), cut, strict=True))
        this_period = [facts.figures[key] for _, key in known]
        by_column = [this_period] + [_scaled_parts(this_period, total) for total in values[1:]]
        return [(part, tuple(column[i] for column in by_column)) for i, (part, _) in enumerate(known)]


def _scaled_parts(parts: list[Number], total: Number) -> list[Number]:
    """Parts in the proportions of `parts`, adding up to `total`."""
    scaled = [round(part * total / sum(parts)) for part in parts[:-1]]
    return [*scaled, int(total) - sum(scaled)]


def _column_values(value: Number, unit: str, factors: tuple[float, ...], rng: random.Random) -> tuple[Number, ...]:
    """A figure in each value column: the report period's, then scaled (a share moved a little)."""
    if unit == "%":
        return (value, *[_whole(min(100.0, value + rng.uniform(-3, 1.5)), 1) for _ in factors[1:]])
    return (value, *[round(value * factor) for factor in factors[1:]])


def _indicator_table(facts: Facts, setting: Setting, heading: str) -> Table:
    """A report's table of indicators: numbered rows and sub-rows (`2.1`, `2.1.1`), the label, the
    unit column, then this period, perhaps the year so far, and the same period last year.

    With one group of indicators its rows are numbered under the report's `heading` number."""
    rng = facts.rng
    starts_in_january = setting.period[0].month == 1
    cumulative = rng.random() < 0.5
    titles = (_THIS_PERIOD, *((_CUMULATIVE,) if cumulative else ()), _LAST_YEAR)
    factors = (1.0, *((1.0 if starts_in_january else rng.uniform(1.5, 3.0),) if cumulative else ()),
               rng.uniform(0.75, 1.2))
    table = _IndicatorRows(facts, titles, factors, rng.choice((".", "")))
    groups = [group for index, group in enumerate(_INDICATOR_GROUPS) if index == 0 or rng.random() < 0.6]
    for group_index, (title, indicators) in enumerate(groups, start=1):
        number = str(group_index) if len(groups) > 1 else heading
        if len(groups) > 1:
            table.group(number, title)
        shown = [indicator for index, indicator in enumerate(indicators) if index == 0 or rng.random() < 0.75]
        for index, indicator in enumerate(shown, start=1):
            slot = Slot("", _unit_named(indicator.unit), 0, 0, 1, indicator.measure, indicator.subject)
            values = _column_values(facts.value(slot), slot.unit, factors, rng)
            table.indicator(indicator, f"{number}.{index}", values)
    return Table(("STT", "Chỉ tiêu", "Đơn vị tính", *titles), tuple(table.rows), tuple(table.cells), label_column=1)


def _plan(facts: Facts, setting: Setting) -> Composed:
    rng = facts.rng
    year = facts.before.year + (1 if facts.before.month == 12 else 0)
    topic = rng.choice(_PLAN_TOPICS)
    basis = facts.national_reference()
    body: tuple[Block, ...] = (
        Paragraph(f"Căn cứ {facts.cite(basis)} về {basis.subject}; thực hiện {facts.cite(facts.local_reference())}, "
                  f"{setting.speaker} ban hành Kế hoạch {topic.lower()} năm {year} như sau:", "body"),
        Paragraph("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
        Paragraph("1. Mục đích", "heading"),
        Paragraph("- " + facts.filler(), "body"),
        Paragraph("- " + facts.filler(), "body"),
        Paragraph("2. Yêu cầu", "heading"),
        Paragraph(" ".join(facts.state(t) for t in rng.sample(_PLAN_STATEMENTS, 2)), "body"),
        Paragraph("II. NỘI DUNG THỰC HIỆN", "heading"),
        Paragraph(_directives(facts), "body"),
        Paragraph(facts.filler(), "body"),
        *[Paragraph("- " + facts.filler(), "body") for _ in range(rng.randint(1, 4))],
        Paragraph("III. TỔ CHỨC THỰC HIỆN", "heading"),
        Paragraph("1. " + facts.filler(), "body"),
        Paragraph("2. " + facts.filler(), "body"),
        Paragraph(f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về "
                  f"{setting.speaker} để tổng hợp, báo cáo./.", "body"),
    )
    return f"{topic} năm {year}", body, (), (date(year, 1, 1), date(year, 12, 31))


def _letter(facts: Facts, setting: Setting) -> Composed:
    rng = facts.rng
    request = facts.local_reference((("Công văn", "{n}/UBND-{desk}", "UBND {province}"),))
    subject = f"báo cáo kết quả {rng.choice(_ACTIVITIES)} {setting.period_phrase}"
    others = [d.speaker(facts.province) for d in DEPARTMENTS if d.speaker(facts.province) != setting.speaker]
    recipients = tuple(rng.sample(others, rng.randint(1, 2)))
    body: list[Block] = [
        Paragraph(f"Theo đề nghị tại {facts.cite(request)} về việc {request.subject}, {setting.speaker} "
                  f"{subject[0].lower()}{subject[1:]} như sau:", "body"),
        Paragraph("1. " + (facts.break_down(rng.choice(_BREAKDOWNS)) if rng.random() < 0.4
                           else facts.state(rng.choice(_REPORT_STATEMENTS))), "body"),
        Paragraph("2. " + facts.filler(), "body"),
    ]
    if not setting.short:
        body += [
            Paragraph("3. " + facts.state(rng.choice(facts.fresh(_REPORT_STATEMENTS))) + " " + facts.filler(), "body"),
        ]
        if rng.random() < 0.4:
            body += [Paragraph("Số liệu cụ thể như sau:", "body"), _indicator_table(facts, setting, "3")]
        body += [
            Paragraph(f"4. Đề nghị các cơ quan, đơn vị tiếp tục thực hiện nghiêm {facts.cite(facts.national_reference())}.",
                      "body"),
            Paragraph(_directives(facts), "body"),
            Paragraph(facts.filler(), "body"),
        ]
    body.append(Paragraph(f"{setting.speaker} kính đề nghị quý cơ quan quan tâm, phối hợp thực hiện./.", "body"))
    return subject, tuple(body), recipients, setting.period


def _decision(facts: Facts, setting: Setting) -> Composed:
    rng = facts.rng
    field_name = rng.choice(_FIELDS)
    department = rng.choice(DEPARTMENTS[1:])
    title = (f"Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung trong lĩnh vực {field_name} "
             f"thuộc phạm vi chức năng quản lý của {department.name}")
    bases = [facts.national_reference() for _ in range(2)]
    proposal = Reference("Tờ trình", f"{rng.randint(10, 900)}/TTr-{department.code}",
                         facts.before - timedelta(days=rng.randint(3, 30)), f"{department.head} {department.name}", "")
    facts.references.append(proposal)
    body = (
        Paragraph(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {facts.province.full_name.upper()}", "centred"),
        Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương;", "basis"),
        *[Paragraph(f"Căn cứ {facts.cite(b)} về {b.subject};", "basis") for b in dict.fromkeys(bases)],
        Paragraph(f"Theo đề nghị của {department.head} {department.name} tại Tờ trình số {proposal.number_symbol} "
                  f"ngày {slash_date(proposal.ref_date)}.", "basis"),
        Paragraph("QUYẾT ĐỊNH:", "centred"),
        Paragraph(f"Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính trong lĩnh vực {field_name}. "
                  + facts.state(_REPORT_STATEMENTS[7]), "body"),
        Paragraph("Điều 2. " + facts.filler(), "body"),
        Paragraph(f"Giao {department.name} chủ trì, phối hợp thực hiện. "
                  + facts.state(rng.choice(_REPORT_STATEMENTS[1:7])), "body"),
        Paragraph("Danh mục thủ tục hành chính được công bố như sau:", "body"),
        _statistics_table(facts),
        Paragraph(f"Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký. Chánh Văn phòng UBND "
                  f"{facts.province.kind}, {department.head} {department.name}, Thủ trưởng các cơ quan, đơn vị "
                  "có liên quan chịu trách nhiệm thi hành Quyết định này./.", "body"),
    )
    return title, body, (), None
