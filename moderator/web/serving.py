"""Serving the review pages with uvicorn: alone (`moderator serve`) or beside the daemon (`run --serve`).

The listening socket is opened here, before uvicorn starts, so that an address in use is one clear error
rather than a log line from inside the server. Uvicorn's access log is off: set-password links carry
their token in the path.
"""

from __future__ import annotations

import errno
import logging
import socket
import threading

import uvicorn

log = logging.getLogger(__name__)
STOP_WAIT = 15.0  # seconds the server thread is given to finish its requests after being told to stop


class ListenError(Exception):
    """The review pages cannot listen on the configured address; the message says what to change."""


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port``; ListenError when the port is taken or the address is not ours."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise ListenError(f"cannot listen on {host!r}: {exc.strerror} (check web.host or --host)") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ListenError(f"port {port} on {host} is already in use (another `moderator serve`?): stop "
                              f"it, or choose another port with web.port or --port") from None
        raise ListenError(f"cannot listen on {host} port {port}: {exc.strerror or exc} "
                          f"(check web.host and web.port)") from None
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int) -> str:
    """``http://host:port/`` as a person types it (IPv6 hosts in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def server(app, host: str, port: int) -> uvicorn.Server:
    """A uvicorn server for the review pages (forwarded headers are handled by the application itself)."""
    config = uvicorn.Config(app, host=host, port=port, proxy_headers=False, server_header=False,
                            access_log=False, log_level="warning", log_config=None, lifespan="off")
    return uvicorn.Server(config)


class BackgroundServer:
    """The review pages served from a thread of the daemon's process; ``on_exit`` is called if it stops."""

    def __init__(self, app, sock: socket.socket, host: str, port: int, on_exit=None) -> None:
        self.sock = sock
        self.server = server(app, host, port)
        self.on_exit = on_exit
        self.stopping = False
        self.failed = False  # the server stopped without being told to
        self.thread = threading.Thread(target=self._run, name="review-pages", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        except BaseException:  # noqa: BLE001 - reported, and the daemon told to stop
            log.exception("review pages: the server stopped with an error")
        finally:
            self.failed = not self.stopping
            if self.on_exit is not None:
                self.on_exit()

    def start(self) -> None:
        """Start serving."""
        self.thread.start()

    def stop(self) -> None:
        """Finish the requests under way and stop; the socket is closed."""
        self.stopping = True
        self.server.should_exit = True
        self.thread.join(STOP_WAIT)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(STOP_WAIT)
        self.sock.close()
        log.warning("review pages stopped")
