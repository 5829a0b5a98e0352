"""``fiscal-dbt``: dbt's command line, with its start-up paid ahead of the invocation.

Every dbt process spends ~1.5 s importing dbt before it reads its arguments. A run over one new report spends
~3 s in Dagster (definitions, run creation, the report's parse and load) before dagster-dbt starts dbt, with the
second core mostly idle.
``ahead()`` starts a process that imports dbt meanwhile and waits on a Unix socket. The ``fiscal-dbt`` process
that dagster-dbt then starts hands it its arguments, environment, working directory and standard streams (the
descriptors themselves, SCM_RIGHTS), so dbt writes its JSON events into the very pipe dagster-dbt reads, and
exits with dbt's exit code once that process has exited (and so closed the warehouse file).

Without a waiting process, or when it is gone before taking the invocation, or off Linux, ``fiscal-dbt`` runs
dbt itself. A waiting process serves one invocation, then exits: nothing carries from one invocation to the next.
"""

from __future__ import annotations

import gc
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.lib.environ import environment_variable

# The socket of the process waiting for an invocation, for the fiscal-dbt processes started below this one.
WARM_DBT_ENV = "FISCAL_WARM_DBT"

_STREAMS = (0, 1, 2)
_LENGTH = struct.Struct("!I")
# What the waiting process answers: that it runs the invocation (with its pid, for signals), then dbt's exit code.
_STARTED = b"S"
# Its default action ends the process: also while it imports dbt, before Python has run a line of this module.
_STOP_IF_IDLE = signal.SIGUSR1


def main() -> None:
    """The ``fiscal-dbt`` executable."""
    args = sys.argv[1:]
    socket_path = os.environ.get(WARM_DBT_ENV)
    if socket_path and _available():
        exit_code = _run_in_waiting_process(socket_path, args)
        if exit_code is not None:
            sys.exit(exit_code)
    sys.exit(_run_dbt(args))


@contextmanager
def ahead() -> Iterator[int | None]:
    """Starts a process that imports dbt while the caller does other work; the first ``fiscal-dbt`` started
    (by this process or below it) until the block ends runs in it. Unused, it is stopped when the block ends.

    Yields that process's pid; None off Linux, where nothing is started."""
    if not _available():
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="fiscal-dbt-") as folder:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        socket_path = str(Path(folder) / "dbt.sock")
        listener.bind(socket_path)
        listener.listen(1)
        # Closed by this process when the block ends: the waiting process then knows that nobody will come.
        lifeline, keep_alive = os.pipe()
        with listener:
            process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(listener.fileno()), str(lifeline)],
                pass_fds=(listener.fileno(), lifeline),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                # Out of the terminal's process group: a Ctrl-C reaches dbt once, through fiscal-dbt, as it
                # reaches a dbt that fiscal-dbt runs itself.
                start_new_session=True,
            )
        # Only the waiting process listens now: if it dies, a connection is refused and fiscal-dbt runs dbt itself.
        os.close(lifeline)
        try:
            with environment_variable(WARM_DBT_ENV, socket_path):
                yield process.pid
        finally:
            os.close(keep_alive)
            # Stops it if it still waits (or imports dbt) for nobody; an invocation it took runs to its end.
            process.send_signal(_STOP_IF_IDLE)
            process.wait()


def _serve(listener_fd: int, lifeline: int) -> None:
    listener = socket.socket(fileno=listener_fd)
    import dbt.cli.main  # noqa: F401  the start-up this process is here to pay ahead of time

    # The lifeline ends when the process that started this one is gone, even killed: nobody will come then.
    ready, _, _ = select.select([listener, lifeline], [], [])
    if listener not in ready:
        return
    connection, _ = listener.accept()
    signal.signal(_STOP_IF_IDLE, signal.SIG_IGN)
    listener.close()
    os.close(lifeline)
    args = _take_over(connection)
    connection.sendall(_STARTED + _LENGTH.pack(os.getpid()))
    _stop_when_gone(connection)
    exit_code = _run_dbt(args)
    sys.stdout.flush()
    sys.stderr.flush()
    connection.sendall(_LENGTH.pack(exit_code))
    # fiscal-dbt exits when this process has: its DuckDB handle is closed by then, and the warehouse free for the
    # steps after dbt.
    sys.exit(exit_code)


def _take_over(connection: socket.socket) -> list[str]:
    """Becomes the fiscal-dbt process that connected: its streams, environment and working directory."""
    header, descriptors, _, _ = socket.recv_fds(connection, _LENGTH.size, len(_STREAMS))
    request = json.loads(_receive_exactly(connection, _LENGTH.unpack(header)[0]))
    for stream, descriptor in zip(_STREAMS, descriptors, strict=True):
        os.dup2(descriptor, stream)
        os.close(descriptor)
    # Written through: dagster-dbt turns each line of dbt's into a Dagster event as soon as it arrives.
    sys.stdout.reconfigure(line_buffering=True, write_through=True)
    sys.stderr.reconfigure(line_buffering=True, write_through=True)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    return request["args"]


def _stop_when_gone(connection: socket.socket) -> None:
    """Ends this process when the fiscal-dbt it serves is gone: killed, it cannot forward the signal."""

    def watch() -> None:
        while connection.recv(1):
            pass
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _run_in_waiting_process(socket_path: str, args: list[str]) -> int | None:
    """dbt's exit code, or None when no waiting process took the invocation."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(socket_path)
        request = json.dumps({"args": args, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
        socket.send_fds(connection, [_LENGTH.pack(len(request))], list(_STREAMS))
        connection.sendall(request)
        started = _receive_exactly(connection, len(_STARTED) + _LENGTH.size)
    except OSError:
        connection.close()
        return None
    server_pid = _LENGTH.unpack(started[len(_STARTED):])[0]
    # Its pid cannot be reused before the process that started it has waited for it: ahead() outlives this process.
    server = os.pidfd_open(server_pid)
    # dagster-dbt stops dbt with SIGINT (then SIGTERM, SIGKILL): passed on, dbt cancels its queries as it would.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda signum, _frame: os.kill(server_pid, signum))
    try:
        exit_code = _LENGTH.unpack(_receive_exactly(connection, _LENGTH.size))[0]
    except OSError:
        # Gone without an exit code: killed, or crashed mid-build.
        exit_code = 1
    # A pidfd is readable once its process has exited, all its files closed: the exit code alone comes earlier.
    select.select([server], [], [])
    os.close(server)
    return exit_code


def _run_dbt(args: list[str]) -> int:
    from dbt.cli.main import cli

    _tune_gc()
    try:
        cli.main(args=args, prog_name="dbt")
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else int(code is not None)
    return 0


def _tune_gc() -> None:
    # dbt's objects (the manifest, its macros, jinja's templates) live for the whole invocation: a full collection
    # frees nearly nothing but walks them all, ~100 ms seven times per nightly build. Objects made by the imports
    # are left out of every collection; full ones come a hundred times rarer.
    gc.freeze()
    gc.set_threshold(700, 10, 1000)


def _receive_exactly(connection: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = connection.recv(size - len(chunks))
        if not chunk:
            raise ConnectionResetError("the other end closed the connection")
        chunks += chunk
    return bytes(chunks)


def _available() -> bool:
    # Linux: descriptors passed over a Unix socket, and a process's exit awaited through a pidfd.
    return hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX") and hasattr(os, "pidfd_open")


if __name__ == "__main__":
    _serve(int(sys.argv[1]), int(sys.argv[2]))
