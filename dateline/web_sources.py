"""Readers for the web: saved HTML pages and WARC files (Common Crawl News) to dated articles.

A page's main text and title come from trafilatura, its publication date from htmldate (the
original date over an updated one) and its URL from `<link rel=canonical>`. The text keeps
trafilatura's paragraphs, separated by a blank line as in dateline's text format, so that a
story read from its page and from a text file is the same article (the same content hash).

A WARC file's HTTP response records that hold HTML are read as pages, with the record's target
URI and date as fallbacks for the URL and the publication date; other records are skipped. A
record that cannot be read is one `InputError` (`crawl.warc.gz: record 17: no HTML payload`)
and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .errors import InputError
from .model import Article

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class Page:
    """What a web page says about itself: its main text, title, URL and publication date."""

    text: str
    title: str | None
    url: str | None
    published: dt.date | None


def _paragraphs(text: str, title: str | None) -> str:
    """trafilatura's lines as paragraphs separated by a blank line; a leading headline dropped."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def _date(value: str | None) -> dt.date | None:
    if value and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_page(data: bytes | str, *, url: str | None = None) -> Page | str:
    """The article in an HTML page, or the reason there is none.

    `url` is where the page was found, used when the page names no canonical URL.
    """
    import htmldate  # imported here: only web inputs pay for these libraries
    import trafilatura

    tree = trafilatura.load_html(data)
    if tree is None:
        return "not an HTML page"
    published = _date(htmldate.find_date(tree, original_date=True, url=url))
    doc: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if doc is None or not (doc.text or "").strip():
        return "no article text found in the page"
    title = doc.title.strip() if doc.title else None
    return Page(_paragraphs(doc.text, title), title or None, doc.url or url, published)


def _article(
    page: Page, source: str, *, date: dt.date | None, fallback: dt.date | None, limit: int
) -> Article | InputError:
    published = date or page.published or fallback
    if published is None:
        return InputError(source, "no date in the page: pass --date")
    if len(page.text) > limit:
        return InputError(source, f"article too large ({len(page.text):,} characters; limit {limit:,})")
    return Article(text=page.text, published=published, source=source, url=page.url, title=page.title)


def read_html(data: bytes, name: str, *, date: dt.date | None = None, limit: int) -> Article | InputError:
    """One article from a saved web page; `date` overrides the page's own date."""
    if not data.strip():
        return InputError(name, "empty file")
    page = parse_page(data)
    if isinstance(page, str):
        return InputError(name, page)
    return _article(page, name, date=date, fallback=None, limit=limit)


def _http_ok(record: Any) -> bool:
    status = record.http_headers.status_code if record.is_http else None
    return status is None or 200 <= status < 300


def _content_type(record: Any) -> str:
    kind = record.http_content_type or ""
    return kind.split(";")[0].strip().lower()


def _record_date(record: Any) -> dt.date | None:
    try:
        return record.record_date.date()  # type: ignore[no-any-return]
    except (ValueError, OSError, AttributeError):
        return None


def _decoded(payload: bytes, headers: Any) -> bytes:
    """An HTTP body as sent, its chunked transfer and gzip, deflate or brotli encoding undone.

    Done here, not by fastwarc's auto_decode: a body that fails to decode there breaks the
    reading of every record after it."""
    from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader

    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        payload = ChunkedReader(io.BytesIO(payload)).read()
    coding = (headers.get("Content-Encoding") or "").strip().lower()
    try:
        if coding in ("gzip", "x-gzip"):
            decoded = GzipReader(io.BytesIO(payload)).read()
        elif coding == "br":
            decoded = BrotliReader(io.BytesIO(payload)).read()
        elif coding == "deflate":
            decoded = zlib.decompressobj(zlib.MAX_WBITS | 32).decompress(payload)  # zlib or gzip
        else:
            return payload
    except zlib.error as e:
        raise ValueError(str(e)) from None
    if payload.strip() and not decoded:
        raise ValueError(f"{coding} content encoding that cannot be decoded")
    return decoded


def _read_record(
    record: Any, name: str, n: int, *, date: dt.date | None, limit: int
) -> Article | InputError | None:
    """A response record as an article; None for a record that holds no page (skipped quietly)."""
    where = f"record {n}: "
    if not record.is_http or not _http_ok(record):
        return None
    kind = _content_type(record)
    if kind and kind not in HTML_TYPES:
        return None
    payload = record.reader.read()
    if len(payload) < record.content_length:
        return InputError(name, where + f"truncated ({len(payload):,} of {record.content_length:,} bytes)")
    payload = _decoded(payload, record.http_headers)
    if not payload.strip():
        return InputError(name, where + "no HTML payload")
    uri = record.headers.get("WARC-Target-URI")
    page = parse_page(payload, url=uri or None)
    if isinstance(page, str):
        return InputError(name, where + page)
    item = _article(
        page, page.url or uri or f"{name}#{n}", date=date, fallback=_record_date(record), limit=limit
    )
    return InputError(name, where + item.reason) if isinstance(item, InputError) else item


def read_warc(
    stream: IO[bytes], name: str, *, date: dt.date | None = None, limit: int
) -> Iterator[Article | InputError]:
    """The articles in a WARC or WARC.gz stream: one per HTTP response record holding HTML.

    Records are numbered from 1 in file order, every kind counted, so that an error's record
    number finds it with any WARC tool. A record that cannot be decompressed or parsed is one
    error; in a gzipped file that can be searched (a file, not a pipe) reading goes on at the
    next record that can be read. A file that breaks off (truncated) is one error naming the
    record where it broke, after the articles read before it.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    start = 0  # where the records being read begin in the stream
    last = -1  # where the last record read begins
    while True:
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                n += 1
                last = start + record.stream_pos
                if record.headers.get("Content-Length") is None:  # every whole record has one
                    yield InputError(name, f"record {n}: incomplete WARC header (no Content-Length)")
                    continue
                if record.record_type != WarcRecordType.response:
                    continue
                try:
                    item = _read_record(record, name, n, date=date, limit=limit)
                except (OSError, ValueError, UnicodeError) as e:
                    item = InputError(name, f"record {n}: unreadable ({e})")
                if item is not None:
                    yield item
            break
        except (OSError, ValueError) as e:
            if n == 0:
                yield InputError(name, f"not a WARC file ({e})")
                return
            broken = _next_member(stream, last + 1) if name.lower().endswith(".gz") else None
            resume = _next_member(stream, broken + 1) if broken is not None else None
            if resume is None:
                yield InputError(name, f"record {n + 1}: broken WARC, the rest of the file is skipped ({e})")
                return
            yield InputError(
                name, f"record {n + 1}: broken WARC record skipped, reading on at byte {resume} ({e})"
            )
            n += 1
            start = last = resume
            stream.seek(resume)
    if n == 0:
        yield InputError(name, "not a WARC file (no records)")


GZIP_MEMBER = b"\x1f\x8b\x08"


def _next_member(stream: IO[bytes], after: int | None) -> int | None:
    """Where the next gzip member begins at or after a position, in a stream that can seek."""
    if after is None or not stream.seekable():
        return None
    stream.seek(after)
    offset, tail = after, b""
    while chunk := stream.read(1 << 20):
        found = (tail + chunk).find(GZIP_MEMBER)
        if found >= 0:
            return offset - len(tail) + found
        tail = chunk[-2:]
        offset += len(chunk)
    return None


def count_warc(path: str) -> int | None:
    """How many response records a WARC file holds (an article or error each, about); None when
    it cannot be read (reading it will say why)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        with open(path, "rb") as f:
            return sum(1 for _ in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=False))
    except (OSError, ValueError):
        return None
