"""Realistic demo data for Bắc Kạn: sessions, models and commendations, the same for the same seed.

Scales: ``small`` (a district, a few months: for trying things out and for tests), ``province``
(all communes from 2024 on: about 1.000 sessions a year, 300 models, 20 decisions with 300
recipients) and ``stress`` (130.000 sessions, 10.000 models, 50.000 commendations: benchmarks).
Records before 01/07/2025 belong to the 108 old communes, later ones to the 37 new communes.
"""

from __future__ import annotations

import random
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from movement_desk.db import migrations
from movement_desk.db.choices import (
    CommendationForm,
    ModelCategory,
    ModelStatus,
    OrganizerKind,
    RecipientKind,
    SessionKind,
    UnitKind,
)
from movement_desk.db.connection import db
from movement_desk.db.models import (
    ActivitySession,
    AdministrativeUnit,
    Commendation,
    CommunityModel,
    Decision,
    ModelType,
)
from movement_desk.services.admin import demo_ratings
from movement_desk.services.core import settings
from movement_desk.services.core.errors import ServiceError
from movement_desk.services.core.unit_tree import COMMUNE_KINDS
from movement_desk.services.records import commendations, community_models, sessions, units
from movement_desk.services.records.units import MERGE_2025_DATE

# A fixed last day, so that the same seed gives the same data whatever day it is run.
DEMO_LAST_DAY = date(2026, 11, 25)
DEMO_USER = "demo"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Scale:
    first_day: date
    sessions: int
    models: int
    decisions: int
    recipients_per_decision: int
    district_only: str | None = None


SCALES = {
    "small": Scale(date(2025, 1, 1), 240, 60, 3, 8, district_only="061"),
    "province": Scale(date(2024, 1, 1), 2_900, 300, 20, 15),
    "stress": Scale(date(2019, 1, 1), 130_000, 10_000, 1_000, 50),
}

FAMILY_NAMES = [
    "Nguyễn",
    "Hoàng",
    "Nông",
    "Triệu",
    "Hà",
    "Lý",
    "Lường",
    "Ma",
    "Đặng",
    "Bế",
    "Lục",
    "Phùng",
    "Trần",
    "Lê",
    "Vi",
    "Dương",
    "Đàm",
    "Sầm",
    "Lộc",
    "Chu",
]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hồng", "Ngọc", "Quang", "Xuân", "Thu"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ninh",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Thắng",
    "Thủy",
    "Tiến",
    "Trang",
    "Tuấn",
    "Ước",
    "Vân",
    "Yến",
    "Ánh",
    "Ơn",
    "Ấn",
]
VILLAGES = [
    "Nà Pài",
    "Bản Chán",
    "Khuổi Slẻ",
    "Pác Ngòi",
    "Nà Hin",
    "Còi Mò",
    "Nặm Dất",
    "Phiêng Phàng",
    "Bó Lù",
    "Nà Mằm",
    "Thôm Mò",
    "Lủng Vài",
    "Tổ 3",
    "Tổ 7",
    "Đông Đăm",
]
PROPAGANDA_TOPICS = [
    "phòng, chống tội phạm và tệ nạn ma túy",
    "phòng, chống lừa đảo chiếm đoạt tài sản trên không gian mạng",
    "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "bảo đảm trật tự, an toàn giao thông cho học sinh",
    "phòng, chống mua bán người",
    "đăng ký định danh và xác thực điện tử VNeID",
    "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
    "vận động giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ",
]
ASSOCIATIONS = ["Hội Phụ nữ", "Đoàn Thanh niên", "Hội Cựu chiến binh", "Hội Nông dân"]
POSITIONS = [
    "Trưởng thôn",
    "Bí thư chi bộ",
    "Công an viên",
    "Tổ trưởng tổ tự quản",
    "Thành viên Tổ bảo vệ an ninh, trật tự",
    "Người có uy tín",
    "Chi hội trưởng Hội Phụ nữ",
]
RANKS = ["Thượng úy", "Đại úy", "Trung úy", "Thiếu tá"]


