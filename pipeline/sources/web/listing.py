"""Links on a listing or detail page: which are reports, which leads to the next page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

# Attachments a detail page may carry; the report is often a PDF linked below a short announcement.
_ATTACHMENT_PATH = re.compile(r"\.(pdf|docx?|xlsx?|wps|et)$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without fragment
    text: str  # whitespace collapsed; the title attribute when the anchor has no text


def page_links(body: bytes, base_url: str, encoding: str | None = None) -> list[Link]:
    """Every followable ``<a href>`` in document order, each URL once (its first text wins)."""
    soup = BeautifulSoup(body, "html.parser", from_encoding=encoding)
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, base_tag["href"]) if base_tag else base_url
    seen: dict[str, Link] = {}
    for anchor in soup.find_all("a", href=True):
        url, _ = urldefrag(urljoin(base, anchor["href"].strip()))
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        text = " ".join(anchor.get_text(" ").split()) or " ".join(str(anchor.get("title", "")).split())
        seen[url] = Link(url, text)
    return list(seen.values())


def report_links(links: list[Link], link_text: str | None, link_url: str | None) -> list[Link]:
    return [
        link
        for link in links
        if (link_text is None or re.search(link_text, link.text))
        and (link_url is None or re.search(link_url, link.url))
    ]


def next_page_url(links: list[Link], next_link_text: str) -> str | None:
    return next((link.url for link in links if re.search(next_link_text, link.text)), None)


def attachment_links(links: list[Link]) -> list[Link]:
    return [link for link in links if _ATTACHMENT_PATH.search(urlsplit(link.url).path)]
