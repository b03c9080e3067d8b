"""`dateline serve`: the pages, API and downloads over HTTP, and in Debian's chromium driven by
Playwright (headless) on the bundled example articles.

The browser tests write screenshots of the search, person and topic pages to tests/screenshots/
(DATELINE_SCREENSHOTS to change); with DATELINE_DOCS_SCREENSHOT=1 the person page's also goes
to docs/person-page.png, the README's picture.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dateline import Analysis, Article, Entity, Mention, Quote, Role, Speaker, Store, Time, analyze_many, read
from dateline.cli import cli
from dateline.web import create_app, listen
from dateline.web.article import Mark, highlight
from dateline.web.listings import BadRequest, Filters, decode_cursor, encode_cursor
from dateline.web.profiles import Timeline

ROOT = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(os.environ.get("DATELINE_SCREENSHOTS", Path(__file__).parent / "screenshots"))
SANCTUARY_ARTICLE = "390ac4608ed751242904fac1dda9401857c73a7c9597d3e5d1b14eea63b115db"

# Untrusted text in every field a page shows: each would run or add an element if not escaped.
SCRIPT = "<script>window.pwned = 1</script>"
IMG = '<img src="x" onerror="window.pwned = 2">'
HOSTILE_TEXT = f"{SCRIPT} Our <b>bold</b> plan & {IMG}"
HOSTILE_NAME = f"Eve <i>Script</i> {IMG.replace('x', 'y')}"


class Server:
    """The app on a free localhost port in a thread, as `dateline serve` runs it."""

    def __init__(self, db: Path) -> None:
        sock = listen("127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        self.db = db

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "examples.db"
    articles = [a for a in read([str(ROOT / "examples")]) if isinstance(a, Article)]
    with Store(db) as store:
        store.write(analyze_many(articles))
    return db


def hostile_analysis() -> Analysis:
    """An article whose every stored string is HTML: quote, speaker, role, title, URL, time."""
    text = f'"{HOSTILE_TEXT}," said {HOSTILE_NAME} on Monday.'
    name_at = text.index("Eve")
    name = Mention(HOSTILE_NAME, name_at, name_at + len(HOSTILE_NAME))
    eve = Entity("e1", HOSTILE_NAME, "person", (name,), (Role("<u>mayor</u>", f"Town {SCRIPT}"),))
    quote = Quote(
        "direct",
        HOSTILE_TEXT,
        ((1, 1 + len(HOSTILE_TEXT)),),
        Mention("said", text.index("said"), text.index("said") + 4),
        Speaker(HOSTILE_NAME, "e1", name),
        "2024-03-04",
    )
    monday = Time("Monday", text.index("Monday"), text.index("Monday") + 6, "DATE", f"2024-03-04{IMG}")
    article = Article(
        text=text, published=dt.date(2024, 3, 5), source=f"x{SCRIPT}.txt", title=f"Title {SCRIPT}",
        url="javascript:window.pwned=3",
    )  # fmt: skip
    return Analysis(article, (eve,), (quote,), (monday,))


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "hostile.db"
    with Store(db) as store:
        store.write([hostile_analysis()])
    return db


@pytest.fixture(scope="session")
def site(examples_db: Path) -> Iterator[Server]:
    server = Server(examples_db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hostile_site(hostile_db: Path) -> Iterator[Server]:
    server = Server(hostile_db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def client(site: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.url) as http:
        yield http


def sql(db: Path, query: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query, args).fetchall()


def sanctuary_quotes(db: Path) -> set[str]:
    rows = sql(
        db,
        "SELECT q.text FROM quotes q JOIN quotes_fts f ON f.rowid = q.id WHERE quotes_fts MATCH 'sanctuary'",
    )
    return {r[0] for r in rows}


def every_quotation(db: Path) -> int:
    return int(sql(db, "SELECT count(DISTINCT quotation_id) FROM occurrences")[0][0])


# ------------------------------------------------------------------ pure parts


def test_highlight_escapes_every_piece_and_marks_overlaps() -> None:
    text = 'He said "<b>&</b>" on Monday.'
    marks = [
        Mark(8, 18, "quote", label="1: <Bob>", href="/person/1", anchor="q0"),
        Mark(3, 7, "cue"),
        Mark(12, 13, "time", label="<2017>"),
        Mark(25, 99, "time"),  # past the end: clipped
        Mark(-5, -1, "speaker"),  # before the start: dropped
    ]
    out = str(highlight(text, marks))
    assert "<b>" not in out and "&lt;b&gt;" in out and "&lt;Bob&gt;" in out and "&lt;2017&gt;" in out
    assert '<span class="quote time">&amp;</span>' in out and 'id="q0"' in out
    labels = r'<a class="label[^>]*>[^<]*</a>|<span class="label[^>]*>[^<]*</span>'
    assert html.unescape(re.sub(r"<[^>]+>", "", re.sub(labels, "", out))) == text


@given(
    st.text(alphabet=st.sampled_from("ab <>&\"'\n"), max_size=40),
    st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45))),
)
def test_highlight_keeps_the_text_exactly_whatever_the_offsets(
    text: str, spans: list[tuple[int, int]]
) -> None:
    out = str(highlight(text, [Mark(s, e, "quote") for s, e in spans]))
    assert "<" not in re.sub(r"</?span[^>]*>", "", out)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_timeline_fills_every_period_and_picks_its_unit() -> None:
    rows = [("2017-05-01", "2017-05-01", 1, "Diana Sierra"), ("2017-05", "2017-05-20", 1, "Diana Sierra"),
            ("2017-06-13", "2017-06-14", None, "Activists"), ("2017-06-14", "2017-06-14", None, "activists")]  # fmt: skip
    weekly = Timeline.count(rows)
    assert weekly.per == "week" and weekly.periods[0] == "2017-W18" and weekly.periods[-1] == "2017-W24"
    assert len(weekly.periods) == 7  # the weeks with no quote are there, at zero
    chart = weekly.chart()
    assert [s["label"] for s in chart["series"]] == ["Activists", "Diana Sierra"]
    assert chart["series"][1]["data"][:3] == [1, 0, 1]  # "2017-05" counts on its publication date
    monthly = Timeline.count(rows, per="month")
    assert monthly.periods == ["2017-05", "2017-06"] and monthly.rows()[0] == {
        "period": "2017-05", "speaker": "Diana Sierra", "person_id": 1, "quotes": 2,
    }  # fmt: skip
    assert (
        Timeline.count([("2001-01-01", "2001-01-01", 1, "A"), ("2019-01-01", "2019-01-01", 1, "A")]).per
        == "year"
    )
    many = Timeline.count([("2020-01-01", "2020-01-01", i, f"P{i:02d}") for i in range(12)])
    assert [s["label"] for s in many.chart(top=3)["series"]] == ["P00", "P01", "P02", "9 others"]


def test_cursors_and_filters_are_checked() -> None:
    assert decode_cursor(encode_cursor(("2017-05-01", 12))) == ("2017-05-01", 12)
    for bad in ("zzz", encode_cursor(({"a": 1},))):
        with pytest.raises(BadRequest, match="cursor: not a cursor this server gave"):
            decode_cursor(bad)
    assert Filters.parse({"q": " sanctuary ", "since": "2017-05-01"}).query() == {
        "q": "sanctuary",
        "since": "2017-05-01",
    }
    with pytest.raises(BadRequest, match="since: bad date 'May'"):
        Filters.parse({"since": "May"})
    with pytest.raises(BadRequest, match="person: expected a number, got 'x'"):
        Filters.parse({"person": "x"})


def syndicated_store() -> Store:
    """Two outlets carrying the same wire quote, and a third quote of the speaker's own."""
    analyses = []
    for i, (url, day) in enumerate([("https://a.example/x", 3), ("https://www.b.example/y", 4)]):
        text = f'"We will reopen the bridge by March," said Carla Jimenez. Story {i}.'
        name = Mention("Carla Jimenez", text.index("Carla"), text.index("Carla") + 13)
        jimenez = Entity("e1", "Carla Jimenez", "person", (name,))
        quote = Quote(
            "direct",
            "We will reopen the bridge by March,",
            ((1, 36),),
            None,
            Speaker("Carla Jimenez", "e1", name),
            f"2020-01-0{day}",
        )
        article = Article(text=text, published=dt.date(2020, 1, day), source=f"{i}.txt", url=url)
        analyses.append(Analysis(article, (jimenez,), (quote,)))
    store = Store(":memory:")
    store.write(analyses)
    return store


