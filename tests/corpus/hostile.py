"""Hostile documents, generated small: inputs that once made a reader quadratic, exhausted the memory or hid
behind a tiny file. Each generator takes the size that matters, so a test and ``benchmarks/readers.py`` can grow
it tenfold and watch the cost.

python -m tests.corpus.hostile DIR   writes one of each, at the sizes the issue reported, into DIR
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from pathlib import Path

_TITLE = "盘锦市兴隆台区工业和信息化局2022年度部门决算"


def nested_divs_html(depth: int) -> bytes:
    """A page whose body is ``depth`` nested ``<div>``: 200,000 of them (2.2 MB) once ran for hours."""
    body = "<div>" * depth + f"<p>{_TITLE}</p>" + "</div>" * depth
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def tag_flood_html(paragraphs: int) -> bytes:
    """A page of ``paragraphs`` tiny paragraphs: a few bytes each on disk, a kilobyte each as a parsed tree."""
    body = f"<p>{_TITLE}</p>" + "<p>一</p>" * paragraphs
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def long_sheet_xlsx(rows: int) -> bytes:
    """A workbook whose one sheet holds a 收入支出决算总表 title and ``rows`` rows of amounts."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    # A sheet's name stands in for the narrative's title: it names the year and the kind.
    sheet = workbook.create_sheet("2022年度部门决算公开01表")
    sheet.append(["收入支出决算总表"])
    sheet.append(["编制部门：盘锦市兴隆台区工业和信息化局", None, "单位：万元"])
    sheet.append(["项目", "决算数", "项目", "决算数"])
    for row in range(rows):
        sheet.append([f"收入项目{row}", row + 0.5, f"支出项目{row}", row + 0.25])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb_docx(expanded_bytes: int) -> bytes:
    """A DOCX whose ``word/document.xml`` inflates to ``expanded_bytes`` (blanks compress a thousandfold)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{_TITLE}</w:t></w:r></w:p>'
    ).encode()
    tail = b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            block = b" " * (1 << 20)
            written = len(head) + len(tail)
            while written < expanded_bytes:
                chunk = block[: expanded_bytes - written]
                part.write(chunk)
                written += len(chunk)
            part.write(tail)
    return out.getvalue()


_DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def stream_bomb_pdf(expanded_bytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``expanded_bytes`` of blanks."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    parts, left = [], expanded_bytes
    while left > 0:
        parts.append(compressor.compress(block[:left]))
        left -= len(block)
    stream = b"".join(parts) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "nested_divs.html").write_bytes(nested_divs_html(200_000))
    (out / "tag_flood.html").write_bytes(tag_flood_html(5_000_000))
    (out / "long_sheet.xlsx").write_bytes(long_sheet_xlsx(1_000_000))
    (out / "zip_bomb.docx").write_bytes(zip_bomb_docx(6 << 30))
    (out / "stream_bomb.pdf").write_bytes(stream_bomb_pdf(2 << 30))


if __name__ == "__main__":
    main(sys.argv[1])
