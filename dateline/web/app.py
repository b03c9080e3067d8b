"""The browser interface's routes: search, people, person, topic and article pages, the JSON API
and the CSV and JSON downloads.

Pages are Jinja2 templates with autoescaping on; nothing from the store is marked safe except
the article text that `article.highlight` builds from escaped pieces. Each request opens the
store read-only; downloads stream every row of a list, page by page, on a connection of their
own. A Content-Security-Policy allows scripts and styles from this server only.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..queries import csv_cell
from . import listings, profiles
from .article import article_view, speaker_href
from .listings import LISTINGS, QUOTES, BadRequest, Filters

HERE = Path(__file__).parent
GROUP_SHOWN = 10
"""The topic page shows this many quotes of each speaker, and links to the rest."""

HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _url(path: str, params: dict[str, Any] | None = None, **more: Any) -> str:
    """A link: the path and the parameters that are set."""
    query = {k: v for k, v in {**(params or {}), **more}.items() if v not in (None, "")}
    return path + ("?" + urlencode(query) if query else "")


def web_link(url: str | None) -> str:
    """An article's own URL as a link target when it is a web address (no `javascript:`)."""
    return url if url and urlsplit(url).scheme in ("http", "https") else ""


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=_url, speaker_href=speaker_href, web_link=web_link)
    return env