class DemoBuilder:
    """Builds the rows of one demo database with one seeded random generator."""

    def __init__(self, scale: Scale, seed: int, last_day: date):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.last_day = last_day
        self.origin = settings.installation_id()
        tree = units.UnitTree.load()
        communes = [u for u in tree.by_id.values() if u.kind in COMMUNE_KINDS]
        if scale.district_only:
            district = tree.by_code(scale.district_only)
            inside = set(tree.subtree_ids(district.id))
            # The new communes that took over the district's old ones.
            successors = units.successor_map(MERGE_2025_DATE)
            inside |= {successors[i] for i in list(inside) if i in successors}
            communes = [u for u in communes if u.id in inside]
        self.old_communes = sorted((u for u in communes if u.valid_to), key=lambda u: u.code)
        self.new_communes = sorted((u for u in communes if not u.valid_to), key=lambda u: u.code)
        if not self.old_communes and not self.new_communes:
            raise ServiceError("Chưa có đơn vị hành chính cấp xã để tạo dữ liệu mẫu.")
        self.types = list(ModelType.live().order_by(ModelType.id))
        self.province_unit = units.find_unit("06")
        self.successor_province = units.find_unit(units.SUCCESSOR_PROVINCE[0])
        self.tree = tree

    # -- helpers ---------------------------------------------------------------------------
    def uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def commune_on(self, day: date) -> AdministrativeUnit:
        pool = self.old_communes if day < MERGE_2025_DATE else self.new_communes
        pool = pool or self.old_communes or self.new_communes
        return self.rng.choice(pool)

    def stamps(self, day: date) -> dict:
        entered = datetime.combine(day, time(8)) + timedelta(minutes=self.rng.randint(0, 60 * 72))
        return {
            "uuid": self.uuid(),
            "created_at": entered,
            "created_by": DEMO_USER,
            "updated_at": entered,
            "updated_by": DEMO_USER,
            "revision": 1,
            "origin": self.origin,
        }

    def person(self, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        middle = rng.choice(MIDDLE_NAMES)
        return f"{rng.choice(FAMILY_NAMES)} {middle} {rng.choice(GIVEN_NAMES)}"

    # -- sessions --------------------------------------------------------------------------
    def session_row(self, day: date) -> dict:
        rng = self.rng
        unit = self.commune_on(day)
        kind_roll = rng.random()
        if day.month == 8 and 5 <= day.day <= 31 and kind_roll < 0.5:
            kind = SessionKind.FESTIVAL
        elif kind_roll < 0.22:
            kind = SessionKind.LAUNCH
        elif kind_roll < 0.80:
            kind = SessionKind.PROPAGANDA
        elif kind_roll < 0.88:
            kind = SessionKind.PLEDGE
        elif kind_roll < 0.96:
            kind = SessionKind.DIALOGUE
        else:
            kind = SessionKind.OTHER
        organizer_kind = rng.choices(
            [
                OrganizerKind.POLICE,
                OrganizerKind.FATHERLAND_FRONT,
                OrganizerKind.ASSOCIATION,
                OrganizerKind.SCHOOL,
                OrganizerKind.AGENCY,
                OrganizerKind.ENTERPRISE,
                OrganizerKind.DEPARTMENT,
            ],
            weights=[50, 15, 20, 6, 4, 3, 2],
        )[0]
        place = f"{unit.kind.label} {unit.name}"
        organizer_name = {
            OrganizerKind.POLICE: f"Công an {place}",
            OrganizerKind.FATHERLAND_FRONT: f"Ủy ban MTTQ Việt Nam {place}",
            OrganizerKind.ASSOCIATION: f"{rng.choice(ASSOCIATIONS)} {place}",
            OrganizerKind.SCHOOL: f"Trường THCS {unit.name}",
            OrganizerKind.AGENCY: f"Ủy ban nhân dân {place}",
            OrganizerKind.ENTERPRISE: f"Hợp tác xã nông nghiệp {unit.name}",
            OrganizerKind.DEPARTMENT: "Sở Tư pháp",
        }[organizer_kind]
        village = rng.choice(VILLAGES)
        title, low, high = {
            SessionKind.LAUNCH: (
                f"Phát động phong trào Toàn dân bảo vệ ANTQ năm {day.year} tại thôn {village}",
                40,
                160,
            ),
            SessionKind.PROPAGANDA: (
                f"Tuyên truyền {rng.choice(PROPAGANDA_TOPICS)} tại thôn {village}",
                15,
                90,
            ),
            SessionKind.FESTIVAL: (
                f"Ngày hội toàn dân bảo vệ ANTQ năm {day.year} tại {place}",
                120,
                450,
            ),
            SessionKind.PLEDGE: (
                f"Ký kết giao ước thi đua giữa Công an {place} và thôn {village}",
                20,
                80,
            ),
            SessionKind.DIALOGUE: (
                f"Đối thoại với Nhân dân thôn {village} về tình hình an ninh, trật tự",
                25,
                100,
            ),
            SessionKind.OTHER: (
                f"Họp dân thôn {village} triển khai Tổ bảo vệ an ninh, trật tự",
                15,
                60,
            ),
        }[kind]
        participants = rng.randint(low, high)
        tips = sum(1 for _ in range(4) if rng.random() < 0.14)
        notes = (
            ""
            if rng.random() < 0.8
            else f"Phát {rng.randint(50, 400)} tờ rơi; treo {rng.randint(1, 6)} băng rôn."
        )
        return {
            **self.stamps(day),
            "held_on": day,
            "unit": unit.id,
            "organizer_kind": organizer_kind.value,
            "organizer_name": organizer_name,
            "kind": kind.value,
            "title": title,
            "participants": participants,
            "tips": tips,
            "notes": notes,
        } | sessions.index_keys({"title": title, "organizer_name": organizer_name, "notes": notes})

    # -- models ----------------------------------------------------------------------------
    def model_row(self, index: int) -> dict:
        rng = self.rng
        model_type = (
            self.types[index % len(self.types)]
            if index < len(self.types)
            else rng.choice(self.types)
        )
        category = model_type.category
        if category is ModelCategory.SECURITY_TEAM:
            established = self.day_between(
                max(self.scale.first_day, date(2024, 7, 1)), self.last_day
            )
        else:
            established = self.day_between(date(2012, 1, 1), self.last_day)
        unit = self.commune_on(established)
        if category is ModelCategory.STREET_PROTECTION:
            wards = [
                u
                for u in (self.old_communes if established < MERGE_2025_DATE else self.new_communes)
                if u.kind is UnitKind.WARD
            ]
            unit = rng.choice(wards) if wards else unit
        members = {
            ModelCategory.STREET_PROTECTION: rng.randint(15, 25),
            ModelCategory.SECURITY_TEAM: rng.randint(3, 5),
            ModelCategory.CAMERA: rng.randint(0, 4),
        }.get(category, rng.randint(5, 40))
        status, status_date = ModelStatus.ACTIVE, None
        roll = rng.random()
        if roll < 0.06:
            status = ModelStatus.DISSOLVED
        elif roll < 0.10:
            status = ModelStatus.SUSPENDED
        if status is not ModelStatus.ACTIVE:
            status_date = self.day_between(established, self.last_day)
        managing_kind = rng.choices(
            [
                OrganizerKind.POLICE,
                OrganizerKind.FATHERLAND_FRONT,
                OrganizerKind.ASSOCIATION,
                OrganizerKind.SCHOOL,
                OrganizerKind.ENTERPRISE,
            ],
            weights=[45, 25, 20, 5, 5],
        )[0]
        place = f"{unit.kind.label} {unit.name}"
        managing_name = {
            OrganizerKind.POLICE: f"Công an {place}",
            OrganizerKind.FATHERLAND_FRONT: f"Ủy ban MTTQ Việt Nam {place}",
            OrganizerKind.ASSOCIATION: f"{rng.choice(ASSOCIATIONS)} {place}",
            OrganizerKind.SCHOOL: f"Trường Tiểu học {unit.name}",
            OrganizerKind.ENTERPRISE: f"Công ty TNHH {rng.choice(VILLAGES)}",
        }[managing_kind]
        name = f"{model_type.name} thôn {rng.choice(VILLAGES)}"
        return {
            **self.stamps(established),
            "name": name,
            "model_type": model_type.id,
            "unit": unit.id,
            "managing_kind": managing_kind.value,
            "managing_name": managing_name,
            "established_on": established,
            "members": members,
            "status": status.value,
            "status_date": status_date,
            "notes": "",
        } | community_models.index_keys({"name": name, "managing_name": managing_name, "notes": ""})

    # -- decisions and commendations -------------------------------------------------------
    def decision_rows(self, index: int, day: date) -> tuple[dict, list[dict]]:
        rng = self.rng
        before_merge = day < MERGE_2025_DATE
        commune = self.commune_on(day)
        district = next(
            (
                a
                for a in self.tree.ancestors(commune.id)
                if a.kind in (UnitKind.DISTRICT, UnitKind.CITY, UnitKind.TOWN)
            ),
            None,
        )
        level = rng.random()
        form = CommendationForm.CERTIFICATE_OF_MERIT
        if level < 0.45:
            province_name = "BẮC KẠN" if before_merge else "THÁI NGUYÊN"
            owner = self.province_unit if before_merge else self.successor_province
            authority = f"GIÁM ĐỐC CÔNG AN TỈNH {province_name}"
            number = f"{100 + index}/QĐ-CAT-PV05"
            signer_prefix, signer_title = rng.choice(
                [("", "GIÁM ĐỐC"), ("KT.", "GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")]
            )
            place = "Bắc Kạn" if before_merge else "Thái Nguyên"
        elif level < 0.55:
            province_name = "BẮC KẠN" if before_merge else "THÁI NGUYÊN"
            owner = self.province_unit if before_merge else self.successor_province
            authority = f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province_name}"
            number = f"{1000 + index}/QĐ-UBND"
            form = CommendationForm.CERTIFICATE_OF_COMMENDATION
            signer_prefix, signer_title = "KT.", "CHỦ TỊCH\nPHÓ CHỦ TỊCH"
            place = "Bắc Kạn" if before_merge else "Thái Nguyên"
        elif before_merge and district is not None:
            owner = district
            authority = (
                f"CHỦ TỊCH ỦY BAN NHÂN DÂN {district.kind.label.upper()} {district.name.upper()}"
            )
            number = f"{200 + index}/QĐ-UBND"
            signer_prefix, signer_title = "", "CHỦ TỊCH"
            place = district.name
        else:
            owner = commune
            authority = (
                f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.kind.label.upper()} {commune.name.upper()}"
            )
            number = f"{300 + index}/QĐ-UBND"
            signer_prefix, signer_title = "", "CHỦ TỊCH"
            place = commune.name
        achievement = (
            "Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc” "
            f"năm {day.year if day.month > 1 else day.year - 1}"
        )
        decision = {
            **self.stamps(day),
            "number": number,
            "decided_on": day,
            "authority": authority,
            "unit": owner.id,
            "form": form.value,
            "emulation_title": "",
            "signer_prefix": signer_prefix,
            "signer_title": signer_title,
            "signer_name": self.person().replace(" Thị ", " Văn "),
            "place": place,
            "achievement": achievement,
        }
        decision.update(commendations.decision_index_keys(decision))
        recipients = []
        count = max(
            1,
            int(
                rng.gauss(
                    self.scale.recipients_per_decision, self.scale.recipients_per_decision / 4
                )
            ),
        )
        for position in range(1, count + 1):
            unit = commune if rng.random() < 0.5 else self.commune_on(day)
            place_name = f"{unit.kind.label} {unit.name}"
            roll = rng.random()
            if roll < 0.7:
                kind = RecipientKind.INDIVIDUAL
                name = self.person()
                if rng.random() < 0.3:
                    role = f"{rng.choice(RANKS)}, Cán bộ Công an {place_name}"
                else:
                    role = f"{rng.choice(POSITIONS)} thôn {rng.choice(VILLAGES)}"
                recipient_unit = place_name
            elif roll < 0.92:
                kind = RecipientKind.COLLECTIVE
                name = rng.choice(
                    [
                        f"Công an {place_name}",
                        f"Thôn {rng.choice(VILLAGES)}, {place_name}",
                        f"Tổ bảo vệ an ninh, trật tự thôn {rng.choice(VILLAGES)}",
                    ]
                )
                role, recipient_unit = "", place_name
            else:
                kind = RecipientKind.HOUSEHOLD
                name = f"Hộ gia đình ông {self.person().replace(' Thị ', ' Văn ')}"
                role, recipient_unit = "", f"Thôn {rng.choice(VILLAGES)}, {place_name}"
            recipient = {
                **self.stamps(day),
                "unit": unit.id,
                "position": position,
                "recipient_kind": kind.value,
                "recipient_name": name,
                "recipient_position": role,
                "recipient_unit": recipient_unit,
                "achievement": "",
                "register_number": str(rng.randint(1, 999)),
                "print_count": 0,
            }
            recipients.append(recipient | commendations.recipient_index_keys(recipient))
        return decision, recipients


