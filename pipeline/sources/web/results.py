"""What one fetch run did, per URL, for run metadata and for the operator."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stored:
    source: str
    url: str
    path: str  # relative to the raw folder, posix
    sha256: str
    size_bytes: int


@dataclass(frozen=True)
class Problem:
    source: str
    url: str
    reason: str  # stable code: too_large, html_instead_of_document, http_404, timeout, listing_changed, …
    message: str


@dataclass
class FetchRun:
    discovered: list[str] = field(
        default_factory=list
    )  # report and attachment URLs found, each once per source
    downloaded: list[Stored] = field(default_factory=list)  # new content now in the raw folder
    unchanged: list[str] = field(default_factory=list)  # 304, or the same bytes as last time
    refused: list[Problem] = field(default_factory=list)  # answered, but not a report we keep
    failed: list[Problem] = field(default_factory=list)  # unreachable, HTTP errors, listing layout changed

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> dict[str, int]:
        return {
            "discovered": len(self.discovered),
            "downloaded": len(self.downloaded),
            "unchanged": len(self.unchanged),
            "refused": len(self.refused),
            "failed": len(self.failed),
        }
