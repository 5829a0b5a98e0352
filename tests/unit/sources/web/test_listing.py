from pipeline.sources.web.listing import Link, attachment_links, next_page_url, page_links, report_links

BASE = "https://www.example.gov.cn/xxgk/czyjs/index.html"


def test_links_are_absolute_deduplicated_and_keep_their_text() -> None:
    page = """<html><body>
      <a href="./2022/t1.html#top">  2022年度
         部门决算 </a>
      <a href="/files/a.pdf" title="2021年部门预算"><img src="x.png"></a>
      <a href="./2022/t1.html">again</a>
      <a href="javascript:void(0)">展开</a><a href="mailto:x@example.gov.cn">联系</a><a>no href</a>
    </body></html>"""
    assert page_links(page.encode(), BASE) == [
        Link("https://www.example.gov.cn/xxgk/czyjs/2022/t1.html", "2022年度 部门决算"),
        Link("https://www.example.gov.cn/files/a.pdf", "2021年部门预算"),
    ]


def test_a_base_tag_and_a_gbk_page_are_honoured() -> None:
    page = '<html><head><base href="https://cdn.example.gov.cn/up/"></head><body><a href="b.pdf">部门决算</a>'
    (link,) = page_links(page.encode("gbk"), BASE, encoding="gbk")
    assert link == Link("https://cdn.example.gov.cn/up/b.pdf", "部门决算")

    meta = '<html><head><meta charset="gb2312"></head><body><a href="c.pdf">部门预算公开</a></body></html>'
    assert page_links(meta.encode("gbk"), BASE)[0].text == "部门预算公开"


def test_report_links_match_every_given_pattern() -> None:
    links = [
        Link("https://h/a.pdf", "2022年部门决算"),
        Link("https://h/b.html", "2022年部门决算"),
        Link("https://h/c.pdf", "领导讲话"),
    ]
    assert report_links(links, "决算", None) == links[:2]
    assert report_links(links, None, r"\.pdf$") == [links[0], links[2]]
    assert report_links(links, "决算", r"\.pdf$") == [links[0]]


def test_next_page_and_attachments() -> None:
    links = [
        Link("https://h/list/index_1.html", "下一页"),
        Link("https://h/up/%E5%86%B3%E7%AE%97.PDF", "附件"),
        Link("https://h/up/t.xlsx?v=2", "表"),
        Link("https://h/art/1.html", "正文"),
    ]
    assert next_page_url(links, "下一页|下页") == "https://h/list/index_1.html"
    assert next_page_url(links, "尾页") is None
    assert [link.url for link in attachment_links(links)] == [
        "https://h/up/%E5%86%B3%E7%AE%97.PDF",
        "https://h/up/t.xlsx?v=2",
    ]