def _insert(model, rows: list[dict], batch: int = 400) -> None:
    for start in range(0, len(rows), batch):
        model.insert_many(rows[start : start + batch]).execute()


def build_demo(
    scale_name: str = "province",
    seed: int = 2024,
    *,
    last_day: date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill the open database with demo data; refuses a database that already holds records."""
    if scale_name not in SCALES:
        raise ServiceError(
            f"Không có cỡ dữ liệu mẫu “{scale_name}”; chọn small, province hoặc stress."
        )
    if (
        ActivitySession.select().exists()
        or Decision.select().exists()
        or CommunityModel.select().exists()
    ):
        raise ServiceError(
            "Cơ sở dữ liệu này đã có dữ liệu; dữ liệu mẫu chỉ tạo vào cơ sở dữ liệu trống "
            "(hãy dùng --db với một tệp mới)."
        )
    scale = SCALES[scale_name]
    last_day = min(last_day or DEMO_LAST_DAY, date.today())
    builder = DemoBuilder(scale, seed, last_day)
    total_steps = scale.sessions + scale.models + scale.decisions
    done = 0
    counts = {"sessions": 0, "models": 0, "decisions": 0, "commendations": 0}
    with db.atomic():
        chunk = 5_000
        for start in range(0, scale.sessions, chunk):
            size = min(chunk, scale.sessions - start)
            rows = [
                builder.session_row(builder.day_between(scale.first_day, last_day))
                for _ in range(size)
            ]
            _insert(ActivitySession, rows)
            counts["sessions"] += size
            done += size
            if progress:
                progress(done, total_steps)
        rows = [builder.model_row(index) for index in range(scale.models)]
        _insert(CommunityModel, rows)
        counts["models"] = len(rows)
        done += len(rows)
        for start in range(0, scale.decisions, 100):
            for index in range(start, min(start + 100, scale.decisions)):
                decision, recipients = builder.decision_rows(
                    index + 1, builder.day_between(scale.first_day, last_day)
                )
                decision_id = Decision.insert(decision).execute()
                for recipient in recipients:
                    recipient["decision"] = decision_id
                _insert(Commendation, recipients)
                counts["decisions"] += 1
                counts["commendations"] += len(recipients)
                done += 1
            if progress:
                progress(done, total_steps)
        migrations.add_named_organizers(db.obj)  # the organisers the sessions name
        counts.update(demo_ratings.build(builder, scale_name, last_day))
        # The units in force today are the new communes of the successor province.
        settings.put("home_unit_code", units.SUCCESSOR_PROVINCE[0], DEMO_USER)
        # ...and the office that issues today's reports and certificates is that province's.
        province_name = units.SUCCESSOR_PROVINCE[1]
        for key, value in {
            "place": province_name,
            "issuer_parent": f"CÔNG AN TỈNH {province_name.upper()}",
            "authority": f"GIÁM ĐỐC CÔNG AN TỈNH {province_name.upper()}",
        }.items():
            settings.put(key, value, DEMO_USER)
    return counts
