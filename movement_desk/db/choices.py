"""Fixed lists of choices, stored as their English key and shown with their Vietnamese label."""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """An enum whose value is the stored key and which carries a Vietnamese and English label."""

    def __new__(cls, key: str, label: str, english: str):
        member = str.__new__(cls, key)
        member._value_ = key
        member.label = label
        member.english = english
        return member

    @classmethod
    def keys(cls) -> list[str]:
        return [member.value for member in cls]


class UnitKind(Choice):
    PROVINCE = ("tinh", "tỉnh", "province")
    CITY = ("thanh_pho", "thành phố", "city")
    DISTRICT = ("huyen", "huyện", "district")
    TOWN = ("thi_xa", "thị xã", "town")
    URBAN_DISTRICT = ("quan", "quận", "urban district")
    COMMUNE = ("xa", "xã", "commune")
    WARD = ("phuong", "phường", "ward")
    TOWNSHIP = ("thi_tran", "thị trấn", "township")
    SPECIAL_ZONE = ("dac_khu", "đặc khu", "special zone")
    # Residential areas (khu dân cư, TT 124/2021/TT-BCA art. 2): the level below the commune.
    HAMLET = ("thon", "thôn", "hamlet")
    VILLAGE = ("lang", "làng", "village")
    MOUNTAIN_VILLAGE = ("ban", "bản", "mountain village")
    SOUTHERN_HAMLET = ("ap", "ấp", "southern hamlet")
    HIGHLAND_VILLAGE = ("buon", "buôn", "highland village")
    NEIGHBOURHOOD = ("khom", "khóm", "neighbourhood")
    RESIDENTIAL_GROUP = ("to_dan_pho", "tổ dân phố", "residential group")
    QUARTER = ("khu_pho", "khu phố", "quarter")
    RESIDENTIAL_AREA = ("khu_dan_cu", "khu dân cư", "residential area")


class OrganizerKind(Choice):
    POLICE = ("police", "Công an", "police")
    FATHERLAND_FRONT = ("fatherland_front", "Mặt trận Tổ quốc", "Fatherland Front")
    ASSOCIATION = ("association", "Đoàn thể, hội", "association")
    DEPARTMENT = ("department", "Sở, ngành", "department")
    AGENCY = ("agency", "Cơ quan", "agency")
    ENTERPRISE = ("enterprise", "Doanh nghiệp", "enterprise")
    SCHOOL = ("school", "Nhà trường", "school")
    OTHER = ("other", "Khác", "other")


class SessionKind(Choice):
    LAUNCH = ("launch", "Phát động", "launch")
    PROPAGANDA = ("propaganda", "Tuyên truyền", "propaganda")
    FESTIVAL = ("festival", "Ngày hội toàn dân bảo vệ ANTQ", "national security festival")
    PLEDGE = ("pledge", "Ký kết giao ước thi đua", "pledge signing")
    DIALOGUE = ("dialogue", "Đối thoại với Nhân dân", "dialogue with residents")
    OTHER = ("other", "Khác", "other")


class ModelCategory(Choice):
    SELF_MANAGEMENT = (
        "self_management",
        "Tự quản về an ninh, trật tự",
        "self-managed security group",
    )
    THREE_NO = ("three_no", "Khu dân cư “3 không”", "“3 không” residential area")
    CAMERA = ("camera", "Camera an ninh", "security camera")
    STREET_PROTECTION = ("street_protection", "Ban bảo vệ dân phố", "street-protection board")
    SECURITY_TEAM = (
        "security_team",
        "Tổ bảo vệ an ninh, trật tự ở cơ sở",
        "grassroots security team",
    )
    SCHOOL_ENTERPRISE = (
        "school_enterprise",
        "Cơ quan, doanh nghiệp, nhà trường",
        "agency, enterprise, school",
    )
    OTHER = ("other", "Khác", "other")


class ModelStatus(Choice):
    ACTIVE = ("active", "Đang hoạt động", "active")
    SUSPENDED = ("suspended", "Tạm ngừng", "suspended")
    DISSOLVED = ("dissolved", "Giải thể", "dissolved")


class CommendationForm(Choice):
    CERTIFICATE_OF_MERIT = ("giay_khen", "Giấy khen", "certificate of merit")
    CERTIFICATE_OF_COMMENDATION = ("bang_khen", "Bằng khen", "certificate of commendation")
    COMMEMORATIVE_MEDAL = ("ky_niem_chuong", "Kỷ niệm chương", "commemorative medal")
    EMULATION_TITLE = ("danh_hieu", "Danh hiệu thi đua", "emulation title")


EMULATION_TITLES = (
    "Chiến sĩ thi đua cơ sở",
    "Chiến sĩ tiên tiến",
    "Lao động tiên tiến",
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Đơn vị quyết thắng",
    "Đơn vị tiên tiến",
)


class RecipientKind(Choice):
    INDIVIDUAL = ("individual", "Cá nhân", "individual")
    COLLECTIVE = ("collective", "Tập thể", "collective")
    HOUSEHOLD = ("household", "Hộ gia đình", "household")


class SignerPrefix(Choice):
    NONE = ("", "(không)", "(none)")
    ON_BEHALF = ("KT.", "KT.", "KT. (signing for)")
    FOR_COLLECTIVE = ("TM.", "TM.", "TM. (on behalf of the body)")
    ACTING = ("Q.", "Q.", "Q. (acting)")
    BY_ORDER = ("TL.", "TL.", "TL. (by order)")


class RatingSubject(Choice):
    """What a "An toàn về an ninh, trật tự" rating is about (TT 124/2021/TT-BCA art. 1)."""

    RESIDENTIAL_AREA = ("residential_area", "Khu dân cư", "residential area")
    COMMUNE = ("commune", "Xã, phường, đặc khu", "commune")
    AGENCY = ("agency", "Cơ quan", "agency")
    ENTERPRISE = ("enterprise", "Doanh nghiệp", "enterprise")
    SCHOOL = ("school", "Cơ sở giáo dục", "school")


class OrganisationKind(Choice):
    """An organisation rated under TT 124/2021/TT-BCA."""

    AGENCY = ("agency", "Cơ quan", "agency")
    ENTERPRISE = ("enterprise", "Doanh nghiệp", "enterprise")
    SCHOOL = ("school", "Cơ sở giáo dục", "school")


class ManagingLevel(Choice):
    """Which level of government manages an organisation (and so recognises it)."""

    COMMUNE = ("commune", "Cấp xã", "commune level")
    DISTRICT = ("district", "Cấp huyện", "district level")
    PROVINCE = ("province", "Cấp tỉnh", "province level")
    CENTRAL = ("central", "Trung ương", "central level")


class RatingResult(Choice):
    PENDING = ("pending", "Chưa đánh giá", "not yet evaluated")
    PASSED = ("dat", "Đạt", "passed")
    FAILED = ("khong_dat", "Không đạt", "not passed")


class PledgeOutcome(Choice):
    PENDING = ("pending", "Chưa đánh giá", "not yet assessed")
    MET = ("dat", "Đạt", "met")
    NOT_MET = ("khong_dat", "Không đạt", "not met")
