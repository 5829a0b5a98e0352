"""The web fetcher against a real HTTP server on 127.0.0.1 serving listing pages, reports and misbehaviour."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from pipeline.settings import PROJECT_ROOT
from pipeline.sources.drop_folder import scan
from pipeline.sources.web.fetch import fetch_web_sources
from pipeline.sources.web.results import FetchRun
from pipeline.sources_file import FetchSettings, SourcesConfig, WebSource
from tests.web_site import (  # noqa: F401
    ERROR_PAGE,
    Site,
    in_turn,
    late,
    listing,
    redirect,
    site,
    static,
    status,
    streamed,
)

PDF_2022 = b"%PDF-1.4\n% 2022 final account of the industry bureau\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
PDF_2023 = b"%PDF-1.4\n% 2023 final account of the industry bureau\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
MB = 1024 * 1024

# Short limits keep every failure case under a second or two.
FAST = FetchSettings(
    connect_timeout_s=2,
    read_timeout_s=1.0,
    max_download_s=2.0,
    retries=2,
    backoff_factor_s=0.01,
    min_interval_per_host_s=0,
    max_file_mb=1,
)

def source(site: Site, **overrides: object) -> WebSource:
    fields = {
        "name": "xinglongtai-gongxin",
        "listing_url": site.url("/list/index.html"),
        "link_text": "决算|预算",
        "region": "辽宁省盘锦市兴隆台区",
        "department": "工业和信息化局",
    }
    return WebSource.model_validate({**fields, **overrides})


def fetch(raw: Path, *sources: WebSource, settings: FetchSettings = FAST) -> FetchRun:
    return fetch_web_sources(SourcesConfig(fetch=settings, web_sources=list(sources)), raw)


def reasons(problems: list) -> list[tuple[str, str]]:
    return [(problem.url.rsplit("/", 1)[-1], problem.reason) for problem in problems]


def snapshot(raw: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(raw).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in raw.rglob("*")
        if p.is_file()
    }


def test_discovers_report_links_stores_them_by_content_with_provenance_and_the_scanner_sees_only_reports(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/list/index.html"] = listing(
        ("../files/2022.pdf", "兴隆台区工信局2022年度部门决算"),
        ("/about.html", "关于我们"),
        ("/files/2023.pdf", "2023年部门预算"),
    )
    site.routes["/files/2022.pdf"] = static(
        PDF_2022, etag='"v1"', Content_Disposition='attachment; filename="2022.pdf"'
    )
    site.routes["/files/2023.pdf"] = static(PDF_2023, Last_Modified="Wed, 01 Mar 2023 08:00:00 GMT")
    raw = tmp_path / "raw"

    run = fetch(raw, source(site))

    assert run.failed == [] and run.refused == []
    assert run.discovered == [site.url("/files/2022.pdf"), site.url("/files/2023.pdf")]
    host = f"127.0.0.1_{site.base.rsplit(':', 1)[1]}"
    sha = hashlib.sha256(PDF_2022).hexdigest()
    assert {stored.path for stored in run.downloaded} == {
        f"web/{host}/{sha[:16]}.pdf",
        f"web/{host}/{hashlib.sha256(PDF_2023).hexdigest()[:16]}.pdf",
    }
    assert (raw / f"web/{host}/{sha[:16]}.pdf").read_bytes() == PDF_2022
    sidecar = json.loads((raw / f"web/{host}/.{sha[:16]}.pdf.source.json").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == sha and sidecar["size_bytes"] == len(PDF_2022)
    (provenance,) = sidecar["fetches"]
    assert provenance["url"] == site.url("/files/2022.pdf")
    assert provenance["found_on"] == site.url("/list/index.html")
    assert provenance["http_status"] == 200 and provenance["headers"]["ETag"] == '"v1"'
    assert provenance["original_name"] == "2022.pdf" and provenance["department"] == "工业和信息化局"
    assert provenance["fetched_at"].endswith("+00:00")

    files = scan(raw)
    assert sorted(files["source_path"]) == sorted(stored.path for stored in run.downloaded)
    assert set(files["document_sha256"]) == {sha, hashlib.sha256(PDF_2023).hexdigest()}


def test_a_second_run_asks_conditionally_downloads_nothing_and_changes_nothing(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/list/index.html"] = listing(
        ("/files/2022.pdf", "2022年度部门决算"), ("/files/2023.pdf", "2023年部门决算")
    )
    site.routes["/files/2022.pdf"] = static(PDF_2022, etag='"v1"')
    # This server ignores conditional requests: the same bytes again must still count as unchanged.
    site.routes["/files/2023.pdf"] = static(PDF_2023)
    raw = tmp_path / "raw"
    assert len(fetch(raw, source(site)).downloaded) == 2
    before = snapshot(raw)

    again = fetch(raw, source(site))

    assert again.downloaded == [] and again.failed == []
    assert sorted(again.unchanged) == [site.url("/files/2022.pdf"), site.url("/files/2023.pdf")]
    assert site.requests_for("/files/2022.pdf")[-1]["If-None-Match"] == '"v1"'
    assert snapshot(raw) == before


def test_an_updated_file_is_stored_under_its_new_sha_beside_the_old_one(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/files/final.pdf", "部门决算"))
    site.routes["/files/final.pdf"] = static(PDF_2022, etag='"v1"')
    raw = tmp_path / "raw"
    (first,) = fetch(raw, source(site)).downloaded

    site.routes["/files/final.pdf"] = static(PDF_2023, etag='"v2"')
    (second,) = fetch(raw, source(site)).downloaded

    assert second.sha256 == hashlib.sha256(PDF_2023).hexdigest() != first.sha256
    assert (raw / first.path).read_bytes() == PDF_2022 and (raw / second.path).read_bytes() == PDF_2023
    sidecar = json.loads((raw / second.path).with_name(f".{Path(second.path).name}.source.json").read_text())
    assert sidecar["fetches"][0]["previous_sha256"] == first.sha256
    assert fetch(raw, source(site)).downloaded == []


def test_pagination_by_next_link_and_by_page_template(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/files/a.pdf", "2022年部门决算"), ("index_1.html", "下一页"))
    site.routes["/list/index_1.html"] = listing(
        ("/files/b.pdf", "2021年部门决算"), ("index_2.html", "下一页")
    )
    site.routes["/list/index_2.html"] = listing(("/files/c.pdf", "2020年部门决算"), ("index.html", "首页"))
    for name, body in (("a", PDF_2022), ("b", PDF_2023), ("c", PDF_2022 + b"c")):
        site.routes[f"/files/{name}.pdf"] = static(body)

    by_link = fetch(tmp_path / "a", source(site, pagination={"next_link_text": "下一页", "max_pages": 5}))
    assert [url.rsplit("/", 1)[-1] for url in by_link.discovered] == ["a.pdf", "b.pdf", "c.pdf"]
    assert by_link.failed == []

    # Pages past the last answer 404: the normal end of a numbered listing, not a failure.
    template = {
        "url_template": site.url("/list/index_{page}.html"),
        "first_templated_page": 1,
        "max_pages": 9,
    }
    by_template = fetch(tmp_path / "b", source(site, name="numbered", pagination=template))
    assert [url.rsplit("/", 1)[-1] for url in by_template.discovered] == ["a.pdf", "b.pdf", "c.pdf"]
    assert by_template.failed == []
    assert site.requests_for("/list/index_3.html") and not site.requests_for("/list/index_4.html")

    capped = fetch(tmp_path / "c", source(site, pagination={"next_link_text": "下一页", "max_pages": 2}))
    assert len(capped.discovered) == 2


def test_http_errors_and_a_retried_500(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(
        ("/files/gone.pdf", "2021年部门决算"), ("/files/flaky.pdf", "2022年部门决算")
    )
    site.routes["/files/flaky.pdf"] = in_turn(status(500), status(503), static(PDF_2022))

    run = fetch(tmp_path / "raw", source(site))

    assert reasons(run.failed) == [("gone.pdf", "http_404")]
    assert [stored.url for stored in run.downloaded] == [site.url("/files/flaky.pdf")]
    assert len(site.requests_for("/files/flaky.pdf")) == 3

    site.routes["/files/down.pdf"] = status(500)
    site.routes["/list/index.html"] = listing(("/files/down.pdf", "2023年部门决算"))
    down = fetch(tmp_path / "raw", source(site))
    assert reasons(down.failed) == [("down.pdf", "http_500")]
    assert len(site.requests_for("/files/down.pdf")) == 1 + FAST.retries


def test_a_timeout_and_a_slow_drip_fail_without_leaving_partial_files(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(
        ("/files/silent.pdf", "2022年部门决算"), ("/files/drip.pdf", "2023年部门决算")
    )
    site.routes["/files/silent.pdf"] = late(FAST.read_timeout_s * 3, static(PDF_2022))
    # 16 bytes every 0.1 s: each read well within the read timeout, the whole download never in time.
    site.routes["/files/drip.pdf"] = streamed(
        site, "/files/drip.pdf", b"%PDF-1.4\n", MB // 2, True, pause_s=0.1
    )
    raw = tmp_path / "raw"

    started = time.monotonic()
    run = fetch(raw, source(site))

    assert reasons(run.failed) == [("silent.pdf", "timeout"), ("drip.pdf", "too_slow")]
    assert time.monotonic() - started < 20
    assert site.body_bytes_sent("/files/drip.pdf") < MB // 2
    assert [p for p in raw.rglob("*") if p.is_file() and p.parent.name != ".web"] == []


def test_a_long_retry_after_is_cut_to_a_share_of_the_download_limit(site: Site, tmp_path: Path) -> None:
    settings = FAST.model_copy(update={"max_download_s": 3.0, "retries": 3})
    site.routes["/list/index.html"] = listing(("/files/busy.pdf", "2022年部门决算"))
    # Unavailable for good, and each time asking to come back in 40 s.
    site.routes["/files/busy.pdf"] = status(503, Retry_After="40")

    started = time.monotonic()
    run = fetch(tmp_path / "raw", source(site), settings=settings)
    elapsed = time.monotonic() - started

    # Three waits of 3 s / 4: the last answer comes within the limit, and it is the server's own.
    assert reasons(run.failed) == [("busy.pdf", "http_503")]
    assert len(site.requests_for("/files/busy.pdf")) == 1 + settings.retries
    # Retry-After still obeyed (the backoff alone is 0.03 s), only shortened.
    assert 2.0 <= elapsed < settings.max_download_s + 2


def test_backoff_waits_no_longer_than_max_retry_wait_s(site: Site, tmp_path: Path) -> None:
    # Uncapped, the second retry would come 60 s after the first.
    settings = FAST.model_copy(
        update={"backoff_factor_s": 30.0, "max_retry_wait_s": 0.5, "max_download_s": 100.0}
    )
    site.routes["/list/index.html"] = listing(("/files/down.pdf", "2022年部门决算"))
    site.routes["/files/down.pdf"] = status(500)

    started = time.monotonic()
    run = fetch(tmp_path / "raw", source(site), settings=settings)

    assert reasons(run.failed) == [("down.pdf", "http_500")]
    assert len(site.requests_for("/files/down.pdf")) == 1 + settings.retries
    assert time.monotonic() - started < 5


def test_the_download_limit_counts_from_before_the_request_and_says_what_took_the_time(
    site: Site, tmp_path: Path
) -> None:
    settings = FAST.model_copy(update={"read_timeout_s": 5.0, "max_download_s": 1.0})
    site.routes["/list/index.html"] = listing(("/files/late.pdf", "2022年部门决算"))
    # Two refusals, then a whole report, its headers held back: the body alone would be quick.
    site.routes["/files/late.pdf"] = in_turn(
        status(503, Retry_After="1"), status(503, Retry_After="1"), late(1.2, static(PDF_2022))
    )

    run = fetch(tmp_path / "raw", source(site), settings=settings)

    (problem,) = run.failed
    assert (problem.url, problem.reason) == (site.url("/files/late.pdf"), "too_slow")
    assert "and 2 retries (HTTP 503, HTTP 503), past the download limit of 1 s" in problem.message
    assert problem.message.endswith("the body was not read")
    assert len(site.requests_for("/files/late.pdf")) == 3 and run.downloaded == []


def test_a_redirect_loop_is_its_own_reason(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/files/loop.pdf", "2022年部门决算"))
    site.routes["/files/loop.pdf"] = redirect("/files/loop.pdf")

    run = fetch(tmp_path / "raw", source(site))

    (problem,) = run.failed
    assert (problem.url, problem.reason) == (site.url("/files/loop.pdf"), "redirect_loop")
    assert problem.message.startswith(f"{site.url('/files/loop.pdf')}: still redirected after 30 redirects")
    assert len(site.requests_for("/files/loop.pdf")) == 31


def test_the_command_line_prints_the_counts_and_each_refused_or_failed_url(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/list/index.html"] = listing(
        ("/files/gone.pdf", "2021年部门决算"),
        ("/files/page.pdf", "2022年部门决算"),
        ("/files/loop.pdf", "2023年部门决算"),
    )
    site.routes["/files/page.pdf"] = static(ERROR_PAGE, "application/pdf")
    site.routes["/files/loop.pdf"] = redirect("/files/loop.pdf")
    # Nothing is downloaded, so the run ends after the fetch: an empty drop folder has nothing to ingest.
    raw = tmp_path / "raw"
    raw.mkdir()
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"drop_folder: {raw}\n"
        "fetch: {min_interval_per_host_s: 0, retries: 0}\n"
        "web_sources:\n"
        f"  - {{name: gongxin, listing_url: '{site.url('/list/index.html')}', link_text: 决算}}\n",
        encoding="utf-8",
    )

    args = ("--raw", str(raw), "--warehouse", str(tmp_path / "w.duckdb"))
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", *args],
        cwd=PROJECT_ROOT, env={**os.environ, "FISCAL_SOURCES": str(sources)}, capture_output=True, text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "fetched: 3 discovered, 0 downloaded, 0 unchanged, 1 refused, 2 failed" in lines
    problems = [line for line in lines if line.startswith("  gongxin: ")]
    assert [line.split(" — ")[0] for line in problems] == [
        f"  gongxin: failed http_404 {site.url('/files/gone.pdf')}",
        f"  gongxin: failed redirect_loop {site.url('/files/loop.pdf')}",
        f"  gongxin: refused html_instead_of_document {site.url('/files/page.pdf')}",
    ]
    assert problems[0].endswith(" — HTTP 404") and "30 redirects" in problems[1] and ".pdf" in problems[2]


def test_oversize_files_are_refused_without_reading_them_into_memory(site: Site, tmp_path: Path) -> None:
    size = 200 * MB
    site.routes["/list/index.html"] = listing(
        ("/files/announced.pdf", "2022年部门决算"), ("/files/unannounced.pdf", "2023年部门决算")
    )
    site.routes["/files/announced.pdf"] = streamed(site, "/files/announced.pdf", b"%PDF-1.4\n", size, True)
    site.routes["/files/unannounced.pdf"] = streamed(
        site, "/files/unannounced.pdf", b"%PDF-1.4\n", size, False
    )
    raw = tmp_path / "raw"

    tracemalloc.start()
    try:
        run = fetch(raw, source(site))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert reasons(run.refused) == [("announced.pdf", "too_large"), ("unannounced.pdf", "too_large")]
    assert peak < 8 * MB
    # The server got to send at most the limit plus what the socket buffers held before the client hung up.
    assert site.body_bytes_sent("/files/unannounced.pdf") < 32 * MB
    assert not any(p.is_file() for p in (raw / "web").rglob("*"))


def test_an_html_page_served_as_pdf_is_refused_with_a_reason(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/files/report.pdf", "2022年部门决算"))
    site.routes["/files/report.pdf"] = static(ERROR_PAGE, "application/pdf")

    run = fetch(tmp_path / "raw", source(site))

    assert reasons(run.refused) == [("report.pdf", "html_instead_of_document")]
    assert ".pdf" in run.refused[0].message
    assert run.downloaded == []


def test_a_listing_whose_layout_changed_is_an_error_not_an_empty_success(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/news/1.html", "领导调研"), ("/news/2.html", "工作动态"))

    run = fetch(tmp_path / "raw", source(site))

    assert reasons(run.failed) == [("index.html", "listing_changed")]
    assert not run.ok

    site.routes["/list/index.html"] = status(404)
    gone = fetch(tmp_path / "raw", source(site))
    assert reasons(gone.failed) == [("index.html", "http_404")]


def test_redirects_are_followed_and_recorded(site: Site, tmp_path: Path) -> None:
    site.routes["/list/index.html"] = listing(("/download?id=7", "2022年部门决算"))
    site.routes["/download?id=7"] = redirect("/attachments/2022/real%20name.pdf")
    site.routes["/attachments/2022/real%20name.pdf"] = static(PDF_2022)
    raw = tmp_path / "raw"

    (stored,) = fetch(raw, source(site)).downloaded

    (provenance,) = json.loads(
        (raw / stored.path).with_name(f".{Path(stored.path).name}.source.json").read_text()
    )["fetches"]
    assert provenance["url"] == site.url("/download?id=7")
    assert provenance["final_url"] == site.url("/attachments/2022/real%20name.pdf")
    assert provenance["redirects"] == [{"url": site.url("/download?id=7"), "http_status": 302}]
    assert provenance["original_name"] == "real name.pdf"


def test_a_detail_page_is_kept_and_its_attachments_fetched(site: Site, tmp_path: Path) -> None:
    detail = "<html><body><p>2022年部门决算公开</p><a href='/up/att.pdf'>附件：决算表</a></body></html>"
    site.routes["/list/index.html"] = listing(("/art/2022.html", "2022年部门决算公开"))
    site.routes["/art/2022.html"] = static(detail.encode(), "text/html; charset=utf-8", etag='"d1"')
    site.routes["/up/att.pdf"] = static(PDF_2022)
    raw = tmp_path / "raw"

    run = fetch(raw, source(site))

    assert sorted(Path(stored.path).suffix for stored in run.downloaded) == [".html", ".pdf"]
    assert run.discovered == [site.url("/art/2022.html"), site.url("/up/att.pdf")]
    # On the next run the detail page answers 304 and its stored copy still leads to the attachment.
    again = fetch(raw, source(site))
    assert again.downloaded == [] and sorted(again.unchanged) == sorted(run.discovered)


def test_hostile_file_names_never_become_paths(site: Site, tmp_path: Path) -> None:
    gbk_name = "../../etc/兴隆台 决算\u0007.pdf".encode("gbk").decode("latin-1")
    site.routes["/list/index.html"] = listing(
        ("/files/a.pdf", "2022年部门决算"), ("/files/%2E%2E%2F%2E%2E%2Fx%FF%FE%20y.pdf", "2021年部门决算")
    )
    site.routes["/files/a.pdf"] = static(PDF_2022, Content_Disposition=f'attachment; filename="{gbk_name}"')
    # requests decodes the unreserved %2E; the encoded slashes reach the server as they were.
    site.routes["/files/..%2F..%2Fx%FF%FE%20y.pdf"] = static(PDF_2023)
    raw = tmp_path / "raw"

    run = fetch(raw, source(site))

    assert run.failed == [] and len(run.downloaded) == 2
    names = [
        json.loads(p.read_text(encoding="utf-8"))["fetches"][0]["original_name"]
        for p in sorted(raw.rglob(".*.source.json"))
    ]
    assert sorted(names) == sorted(["兴隆台 决算.pdf", "x\ufffd\ufffd y.pdf"])
    assert {p.parent for p in raw.rglob("*.pdf")} == {
        raw / "web" / f"127.0.0.1_{site.base.rsplit(':', 1)[1]}"
    }
    assert list(tmp_path.glob("etc*")) == [] and not (raw.parent / "x").exists()


def test_the_same_bytes_under_two_urls_are_one_file_with_two_provenance_records(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/list/index.html"] = listing(
        ("/a/2022.pdf", "2022年部门决算"), ("/b/copy.pdf", "2022年部门决算（重发）")
    )
    site.routes["/a/2022.pdf"] = static(PDF_2022)
    site.routes["/b/copy.pdf"] = static(PDF_2022)
    raw = tmp_path / "raw"

    run = fetch(raw, source(site))

    (stored,) = run.downloaded
    assert run.unchanged == [site.url("/b/copy.pdf")]
    sidecar = json.loads((raw / stored.path).with_name(f".{Path(stored.path).name}.source.json").read_text())
    assert [record["url"] for record in sidecar["fetches"]] == [
        site.url("/a/2022.pdf"),
        site.url("/b/copy.pdf"),
    ]
    assert [p.name for p in raw.rglob("*.pdf")] == [Path(stored.path).name]
