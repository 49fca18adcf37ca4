"""The "An toàn về ANTT" ratings' evaluation periods and the circular they follow.

Here rather than in ``records.ratings`` (which re-exports them) so that a report, which needs
only these, does not load the ratings' forms, imports and package parts at start-up.
"""

from __future__ import annotations

from datetime import date

from movement_desk import vietnamese
from movement_desk.db.choices import OrganisationKind, RatingSubject

CIRCULAR = "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 (sửa đổi bởi Thông tư số 48/2025/TT-BCA)"

ORGANISATION_SUBJECTS = {
    RatingSubject.AGENCY: OrganisationKind.AGENCY,
    RatingSubject.ENTERPRISE: OrganisationKind.ENTERPRISE,
    RatingSubject.SCHOOL: OrganisationKind.SCHOOL,
}

# ---------------------------------------------------------------------------------------------
# Evaluation periods (TT 124/2021/TT-BCA): residential areas 01/11 → 31/10, the others
# 16/11 → 15/11, each ending in the rating's year.


def evaluation_period(subject: RatingSubject, year: int) -> tuple[date, date]:
    """The first and last day a ``year`` rating of ``subject`` covers."""
    if subject is RatingSubject.RESIDENTIAL_AREA:
        return date(year - 1, 11, 1), date(year, 10, 31)
    return date(year - 1, 11, 16), date(year, 11, 15)


def period_text(subject: RatingSubject, year: int) -> str:
    start, end = evaluation_period(subject, year)
    return f"từ {vietnamese.format_date(start)} đến {vietnamese.format_date(end)}"


def periods_note(year: int) -> str:
    """The line every form and report prints under a rating table."""
    return (
        f"Thời gian đánh giá năm {year} ({CIRCULAR}): khu dân cư "
        f"{period_text(RatingSubject.RESIDENTIAL_AREA, year)}; xã, phường, đặc khu, cơ quan, "
        f"doanh nghiệp, cơ sở giáo dục {period_text(RatingSubject.COMMUNE, year)}."
    )
