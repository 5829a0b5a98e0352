"""What one fetch run did, per URL, for run metadata and for the operator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

# What a run counts, in the order the operator reads it.
COUNTS = ("discovered", "downloaded", "unchanged", "refused", "failed")


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
    reason: str  # stable code: too_large, html_instead_of_document, http_404, timeout, redirect_loop, …
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
        return {count: len(getattr(self, count)) for count in COUNTS}

    def problems(self) -> list[dict[str, str]]:
        """Every failed, then every refused URL: kind, source, reason, url, message."""
        return [
            {"kind": kind, **asdict(problem)}
            for kind, found in (("failed", self.failed), ("refused", self.refused))
            for problem in found
        ]


def problem_line(problem: Mapping[str, str]) -> str:
    """One row of ``FetchRun.problems`` as a line for a log or a terminal."""
    return "{source}: {kind} {reason} {url} — {message}".format_map(problem)
