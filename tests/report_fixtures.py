"""A small hand-built data set for the report tests, entered through the services.

Thành phố Bắc Kạn (district 058) and one commune of Ba Bể (01891). The dates sit on the 14th
and 15th so that the decree rule (15th to 14th) and calendar months put them in different
periods. The expected figures are worked out by hand in the tests.
"""

from __future__ import annotations

from movement_desk.services.records import commendations, community_models, sessions


def session(day: str, unit: str, participants: int, tips: int, title: str, actor):
    return sessions.create_session(
        {
            "date": day,
            "unit_code": unit,
            "kind": "propaganda" if participants < 1000 else "launch",
            "organizer_kind": "police",
            "organizer_name": "Công an",
            "title": title,
            "participants": participants,
            "tips": tips,
        },
        actor,
    )


def model(name, model_type, unit, kind, established, members, actor, status="", status_date=""):
    return community_models.create_model(
        {
            "name": name,
            "model_type": model_type,
            "unit_code": unit,
            "managing_kind": kind,
            "managing_name": "",
            "established_on": established,
            "members": members,
            "status": status or "active",
            "status_date": status_date,
        },
        actor,
    )


def build(actor) -> None:
    # Sessions
    session("14/12/2023", "01834", 100, 1, "S1 ngày 14/12", actor)
    session("15/12/2023", "01834", 200, 2, "S2 ngày 15/12", actor)
    session("10/01/2024", "01837", 55_875, 527, "S3 phát động lớn", actor)
    session("14/01/2024", "01840", 300, 0, "S4 ngày 14/01", actor)
    session("15/01/2024", "01840", 400, 4, "S5 ngày 15/01", actor)
    session("20/01/2023", "01834", 1_000, 10, "S6 năm trước", actor)
    session("05/01/2023", "01891", 70, 7, "S7 Ba Bể năm trước", actor)
    gone = session("10/01/2024", "01834", 999, 9, "S8 đã xóa", actor)
    sessions.delete_session(gone.uuid, actor)
    session("10/01/2024", "01891", 50, 5, "S9 Ba Bể", actor)
    session("01/03/2024", "01834", 10, 0, "S10 tháng 3", actor)

    # Community models
    model("M1", "Tổ tự quản về an ninh, trật tự", "01834", "police", "01/06/2023", 10, actor)
    model("M2", "Ban bảo vệ dân phố", "01843", "police", "14/01/2024", 20, actor)
    model(
        "M3", "Tổ bảo vệ an ninh, trật tự ở cơ sở", "01846", "association", "15/01/2024", 4, actor
    )
    model(
        "M4",
        "Khu dân cư “3 không”",
        "01834",
        "fatherland_front",
        "01/01/2020",
        30,
        actor,
        "dissolved",
        "14/01/2024",
    )
    model(
        "M5", "Camera an ninh", "01837", "police", "01/01/2022", 2, actor, "suspended", "20/01/2024"
    )
    gone_model = model("M6", "Camera an ninh", "01834", "police", "01/01/2024", 99, actor)
    community_models.delete_model(gone_model.uuid, actor)

    # Commendations
    decision = {
        "decision_number": "12/QĐ-UBND",
        "decision_date": "10/01/2024",
        "form": "giay_khen",
        "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN",
        "unit_code": "058",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn An",
    }
    commendations.save_decision(
        decision,
        [
            {"recipient_kind": "individual", "recipient_name": "Hà Văn Bình", "unit_code": "01852"},
            {"recipient_kind": "collective", "recipient_name": "Thôn Nà Pài", "unit_code": "01852"},
            {"recipient_kind": "household", "recipient_name": "Hộ ông Lý", "unit_code": "01855"},
        ],
        actor,
    )
    commendations.save_decision(
        {
            **decision,
            "decision_number": "20/QĐ-CAT",
            "decision_date": "20/01/2024",
            "form": "bang_khen",
            "authority": "GIÁM ĐỐC CÔNG AN TỈNH BẮC KẠN",
            "unit_code": "06",
        },
        [{"recipient_kind": "individual", "recipient_name": "Lục Thị Mai", "unit_code": "01834"}],
        actor,
    )
