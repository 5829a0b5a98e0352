import pytest

from pipeline.sources.web.sniff import Promise, Refusal, charset, extension_for

PDF = b"%PDF-1.7\n..."
ZIP = b"PK\x03\x04\x14\x00"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"
HTML = b"\xef\xbb\xbf\r\n  <!DOCTYPE html><html><body>404</body></html>"


def test_the_promise_comes_from_the_name_then_the_url_then_the_content_type() -> None:
    assert Promise.of("https://h/d?id=1", "application/octet-stream", "决算.XLSX").extension == "xlsx"
    assert Promise.of("https://h/files/%E5%86%B3.doc", None, None).extension == "doc"
    assert Promise.of("https://h/d?id=1", "application/pdf; charset=binary", None).extension == "pdf"
    assert Promise.of("https://h/art/1.htm", "text/html", None).extension == "html"
    assert Promise.of("https://h/d?id=1", None, None).extension is None


@pytest.mark.parametrize(
    ("head", "promised", "extension"),
    [
        (PDF, "pdf", "pdf"),
        (PDF, None, "pdf"),
        (ZIP, "docx", "docx"),
        (ZIP, "xlsx", "xlsx"),
        (OLE, "xls", "xls"),
        (OLE, "doc", "doc"),
        (HTML, "html", "html"),
        (HTML, None, "html"),
        ("<script>var x;</script><div>2022年部门决算</div>".encode(), "html", "html"),
    ],
)
def test_the_stored_extension_follows_the_bytes(head: bytes, promised: str | None, extension: str) -> None:
    assert extension_for(head, Promise(promised)) == extension


@pytest.mark.parametrize(
    ("head", "promised", "reason"),
    [
        (HTML, "pdf", "html_instead_of_document"),
        (b"<html><title>login</title>", "xlsx", "html_instead_of_document"),
        (b"\x00\x01garbage", "pdf", "unrecognised_content"),
        (ZIP, None, "unrecognised_content"),
        (OLE, "docx", "unrecognised_content"),
        (b"", "pdf", "unrecognised_content"),
    ],
)
def test_content_that_breaks_the_promise_is_refused(head: bytes, promised: str | None, reason: str) -> None:
    with pytest.raises(Refusal) as refused:
        extension_for(head, Promise(promised))
    assert refused.value.reason == reason


def test_only_a_declared_charset_counts() -> None:
    assert charset("text/html; charset=GBK") == "gbk"
    assert charset("text/html") is None
    assert charset(None) is None
