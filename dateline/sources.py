"""Readers: dated articles from text files, JSON Lines, web pages, WARC files, directories, globs
and standard input.

`read` turns paths into `Article`s and yields an `InputError` for each input that is not a dated
article, so that a batch goes on past bad inputs. Text is decoded as UTF-8 (a leading byte order
mark is dropped) and otherwise kept exactly as read: CRLF line ends stay, and offsets in an
analysis are character offsets into `Article.text`.

dateline's text format is an optional leading blank, `date YYYY-MM-DD` (or `date: YYYY-MM-DD`)
and the body after one space or on the next line. A JSON Lines file (`.jsonl`, `.ndjson`, or
standard input starting with `{`) holds one article per line: `text`, `published` (a date or an
ISO datetime), and optionally `url`, `title`, `id` and `source`. Web pages (`.html`, `.htm`) and
WARC files (`.warc`, `.warc.gz`) are read by `web_sources`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .model import MAX_CHARS, Article
from .web_sources import HTML_SUFFIXES, count_warc, is_warc, read_html, read_warc

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
READ_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 4 * MAX_CHARS
"""More bytes than any text of MAX_CHARS characters takes in UTF-8: larger inputs are not read."""
STDIN = "-"
STDIN_NAME = "<stdin>"

_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (  # longest first: UTF-32LE's mark begins with UTF-16LE's
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)
_HEADER = re.compile(r"\A\s*date:?[ \t]+(?P<date>\d\S*)(?:[ \t]|\r?\n|\Z)", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GLOB_CHARS = frozenset("*?[")


def parse_date(value: str) -> dt.date:
    """A `YYYY-MM-DD` date; `ValueError` says what is wrong with `value`."""
    if not _DATE.fullmatch(value):
        raise ValueError(f"bad date {value!r}: expected YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"impossible date {value!r}") from None


def _parse_published(value: str) -> dt.date:
    """A JSONL `published` value: a date, or an ISO datetime whose date (as written) is kept."""
    if _DATE.fullmatch(value):
        return parse_date(value)
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        if _DATE.match(value):
            parse_date(value[:10])  # says "impossible date" when that is the trouble
        raise ValueError(f"bad 'published' value {value!r}: expected YYYY-MM-DD or an ISO datetime") from None


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(root: Path) -> Iterator[Path]:
    """Article files under a directory, recursively and sorted; hidden files and folders skipped."""
    found = [
        p
        for p in root.rglob("*")
        if p.is_file() and (p.suffix.lower() in READ_SUFFIXES or is_warc(p.name)) and not _is_hidden(p, root)
    ]
    yield from sorted(found)


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """The files named by paths, in order: files as given, directories walked, globs expanded.

    In a directory only `.txt`, `.text`, `.jsonl`, `.ndjson`, `.html`, `.htm`, `.xhtml`, `.warc`
    and `.warc.gz` files are read, so that a folder can hold gold files and notes beside its
    articles; a file named explicitly is always read.
    """
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from (str(p) for p in _walk(path))
        elif path.exists():
            yield name
        elif _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError(_shown(name), "no files match this pattern")
            yield from expand(matches)
        else:
            yield InputError(_shown(name), "no such file or directory")


def _shown(name: str) -> str:
    """A path as it can be printed and stored: the bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) written as \\xff escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _not_text(head: bytes) -> str | None:
    """Why bytes are not UTF-8 text when the first of them say so: text in UTF-16 or UTF-32 (by
    its byte order mark, or by every other byte being zero), or a binary file."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return f"not UTF-8 text but {encoding} (byte order mark)"
    if b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, chars, encoding in ((odd, even, "UTF-16LE"), (even, odd, "UTF-16BE")):
        if chars and not zeros.strip(b"\x00") and all(c >= 0x20 or c in b"\t\n\r" for c in chars):
            return f"not UTF-8 text but {encoding} (every other byte is zero)"
    return "binary file, not text"


def _decode(data: bytes, name: str, *, line: int | None = None, skipped: int = 0) -> str | InputError:
    """UTF-8 text of some bytes, or the error saying why they are not (`skipped`: bytes before)."""
    why = _not_text(data[:8192])
    if why:
        return InputError(name, why, line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        byte = data[e.start]
        return InputError(
            name, f"not UTF-8 text (byte 0x{byte:02x} at offset {skipped + e.start})", line=line
        )


def _too_large(text: str, name: str, *, line: int | None = None) -> InputError | None:
    if len(text) <= MAX_CHARS:
        return None
    return InputError(name, f"article too large ({len(text):,} characters; limit {MAX_CHARS:,})", line=line)


def read_text(data: bytes, name: str, *, date: dt.date | None = None) -> Article | InputError:
    """One article in dateline's text format (or plain text dated by `date`) from a file's bytes."""
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    data = data[skipped:]
    if not data.strip():
        return InputError(name, "empty file")
    raw = _decode(data, name, skipped=skipped)
    if isinstance(raw, InputError):
        return raw
    text, published = raw, date
    header = _HEADER.match(raw)
    if header:
        text = raw[header.end() :]
        if date is None:
            try:
                published = parse_date(header["date"])
            except ValueError as e:
                return InputError(name, str(e))
        if not text.strip():
            return InputError(name, "no text after the date header")
    if published is None:
        return InputError(name, "no date: add a 'date YYYY-MM-DD' header or pass --date")
    return _too_large(text, name) or Article(text=text, published=published, source=name)


def _surrogate(value: str) -> int | None:
    """Where a string holds an unpaired surrogate (JSON's "\\ud800"), which no UTF-8 can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        return e.start
    return None


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    return str(value)


def read_record(line: bytes, name: str, lineno: int, *, date: dt.date | None = None) -> Article | InputError:
    """One article from one JSON Lines line; `date` fills a missing `published`."""

    def error(reason: str) -> InputError:
        return InputError(name, reason, line=lineno)

    raw = _decode(line, name, line=lineno)
    if isinstance(raw, InputError):
        return raw
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as e:
        return error(f"malformed JSON ({e.msg})")
    if not isinstance(record, dict):
        return error(f"not a JSON object but {type(record).__name__}")
    for key in ("text", "title", "url", "id", "source"):
        value = record.get(key)
        if isinstance(value, str) and (bad := _surrogate(value)) is not None:
            return error(
                f"{key!r} is not valid Unicode (unpaired surrogate {value[bad]!r} at character {bad})"
            )
    text = record.get("text")
    if text is None:
        return error("no 'text' field")
    if not isinstance(text, str):
        return error(f"'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return error("empty 'text' field")
    value = record.get("published")
    if value is None or value == "":
        if date is None:
            return error("no date: add a 'published' field or pass --date")
        published = date
    elif not isinstance(value, str):
        return error(f"bad 'published' value {value!r}: expected YYYY-MM-DD or an ISO datetime")
    else:
        try:
            published = _parse_published(value)
        except ValueError as e:
            return error(str(e))
    source = _optional_str(record, "source") or _optional_str(record, "id") or _optional_str(record, "url")
    return _too_large(text, name, line=lineno) or Article(
        text=text,
        published=published,
        source=source or f"{name}:{lineno}",
        url=_optional_str(record, "url"),
        title=_optional_str(record, "title"),
    )


def read_lines(
    lines: Iterable[bytes], name: str, *, date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines stream, one per non-blank line; none at all is an error."""
    empty = True
    for lineno, line in enumerate(lines, start=1):
        if lineno == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        if line.strip():
            empty = False
            yield read_record(line, name, lineno, date=date)
    if empty:
        yield InputError(name, "empty file")


def _read_stdin(stream: IO[bytes], date: dt.date | None) -> Iterator[Article | InputError]:
    """Standard input: JSON Lines when its first non-blank character is `{`, else one text, read
    no further than the size limit (a pipe has no size to check first)."""
    head: list[bytes] = []
    size = 0
    while size <= MAX_BYTES and (line := stream.readline(MAX_BYTES + 1)):
        head.append(line)
        size += len(line)
        if line.strip():
            break
    first = b"".join(head).lstrip(_BOM).lstrip()
    if first.startswith(b"{") and size <= MAX_BYTES:
        yield from read_lines(chain(head, stream), STDIN_NAME, date=date)
        return
    data = b"".join(head)
    data += stream.read(max(0, MAX_BYTES + 1 - len(data)))
    if len(data) > MAX_BYTES:
        yield InputError(
            STDIN_NAME, f"article too large (over {MAX_BYTES:,} bytes; limit {MAX_CHARS:,} characters)"
        )
    else:
        yield read_text(data, STDIN_NAME, date=date)


def read_bytes(data: bytes, name: str, *, date: dt.date | None = None) -> Iterator[Article | InputError]:
    """The articles in a file's bytes, by the file's name: JSON Lines, web page, WARC or text."""
    suffix = Path(name).suffix.lower()
    if is_warc(name):
        yield from read_warc(io.BytesIO(data), name, date=date, limit=MAX_CHARS)
    elif suffix in JSONL_SUFFIXES:
        if why := _not_text(data[:8192]):
            yield InputError(name, why)
        else:
            yield from read_lines(data.splitlines(keepends=True), name, date=date)
    elif suffix in HTML_SUFFIXES:
        yield read_html(data, name, date=date, limit=MAX_CHARS)
    else:
        yield read_text(data, name, date=date)


def _read_file(name: str, date: dt.date | None) -> Iterator[Article | InputError]:
    path, shown = Path(name), _shown(name)
    try:
        if is_warc(name):
            with path.open("rb") as f:
                yield from read_warc(f, shown, date=date, limit=MAX_CHARS)
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as f:
                if why := _not_text(f.read(8192)):
                    yield InputError(shown, why)
                    return
                f.seek(0)
                yield from read_lines(f, shown, date=date)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:  # over the limit in any encoding: not worth reading into memory
            yield InputError(shown, f"article too large ({size:,} bytes; limit {MAX_CHARS:,} characters)")
            return
        yield from read_bytes(path.read_bytes(), shown, date=date)
    except OSError as e:
        yield InputError(shown, f"cannot read: {e.strerror or e}")


def read(
    paths: Iterable[str], *, date: dt.date | None = None, stdin: IO[bytes] | None = None
) -> Iterator[Article | InputError]:
    """Articles from files, directories, globs and `-` (standard input), in order.

    Each input that is not a dated article yields one `InputError` naming it and the reason;
    reading goes on. `date` dates plain text files, overrides a text header's date, and fills a
    JSON Lines record's missing `published`.
    """
    for name in expand(paths):
        if isinstance(name, InputError):
            yield name
        elif name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, date)
        else:
            yield from _read_file(name, date)


def count(paths: Iterable[str]) -> int | None:
    """How many articles (or errors) `read` will yield for paths, about (a WARC file's response
    records are counted); None when standard input is one."""
    total = 0
    for name in expand(paths):
        if name == STDIN:
            return None
        if isinstance(name, str) and is_warc(name):
            total += count_warc(name) or 1
            continue
        if isinstance(name, str) and Path(name).suffix.lower() in JSONL_SUFFIXES:
            try:
                with open(name, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