class Web:
    """The pages and API over one store; `connect` opens it read-only."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self.connect = connect
        self.env = templates()

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        db = self.connect()
        try:
            yield db
        finally:
            db.close()

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(template).render(**context), status_code=status)

    def error(self, status: int, message: str) -> HTMLResponse:
        return self.render("error.html", status, message=message)

    def _filters(self, request: Request) -> Filters:
        return Filters.parse(dict(request.query_params))

    @staticmethod
    def _size(request: Request) -> int:
        size = request.query_params.get("size", "").strip()
        if not size:
            return listings.PAGE
        if not size.isdigit() or not 1 <= int(size) <= listings.MAX_PAGE:
            raise BadRequest(f"size: expected a number from 1 to {listings.MAX_PAGE}, got {size!r}")
        return int(size)

    def _page(
        self, db: sqlite3.Connection, listing: listings.Listing, request: Request, f: Filters
    ) -> listings.Page:
        try:
            return listings.page(db, listing, f, request.query_params.get("cursor", ""), self._size(request))
        except sqlite3.OperationalError as e:
            raise BadRequest(f"cannot search for {f.q!r} ({e})") from None

    # ------------------------------------------------------------ pages

    def search(self, request: Request) -> Response:
        f = self._filters(request)
        with self.db() as db:
            found = self._page(db, QUOTES, request, f)
        return self.render("search.html", f=f, params=f.query(), page=found)

    def people(self, request: Request) -> Response:
        f = self._filters(request)
        with self.db() as db:
            found = self._page(db, listings.PEOPLE, request, f)
        return self.render("people.html", f=f, params=f.query(), page=found)

    def find_person(self, request: Request) -> Response:
        name = request.query_params.get("name", "").strip()
        with self.db() as db:
            found = profiles.find_people(db, name) if name else []
        if len(found) == 1:
            return RedirectResponse(f"/person/{found[0][0]}", status_code=303)
        if not found:
            return self.error(404, f"No person named {name!r}.")
        return self.render("choose.html", name=name, people=found)

    def person(self, request: Request) -> Response:
        f = self._filters(request)
        pid = int(request.path_params["id"])
        f = Filters(person=pid, per=f.per)
        with self.db() as db:
            who = profiles.person(db, pid)
            if who is None:
                return self.error(404, f"No person with id {pid}.")
            quotes = self._page(db, QUOTES, request, f)
            beside = listings.BESIDE.fetch(db, f, None, 10)
            chart = listings.timeline(db, f).chart()
        return self.render(
            "person.html", who=who, f=f, params=f.query(), page=quotes, beside=beside, chart=chart
        )

    def topic(self, request: Request) -> Response:
        f = self._filters(request)
        if not f.q:
            return self.render("topic.html", f=f, params={}, chart=None, groups=[], total=0)
        with self.db() as db:
            try:
                chart = listings.timeline(db, f).chart()
            except sqlite3.OperationalError as e:
                raise BadRequest(f"cannot search for {f.q!r} ({e})") from None
        groups: dict[tuple[int | None, str], dict[str, Any]] = {}
        for row in listings.every_row(self.connect, QUOTES, f):
            who = (
                row["person_id"],
                "" if row["person_id"] is not None else (row["speaker"] or "").casefold(),
            )
            group = groups.setdefault(
                who, {"speaker": row["speaker"], "person_id": row["person_id"], "rows": [], "n": 0}
            )
            group["n"] += 1
            if len(group["rows"]) < GROUP_SHOWN:
                group["rows"].append(row)
        ordered = sorted(groups.values(), key=lambda g: (-g["n"], (g["speaker"] or "").casefold()))
        total = sum(g["n"] for g in ordered)
        return self.render("topic.html", f=f, params=f.query(), chart=chart, groups=ordered, total=total)

    def article(self, request: Request) -> Response:
        article_id = request.path_params["id"]
        with self.db() as db:
            view = article_view(db, article_id)
        if view is None:
            return self.error(404, f"No article with id {article_id!r}.")
        return self.render("article.html", a=view, params={"article": view.id})

    # ------------------------------------------------------------ data out

    def api_list(self, request: Request) -> Response:
        name, _, fmt = request.path_params["name"].partition(".")
        listing = LISTINGS.get(name)
        if listing is None or fmt not in ("", "csv", "json"):
            return JSONResponse({"error": f"no list {request.path_params['name']!r}"}, status_code=404)
        f = self._filters(request)
        if fmt:
            with self.db() as db:  # a bad filter is a 400, not a broken download
                self._page(db, listing, request, f)
            body = (
                _csv(listing.columns, self._rows(listing, f))
                if fmt == "csv"
                else _json(self._rows(listing, f))
            )
            media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
            disposition = f'attachment; filename="dateline-{name}.{fmt}"'
            return StreamingResponse(body, media_type=media, headers={"content-disposition": disposition})
        with self.db() as db:
            found = self._page(db, listing, request, f)
        base = {**f.query(), "size": request.query_params.get("size", "")}
        next_url = _url(f"/api/{name}", base, cursor=found.next) if found.next else None
        return JSONResponse({"rows": found.rows, "next": found.next, "next_url": next_url})

    def _rows(self, listing: listings.Listing, f: Filters) -> Iterator[dict[str, Any]]:
        return listings.every_row(self.connect, listing, f)

    def api_person(self, request: Request) -> Response:
        pid = int(request.path_params["id"])
        f = Filters(person=pid, per=self._filters(request).per)
        with self.db() as db:
            who = profiles.person(db, pid)
            if who is None:
                return JSONResponse({"error": f"no person with id {pid}"}, status_code=404)
            beside = listings.BESIDE.fetch(db, f, None, listings.MAX_PAGE)
            chart = listings.timeline(db, f).chart()
        return JSONResponse({**who.to_dict(), "quoted_beside": beside, "chart": chart})


def _csv(columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(columns)
    for i, row in enumerate(rows):
        out.writerow(["" if row[c] is None else csv_cell(row[c]) for c in columns])
        if i % 200 == 199:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def _handled(web: Web, handler: Callable[[Request], Response], api: bool) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        try:
            return handler(request)
        except BadRequest as e:
            return JSONResponse({"error": str(e)}, status_code=400) if api else web.error(400, str(e))

    return endpoint


def build(connect: Callable[[], sqlite3.Connection]) -> ASGIApp:
    """The application over a store that `connect` opens."""
    web = Web(connect)
    pages: list[tuple[str, Callable[[Request], Response]]] = [
        ("/", web.search),
        ("/people", web.people),
        ("/person", web.find_person),
        ("/person/{id:int}", web.person),
        ("/topic", web.topic),
        ("/article/{id}", web.article),
    ]
    api: list[tuple[str, Callable[[Request], Response]]] = [
        ("/api/person/{id:int}", web.api_person),
        ("/api/{name}", web.api_list),
    ]
    routes: list[Route | Mount] = [Route(p, _handled(web, h, False)) for p, h in pages]
    routes += [Route(p, _handled(web, h, True)) for p, h in api]
    routes.append(Mount("/static", StaticFiles(directory=HERE / "static"), name="static"))
    app = Starlette(routes=routes)

    async def not_found(request: Request, exc: Exception) -> Response:
        return web.error(404, "No such page.")

    app.add_exception_handler(404, not_found)
    return SecurityHeaders(app)
