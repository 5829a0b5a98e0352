import random

import pytest

from pipeline.parse.decode import decode_report
from pipeline.parse.result import UnreadableDocument

from .documents import seed_text

REPORT = "2022年度部门决算情况说明\r\n一、收入支出决算总体情况说明\r\n收入总计423.59万元。" * 3


def test_utf8_with_and_without_bom_decode_to_the_same_text():
    plain = decode_report(REPORT.encode("utf-8"))
    with_bom = decode_report(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    assert plain == with_bom
    assert plain.encoding == "utf-8"
    assert not plain.text.startswith("\ufeff")


def test_gb18030_is_the_fallback_and_full_width_characters_stay():
    text = seed_text()
    decoded = decode_report(text.encode("gb18030"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == text
    assert "（一）收入总计423.59万元" in decoded.text


def test_crlf_and_lone_cr_become_lf_and_nothing_else_changes():
    decoded = decode_report(REPORT.replace("\r\n", "\r", 1).encode("utf-8"))
    assert "\r" not in decoded.text
    assert decoded.text == REPORT.replace("\r\n", "\n")


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u3000\n".encode("utf-8")])
def test_no_text_is_an_empty_file(data):
    with pytest.raises(UnreadableDocument) as raised:
        decode_report(data)
    assert raised.value.reason_code == "empty_file"


def test_random_binary_is_undecodable():
    data = random.Random(7).randbytes(4096)
    with pytest.raises(UnreadableDocument) as raised:
        decode_report(data)
    assert raised.value.reason_code == "undecodable"


def test_ascii_only_text_has_no_cjk():
    with pytest.raises(UnreadableDocument) as raised:
        decode_report(b"Annual final account 2022: income 423.59 (10k yuan)\n" * 20)
    assert raised.value.reason_code == "no_cjk_text"
