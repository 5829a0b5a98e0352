"""``sources.yaml``: the drop folder and the web sources, validated on load.

A bad entry fails the whole load with one line naming the entry and the field, so a typo in a pattern never
turns into a source that silently finds nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator


class SourcesConfigError(ValueError):
    """``sources.yaml`` cannot be used; the message names the file, the entry and the field."""


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


def _http_url(value: str) -> str:
    if not re.match(r"https?://[^/\s]+", value):
        raise ValueError("must be an absolute http:// or https:// URL")
    return value


Regex = Annotated[str, AfterValidator(_regex)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]


class _Strict(BaseModel):
    # An unknown key is almost always a misspelt one: refuse it rather than ignore the setting.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pagination(_Strict):
    """The listing's further pages: follow a "next" link, or fill a page number into a template."""

    next_link_text: Regex | None = None
    url_template: str | None = None
    first_templated_page: int = Field(default=2, ge=0)
    max_pages: int = Field(default=10, ge=1, le=1000)

    @model_validator(mode="after")
    def _one_way(self) -> Pagination:
        if (self.next_link_text is None) == (self.url_template is None):
            raise ValueError("give exactly one of next_link_text or url_template")
        if self.url_template is not None:
            if "{page}" not in self.url_template:
                raise ValueError("url_template must contain {page}")
            _http_url(self.url_template)
        return self


class FetchSettings(_Strict):
    """Politeness and robustness limits; the defaults suit a small government web server."""

    connect_timeout_s: float = Field(default=10.0, gt=0)
    read_timeout_s: float = Field(default=30.0, gt=0)
    # A read timeout bounds each socket read; this bounds a whole download, which a slow drip would not hit.
    max_download_s: float = Field(default=600.0, gt=0)
    retries: int = Field(default=3, ge=0, le=10)
    backoff_factor_s: float = Field(default=1.0, ge=0)
    # A server's Retry-After may ask for hours (urllib3 obeys up to six): each wait before a retry, Retry-After
    # or backoff, is at most this, and at most its share of max_download_s (retry_wait_s).
    max_retry_wait_s: float = Field(default=60.0, gt=0)
    min_interval_per_host_s: float = Field(default=2.0, ge=0)
    max_file_mb: float = Field(default=100.0, gt=0)
    user_agent: str = Field(default="fiscal-disclosure-warehouse/0.1 (+open data research)", min_length=1)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def retry_wait_s(self) -> float:
        """The longest wait before one retry, Retry-After or backoff: ``retries`` waits of an equal share of
        ``max_download_s`` leave at least one share for the answers themselves."""
        return min(self.max_retry_wait_s, self.max_download_s / (self.retries + 1))


class WebSource(_Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    listing_url: HttpUrl
    # A report link's text matches link_text AND its absolute URL matches link_url (each optional).
    link_text: Regex | None = None
    link_url: Regex | None = None
    pagination: Pagination | None = None
    # Fewer matching links than this means the page layout changed: an error, not "nothing new".
    min_links: int = Field(default=1, ge=0)
    region: str | None = None
    department: str | None = None

    @model_validator(mode="after")
    def _some_pattern(self) -> WebSource:
        if self.link_text is None and self.link_url is None:
            raise ValueError(
                "give link_text or link_url (or both), or every link on the page would be fetched"
            )
        return self


class SourcesConfig(_Strict):
    drop_folder: Path = Path("data/raw")
    fetch: FetchSettings = FetchSettings()
    web_sources: list[WebSource] = []

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesConfig:
        names = [source.name for source in self.web_sources]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"web source names must be unique, repeated: {', '.join(duplicates)}")
        return self


def _describe(error: dict, data: object) -> str:
    """``web_sources[2] ('xinglongtai').link_text: …`` — the entry by index and by name, then the field."""
    where: list[str] = []
    node = data
    for part in error["loc"]:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            name = node.get("name") if isinstance(node, dict) else None
            where[-1] += f"[{part}]" + (f" ({name!r})" if name else "")
        else:
            where.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    message = error["msg"].removeprefix("Value error, ")
    return f"{'.'.join(where) or '(top level)'}: {message}"


def parse_sources(data: object, origin: str = "sources.yaml") -> SourcesConfig:
    if data is None:
        data = {}
    try:
        return SourcesConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise SourcesConfigError(f"{origin}: {_describe(first, data)}{suffix}") from None


def load_sources(path: Path) -> SourcesConfig:
    """The validated config; ``drop_folder`` made absolute relative to the file's own folder."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourcesConfigError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from None
    config = parse_sources(data, str(path))
    return config.model_copy(update={"drop_folder": (path.parent / config.drop_folder).resolve()})
