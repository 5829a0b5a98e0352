import random

import pytest

from pipeline.parse.text.decode import decode_report
from pipeline.quarantine import UnreadableDocument

from .documents import TRADITIONAL, seed_text

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



def test_big5_text_is_undecodable_with_its_encoding_named_not_read_as_gb18030_mojibake():
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030") != TRADITIONAL  # GB18030 takes the bytes, as other characters
    with pytest.raises(UnreadableDocument) as raised:
        decode_report(data)
    assert raised.value.reason_code == "undecodable"
    assert raised.value.reason.startswith("the text appears to be Big5 (traditional Chinese)")
    assert "UTF-8" in raised.value.reason and "GB18030" in raised.value.reason


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_traditional_characters_in_a_readable_encoding_are_read(encoding):
    assert decode_report(TRADITIONAL.encode(encoding)).text == TRADITIONAL


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        ("令和4年度の決算報告書について説明します。収入の合計は423万円で、前年度と比べて減少しました。" * 5, "shift_jis",
         "Shift_JIS or EUC-JP (Japanese)"),
        ("2022년도 부서 결산 상황 설명. 수입 총계는 423.59만 위안입니다. " * 5, "euc_kr", "EUC-KR (Korean)"),
        (REPORT * 10, "utf-16", "UTF-16"),
    ],
)
def test_text_in_another_encoding_is_undecodable_and_named(text, encoding, named):
    with pytest.raises(UnreadableDocument) as raised:
        decode_report(text.encode(encoding))
    assert raised.value.reason_code == "undecodable"
    assert named in raised.value.reason
