"""HTTP for web sources: urllib3 ``Retry`` with capped waits, timeouts, per-host throttling, bounded bodies."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ReadTimeoutError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

from pipeline.sources.web.sniff import Refusal
from pipeline.sources.web.throttle import HostThrottle
from pipeline.sources_file import FetchSettings

_CHUNK = 1 << 16
# Transient server states worth another try; 404 and friends are answers, not accidents.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """The server could not be reached or did not answer usefully; ``reason`` is a stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class Reply(NamedTuple):
    """A response whose body is not read yet, and that body, read within the URL's download limit."""

    response: requests.Response
    body: Iterator[bytes]


class HttpClient:
    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._throttle = HostThrottle(settings.min_interval_per_host_s)
        # Both kinds of wait capped alike: a server's Retry-After must not outlast the URL's download limit.
        wait = settings.retry_wait_s
        retry = Retry(
            total=settings.retries,
            backoff_factor=settings.backoff_factor_s,
            backoff_max=wait,
            status_forcelist=_RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            retry_after_max=wait,
            # The last response comes back as is, so its status can be reported.
            raise_on_status=False,
        )
        self._session = requests.Session()
        self._session.headers["User-Agent"] = settings.user_agent
        adapter = HTTPAdapter(max_retries=retry)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def close(self) -> None:
        self._session.close()

    @contextmanager
    def get(self, url: str, headers: dict[str, str] | None = None) -> Iterator[Reply]:
        """The response and its unread body; network failures raise FetchError."""
        self._throttle.wait(urlsplit(url).netloc)
        timeout = (self.settings.connect_timeout_s, self.settings.read_timeout_s)
        # The download limit counts from here, after our own politeness: the retries and their waits are the
        # server's time, and a server that answers slowly is as slow as one that sends slowly.
        started = time.monotonic()
        try:
            response = self._session.get(url, headers=headers, timeout=timeout, stream=True)
        except requests.RequestException as exc:
            raise _failure(url, exc) from None
        try:
            yield Reply(response, self._body(response, started, time.monotonic()))
        finally:
            response.close()

    def _body(self, response: requests.Response, started: float, answered: float) -> Iterator[bytes]:
        """Refused past the size limit and failed past the download limit, never held whole."""
        limit = self.settings.max_file_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise Refusal("too_large", f"announced {int(declared)} bytes, over the limit of {limit}")
        seconds = self.settings.max_download_s
        if answered - started > seconds:
            raise FetchError(
                "too_slow",
                f"{_headers_came(response, started, answered)}, past the download limit of {seconds:g} s; "
                "the body was not read",
            )
        received = 0
        while True:
            try:
                # read1 returns after one socket read, so a slow drip still reaches the deadline check.
                chunk = response.raw.read1(_CHUNK, decode_content=True)
            except ReadTimeoutError as exc:
                raise FetchError(
                    "timeout", f"the body stalled for longer than the read timeout: {exc}"
                ) from None
            except (Urllib3Error, OSError) as exc:
                raise FetchError("body_interrupted", f"{type(exc).__name__}: {exc}") from None
            if not chunk:
                return
            received += len(chunk)
            if received > limit:
                raise Refusal("too_large", f"more than {limit} bytes, the limit; stopped reading")
            elapsed = time.monotonic() - started
            if elapsed > seconds:
                raise FetchError(
                    "too_slow",
                    f"{received} bytes of the body after {elapsed:.1f} s, past the download limit of "
                    f"{seconds:g} s ({_headers_came(response, started, answered)})",
                )
            yield chunk


def _headers_came(response: requests.Response, started: float, answered: float) -> str:
    """When the answer came, and the retries that went before it: where the time before the body went."""
    retries = response.raw.retries
    history = retries.history if retries is not None else ()
    text = f"the headers came after {answered - started:.1f} s"
    if not history:
        return text
    causes = ", ".join(f"HTTP {hop.status}" if hop.status else type(hop.error).__name__ for hop in history)
    return f"{text} and {len(history)} retr{'y' if len(history) == 1 else 'ies'} ({causes})"


def _failure(url: str, exc: requests.RequestException) -> FetchError:
    if isinstance(exc, requests.TooManyRedirects):
        return FetchError(
            "redirect_loop",
            f"{url}: still redirected after {len(exc.response.history)} redirects "
            f"(the last from {exc.response.url})",
        )
    return FetchError(_reason(exc), f"{type(exc).__name__}: {exc}")


def _reason(exc: requests.RequestException) -> str:
    # Once retries are spent, requests wraps a read timeout in a ConnectionError around a MaxRetryError.
    cause = exc.args[0] if exc.args else None
    if isinstance(exc, requests.Timeout) or isinstance(getattr(cause, "reason", None), Urllib3Timeout):
        return "timeout"
    return "connection_error"
