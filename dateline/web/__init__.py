"""dateline's browser interface (the `web` extra): search, people, topics and articles over a
store, a JSON API and CSV/JSON downloads, served by `dateline serve`.

`create_app(db)` is the ASGI application over a store, opened read-only for each request;
`serve(db)` runs it with uvicorn on localhost. Static assets, the chart library among them,
ship in the package: pages fetch nothing from elsewhere.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

from starlette.types import ASGIApp

from ..errors import DatelineError
from ..store import Store
from .app import build

__all__ = ["create_app", "listen", "serve"]

HOST = "127.0.0.1"
PORT = 8001


def _reader(path: Path) -> Callable[[], sqlite3.Connection]:
    uri = path.resolve().as_uri() + "?mode=ro"

    def connect() -> sqlite3.Connection:
        # a request's rows may be read on several worker threads, one after another
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 5000")
        return db

    return connect


def create_app(db: str | Path) -> ASGIApp:
    """The browser interface over the store at `db`, which must exist (a StoreError if not;
    a store of an older schema is upgraded first)."""
    Store(db, create=False).close()
    return build(_reader(Path(db)))


def listen(host: str = HOST, port: int = PORT) -> socket.socket:
    """A listening socket (port 0: any free port); a DatelineError says why when it cannot."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
    except OSError as e:
        raise DatelineError(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    sock.listen(128)
    return sock


def serve(
    db: str | Path, *, host: str = HOST, port: int = PORT, on_ready: Callable[[str], None] | None = None
) -> None:
    """Serve the store at `db` until interrupted; `on_ready` gets the address once listening."""
    import uvicorn

    app = create_app(db)
    sock = listen(host, port)
    address = sock.getsockname()
    shown = f"[{address[0]}]" if ":" in address[0] else address[0]
    if on_ready:
        on_ready(f"http://{shown}:{address[1]}/")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])
