"""Demo data of the "An toàn về ANTT" ratings: residential areas with households under every
demo commune, the agencies, enterprises and schools of each commune, a year of ratings
(registration, result, recognition) per year of the demo, and the yearly emulation pledges.

Called by ``demo.build_demo`` with its seeded builder, so the same seed gives the same data.
Before 01/07/2025 the subjects are the old communes and their residential areas; from the
2025 rating year on (its period ends after the merger) the new communes and theirs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from movement_desk.db.choices import (
    ManagingLevel,
    OrganisationKind,
    PledgeOutcome,
    RatingResult,
    RatingSubject,
    UnitKind,
)
from movement_desk.db.models import (
    AdministrativeUnit,
    Organisation,
    Pledge,
    PledgeParty,
    SafetyRating,
)
from movement_desk.services.records import ratings, units
from movement_desk.vietnamese import fold, sort_key

AREA_NAMES = [
    "Nà Làng", "Pác Ngòi", "Bản Cám", "Khuổi Luông", "Nà Mằm", "Cốc Tộc", "Nà Hỏi",
    "Bó Lù", "Pò Giả", "Nặm Dài", "Nà Phầy", "Cốc Lùng", "Đông Lẻo", "Tân Lập",
]  # fmt: skip
AREAS_PER_COMMUNE = {"small": 5, "province": 6, "stress": 10}
SCHOOL_WORDS = ("Trường THCS", "Trường THPT")
ENTERPRISES = ("Công ty TNHH", "Hợp tác xã", "Công ty cổ phần")


def _area_kind(commune: AdministrativeUnit, index: int) -> UnitKind:
    if commune.kind in (UnitKind.WARD, UnitKind.TOWNSHIP):
        return UnitKind.RESIDENTIAL_GROUP
    return UnitKind.MOUNTAIN_VILLAGE if index % 3 == 2 else UnitKind.HAMLET


def _row(builder, day: date, values: dict) -> dict:
    return {**builder.stamps(day), **values}


def build(builder, scale_name: str, last_day: date) -> dict[str, int]:
    """Insert the ratings' demo rows; returns counts by kind."""
    rng = builder.rng
    counts = {"residential_areas": 0, "organisations": 0, "ratings": 0, "pledges": 0}
    per_commune = AREAS_PER_COMMUNE.get(scale_name, 5)
    first_year = max(builder.scale.first_day.year - 1, ratings.FIRST_YEAR)
    years = [y for y in range(first_year, last_day.year + 1)]
    communes_by_era = {"old": builder.old_communes, "new": builder.new_communes}
    areas: dict[int, list[AdministrativeUnit]] = {}
    orgs: dict[int, list[Organisation]] = {}
    for communes in communes_by_era.values():
        for commune in communes:
            created = []
            for index in range(per_commune):
                name = AREA_NAMES[(index + commune.id) % len(AREA_NAMES)]
                name = f"{name} {index + 1}" if index >= len(AREA_NAMES) else name
                kind = _area_kind(commune, index)
                if kind is UnitKind.RESIDENTIAL_GROUP:
                    name = f"{index + 1}"
                code = f"{commune.code}{index + 1:02d}"
                values = _row(
                    builder,
                    commune.valid_from or date(2020, 1, 1),
                    {
                        "code": code,
                        "name": name,
                        "kind": kind.value,
                        "parent": commune.id,
                        "valid_from": commune.valid_from,
                        "valid_to": commune.valid_to,
                        "search_key": fold(f"{name} {kind.label} {code}"),
                        "sort_key": sort_key(name),
                        "households": rng.randint(45, 260),
                    },
                )
                unit_id = AdministrativeUnit.insert(values).execute()
                created.append(AdministrativeUnit.get_by_id(unit_id))
            areas[commune.id] = created
            counts["residential_areas"] += len(created)
            plain = commune.name
            organisation_rows = [
                (
                    OrganisationKind.AGENCY,
                    f"Ủy ban nhân dân {commune.kind.label} {plain}",
                    "commune",
                ),
                (OrganisationKind.SCHOOL, f"{rng.choice(SCHOOL_WORDS)} {plain}", "commune"),
            ]
            if rng.random() < 0.6:
                organisation_rows.append(
                    (OrganisationKind.ENTERPRISE, f"{rng.choice(ENTERPRISES)} {plain}", "province")
                )
            stored = []
            for kind, name, level in organisation_rows:
                values = _row(
                    builder,
                    commune.valid_from or date(2020, 1, 1),
                    {
                        "name": name,
                        "kind": kind.value,
                        "unit": commune.id,
                        "managing_level": ManagingLevel(level).value,
                        "search_key": fold(f"{name} {kind.label}"),
                        "sort_key": sort_key(name),
                    },
                )
                stored.append(Organisation.get_by_id(Organisation.insert(values).execute()))
            orgs[commune.id] = stored
            counts["organisations"] += len(stored)
    units_tree = units.UnitTree.load()
    rows = []
    decision_numbers: dict[tuple[str, int], int] = {}

    def recognise(body: str, year: int, subject: RatingSubject) -> tuple[str, date]:
        key = (body, year)
        decision_numbers.setdefault(key, len(decision_numbers) + 10)
        _start, end = ratings.evaluation_period(subject, year)
        return f"{decision_numbers[key]}/QĐ-UBND", end + timedelta(days=20)

    def chairman(body: str) -> str:
        """The name that signs ``body``'s decisions: the same each run, drawn apart from the
        builder's generator so the rest of the demo stays as it was."""
        return builder.person(random.Random(f"{builder.seed}:{body}"))

    for year in years:
        era = "old" if year <= 2024 else "new"
        for commune in communes_by_era[era]:
            district = next(
                (
                    a
                    for a in units_tree.ancestors(commune.id)
                    if a.kind in (UnitKind.DISTRICT, UnitKind.CITY, UnitKind.TOWN)
                ),
                None,
            )
            above = (
                f"UBND {district.kind.label} {district.name}"
                if district is not None and era == "old"
                else f"UBND tỉnh {units.SUCCESSOR_PROVINCE[1]}"
            )
            own = f"UBND {commune.kind.label} {commune.name}"
            subjects = [(RatingSubject.COMMUNE, commune, None, above)]
            subjects += [
                (RatingSubject.RESIDENTIAL_AREA, area, None, own) for area in areas[commune.id]
            ]
            for organisation in orgs[commune.id]:
                subject = RatingSubject(organisation.kind.value)
                body = own if organisation.managing_level is ManagingLevel.COMMUNE else above
                subjects.append((subject, commune, organisation, body))
            for subject, unit, organisation, body in subjects:
                start, end = ratings.evaluation_period(subject, year)
                registered_on = date(year, 1, 10) + timedelta(days=rng.randint(0, 70))
                evaluated = end + timedelta(days=20) <= last_day
                passed = rng.random() < 0.93
                households = unit.households if subject is RatingSubject.RESIDENTIAL_AREA else 0
                registered = households if passed else max(households - rng.randint(0, 6), 0)
                values = {
                    "year": year,
                    "subject_kind": subject.value,
                    "unit": unit.id,
                    "organisation": organisation.id if organisation else None,
                    "registered_on": registered_on,
                    "registration_ref": f"{rng.randint(1, 40)}/KH-UBND",
                    "households_total": households,
                    "households_registered": registered,
                    "result": RatingResult.PENDING.value,
                    "missed_criteria": "",
                    "recognised_by": "",
                    "decision_number": "",
                    "decision_date": None,
                    "signer_name": "",
                }
                if evaluated:
                    values["result"] = (
                        RatingResult.PASSED if passed else RatingResult.FAILED
                    ).value
                    if passed:
                        number, on = recognise(body, year, subject)
                        values.update(
                            recognised_by=body,
                            decision_number=number,
                            decision_date=on,
                            signer_name=chairman(body),
                        )
                    else:
                        count = len(ratings.CIRCULAR_CRITERIA[subject])
                        values["missed_criteria"] = str(rng.randint(2, count))
                rows.append(_row(builder, min(registered_on, last_day), values))
        counts["ratings"] = len(rows)
        # The year's pledge, signed at the launch by the province's (or district's) communes.
        signer = builder.successor_province if era == "new" else builder.province_unit
        if era == "old" and builder.scale.district_only:
            # The small demo is one district: its pledge is signed by the district.
            signer = builder.tree.by_code(builder.scale.district_only)
        pool = communes_by_era[era]
        if signer is None or not pool:
            continue
        signed_on = date(year, 2, 20)
        pledge_id = Pledge.insert(
            _row(
                builder,
                signed_on,
                {
                    "year": year,
                    "title": "Giao ước thi đua xây dựng xã, phường, thị trấn, cơ quan, doanh "
                    "nghiệp, cơ sở giáo dục điển hình về phong trào Toàn dân bảo vệ an ninh Tổ "
                    f"quốc năm {year}",
                    "unit": signer.id,
                    "signed_on": signed_on,
                    "targets": "Xây dựng ít nhất 01 xã điển hình về phong trào; 100% khu dân cư "
                    "đăng ký xây dựng tiêu chuẩn “An toàn về an ninh, trật tự”.",
                },
            )
        ).execute()
        chosen = rng.sample(pool, min(len(pool), 8))
        assessed = date(year, 12, 15) <= last_day
        for position, commune in enumerate(chosen, start=1):
            outcome = PledgeOutcome.PENDING
            if assessed:
                outcome = PledgeOutcome.MET if rng.random() < 0.8 else PledgeOutcome.NOT_MET
            PledgeParty.insert(
                _row(
                    builder,
                    signed_on,
                    {
                        "pledge": pledge_id,
                        "unit": commune.id,
                        "position": position,
                        "outcome": outcome.value,
                    },
                )
            ).execute()
        counts["pledges"] += 1
    for start in range(0, len(rows), 400):
        SafetyRating.insert_many(rows[start : start + 400]).execute()
    return counts
