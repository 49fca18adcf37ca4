"""What a supervisor's report prints: plain dataclasses of exact integers and rows.

``services.reports`` fills them from the database; the PDF renderer and the Excel writer read
them. Nothing here touches the database or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from movement_desk.pdf.safety_section import SafetySection
from movement_desk.vietnamese import format_number

NOTE_SHORTCOMINGS = "shortcomings"
NOTE_DIRECTIONS = "directions"
NOTE_SECTIONS = {
    NOTE_SHORTCOMINGS: "Tồn tại, hạn chế",
    NOTE_DIRECTIONS: "Phương hướng, nhiệm vụ",
}
# Column titles the PDF report and its Excel workbook share.
INDICATOR_HEADERS = [
    "Chỉ tiêu",
    "Kỳ này",
    "Kỳ trước",
    "Tăng, giảm so với kỳ trước",
    "Cùng kỳ năm trước",
    "Tăng, giảm so với cùng kỳ",
    "Lũy kế từ đầu năm",
]
SESSION_KIND_HEADERS = ["Hình thức", "Số buổi", "Lượt người tham gia"]
RESIDENTIAL_AREA_TITLE = "Số buổi theo khu dân cư"
RESIDENTIAL_AREA_HEADERS = ["Khu dân cư", "Số buổi", "Lượt người tham gia"]
MODEL_FIGURE_HEADERS = ["Đang hoạt động", "Thành viên", "Thành lập mới", "Giải thể", "Tạm ngừng"]
COMMENDATION_HEADERS = ["Hình thức", "Số quyết định", "Cá nhân", "Tập thể", "Hộ gia đình", "Tổng"]


@dataclass(frozen=True)
class Span:
    """A named stretch of days: "tháng 12 năm 2023", 15/11/2023 to 14/12/2023."""

    label: str
    start: date
    end: date


@dataclass
class Indicator:
    """One figure in this period and in the periods it is compared with.

    ``year_to_date`` is None for a figure counted at a point in time (models active at the end).
    """

    key: str
    label: str
    current: int
    previous: int
    last_year: int
    year_to_date: int | None

    @property
    def change_from_previous(self) -> int:
        return self.current - self.previous

    @property
    def change_from_last_year(self) -> int:
        return self.current - self.last_year

    @staticmethod
    def ratio(change: int, base: int) -> float | None:
        return change / base if base else None


@dataclass
class UnitRow:
    """Figures of one child unit (with everything under it) for the period."""

    code: str
    name: str
    sessions: int = 0
    participants: int = 0
    tips: int = 0
    commendations: int = 0
    models_active: int = 0
    model_members: int = 0
    models_new: int = 0
    models_dissolved: int = 0
    boards: int = 0
    board_members: int = 0
    teams: int = 0
    team_members: int = 0
    communes: int = 0  # commune-level units expected to report
    communes_reporting: int = 0
    packages_expected: int = 0  # communes whose data package is expected (consolidation)
    packages_received: int = 0

    NUMBERS = (
        "sessions",
        "participants",
        "tips",
        "commendations",
        "models_active",
        "model_members",
        "models_new",
        "models_dissolved",
        "boards",
        "board_members",
        "teams",
        "team_members",
        "communes",
        "communes_reporting",
        "packages_expected",
        "packages_received",
    )

    def add(self, other: UnitRow) -> None:
        for name in self.NUMBERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def model_figures(self) -> list[int]:
        """Models (active, members, new, dissolved), then boards and teams with members."""
        return [
            self.models_active,
            self.model_members,
            self.models_new,
            self.models_dissolved,
            self.boards,
            self.board_members,
            self.teams,
            self.team_members,
        ]


@dataclass
class CountRow:
    """A label with counts: sessions by kind, models by type or by managing body."""

    label: str
    count: int = 0
    members: int = 0
    new: int = 0
    dissolved: int = 0
    suspended: int = 0
    group: str = ""  # the category of a model type
    extra: int = 0  # participants for sessions by kind

    def add(self, other: CountRow) -> None:
        for name in ("count", "members", "new", "dissolved", "suspended", "extra"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def model_figures(self) -> list[int]:
        """The figures under ``MODEL_FIGURE_HEADERS``."""
        return [self.count, self.members, self.new, self.dissolved, self.suspended]


@dataclass
class CommendationRow:
    """Commendations of one form, by recipient kind."""

    form: str
    decisions: int = 0
    individuals: int = 0
    collectives: int = 0
    households: int = 0

    @property
    def total(self) -> int:
        return self.individuals + self.collectives + self.households

    def as_row(self) -> list:
        """The cells under ``COMMENDATION_HEADERS``."""
        return [
            self.form,
            self.decisions,
            self.individuals,
            self.collectives,
            self.households,
            self.total,
        ]


@dataclass
class MissingGroup:
    """The commune-level units under one child unit that have no data for the period."""

    child: str
    expected: int
    missing: list[str]


@dataclass
class PackageStatus:
    """Which communes' data packages have arrived for the period: only on a database that
    consolidates (one that has received any package)."""

    expected: int
    received: int
    missing: list[MissingGroup] = field(default_factory=list)  # by child unit

    @property
    def text(self) -> str:
        """ "Đã nhận dữ liệu của 104/108 xã, phường, thị trấn"."""
        return (
            f"Đã nhận dữ liệu của {format_number(self.received)}/"
            f"{format_number(self.expected)} xã, phường, thị trấn"
        )


@dataclass
class ReportHeader:
    """The header and signature settings printed on the report."""

    issuer_parent: str = ""
    issuer_name: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    report_date: date | None = None
    preparer_title: str = "NGƯỜI LẬP BIỂU"
    preparer_name: str = ""
    head_prefix: str = ""
    head_title: str = "THỦ TRƯỞNG ĐƠN VỊ"
    head_name: str = ""
    recipients: str = ""


@dataclass
class ReportData:
    """Everything a report prints, computed once."""

    unit_code: str
    unit_title: str
    period_code: str
    period_label: str
    rule: str
    rule_label: str
    period: Span
    previous: Span
    last_year: Span
    year_to_date: Span
    header: ReportHeader
    rollup: bool = False
    rollup_note: str = ""
    child_level: str = "Đơn vị"
    indicators: list[Indicator] = field(default_factory=list)
    sessions_by_kind: list[CountRow] = field(default_factory=list)
    unit_rows: list[UnitRow] = field(default_factory=list)
    total: UnitRow = field(default_factory=lambda: UnitRow("", "Tổng cộng"))
    models_by_type: list[CountRow] = field(default_factory=list)
    models_by_body: list[CountRow] = field(default_factory=list)
    models_total: CountRow = field(default_factory=lambda: CountRow("Tổng cộng"))
    forces: list[CountRow] = field(default_factory=list)
    commendations: list[CommendationRow] = field(default_factory=list)
    missing: list[MissingGroup] = field(default_factory=list)
    communes_expected: int = 0
    communes_reporting: int = 0
    packages: PackageStatus | None = None  # None: this database receives no packages
    months: list[tuple[str, int, int]] = field(default_factory=list)  # label, sessions, people
    notes: dict[str, str] = field(default_factory=dict)
    # Yearly and 6-month reports: the "An toàn về ANTT" ratings and pledges (issue 19).
    safety: SafetySection | None = None
    # A commune's report: sessions per residential area (``CountRow.extra``: participants),
    # then those that name none; empty elsewhere and when no session names one.
    sessions_by_residential_area: list[CountRow] = field(default_factory=list)

    @property
    def title_line(self) -> str:
        return f"Kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc {self.period_label}"

    @property
    def commendations_total(self) -> CommendationRow:
        total = CommendationRow("Tổng cộng")
        for row in self.commendations:
            total.decisions += row.decisions
            total.individuals += row.individuals
            total.collectives += row.collectives
            total.households += row.households
        return total

    def session_kind_rows(self) -> list[list]:
        """Sessions and participants by kind, then the total (under ``SESSION_KIND_HEADERS``)."""
        rows: list[list] = [[r.label, r.count, r.extra] for r in self.sessions_by_kind]
        rows.append(
            [
                "Tổng cộng",
                sum(r.count for r in self.sessions_by_kind),
                sum(r.extra for r in self.sessions_by_kind),
            ]
        )
        return rows

    def residential_area_rows(self) -> list[list]:
        """Sessions and participants per residential area, then the total (under
        ``RESIDENTIAL_AREA_HEADERS``)."""
        rows: list[list] = [[r.label, r.count, r.extra] for r in self.sessions_by_residential_area]
        rows.append(
            [
                "Tổng cộng",
                sum(r.count for r in self.sessions_by_residential_area),
                sum(r.extra for r in self.sessions_by_residential_area),
            ]
        )
        return rows

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)
