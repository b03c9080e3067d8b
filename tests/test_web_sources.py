"""Web readers: a real HTML page and a real WARC.gz (built from the example articles by
fixtures/make_fixtures.py) read to the same articles, and analyses, as the text files."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path
from typing import Any

import pytest

from dateline import analyze
from dateline.errors import InputError
from dateline.model import Analysis, Article
from dateline.sources import MAX_CHARS, read, read_bytes
from dateline.web_sources import read_html, read_warc

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
PAGE = FIXTURES / "000_c396db100bcdb512.html"
WARC = FIXTURES / "examples.warc.gz"
SITE = "https://news.example"


def analysis_of(a: Analysis) -> dict[str, Any]:
    """What the analysis found, without the article's own fields."""
    d = a.to_dict()
    return {k: d[k] for k in ("published", "entities", "quotes", "times")}


def only_articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_the_fixtures_are_what_make_fixtures_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    (tmp_path / PAGE.with_suffix(".txt").name).write_bytes(PAGE.with_suffix(".txt").read_bytes())
    module.main()
    assert (tmp_path / PAGE.name).read_bytes() == PAGE.read_bytes()
    assert (tmp_path / WARC.name).read_bytes() == WARC.read_bytes()


def test_a_page_reads_to_the_text_files_article_and_analysis() -> None:
    [text] = read([str(PAGE.with_suffix(".txt"))])
    [page] = read([str(PAGE)])
    assert isinstance(text, Article) and isinstance(page, Article)
    assert page.text == text.text and page.id == text.id
    assert page.published == dt.date(2017, 5, 1)  # published, not the later modified date
    assert (page.title, page.url) == ("May Day rallies", f"{SITE}/2017/05/01/may-day-sanctuary")
    assert page.source == str(PAGE)
    assert analysis_of(analyze(page)) == analysis_of(analyze(text))


def test_a_warc_reads_its_html_responses_to_the_examples_articles() -> None:
    items = list(read([str(WARC)]))
    assert [str(i) for i in items if isinstance(i, InputError)] == [f"{WARC}: record 17: no HTML payload"]
    pages = only_articles(items)
    texts = only_articles(list(read([str(EXAMPLES)])))
    assert len(pages) == len(texts) == 5
    for page, text in zip(pages, texts, strict=True):
        assert page.text == text.text.rstrip("\n")
        assert page.published == text.published
    assert pages[1].url == f"{SITE}/local/riverside_library_sundays"  # no canonical link: the target URI
    assert pages[0].url == f"{SITE}/2017/05/01/may-day-sanctuary".replace(
        "2017/05/01/may-day-sanctuary", "local/c396db100bcdb512"
    )
    assert pages[4].published == dt.date(2020, 1, 17)  # no date in the page: the record's date
    assert all(p.source == p.url for p in pages)


def test_a_warc_article_has_the_same_analysis_as_its_text_file() -> None:
    pages = only_articles(list(read([str(WARC)])))
    texts = only_articles(list(read([str(EXAMPLES)])))
    for page, text in zip(pages[:3], texts[:3], strict=True):
        same = Article(text=text.text.rstrip("\n"), published=text.published, source=text.source)
        assert analysis_of(analyze(page)) == analysis_of(analyze(same))


def test_a_truncated_warc_keeps_the_records_before_the_break() -> None:
    data = WARC.read_bytes()
    items = list(read_warc(io.BytesIO(data[:5950]), "crawl.warc.gz", limit=MAX_CHARS))
    assert len(only_articles(items)) == 3
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        "crawl.warc.gz: record 9: truncated (742 of 1,520 bytes)"
    ]