def test_a_syndicated_quotation_is_listed_once_as_first_published() -> None:
    from dateline.web.listings import QUOTES, matching_quotes, page

    store = syndicated_store()
    [row] = page(store.db, QUOTES, Filters(q="bridge")).rows
    assert (row["said_on"], row["outlet"], row["occurrences"]) == ("2020-01-03", "a.example", 2)
    second = store.db.execute("SELECT id FROM articles WHERE url LIKE '%b.example%'").fetchone()[0]
    [copy] = page(store.db, QUOTES, Filters(article=second)).rows
    assert (copy["said_on"], copy["outlet"]) == ("2020-01-04", "b.example")
    # the check for an earlier copy looks copies up by quotation, not by scanning every match
    body, args = matching_quotes(store.db, Filters(q="bridge", speaker="Jimenez"))
    plan = [r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN SELECT q.id {body}", args)]
    assert any("o2 USING COVERING INDEX occurrences_quotation (quotation_id=?)" in step for step in plan), (
        plan
    )


# ------------------------------------------------------------------ over HTTP


def test_search_page_lists_matching_quotes_with_speaker_role_outlet_and_link(
    client: httpx.Client, site: Server
) -> None:
    page = client.get("/", params={"q": "sanctuary"})
    assert page.status_code == 200
    texts = {
        html.unescape(t) for t in re.findall(r'class="quote-link[^"]*" href="[^"]+">([^<]*)</a>', page.text)
    }
    assert texts == sanctuary_quotes(site.db)
    assert (
        "Diana Sierra" in page.text
        and "organizer" in page.text
        and "Pioneer Valley Workers Center" in page.text
    )
    assert f'href="/article/{SANCTUARY_ARTICLE}#q0"' in page.text and "000_c396db100bcdb512.txt" in page.text


@pytest.mark.parametrize(
    ("params", "speakers"),
    [
        ({"speaker": "sierra"}, {"Diana Sierra"}),
        ({"org": "workers center"}, {"Diana Sierra", "Pioneer Valley Workers Center"}),
        ({"q": "sanctuary", "until": "2016-12-31"}, set()),
        (
            {"q": "sanctuary", "since": "2017-05-01", "until": "2017-05-01", "speaker": "Sarno"},
            {"Domenic Sarno"},
        ),
    ],
)
def test_search_filters(client: httpx.Client, params: dict[str, str], speakers: set[str]) -> None:
    rows = client.get("/api/quotes", params={**params, "size": "1000"}).json()["rows"]
    assert {r["speaker"] for r in rows} == speakers


def test_api_cursor_reaches_every_row_and_downloads_hold_them_all(client: httpx.Client, site: Server) -> None:
    seen: list[int] = []
    url: str | None = "/api/quotes?size=7"
    while url:
        body = client.get(url).json()
        assert len(body["rows"]) <= 7
        seen += [r["id"] for r in body["rows"]]
        url = body["next_url"]
    assert len(seen) == len(set(seen)) == every_quotation(site.db)
    download = client.get("/api/quotes.csv")
    assert download.headers["content-disposition"] == 'attachment; filename="dateline-quotes.csv"'
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [int(r["id"]) for r in rows] == seen
    assert [r["id"] for r in client.get("/api/quotes.json").json()] == seen
    people = client.get("/api/people.json").json()
    assert len(people) == sql(site.db, "SELECT count(DISTINCT person_id) FROM quotes")[0][0]


def test_person_page_and_api(client: httpx.Client) -> None:
    found = client.get("/person", params={"name": "Sierra"}, follow_redirects=True)
    assert found.status_code == 200 and found.url.path.startswith("/person/")
    pid = int(found.url.path.rsplit("/", 1)[1])
    assert (
        "organizer" in found.text
        and "Also called" in found.text
        and 'data-chart="person-chart-data"' in found.text
    )
    data = client.get(f"/api/person/{pid}").json()
    assert data["name"] == "Diana Sierra" and data["aliases"] == ["Sierra"]
    assert data["roles"][0] | {"articles": 1} == {
        "role": "organizer", "affiliation": "Pioneer Valley Workers Center",
        "first_seen": "2017-05-01", "last_seen": "2017-05-01", "articles": 1,
    }  # fmt: skip
    assert {"Domenic Sarno", "Marty Nathan"} <= {b["name"] for b in data["quoted_beside"]}
    assert data["chart"]["labels"] == ["2017-W18"] and data["chart"]["series"][0]["data"] == [data["quotes"]]
    assert client.get("/api/roles.csv", params={"person": pid}).text.startswith("role,affiliation,first_seen")


def test_article_page_marks_quotes_speakers_and_times(client: httpx.Client, site: Server) -> None:
    page = client.get(f"/article/{SANCTUARY_ARTICLE}").text
    quotes = sql(site.db, "SELECT count(*) FROM quotes WHERE article_id = ?", SANCTUARY_ARTICLE)[0][0]
    assert page.count('class="label quote ') == quotes > 10 and 'id="q0"' in page
    assert '<a class="label quote direct" href="/person/' in page and ": Diana Sierra</a>" in page
    assert '<span class="label time">2017-02</span>' in page and "PXH" in page


def test_bad_requests_are_one_clear_message(client: httpx.Client) -> None:
    assert client.get("/api/quotes", params={"since": "soon"}).json() == {
        "error": "since: bad date 'soon': expected YYYY-MM-DD"
    }
    assert client.get("/api/quotes", params={"size": "0"}).status_code == 400
    assert client.get("/api/beside.csv").json() == {"error": "the beside list needs person"}
    assert client.get("/api/nothing").status_code == 404
    missing = client.get("/person/99999")
    assert missing.status_code == 404 and "No person with id 99999." in missing.text
    assert client.get("/", params={"until": "2017-13-01"}).status_code == 400


def test_pages_fetch_nothing_from_elsewhere_and_forbid_inline_scripts(client: httpx.Client) -> None:
    page = client.get("/topic", params={"q": "sanctuary"})
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'self' covers it
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert not re.search(r'(src|href)="(https?:)?//', page.text)
    assert client.get("/static/chart.umd.min.js").text.startswith("/*!\n * Chart.js v4")


def test_untrusted_text_is_escaped_everywhere(hostile_site: Server) -> None:
    with httpx.Client(base_url=hostile_site.url) as http:
        pid = http.get("/api/people").json()["rows"][0]["id"]
        article = http.get("/api/quotes").json()["rows"][0]["article_id"]
        for path in ["/?q=bold", "/people", f"/person/{pid}", "/topic?q=bold", f"/article/{article}"]:
            page = http.get(path).text
            assert "window.pwned" in page, path  # the text is there ...
            assert "<script>window" not in page and "<img" not in page and "<b>" not in page, (
                path
            )  # ... as text
            assert "javascript:" not in page, path
        assert '"<script>window.pwned = 1</script> Our <b>bold</b>' in http.get("/api/quotes.json").text


def test_serve_command(examples_db: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "dateline", "serve", "--db", str(examples_db), "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.fullmatch(r"Serving .* on (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", line)
        assert url, line
        assert "Diana Sierra" in httpx.get(url[1] + "people", timeout=10).text
    finally:
        process.terminate()
        process.wait(timeout=10)
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"Error: {tmp_path / 'none.db'}: no such database (run 'dateline ingest' first)\n",
    )
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(cli, ["serve", "--db", str(examples_db), "--port", str(port)])
    assert (
        busy.exit_code == 1
        and busy.stderr == f"Error: cannot listen on 127.0.0.1:{port} (Address already in use)\n"
    )


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_browser_search_for_sanctuary_lists_the_articles_quotes(page: Any, site: Server) -> None:
    page.goto(site.url + "/")
    page.fill("form.search input[name=q]", "sanctuary")
    page.click("form.search button")
    page.wait_for_url("**/?q=sanctuary*")
    shown = set(page.locator("a.quote-link").all_inner_texts())
    assert shown == sanctuary_quotes(site.db) and len(shown) >= 4
    page.locator("a.quote-link").first.click()
    page.wait_for_url(f"**/article/{SANCTUARY_ARTICLE}#q*")
    assert page.locator(".article-text .quote").count() > 0
    page.go_back()
    screenshot(page, "search")
    assert page.errors == []


def test_browser_person_page_shows_quotes_role_and_affiliation(page: Any, site: Server) -> None:
    page.goto(site.url + "/people")
    page.click("text=Diana Sierra")
    page.wait_for_selector("canvas[data-rendered]")
    assert page.inner_text("h1") == "Diana Sierra"
    assert page.inner_text("tr.role-row td.role") == "organizer"
    assert page.inner_text("tr.role-row td.affiliation") == "Pioneer Valley Workers Center"
    quotes = set(page.locator("section.said a.quote-link").all_inner_texts())
    expected = sql(
        site.db,
        "SELECT q.text FROM quotes q JOIN people p ON p.id = q.person_id WHERE p.name = 'Diana Sierra'",
    )
    assert quotes == {r[0] for r in expected} and len(quotes) == 3
    screenshot(page, "person")
    if os.environ.get("DATELINE_DOCS_SCREENSHOT"):
        page.screenshot(path=ROOT / "docs" / "person-page.png", full_page=True)
    assert page.errors == []


def test_browser_topic_chart_renders(page: Any, site: Server) -> None:
    page.goto(site.url + "/topic?q=sanctuary")
    canvas = page.wait_for_selector("canvas[data-rendered]")
    drawn = page.evaluate(
        """() => {
            const canvas = document.querySelector('#topic-chart');
            const chart = Chart.getChart(canvas);
            const blank = document.createElement('canvas');
            blank.width = canvas.width; blank.height = canvas.height;
            return {series: chart.data.datasets.map(d => d.label), bars: chart.getDatasetMeta(0).data.length,
                    painted: canvas.toDataURL() !== blank.toDataURL(), height: canvas.height};
        }"""
    )
    assert drawn["painted"] and drawn["bars"] >= 1 and drawn["height"] > 100
    assert {"Diana Sierra", "Domenic Sarno"} <= set(drawn["series"])
    assert canvas.bounding_box()["height"] > 100
    headings = page.locator("section.group h3 a").all_inner_texts()
    assert "Diana Sierra" in headings
    screenshot(page, "topic")
    assert page.errors == []


def test_browser_csv_download_has_every_row(page: Any, site: Server, tmp_path: Path) -> None:
    page.goto(site.url + "/?size=5")
    assert page.locator("a.quote-link").count() == 5 and page.locator("a[rel=next]").count() == 1
    with page.expect_download() as download:
        page.click("p.downloads >> text=CSV")
    saved = tmp_path / "quotes.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert len(rows) == every_quotation(site.db) and len({r["id"] for r in rows}) == len(rows)
    assert {r["text"] for r in rows} >= sanctuary_quotes(site.db)


def test_browser_shows_untrusted_html_as_text(page: Any, hostile_site: Server) -> None:
    pid = sql(hostile_site.db, "SELECT id FROM people")[0][0]
    article = sql(hostile_site.db, "SELECT id FROM articles")[0][0]
    for path in ["/?q=bold", f"/person/{pid}", "/topic?q=bold", f"/article/{article}"]:
        page.goto(hostile_site.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.pwned") is None, path
        assert page.locator("img, b, i, u").count() == 0, path
        scripts = page.evaluate("() => [...document.scripts].map(s => s.src.split('/').pop() || s.type)")
        assert set(scripts) <= {"chart.umd.min.js", "dateline.js", "application/json"}, path
        assert SCRIPT in page.inner_text("main"), path
    # the quote, then the label naming its speaker, each character as stored
    [(speaker,)] = sql(
        hostile_site.db,
        "SELECT coalesce(p.name, q.speaker_name) FROM quotes q LEFT JOIN people p ON p.id = q.person_id",
    )
    assert page.inner_text(".article-text").startswith(f'"{HOSTILE_TEXT}1: {speaker},"')


def test_csv_download_neutralises_formulas() -> None:
    from dateline.web.app import _csv

    rows = iter([{"text": '=HYPERLINK("http://evil.example")', "speaker": "@Eve", "count": -3}])
    got = list(csv.DictReader(io.StringIO("".join(_csv(("text", "speaker", "count"), rows)))))
    assert got == [{"text": '\'=HYPERLINK("http://evil.example")', "speaker": "'@Eve", "count": "-3"}]
