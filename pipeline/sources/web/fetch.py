"""One fetch run: walk each web source's listing pages, fetch new or changed reports into the raw folder."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pipeline.sources.web.client import FetchError, HttpClient, Reply
from pipeline.sources.web.filenames import original_name
from pipeline.sources.web.listing import Link, attachment_links, next_page_url, page_links, report_links
from pipeline.sources.web.results import FetchRun, Problem, Stored
from pipeline.sources.web.sniff import SNIFF_BYTES, Promise, Refusal, charset, extension_for
from pipeline.sources.web.store import (
    WEB_DIR,
    FetchState,
    StagedFile,
    host_folder,
    sidecar_path,
    write_json,
)
from pipeline.sources_file import SourcesConfig, WebSource


def fetch_web_sources(config: SourcesConfig, raw_dir: Path) -> FetchRun:
    """Every source in turn; a source's failure is recorded in the result and the others still run."""
    run = FetchRun()
    state = FetchState(raw_dir)
    client = HttpClient(config.fetch)
    try:
        for source in config.web_sources:
            _SourceFetch(source, client, state, raw_dir, run).fetch()
    finally:
        client.close()
        state.save()
    return run


class _SourceFetch:
    def __init__(
        self, source: WebSource, client: HttpClient, state: FetchState, raw_dir: Path, run: FetchRun
    ):
        self.source = source
        self.client = client
        self.state = state
        self.raw_dir = raw_dir
        self.run = run
        self._seen: set[str] = set()

    def fetch(self) -> None:
        try:
            found = self._listing()
        except (FetchError, Refusal) as exc:
            self._fail(self.source.listing_url, exc.reason, f"listing page: {exc}")
            return
        if len(found) < self.source.min_links:
            self._fail(
                self.source.listing_url,
                "listing_changed",
                f"{len(found)} links matched link_text/link_url, expected at least {self.source.min_links}: "
                "has the listing page's layout changed?",
            )
        for link, page in found:
            self._discover(link.url)
            self._document(link.url, page, follow_attachments=True)

    def _listing(self) -> list[tuple[Link, str]]:
        """Report links of every listing page, each once, with the page it was found on."""
        pagination = self.source.pagination
        found: dict[str, tuple[Link, str]] = {}
        url: str | None = self.source.listing_url
        visited: set[str] = set()
        number = 1
        while url is not None and url not in visited:
            visited.add(url)
            try:
                links = self._page_links(url)
            except FetchError as exc:
                # A templated page past the last one is the usual end of a numbered listing.
                if number > 1 and pagination and pagination.url_template and exc.reason == "http_404":
                    break
                raise
            for link in report_links(links, self.source.link_text, self.source.link_url):
                found.setdefault(link.url, (link, url))
            number += 1
            if pagination is None or number > pagination.max_pages:
                break
            if pagination.next_link_text is not None:
                url = next_page_url(links, pagination.next_link_text)
            else:
                url = pagination.url_template.format(page=pagination.first_templated_page + number - 2)
        return list(found.values())

    def _page_links(self, url: str) -> list[Link]:
        with self.client.get(url) as (response, body):
            if response.status_code != 200:
                raise FetchError(f"http_{response.status_code}", f"HTTP {response.status_code} for {url}")
            return page_links(b"".join(body), response.url, charset(response.headers.get("Content-Type")))

    def _discover(self, url: str) -> bool:
        if url in self._seen:
            return False
        self._seen.add(url)
        self.run.discovered.append(url)
        return True

    def _fail(self, url: str, reason: str, message: str) -> None:
        self.run.failed.append(Problem(self.source.name, url, reason, message))

    def _document(self, url: str, found_on: str, follow_attachments: bool) -> None:
        prior = self.state.get(url)
        stored = self.raw_dir / prior["path"] if prior else None
        headers = {}
        if stored is not None and stored.exists():
            if prior.get("etag"):
                headers["If-None-Match"] = prior["etag"]
            if prior.get("last_modified"):
                headers["If-Modified-Since"] = prior["last_modified"]
        try:
            with self.client.get(url, headers) as reply:
                status = reply.response.status_code
                if status == 304 and headers:
                    self.run.unchanged.append(url)
                    path, base = stored, prior.get("final_url") or url
                elif status != 200:
                    self._fail(url, f"http_{status}", f"HTTP {status}")
                    return
                else:
                    path, base = self._receive(url, found_on, reply, prior), reply.response.url
        except FetchError as exc:
            self._fail(url, exc.reason, str(exc))
            return
        except Refusal as exc:
            self.run.refused.append(Problem(self.source.name, url, exc.reason, str(exc)))
            return
        # A detail page may only announce the report and link it as an attachment.
        if follow_attachments and path.suffix == ".html":
            for link in attachment_links(page_links(path.read_bytes(), base)):
                if self._discover(link.url):
                    self._document(link.url, url, follow_attachments=False)

    def _receive(self, url: str, found_on: str, reply: Reply, prior: dict | None) -> Path:
        staged = StagedFile(self.raw_dir / WEB_DIR / host_folder(url))
        try:
            return self._keep(url, found_on, reply, prior, staged)
        finally:
            staged.discard()

    def _keep(self, url: str, found_on: str, reply: Reply, prior: dict | None, staged: StagedFile) -> Path:
        response = reply.response
        name = original_name(response.url, response.headers.get("Content-Disposition"))
        promise = Promise.of(url, response.headers.get("Content-Type"), name)
        for chunk in reply.body:
            sniffed = len(staged.head) >= SNIFF_BYTES
            staged.write(chunk, SNIFF_BYTES)
            if not sniffed and len(staged.head) >= SNIFF_BYTES:
                extension_for(staged.head, promise)  # refuse an error page before reading all of it
        extension = extension_for(staged.head, promise)
        sha = staged.sha256
        path = staged.folder / f"{sha[:16]}.{extension}"
        relative = path.relative_to(self.raw_dir).as_posix()
        self.state.put(
            url,
            {
                "sha256": sha,
                "path": relative,
                "final_url": response.url,
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            },
        )
        if prior is not None and prior["sha256"] == sha and path.exists():
            self.run.unchanged.append(url)
            return path
        fetch = {
            "url": url,
            "final_url": response.url,
            "redirects": [{"url": hop.url, "http_status": hop.status_code} for hop in response.history],
            "found_on": found_on,
            "source": self.source.name,
            "region": self.source.region,
            "department": self.source.department,
            "original_name": name,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "http_status": response.status_code,
            "headers": dict(response.headers),
            "previous_sha256": prior["sha256"] if prior is not None and prior["sha256"] != sha else None,
        }
        sidecar = sidecar_path(path)
        if path.exists():
            # The same bytes published under another URL: one file, one more provenance record.
            record = json.loads(sidecar.read_text(encoding="utf-8"))
            if all(known["url"] != url for known in record["fetches"]):
                record["fetches"].append(fetch)
                write_json(sidecar, record)
            self.run.unchanged.append(url)
            return path
        # The sidecar first: when the scanner can see the report, its provenance is already there.
        write_json(
            sidecar, {"sha256": sha, "size_bytes": staged.size, "stored_as": relative, "fetches": [fetch]}
        )
        staged.keep_as(path)
        self.run.downloaded.append(Stored(self.source.name, url, relative, sha, staged.size))
        return path
