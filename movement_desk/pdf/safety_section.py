"""The report section "Kết quả xây dựng khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục
đạt tiêu chuẩn “An toàn về ANTT”": plain data (filled by ``services.ratings_report``) and the
lines and table rows the PDF and the workbook print from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from movement_desk import vietnamese

SECTION_TITLE = (
    "Kết quả xây dựng khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn "
    "“An toàn về ANTT”"
)
# Category keys in print order, with the noun used in "đạt / tổng" lines and table headers.
CATEGORIES = (
    ("residential_area", "khu dân cư", "Khu dân cư"),
    ("commune", "xã, phường, đặc khu", "Xã, phường"),
    ("agency", "cơ quan", "Cơ quan"),
    ("enterprise", "doanh nghiệp", "Doanh nghiệp"),
    ("school", "cơ sở giáo dục", "Cơ sở giáo dục"),
)


NOT_EVALUATED = "chưa đánh giá"
NO_SUBJECT = "không có"


@dataclass
class PassTotal:
    """How many subjects of one category passed, out of all that should be rated; how many
    of them registered (have a rating) and how many have a result (đạt or không đạt)."""

    passed: int = 0
    total: int = 0
    rated: int = 0
    evaluated: int = 0

    @property
    def text(self) -> str:
        """ "709/730"; "chưa đánh giá" while none has a result; "không có" with no subject."""
        if not self.total:
            return NO_SUBJECT
        if not self.evaluated:
            return NOT_EVALUATED
        return f"{vietnamese.format_number(self.passed)}/{vietnamese.format_number(self.total)}"


@dataclass
class SafetyRow:
    """One child unit's row: đạt / tổng per category, households registered / living."""

    name: str
    counts: dict[str, PassTotal] = field(
        default_factory=lambda: {key: PassTotal() for key, _, _ in CATEGORIES}
    )
    households_registered: int = 0
    households_total: int = 0

    def households_text(self) -> str:
        """ "98.155/98.314" households registered / living; "không có" with no area."""
        if not self.households_total and not self.households_registered:
            return NO_SUBJECT
        return (
            f"{vietnamese.format_number(self.households_registered)}/"
            f"{vietnamese.format_number(self.households_total)}"
        )

    def cells(self) -> list[str]:
        households = self.households_text()
        return [self.name, *(self.counts[key].text for key, _, _ in CATEGORIES), households]


@dataclass
class PledgeLine:
    """One emulation pledge and how its parties did."""

    title: str
    signed_on: str
    parties: int
    met: int
    not_met: int
    pending: int


@dataclass
class SafetySection:
    year: int
    periods_note: str
    rows: list[SafetyRow] = field(default_factory=list)
    total: SafetyRow = field(default_factory=lambda: SafetyRow("Tổng cộng"))
    previous_total: SafetyRow = field(default_factory=lambda: SafetyRow("Năm trước"))
    pledges: list[PledgeLine] = field(default_factory=list)
    # A 6-month report: the year's evaluation has not ended, so registration is what counts.
    mid_year: bool = False

    HEADERS = [
        "Đơn vị",
        *(header for _, _, header in CATEGORIES),
        "Hộ gia đình đăng ký",
    ]

    def summary(self, row: SafetyRow | None = None) -> str:
        """ "709/730 khu dân cư, 69/70 xã, phường, đặc khu, … đạt tiêu chuẩn “An toàn về an
        ninh, trật tự”", then the categories not yet evaluated; "chưa đánh giá" for a year
        nothing has a result in."""
        row = row or self.total
        present = [(key, noun) for key, noun, _ in CATEGORIES if row.counts[key].total]
        done = [
            f"{row.counts[key].text} {noun}" for key, noun in present if row.counts[key].evaluated
        ]
        waiting = [
            f"{vietnamese.format_number(row.counts[key].total)} {noun}"
            for key, noun in present
            if not row.counts[key].evaluated
        ]
        if not present:
            return "không có khu dân cư, xã, cơ quan, doanh nghiệp, cơ sở giáo dục nào để đánh giá"
        if not done:
            return f"{NOT_EVALUATED} ({', '.join(waiting)} chưa có kết quả)"
        text = f"{', '.join(done)} đạt tiêu chuẩn “An toàn về an ninh, trật tự”"
        if waiting:
            text += f"; {NOT_EVALUATED}: {', '.join(waiting)}"
        return text

    def registered(self) -> str:
        """ "730/730 khu dân cư, 70/70 xã, phường, đặc khu, …" (registered / all subjects)."""
        return ", ".join(
            f"{vietnamese.format_number(self.total.counts[key].rated)}/"
            f"{vietnamese.format_number(self.total.counts[key].total)} {noun}"
            for key, noun, _ in CATEGORIES
            if self.total.counts[key].total
        )

    def lines(self) -> list[str]:
        """The written paragraph of the section."""
        if self.mid_year:
            first = (
                f"Năm {self.year} có {self.registered() or 'không có đối tượng nào'} đăng ký xây "
                f"dựng tiêu chuẩn “An toàn về an ninh, trật tự”. Kết quả năm {self.year - 1}: "
                f"{self.summary(self.previous_total)}."
            )
        else:
            first = (
                f"Năm {self.year}: {self.summary()}. Năm {self.year - 1}: "
                f"{self.summary(self.previous_total)}."
            )
        text = [
            first,
            f"Số hộ gia đình đăng ký, ký cam kết xây dựng khu dân cư “An toàn về an ninh, trật "
            f"tự”: {self.total.households_text()} hộ."
            if self.total.households_total
            else "Chưa có khu dân cư nào trong danh mục đơn vị (số hộ gia đình đăng ký: không có).",
            self.periods_note,
        ]
        if self.pledges:
            met = sum(p.met for p in self.pledges)
            parties = sum(p.parties for p in self.pledges)
            text.append(
                f"Ký kết {vietnamese.format_number(len(self.pledges))} giao ước thi đua với "
                f"{vietnamese.format_number(parties)} lượt đơn vị tham gia; "
                f"{vietnamese.format_number(met)} lượt đạt, "
                f"{vietnamese.format_number(sum(p.not_met for p in self.pledges))} không đạt, "
                f"{vietnamese.format_number(sum(p.pending for p in self.pledges))} chưa đánh giá."
            )
        else:
            text.append("Không có giao ước thi đua nào được ký kết trong năm.")
        return text

    def table_rows(self) -> list[list[str]]:
        return [row.cells() for row in [*self.rows, self.total, self.previous_total]]

    PLEDGE_HEADERS = ["Giao ước thi đua", "Ngày ký", "Số bên", "Đạt", "Không đạt", "Chưa đánh giá"]

    def pledge_rows(self) -> list[list]:
        return [
            [p.title, p.signed_on, p.parties, p.met, p.not_met, p.pending] for p in self.pledges
        ]
