"""Small PDFs made on the fly for the tests: unreadable kinds and tiny reports (reportlab, STSong-Light)."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_pdf(lines: list[str], *, encrypt_with: str | None = None) -> bytes:
    buffer = io.BytesIO()
    encrypt = StandardEncryption(encrypt_with, ownerPassword=encrypt_with + "-owner") if encrypt_with else None
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    pdf.setFont(FONT, 11)
    y = A4[1] - 72
    for line in lines:
        if y < 72:
            pdf.showPage()
            pdf.setFont(FONT, 11)
            y = A4[1] - 72
        pdf.drawString(72, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


def image_only_pdf(pages: int = 2) -> bytes:
    """What a scanner produces: every page one picture, no text layer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    picture = Image.new("RGB", (200, 280), "white")
    for x in range(20, 180):
        picture.putpixel((x, 40), (0, 0, 0))
    for _ in range(pages):
        pdf.drawImage(ImageReader(picture), 36, 36, width=A4[0] - 72, height=A4[1] - 72)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


SEED_LIKE_REPORT = [
    "盘锦市兴隆台区工业和信息化局2022年度部门决算",
    "第二部分 2022年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "（一）收入总计423.59万元，包括：",
    "1.财政拨款收入423.59万元，占收入总计的100%。",
    "与上年相比，今年收入减少294.56万元，降低41.02%，主要原因：项目预算编制由经建科代编。",
    "（二）支出总计423.59万元，包括：",
    "1.基本支出169.49万元，占支出总计的40.01%。",
    "2.项目支出254.10万元，占支出总计的59.99%。",
]

NEWS = [
    "本报讯 昨日，市图书馆举办了读书分享会，数百名市民参加了活动。",
    "活动现场，读者们交流了阅读心得，气氛热烈，大家纷纷表示收获很大。",
]
