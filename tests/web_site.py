"""A real HTTP server on 127.0.0.1 for the web-source tests: routes are functions that answer one request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>404</title></head><body>"
    + b"page not found " * 100
    + b"</body></html>"
)

Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """Routes of a local server; each route is a function that answers one request."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self._body_bytes_sent: dict[str, int] = {}
        self._answered: dict[str, threading.Event] = {}
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.log.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                if route is None:
                    send(self, 404, ERROR_PAGE, "text/html")
                else:
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # the client hanging up mid-answer is what several cases test

        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def answered(self, path: str, body_bytes_sent: int) -> None:
        self._body_bytes_sent[path] = body_bytes_sent
        self._answered.setdefault(path, threading.Event()).set()

    def body_bytes_sent(self, path: str) -> int:
        """Waits for the handler to notice the client has gone (its next write fails)."""
        assert self._answered.setdefault(path, threading.Event()).wait(timeout=10)
        return self._body_bytes_sent[path]

    def requests_for(self, path: str) -> list[dict[str, str]]:
        return [headers for logged, headers in self.log if logged == path]


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


def send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str, **headers: str
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def static(
    body: bytes, content_type: str = "application/pdf", etag: str | None = None, **headers: str
) -> Handler:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        if etag is not None and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        send(handler, 200, body, content_type, **({"ETag": etag} if etag else {}), **headers)

    return answer


def status(code: int, **headers: str) -> Handler:
    return lambda handler: send(handler, code, ERROR_PAGE, "text/html", **headers)


def redirect(location: str) -> Handler:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def late(seconds: float, then: Handler) -> Handler:
    """``then``'s answer, its headers held back for ``seconds``."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        then(handler)

    return answer


def in_turn(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th answer, the last one repeating."""
    calls = iter(range(10**6))
    return lambda handler: handlers[min(next(calls), len(handlers) - 1)](handler)


def listing(*links: tuple[str, str], charset: str = "utf-8") -> Handler:
    anchors = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    page = f"<html><head><meta charset='{charset}'></head><body><ul>{anchors}</ul></body></html>"
    return static(page.encode(charset), f"text/html; charset={charset}")


def streamed(
    site: Site, path: str, head: bytes, total: int, content_length: bool, pause_s: float = 0.0
) -> Handler:
    """``total`` bytes starting with ``head``, generated on the fly; counts what reached the socket."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/pdf")
        if content_length:
            handler.send_header("Content-Length", str(total))
        else:
            handler.send_header("Connection", "close")  # body delimited by closing the connection
            handler.close_connection = True
        handler.end_headers()
        chunk = 64 * 1024 if not pause_s else 16
        sent = 0
        try:
            handler.wfile.write(head)
            sent = len(head)
            while sent < total:
                piece = b"\0" * min(chunk, total - sent)
                handler.wfile.write(piece)
                handler.wfile.flush()
                sent += len(piece)
                time.sleep(pause_s)
        except OSError:
            pass  # the client hung up, as it should
        finally:
            site.answered(path, sent)

    return answer
