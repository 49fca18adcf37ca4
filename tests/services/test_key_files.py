"""Reading a public key file someone hands over: every way it can be wrong is named."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from movement_desk.services.core import signing

PUBLIC = (
    Ed25519PrivateKey.generate()
    .public_key()
    .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
)
GOOD = {
    "format": signing.KEY_FILE_FORMAT,
    "algorithm": signing.ALGORITHM,
    "public_key": signing.b64(PUBLIC),
    "key_id": signing.key_id_of(PUBLIC),
    "unit_code": "01834",
    "unit_name": "Phường Đức Xuân",
    "installation_id": "abc",
}


def test_a_good_key_file_is_read(tmp_path):
    path = tmp_path / "khoa.mdkey"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    read = signing.read_public_key_file(path)
    assert (read.key_id, read.public_raw, read.unit_code, read.unit_name) == (
        signing.key_id_of(PUBLIC),
        PUBLIC,
        "01834",
        "Phường Đức Xuân",
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "Không tìm thấy tệp khóa"),
        (b"x" * (signing.MAX_KEY_FILE + 1), "quá lớn để là tệp khóa công khai"),
        (b"\xff\xfe not text", "không phải tệp khóa công khai movement_desk"),
        (b"{not json", "không phải tệp khóa công khai movement_desk"),
        (json.dumps([GOOD]).encode(), "không phải tệp khóa công khai movement_desk"),
        (json.dumps({**GOOD, "format": "pgp"}).encode(), "không phải tệp khóa công khai"),
        (json.dumps({**GOOD, "algorithm": "rsa"}).encode(), "thuật toán “rsa” không dùng"),
        (json.dumps({**GOOD, "public_key": "ngắn"}).encode(), "trường “public_key”"),
        (json.dumps({**GOOD, "public_key": signing.b64(b"x" * 31)}).encode(), "“public_key”"),
        (json.dumps({**GOOD, "key_id": "AAAAAAAAAAAAAAAA"}).encode(), "không khớp với khóa"),
        (json.dumps({**GOOD, "unit_name": "x" * 301}).encode(), "“unit_name” không hợp lệ"),
        (json.dumps({**GOOD, "unit_code": 1834}).encode(), "“unit_code” không hợp lệ"),
    ],
    ids=[
        "missing",
        "too-big",
        "not-utf8",
        "not-json",
        "a-list",
        "format",
        "algorithm",
        "key-not-base64",
        "key-wrong-size",
        "key-id",
        "long-name",
        "code-not-text",
    ],
)
def test_a_wrong_key_file_is_refused_naming_what_is_wrong(tmp_path, content, said):
    path = tmp_path / "khoa.mdkey"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(signing.KeyFileError) as caught:
        signing.read_public_key_file(path)
    assert said in str(caught.value)
    if content is not None:
        assert "khoa.mdkey" in str(caught.value)
