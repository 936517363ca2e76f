"""pipeline.render.feed: a language's articles → an Atom feed (RFC 4287), parsed back with lxml."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

from lxml import etree

from pipeline.render.feed import ATOM_NAMESPACE, Feed, FeedEntry, entry_date, render_feed, site_identifier

ATOM = {"a": ATOM_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BUILT = datetime(2025, 11, 25, tzinfo=UTC)


def entry(**changes: Any) -> FeedEntry:
    base = FeedEntry(
        id=site_identifier("de/a.html"),
        url="https://x.example/de/a.html",
        title="Ein <b>Titel</b> & mehr",
        summary='Ein "Vorspann" <script>',
        updated=datetime(2026, 3, 14, tzinfo=UTC),
        authors=("Alan Mestassi", "Martin Prouvost"),
        lang="de",
    )
    return dataclasses.replace(base, **changes)


def feed(*entries: FeedEntry, **changes: Any) -> Feed:
    base = Feed(
        id=site_identifier("de/feed.xml"),
        url="https://x.example/de/feed.xml",
        home_url="https://x.example/",
        title="Rennes Métropole (Deutsch)",
        lang="de",
        authors=("Rennes Métropole",),
        entries=entries,
        built=BUILT,
    )
    return dataclasses.replace(base, **changes)


def parse(data: bytes) -> Any:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def one(element: Any, path: str) -> Any:
    (found,) = element.findall(path, ATOM)
    return found


def test_the_feed_has_rfc_4287s_required_elements_once_each() -> None:
    root = parse(render_feed(feed(entry())))
    assert root.tag == f"{{{ATOM_NAMESPACE}}}feed" and root.get(XML_LANG) == "de"
    assert one(root, "a:id").text == site_identifier("de/feed.xml")
    assert one(root, "a:title").text == "Rennes Métropole (Deutsch)"
    assert one(root, "a:updated").text == "2026-03-14T00:00:00Z"
    assert one(root, "a:author/a:name").text == "Rennes Métropole"
    self_link = one(root, "a:link[@rel='self']")
    assert self_link.get("href") == "https://x.example/de/feed.xml"
    assert self_link.get("type") == "application/atom+xml"
    assert one(root, "a:link[@rel='alternate']").get("href") == "https://x.example/"


def test_an_entry_has_id_title_updated_authors_link_summary_and_its_language() -> None:
    item = one(parse(render_feed(feed(entry()))), "a:entry")
    assert item.get(XML_LANG) == "de"
    assert one(item, "a:id").text.startswith("urn:uuid:")
    assert one(item, "a:updated").text == "2026-03-14T00:00:00Z"
    assert [name.text for name in item.findall("a:author/a:name", ATOM)] == [
        "Alan Mestassi",
        "Martin Prouvost",
    ]
    link = one(item, "a:link[@rel='alternate']")
    assert (link.get("href"), link.get("type"), link.get("hreflang")) == (
        "https://x.example/de/a.html",
        "text/html",
        "de",
    )


def test_titles_and_summaries_are_text_never_markup() -> None:
    data = render_feed(feed(entry()))
    assert b"<b>" not in data and b"<script>" not in data
    item = one(parse(data), "a:entry")
    assert one(item, "a:title").text == "Ein <b>Titel</b> & mehr"
    assert one(item, "a:summary").text == 'Ein "Vorspann" <script>'
    assert one(item, "a:title").get("type") is None  # Atom's default, text


def test_the_feed_is_as_recent_as_its_latest_entry_and_an_empty_one_as_the_build() -> None:
    older = entry(id=site_identifier("de/b.html"), updated=datetime(2024, 1, 2, tzinfo=UTC))
    assert one(parse(render_feed(feed(older, entry()))), "a:updated").text == "2026-03-14T00:00:00Z"
    assert one(parse(render_feed(feed())), "a:updated").text == "2025-11-25T00:00:00Z"


def test_an_article_without_lead_or_writer_has_no_empty_summary_or_author() -> None:
    item = one(parse(render_feed(feed(entry(summary="", authors=())))), "a:entry")
    assert item.find("a:summary", ATOM) is None and item.find("a:author", ATOM) is None


def test_the_date_comes_from_the_front_matter_else_the_build() -> None:
    assert entry_date(date(2026, 3, 14), BUILT) == datetime(2026, 3, 14, tzinfo=UTC)
    assert entry_date(datetime(2026, 3, 14, 9, 30), BUILT) == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert entry_date(None, BUILT) == BUILT


def test_ids_depend_on_the_place_in_the_site_not_on_its_address() -> None:
    moved = render_feed(
        feed(entry(url="https://elsewhere.example/de/a.html"), url="https://elsewhere.example/")
    )
    assert one(one(parse(moved), "a:entry"), "a:id").text == site_identifier("de/a.html")
    assert site_identifier("de/a.html") != site_identifier("en/a.html")


def test_the_same_feed_gives_the_same_bytes() -> None:
    data = render_feed(feed(entry()))
    assert data == render_feed(feed(entry()))
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
    )
    assert data.endswith(b"</feed>\n")
