"""Readers: the text header, JSON Lines, directories and stdin; one exact error per bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.errors import InputError
from dateline.model import Article
from dateline.sources import MAX_BYTES, MAX_CHARS, parse_date, read, read_text

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = FIXTURES / "000_c396db100bcdb512.txt"


def split(items: list[Article | InputError]) -> tuple[list[Article], list[str]]:
    return [i for i in items if isinstance(i, Article)], [str(i) for i in items if isinstance(i, InputError)]


def test_the_example_article_reads_to_its_date_and_body() -> None:
    [article] = read([str(EXAMPLE)])
    assert isinstance(article, Article)
    assert article.published == dt.date(2017, 5, 1)
    assert article.text.startswith("Activists are using May Day")
    assert article.text == EXAMPLE.read_text(encoding="utf-8")[len(" date 2017-05-01 ") :]
    assert article.source == str(EXAMPLE)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (" date 2017-05-01 Body.", "Body."),
        ("date: 2017-05-01 Body.", "Body."),
        ("date 2017-05-01\nBody.\n", "Body.\n"),
        ("\n\n  Date: 2017-05-01\nBody.", "Body."),
        ("date 2017-05-01\r\nBody.\r\nMore.", "Body.\r\nMore."),
        ("\ufeffdate 2017-05-01 Body.", "Body."),
        ("date 2017-05-01  Indented.", " Indented."),
        ("date 2017-05-01\n\nAfter a blank line.", "\nAfter a blank line."),
    ],
)
def test_header_is_removed_and_nothing_else_changes(raw: str, text: str) -> None:
    article = read_text(raw.encode("utf-8"), "a.txt")
    assert isinstance(article, Article)
    assert (article.text, article.published) == (text, dt.date(2017, 5, 1))


def test_every_bad_input_is_one_line_and_the_good_ones_are_read(tmp_path: Path) -> None:
    files: dict[str, bytes] = {
        "bad.txt": b"",
        "blank.txt": b" \n\n",
        "good.txt": b"date 2017-05-01 Good.",
        "header.txt": b"date 2017-05-01\n",
        "huge.txt": b"date 2017-05-01 " + b"x" * (MAX_CHARS + 1),
        "img.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin.txt": "date 2017-05-01 Café".encode("latin-1"),
        "nodate.txt": b"Just a body.",
        "slashes.txt": b"date 01/05/2017 Body.",
        "x.txt": b"date 2017-02-30 Body.",
    }
    lines = [
        {"text": "One.", "published": "2017-05-01", "url": "https://example.org/1", "title": "One"},
        {"text": "Two.", "published": "2017-05-02T09:30:00+02:00", "id": "two"},
        '{"text": "Three." "published": "2017-05-03"}',
        {"published": "2017-05-04"},
        "",
        {"text": "No date."},
        {"text": "Bad date.", "published": "2017-02-30"},
        {"text": "Odd date.", "published": "yesterday"},
        ["not", "an", "object"],
        {"text": 5, "published": "2017-05-01"},
        {"text": "y" * (MAX_CHARS + 1), "published": "2017-05-01"},
    ]
    files["a.jsonl"] = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode("utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [*sorted(str(tmp_path / n) for n in files), str(tmp_path / "gone.txt")]
    articles, errors = split(list(read(paths)))
    where = str(tmp_path) + "/"
    assert [e.removeprefix(where) for e in errors] == [
        "a.jsonl:3: malformed JSON (Expecting ',' delimiter)",
        "a.jsonl:4: no 'text' field",
        "a.jsonl:6: no date: add a 'published' field or pass --date",
        "a.jsonl:7: impossible date '2017-02-30'",
        "a.jsonl:8: bad 'published' value 'yesterday': expected YYYY-MM-DD or an ISO datetime",
        "a.jsonl:9: not a JSON object but list",
        "a.jsonl:10: 'text' is int, not a string",
        "a.jsonl:11: article too large (2,000,001 characters; limit 2,000,000)",
        "bad.txt: empty file",
        "blank.txt: empty file",
        "header.txt: no text after the date header",
        "huge.txt: article too large (2,000,001 characters; limit 2,000,000)",
        "img.txt: binary file, not text",
        "latin.txt: not UTF-8 text (byte 0xe9 at offset 19)",
        "nodate.txt: no date: add a 'date YYYY-MM-DD' header or pass --date",
        "slashes.txt: bad date '01/05/2017': expected YYYY-MM-DD",
        "x.txt: impossible date '2017-02-30'",
        "gone.txt: no such file or directory",
    ]
    assert [(a.text, a.published.isoformat()) for a in articles] == [
        ("One.", "2017-05-01"),
        ("Two.", "2017-05-02"),
        ("Good.", "2017-05-01"),
    ]
    one, two = articles[:2]
    assert (one.url, one.title, one.source) == ("https://example.org/1", "One", "https://example.org/1")
    assert two.source == "two"


def test_date_option_dates_plain_text_and_overrides_a_header(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("A plain body.", encoding="utf-8")
    (tmp_path / "dated.txt").write_text("date 2001-01-01 A dated body.", encoding="utf-8")
    (tmp_path / "a.ndjson").write_text(
        '{"text": "No date."}\n{"text": "Dated.", "published": "2001-01-01"}\n', encoding="utf-8"
    )
    day = dt.date(2017, 5, 1)
    articles, errors = split(list(read([str(tmp_path)], date=day)))
    assert errors == []
    assert [(a.text, a.published) for a in articles] == [
        ("No date.", day),
        ("Dated.", dt.date(2001, 1, 1)),  # JSONL: --date only fills a missing 'published'
        ("A dated body.", day),
        ("A plain body.", day),
    ]


def test_directories_are_walked_sorted_without_hidden_or_other_files(tmp_path: Path) -> None:
    for name in ["b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/x.txt", "notes.md", "a.gold.json"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"date 2017-05-01 {name}", encoding="utf-8")
    articles, errors = split(list(read([str(tmp_path)])))
    assert errors == []
    assert [a.text for a in articles] == ["a.txt", "b/1.txt", "b/2.txt"]


def test_globs_expand_sorted_and_an_empty_glob_is_an_error(tmp_path: Path) -> None:
    for name in ["2.txt", "1.txt"]:
        (tmp_path / name).write_text(f"date 2017-05-01 {name}", encoding="utf-8")
    pattern, nothing = str(tmp_path / "*.txt"), str(tmp_path / "*.jsonl")
    articles, errors = split(list(read([pattern, nothing])))
    assert [a.text for a in articles] == ["1.txt", "2.txt"]
    assert errors == [f"{nothing}: no files match this pattern"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"date 2017-05-01 From a pipe.", ["From a pipe."]),
        (
            b'\n{"text": "One.", "published": "2017-05-01"}\n{"text": "Two.", "published": "2017-05-01"}\n',
            ["One.", "Two."],
        ),
    ],
)
def test_standard_input_is_text_or_json_lines(data: bytes, expected: list[str]) -> None:
    articles, errors = split(list(read(["-"], stdin=io.BytesIO(data))))
    assert errors == []
    assert [a.text for a in articles] == expected
    assert {a.source for a in articles} <= {"<stdin>", "<stdin>:2", "<stdin>:3"}


def test_stdin_errors_name_stdin() -> None:
    assert split(list(read(["-"], stdin=io.BytesIO(b"No header.")))) == (
        [],
        ["<stdin>: no date: add a 'date YYYY-MM-DD' header or pass --date"],
    )


def test_parse_date_quotes_the_bad_value() -> None:
    assert parse_date("2016-02-29") == dt.date(2016, 2, 29)
    with pytest.raises(ValueError, match=r"^impossible date '2017-02-29'$"):
        parse_date("2017-02-29")
    with pytest.raises(ValueError, match=r"^bad date '2017-5-1': expected YYYY-MM-DD$"):
        parse_date("2017-5-1")


body_chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


@given(
    lead=st.sampled_from(["", " ", "\n", " \r\n "]),
    colon=st.sampled_from(["", ":"]),
    day=st.dates(min_value=dt.date(1000, 1, 1)),
    sep=st.sampled_from([" ", "\n", "\r\n"]),
    body=st.text(body_chars, min_size=1).filter(lambda s: s.strip() != ""),
)
def test_header_round_trip(lead: str, colon: str, day: dt.date, sep: str, body: str) -> None:
    raw = f"{lead}date{colon} {day.isoformat()}{sep}{body}"
    article = read_text(raw.encode("utf-8"), "a.txt")
    assert isinstance(article, Article)
    assert (article.published, article.text) == (day, body)


@given(st.binary(max_size=200))
def test_any_bytes_give_an_article_or_one_error(data: bytes) -> None:
    result = read_text(data, "any.txt", date=dt.date(2017, 5, 1))
    assert isinstance(result, Article | InputError)
    if isinstance(result, InputError):
        assert str(result).startswith("any.txt: ") and "\n" not in str(result)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("date 2017-05-01 Café.".encode("utf-16"), "a.txt: not UTF-8 text but UTF-16LE (byte order mark)"),
        ("date 2017-05-01 Café.".encode("utf-32"), "a.txt: not UTF-8 text but UTF-32LE (byte order mark)"),
        (
            "date 2017-05-01 Café.".encode("utf-16-le"),
            "a.txt: not UTF-8 text but UTF-16LE (every other byte is zero)",
        ),
        (
            "date 2017-05-01 Body.".encode("utf-16-be"),
            "a.txt: not UTF-8 text but UTF-16BE (every other byte is zero)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "a.txt: binary file, not text"),
    ],
    ids=["utf-16", "utf-32", "utf-16-le", "utf-16-be", "png"],
)
def test_text_in_utf16_or_utf32_is_named_for_what_it_is(data: bytes, error: str) -> None:
    assert str(read_text(data, "a.txt")) == error


def test_empty_or_wide_json_lines_files_are_one_error_each(tmp_path: Path) -> None:
    record = '{"text": "One.", "published": "2017-05-01"}\n'
    files = {
        "blank.jsonl": b" \n\n",
        "empty.ndjson": b"",
        "wide.jsonl": record.encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    articles, errors = split(list(read([str(tmp_path)])))
    assert articles == []
    assert [e.removeprefix(str(tmp_path) + "/") for e in errors] == [
        "blank.jsonl: empty file",
        "empty.ndjson: empty file",
        "wide.jsonl: not UTF-8 text but UTF-16LE (byte order mark)",
    ]


def test_an_unpaired_surrogate_in_a_json_field_is_one_error() -> None:
    lines = (
        b'{"text": "Bad \\ud800 text.", "published": "2017-05-01"}\n'
        b'{"text": "Bad title.", "published": "2017-05-01", "title": "x \\udc80"}\n'
        b'{"text": "A pair \\ud83d\\ude00 is one character.", "published": "2017-05-01"}\n'
    )
    articles, errors = split(list(read(["-"], stdin=io.BytesIO(lines))))
    assert errors == [
        "<stdin>:1: 'text' is not valid Unicode (unpaired surrogate '\\ud800' at character 4)",
        "<stdin>:2: 'title' is not valid Unicode (unpaired surrogate '\\udc80' at character 2)",
    ]
    assert [a.text for a in articles] == ["A pair \U0001f600 is one character."]


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"date 2017-05-01 Body.")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    [article] = read([str(tmp_path)])
    assert isinstance(article, Article)
    assert article.source == f"{tmp_path}/caf\\xe9.txt"
    article.source.encode("utf-8")  # can be printed and stored


def test_a_huge_standard_input_is_one_error_and_is_not_read_whole() -> None:
    stdin = io.BytesIO(b"date 2017-05-01 " + b"x" * (3 * MAX_BYTES))
    assert split(list(read(["-"], stdin=stdin))) == (
        [],
        ["<stdin>: article too large (over 8,000,000 bytes; limit 2,000,000 characters)"],
    )
    assert stdin.tell() == MAX_BYTES + 1
