import pytest

from pipeline.sources.web.filenames import original_name, safe_name


def _raw(text: str, encoding: str) -> str:
    """A header value as http.client hands it over: the bytes read as latin-1."""
    return text.encode(encoding).decode("latin-1")


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        (f'attachment; filename="{_raw("兴隆台区2022年决算.pdf", "gbk")}"', "兴隆台区2022年决算.pdf"),
        (f'attachment; filename="{_raw("兴隆台区2022年决算.pdf", "utf-8")}"', "兴隆台区2022年决算.pdf"),
        ("attachment; filename*=UTF-8''%E5%86%B3%E7%AE%97%20%E8%A1%A8.xlsx", "决算 表.xlsx"),
        ('attachment; filename="%E5%86%B3%E7%AE%97.pdf"', "决算.pdf"),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ('attachment; filename="..\\\\..\\\\win.ini"', "win.ini"),
        ('attachment; filename="a\x07\x1b[31mb.pdf"', "a[31mb.pdf"),
        ('attachment; filename="\xff\xfe.pdf"', "\ufffd\ufffd.pdf"),
    ],
)
def test_announced_names_are_decoded_and_reduced_to_one_harmless_component(
    disposition: str, expected: str
) -> None:
    assert original_name("https://h/download?id=1", disposition) == expected


def test_without_an_announced_name_the_url_segment_is_used() -> None:
    assert original_name("https://h/up/%E9%83%A8%E9%97%A8%20%E5%86%B3%E7%AE%97.pdf", None) == "部门 决算.pdf"
    assert original_name("https://h/up/%D0%C2.pdf", None) == "新.pdf"  # GBK percent-encoded
    assert original_name("https://h/up/..%2F..%2Fx.pdf", 'attachment; filename=""') == "x.pdf"
    assert original_name("https://h/", None) is None


def test_safe_name_leaves_nothing_that_could_be_a_path() -> None:
    assert safe_name("../..") is None
    assert safe_name(" . ") is None
    assert len(safe_name("名" * 400) or "") == 255