def test_a_corrupt_record_is_one_error_and_reading_goes_on_after_it() -> None:
    data = WARC.read_bytes()
    members = data.split(b"\x1f\x8b\x08")[1:]
    members[4] = members[4][:10] + bytes(20) + members[4][30:]  # record 5 (the second article) garbled
    garbled = b"".join(b"\x1f\x8b\x08" + m for m in members)
    items = list(read_warc(io.BytesIO(garbled), "c.warc.gz", limit=MAX_CHARS))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors[0].startswith("c.warc.gz: record 5: broken WARC record skipped, reading on at byte 3709")
    assert errors[1:] == ["c.warc.gz: record 17: no HTML payload"]  # numbered as in the intact file
    assert len(only_articles(items)) == 4  # of 5


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "x.warc.gz: not a WARC file (no records)"),
        (gzip.compress(b"just some text\n" * 20), "x.warc.gz: not a WARC file (Invalid WARC header)"),
    ],
)
def test_what_is_no_warc_is_one_error(data: bytes, error: str) -> None:
    items = list(read_bytes(data, "x.warc.gz"))
    assert [str(i) for i in items] == [error]


def test_page_errors_and_the_date_option() -> None:
    undated = (
        b"<html><body><article><p>"
        + b"The council met and talked for a long time. " * 8
        + b"</p></article></body></html>"
    )
    assert str(read_html(undated, "a.html", limit=MAX_CHARS)) == "a.html: no date in the page: pass --date"
    dated = read_html(undated, "a.html", date=dt.date(2020, 1, 2), limit=MAX_CHARS)
    assert isinstance(dated, Article) and dated.published == dt.date(2020, 1, 2) and dated.url is None
    assert str(read_html(b"  \n", "b.html", limit=MAX_CHARS)) == "b.html: empty file"
    empty = b"<html><head><title>Nothing</title></head><body></body></html>"
    assert str(read_html(empty, "c.html", limit=MAX_CHARS)) == "c.html: no article text found in the page"
    [override] = read([str(PAGE)], date=dt.date(2017, 5, 3))
    assert isinstance(override, Article) and override.published == dt.date(2017, 5, 3)


def test_a_folder_with_pages_and_crawls_is_read(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_bytes(PAGE.read_bytes())
    (tmp_path / "crawl.warc.gz").write_bytes(WARC.read_bytes())
    (tmp_path / "notes.md").write_text("not read", encoding="utf-8")
    items = list(read([str(tmp_path)]))
    assert len(only_articles(items)) == 6 and len(items) == 7


def test_a_warc_cut_in_a_record_header_is_one_error() -> None:
    data = gzip.decompress(WARC.read_bytes())
    second = data.index(b"WARC-Type: response", data.index(b"WARC-Type: response") + 1)
    items = list(read_warc(io.BytesIO(data[: second + 60]), "crawl.warc", limit=MAX_CHARS))
    assert len(only_articles(items)) == 1
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        "crawl.warc: record 5: incomplete WARC header (no Content-Length)"
    ]


def response(n: int, http: str, body: bytes, *, when: str = "2017-05-01T00:00:00Z") -> bytes:
    """A WARC response record holding an HTTP response."""
    payload = http.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: {when}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        f"WARC-Target-URI: {SITE}/{n}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def test_a_body_that_cannot_be_decoded_is_one_error_and_the_records_after_it_are_read() -> None:
    page = PAGE.read_bytes()
    undated = (
        b"<html><body><article><p>" + b"The council met and talked for a long time. " * 8 + b"</p></article>"
    )
    html = "HTTP/1.1 200 OK\nContent-Type: text/html"
    data = b"".join(
        [
            response(1, html + "\nContent-Encoding: gzip", b"\x1f\x8b\x08\x00" + bytes(40)),
            response(2, html + "\nTransfer-Encoding: chunked", b"zz\r\nnot chunked\r\n"),
            response(3, html + "\nContent-Encoding: gzip", gzip.compress(page)),
            response(4, html + "\nTransfer-Encoding: chunked", b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page)),
            response(5, html, undated, when="2019-02-30T00:00:00Z"),
        ]
    )
    items = list(read_warc(io.BytesIO(data), "x.warc", limit=MAX_CHARS))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [e.split(" (")[0] for e in errors] == [
        "x.warc: record 1: unreadable",
        "x.warc: record 2: unreadable",
        "x.warc: record 5: no date in the page: pass --date",
    ]
    [text] = only_articles(list(read([str(PAGE)])))
    assert [a.text for a in only_articles(items)] == [text.text, text.text]
